package build

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"clinicgen/generator/internal/diag"
)

// placeholderKinds returns one diagnostic per kind of placeholder still in
// config.yaml (PLACEHOLDER text, 555-01xx numbers, .example addresses,
// TODO), placed at its first line: what `build` says, where `check` lists
// every line. They are warnings, or errors for a production build that
// did not pass --allow-placeholders: fictional facts must not reach
// visitors of the real site.
func (p *Project) placeholderKinds() diag.List {
	var out diag.List
	count := map[string]int{}
	first := map[string]diag.Diagnostic{}
	var order []string
	for _, d := range p.placeholders() {
		k := placeholderKind(d.Msg)
		if count[k] == 0 {
			first[k] = d
			order = append(order, k)
		}
		count[k]++
	}
	refuse := p.production() && !p.opt.AllowPlaceholders
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

// production reports whether this build is for the real site: asked for
// with --production, or a baseURL that is not a local or reserved
// example/test host.
func (p *Project) production() bool {
	if p.opt.Production {
		return true
	}
	return !PlaceholderHost(p.Config.BaseURL)
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
