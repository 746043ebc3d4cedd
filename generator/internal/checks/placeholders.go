package checks

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"clinicgen/generator/internal/diag"
)

// PlaceholderKinds returns one diagnostic per kind of placeholder among
// ds (what Placeholders found: PLACEHOLDER text, 555-01xx numbers,
// .example addresses, TODO), placed at its first line: what `build` says,
// where `check` lists every line. They are warnings, or errors when
// refuse (a production build that did not pass --allow-placeholders):
// fictional facts must not reach visitors of the real site.
func PlaceholderKinds(ds diag.List, refuse bool) diag.List {
	var out diag.List
	count := map[string]int{}
	first := map[string]diag.Diagnostic{}
	var order []string
	for _, d := range ds {
		k := placeholderKind(d.Msg)
		if count[k] == 0 {
			first[k] = d
			order = append(order, k)
		}
		count[k]++
	}
	for _, k := range order {
		d := first[k]
		n := count[k]
		if n > 1 {
			d.Msg += fmt.Sprintf(" (and %d more %s; `check` lists them all)", n-1, plural(n-1, "line", "lines"))
		}
		if refuse {
			d.Severity = diag.Error
			d.Fix = "a production build publishes no placeholders: " + d.Fix + ", or build with --allow-placeholders"
		}
		out = append(out, d)
	}
	return out
}

// placeholderKind groups placeholder warnings: the baseURL one stands alone.
func placeholderKind(msg string) string {
	if strings.HasPrefix(msg, "baseURL") {
		return "baseURL"
	}
	return msg
}

// PlaceholderHost reports whether a base URL's host is local (localhost,
// a loopback address) or a reserved example or test name (RFC 2606:
// .example, .test, .invalid, .localhost, example.com/.net/.org).
func PlaceholderHost(base string) bool {
	u, err := url.Parse(base)
	if err != nil {
		return true
	}
	h := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if h == "" || h == "localhost" {
		return true
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	for _, tld := range []string{".example", ".test", ".invalid", ".localhost"} {
		if strings.HasSuffix(h, tld) {
			return true
		}
	}
	for _, d := range []string{"example.com", "example.net", "example.org"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}
