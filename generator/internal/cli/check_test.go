package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// writeSite lays out files in root with the repository's theme (layouts/
// and assets/).
func writeSite(t *testing.T, root string, files map[string]string) {
	t.Helper()
	repo := filepath.Join("..", "..", "..")
	for _, dir := range []string{"layouts", "assets"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func testEnv(stdout, stderr io.Writer) *Env {
	return &Env{
		Stdout: stdout, Stderr: stderr,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
	}
}

// decodeStrict decodes one check document, refusing unknown fields and
// trailing data.
func decodeStrict(t *testing.T, data []byte) CheckJSON {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc CheckJSON
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not a check document: %v\n%s", err, data)
	}
	if dec.More() {
		t.Fatalf("more than one JSON document:\n%s", data)
	}
	return doc
}

// checkInvariants holds for every check document.
func checkInvariants(t *testing.T, doc CheckJSON) {
	t.Helper()
	errs, warns := 0, 0
	for _, d := range doc.Diagnostics {
		switch d.Severity {
		case "error":
			errs++
		case "warning":
			warns++
		default:
			t.Errorf("diagnostic with severity %q: %+v", d.Severity, d)
		}
		if d.Path == "" || d.Message == "" {
			t.Errorf("diagnostic without a path or a message: %+v", d)
		}
		if d.Source != "" && d.Line > 0 && d.Col < 1 {
			t.Errorf("diagnostic quoting a line has no column: %+v", d)
		}
	}
	if doc.Counts != (JSONCounts{Errors: errs, Warnings: warns}) {
		t.Errorf("counts %+v, but the diagnostics hold %d errors and %d warnings", doc.Counts, errs, warns)
	}
	for i, p := range doc.Pages {
		if i > 0 && doc.Pages[i-1].Path >= p.Path {
			t.Errorf("pages not sorted by path: %s before %s", doc.Pages[i-1].Path, p.Path)
		}
		if (p.Grade == nil && p.Perspicuity == nil) == (p.NotMeasured == nil) || p.Grade != nil && p.Perspicuity != nil {
			t.Errorf("%s: exactly one of grade, perspicuity and notMeasured must be set: %+v", p.Path, p)
		}
		off := p.Grade != nil && *p.Grade > doc.MaxGrade || p.Perspicuity != nil && *p.Perspicuity < doc.MinPerspicuity
		if p.AboveTarget != off || p.AboveTarget != (len(p.Hardest) > 0) {
			t.Errorf("%s: aboveTarget %v does not agree with grade and hardest: %+v", p.Path, p.AboveTarget, p)
		}
		if !strings.HasPrefix(p.URL, "/") || p.Words < 0 || (p.Words > 0) != (p.ReadingMinutes > 0) {
			t.Errorf("%s: bad figures %+v", p.Path, p)
		}
	}
	for _, s := range doc.Skipped {
		if (s.When == nil) != (s.Reason == "draft") {
			t.Errorf("%s: when %v for reason %q", s.Path, s.When, s.Reason)
		}
		if s.When != nil {
			if _, err := time.Parse(time.RFC3339, *s.When); err != nil {
				t.Errorf("%s: when is not RFC 3339: %v", s.Path, err)
			}
		}
	}
}

// TestCheckJSONGolden validates the golden JSON of the check script: it is
// one document of the documented shape, and its counts and figures agree.
func TestCheckJSONGolden(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", "check.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name != "check.json" {
			continue
		}
		doc := decodeStrict(t, f.Data)
		checkInvariants(t, doc)
		if len(doc.Pages) == 0 || len(doc.Diagnostics) == 0 || len(doc.Skipped) == 0 {
			t.Errorf("the golden document should show pages, diagnostics and skipped pages: %+v", doc)
		}
		return
	}
	t.Fatal("check.txtar has no check.json")
}

const hardProse = `Medication management appointments are available for patients with chronic conditions.
Our telemedicine services provide convenient consultations with experienced providers.
Vaccinations are administered according to recommendations from public health authorities.
Please call us with questions.
`

const easyProse = `Peer support groups meet every week. A trained peer leads each group.
You can join at any time, and it is free.

Call the clinic to save your place. Bring a friend if you like.
`

