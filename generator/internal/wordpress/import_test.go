package wordpress

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// importFixture imports testdata/export.xml with testdata/uploads and
// returns the files (Markdown text, or "copy of <upload>") and the report.
func importFixture(t *testing.T, opt Options) (map[string]string, *Report) {
	t.Helper()
	data, err := os.ReadFile("testdata/export.xml")
	if err != nil {
		t.Fatal(err)
	}
	if opt.Location == nil {
		loc, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		opt.Location = loc
	}
	imp, err := Index(bytes.NewReader(data), opt)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	err = imp.Import(bytes.NewReader(data), func(f File) error {
		if _, dup := files[f.Path]; dup {
			t.Errorf("%s emitted twice", f.Path)
		}
		if f.From != "" {
			files[f.Path] = "copy of " + f.From + "\n"
		} else {
			files[f.Path] = string(f.Data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, &imp.Report
}

// TestGolden compares the whole import of the fixture, Markdown and
// report, with testdata/golden.txtar (go test -update rewrites it).
func TestGolden(t *testing.T) {
	files, rep := importFixture(t, Options{Uploads: os.DirFS("testdata/uploads"), People: map[string]bool{"clinic-editorial-team": true}})
	var ar txtar.Archive
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		ar.Files = append(ar.Files, txtar.File{Name: n, Data: []byte(files[n])})
	}
	j, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	people, _ := json.MarshalIndent(struct {
		People    []Person
		Redirects []Redirect
	}{rep.People, rep.Redirects}, "", "  ")
	ar.Files = append(ar.Files, txtar.File{Name: "report.json", Data: append(j, '\n')}, txtar.File{Name: "people-and-redirects.json", Data: append(people, '\n')})
	got := txtar.Format(&ar)
	golden := filepath.Join("testdata", "golden.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("import differs from %s (go test -update rewrites it after review):\n%s", golden, diffLines(string(want), string(got)))
	}
}

func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "first difference at line " + strconv.Itoa(i+1) + ":\nwant: " + a + "\ngot:  " + b
		}
	}
	return ""
}

// TestNoUploads: without --uploads every image is listed as missing and
// left out; with KeepRemoteImages it stays as a link to the old site.
func TestNoUploads(t *testing.T) {
	files, rep := importFixture(t, Options{})
	if len(rep.NeedAlt) != 0 || rep.ImagesCopied != 0 {
		t.Errorf("no uploads: %d need alt, %d copied", len(rep.NeedAlt), rep.ImagesCopied)
	}
	if len(rep.MissingImages) < 5 || !strings.Contains(rep.MissingImages[0].Text, "no --uploads given") {
		t.Errorf("missing images: %+v", rep.MissingImages)
	}
	if md := files["content/articles/flu-shots.md"]; strings.Contains(md, "![") {
		t.Errorf("an image without its file was kept:\n%s", md)
	}
	for p := range files {
		if !strings.HasSuffix(p, ".md") {
			t.Errorf("%s written without --uploads", p)
		}
	}

	files, _ = importFixture(t, Options{KeepRemoteImages: true})
	md := files["content/about/team/nurses.md"]
	if !strings.Contains(md, "](https://clinic.example.org/wp-content/uploads/2021/06/nurse-station.jpg)") {
		t.Errorf("--keep-remote-images did not keep the old URL:\n%s", md)
	}
}
