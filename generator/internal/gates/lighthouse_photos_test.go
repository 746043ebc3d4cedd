package gates

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clinicgen/generator/internal/browsertest"
	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/sitetest"
)

// TestLighthousePhotos: an article showing three phone-sized photos (made
// here, 3000×2000 JPEGs) scores at least 95 for performance, the issue's
// gate for photos: resized copies with srcset and sizes, width and
// height, lazy loading after the first. The other categories score 100
// as on the sample site.
func TestLighthousePhotos(t *testing.T) {
	repo := sitetest.RepoRoot(t)
	node, ok := program("node", "nodejs")
	requireTool(t, ok, "node", "apt-get install -y nodejs")
	cli := (&fixture{repo: repo}).npmTool(t, "lighthouse", "cli/index.js")
	chrome := browsertest.Path(t)

	root := t.TempDir()
	for _, d := range []string{"content", "layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(root, d), os.DirFS(filepath.Join(repo, d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "config.yaml"), cfg, 0o644)
	// The caregivers article, with a photo after its first, third and
	// fifth paragraphs.
	md := filepath.Join(root, "content", "articles", "peer-support-for-caregivers.md")
	src, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(src), "\n\n")
	alts := []string{"Two caregivers talking on a bench", "A support group in a circle of chairs", "A caregiver resting with a cup of tea"}
	for i, at := range []int{1, 3, 5} {
		name := fmt.Sprintf("caregivers-%d.jpg", i+1)
		parts[at] += fmt.Sprintf("\n\n![%s](%s)", alts[i], name)
		if err := os.WriteFile(filepath.Join(filepath.Dir(md), name), phonePhoto(t, 3000, 2000, uint64(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(md, []byte(strings.Join(parts, "\n\n")), 0o644)

	srv := httptest.NewUnstartedServer(nil)
	defer srv.Close()
	url := "http://" + srv.Listener.Addr().String()
	dir := filepath.Join(root, "public")
	res := build.Run(root, dir, build.Options{BaseURL: url + "/", Now: sitetest.Now(), Compress: true})
	if res.Diags.HasErrors() {
		t.Fatalf("build failed:\n%s", res.Diags.Err())
	}
	page := "/articles/peer-support-for-caregivers/"
	html, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page), "index.html"))
	if n := bytes.Count(html, []byte("caregivers-1-480w.jpg")); n == 0 || !bytes.Contains(html, []byte("caregivers-3")) {
		t.Fatalf("the article does not show the photos with srcset:\n%s", html)
	}
	rules, err := readHeaderRules(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = staticHost{dir: dir, rules: rules}
	srv.Start()

	var r lhReport
	for attempt := 1; attempt <= 3; attempt++ {
		if r, err = runLighthouse(t, node, cli, chrome, url+page); err == nil {
			break
		}
		t.Logf("lighthouse %s, attempt %d: %v", page, attempt, err)
	}
	if err != nil {
		t.Fatalf("lighthouse %s: %v", page, err)
	}
	score := func(name string) int {
		c, ok := r.Categories[name]
		if !ok || c.Score == nil {
			t.Errorf("lighthouse reported no %s score", name)
			return 0
		}
		return int(*c.Score*100 + 0.5)
	}
	perf := score("performance")
	t.Logf("lighthouse %s %s with three photos: performance %d", r.LighthouseVersion, page, perf)
	if perf < 95 {
		var lost []string
		for _, ref := range r.Categories["performance"].AuditRefs {
			if a := r.Audits[ref.ID]; ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
				lost = append(lost, fmt.Sprintf("\t%s (score %.2f, weight %g): %s", ref.ID, *a.Score, ref.Weight, a.DisplayValue))
			}
		}
		t.Errorf("performance %d, want at least 95; audits that lost points:\n%s", perf, strings.Join(lost, "\n"))
	}
	for _, name := range gatedCategories {
		if s := score(name); s != 100 {
			t.Errorf("%s score %d, want 100", name, s)
		}
	}
}

// phonePhoto is a w×h JPEG (quality 90) of gradients with noise, which
// compresses like a photo.
func phonePhoto(t *testing.T, w, h int, seed uint64) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(seed, 7))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(20))
			img.SetRGBA(x, y, color.RGBA{uint8(x*180/w) + n, uint8(y*160/h) + n, uint8(120+seed*40) + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