// TestCheckJSON runs check --format json on a site and reads the figures
// back: the hard page is above the target with its hardest sentences, the
// easy one is not, a short page is not measured and says why.
func TestCheckJSON(t *testing.T) {
	root := t.TempDir()
	fm := "---\ntitle: %s\ndate: 2026-01-02\ndescription: d\nauthor: ed\nreviewedBy: ed\nlastReviewed: 2026-11-01\n---\n"
	writeSite(t, root, map[string]string{
		"config.yaml":               "title: T\nreadability: {maxGrade: 7.5}\nclinic: {name: T}\npeople: [{id: ed, name: Ed}]\n",
		"content/articles/hard.md":  strings.Replace(fm, "%s", "Hard", 1) + hardProse,
		"content/articles/easy.md":  strings.Replace(fm, "%s", "Easy", 1) + easyProse,
		"content/articles/draft.md": "---\ntitle: Draft\ndraft: true\n---\nText.\n",
		"content/about.md":          "---\ntitle: About\ndescription: d\n---\n- one\n- two\n",
	})
	var out, errOut bytes.Buffer
	if code := testEnv(&out, &errOut).Run([]string{"check", "--source", root, "--format", "json"}); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	doc := decodeStrict(t, out.Bytes())
	checkInvariants(t, doc)
	if doc.MaxGrade != 7.5 {
		t.Errorf("maxGrade = %v, want 7.5", doc.MaxGrade)
	}
	got := map[string]JSONPage{}
	for _, p := range doc.Pages {
		got[p.Path] = p
	}
	hard := got["content/articles/hard.md"]
	if hard.Grade == nil || *hard.Grade != 16.2 || !hard.AboveTarget || len(hard.Hardest) != 3 ||
		hard.Hardest[0].Text != "Our telemedicine services provide convenient consultations with experienced providers." {
		t.Errorf("hard page: %+v", hard)
	}
	easy := got["content/articles/easy.md"]
	if easy.Grade == nil || *easy.Grade != 0.3 || easy.AboveTarget || easy.URL != "/articles/easy/" || easy.Words != 35 {
		t.Errorf("easy page: %+v", easy)
	}
	about := got["content/about.md"]
	if about.Grade != nil || about.NotMeasured == nil || *about.NotMeasured != "fewer than 30 words of prose" {
		t.Errorf("about page: %+v", about)
	}
	wantSkipped := []JSONSkip{{Path: "content/articles/draft.md", Line: 3, Reason: "draft"}}
	if diff := cmp.Diff(wantSkipped, doc.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	var grades []string
	for _, d := range doc.Diagnostics {
		if d.Code == "readability-grade" {
			grades = append(grades, d.Path)
			if d.Line != 10 || d.Col != 1 {
				t.Errorf("readability warning at %d:%d, want 10:1 (the hardest sentence)", d.Line, d.Col)
			}
		}
	}
	if diff := cmp.Diff([]string{"content/articles/hard.md"}, grades); diff != "" {
		t.Errorf("readability warnings (-want +got):\n%s", diff)
	}
}

// TestCheckJSONNoConfig: even a site that cannot be loaded gives one
// well-formed document, and exit 1.
func TestCheckJSONNoConfig(t *testing.T) {
	var out bytes.Buffer
	if code := testEnv(&out, io.Discard).Run([]string{"check", "--source", t.TempDir(), "--format", "json"}); code != ExitContent {
		t.Fatalf("exit %d, want %d", code, ExitContent)
	}
	doc := decodeStrict(t, out.Bytes())
	checkInvariants(t, doc)
	if doc.Counts.Errors == 0 || doc.Pages == nil || doc.Skipped == nil {
		t.Errorf("document: %+v", doc)
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args       []string
		wantPos    []string
		wantSource string
		wantCode   int
	}{
		{[]string{"article", "Flu shots"}, []string{"article", "Flu shots"}, ".", -1},
		{[]string{"--source", "s", "article", "Flu"}, []string{"article", "Flu"}, "s", -1},
		{[]string{"article", "Flu", "--source", "s"}, []string{"article", "Flu"}, "s", -1},
		{[]string{"article", "--source=s", "Flu", "shots"}, []string{"article", "Flu", "shots"}, "s", -1},
		{[]string{"article", "--", "-5 tips", "--source"}, []string{"article", "-5 tips", "--source"}, ".", -1},
		{[]string{"article", "Flu", "--bogus"}, nil, ".", ExitUsage},
		{[]string{"--help"}, nil, ".", ExitOK},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			env := testEnv(io.Discard, io.Discard)
			fs := env.flagSet("new")
			source := fs.String("source", ".", "")
			pos, code := env.parseInterspersed(fs, "new", tt.args)
			if code != tt.wantCode {
				t.Fatalf("code = %d, want %d", code, tt.wantCode)
			}
			if code >= 0 {
				return
			}
			if diff := cmp.Diff(tt.wantPos, pos); diff != "" {
				t.Errorf("arguments (-want +got):\n%s", diff)
			}
			if *source != tt.wantSource {
				t.Errorf("--source = %q, want %q", *source, tt.wantSource)
			}
		})
	}
}
