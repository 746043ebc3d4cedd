package headers_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestDeployDocGoVersion keeps the Go version docs/deploy.md tells hosts
// to install (netlify.toml's GO_VERSION, the Cloudflare Pages variable)
// equal to go.mod's go directive: a host with an older Go cannot build.
func TestDeployDocGoVersion(t *testing.T) {
	mod, err := os.ReadFile("../../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	want := string(m[1])
	doc, err := os.ReadFile("../../../docs/deploy.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("GO_VERSION = \"([^\"]*)\"|`GO_VERSION`\\s+with\\s+the\\s+value\\s+`([^`]*)`|`go.mod`\\s+names,\\s+([0-9][0-9.]*[0-9])")
	found := re.FindAllStringSubmatch(string(doc), -1)
	if len(found) != 3 {
		t.Fatalf("docs/deploy.md: found %d Go versions (netlify.toml, Cloudflare Pages, the go.mod sentence), want 3", len(found))
	}
	for _, f := range found {
		got := strings.Join(f[1:], "")
		if got != want {
			t.Errorf("docs/deploy.md: %q names Go %s; go.mod says %s", f[0], got, want)
		}
	}
}
