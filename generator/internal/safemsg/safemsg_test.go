package safemsg

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const (
	committed  = `"died by suicide"`
	commit     = `"die by suicide" or "take their own life"`
	survived   = `"survived a suicide attempt" or "suicide attempt"`
	stigma     = "is stigmatising wording"
	achieve    = "presents suicide as an achievement"
	failure    = "presents surviving as a failure"
	sensation  = "is sensationalising wording"
	risingRate = `"rising rates of suicide"`
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name, body string
		firstLine  int
		want       []Finding
	}{
		{"committed", "He committed suicide.", 1,
			[]Finding{{1, 4, "committed suicide", committed, stigma}}},
		{"capitals and first line", "Committed Suicide is the old wording.", 10,
			[]Finding{{10, 1, "Committed Suicide", committed, stigma}}},
		{"commit", "People who commit suicide are often in pain.", 1,
			[]Finding{{1, 12, "commit suicide", commit, stigma}}},
		{"commits", "When someone commits suicide,", 1,
			[]Finding{{1, 14, "commits suicide", `"dies by suicide" or "takes their own life"`, stigma}}},
		{"committing", "thoughts of committing suicide", 1,
			[]Finding{{1, 13, "committing suicide", `"dying by suicide" or "ending their life"`, stigma}}},
		{"across a line break", "Her son committed\n  suicide last year.", 5,
			[]Finding{{5, 9, "committed suicide", committed, stigma}}},
		{"not across a blank line", "He committed\n\nsuicide", 1, nil},
		{"misspelt commited", "He commited suicide.", 1,
			[]Finding{{1, 4, "commited suicide", committed, stigma}}},
		{"misspelt comitted", "He comitted suicide.", 1,
			[]Finding{{1, 4, "comitted suicide", committed, stigma}}},
		{"misspelt comited", "He comited suicide.", 1,
			[]Finding{{1, 4, "comited suicide", committed, stigma}}},
		{"misspelt commiting", "thoughts of commiting suicide", 1,
			[]Finding{{1, 13, "commiting suicide", `"dying by suicide" or "ending their life"`, stigma}}},
		{"misspelt sucide", "He committed sucide.", 1,
			[]Finding{{1, 4, "committed sucide", committed, stigma}}},
		{"misspelling as a modifier", "comitted suicide prevention advocates", 1, nil},
		{"column counts runes", "Él — committed suicide", 1,
			[]Finding{{1, 6, "committed suicide", committed, stigma}}},
		{"successful suicide", "a successful suicide", 1,
			[]Finding{{1, 3, "successful suicide", committed, achieve}}},
		{"successful suicide attempt", "a successful suicide attempt", 1,
			[]Finding{{1, 3, "successful suicide attempt", committed, achieve}}},
		{"successful attempt about suicide", "Her third suicide attempt was a successful attempt.", 1,
			[]Finding{{1, 33, "successful attempt", committed, achieve}}},
		{"successful attempt elsewhere", "A successful attempt at the marathon.", 1, nil},
		{"completed suicide", "rates of completed suicides", 1,
			[]Finding{{1, 10, "completed suicides", committed, achieve}}},
		{"failed attempt about suicide", "He survived a failed attempt to take his own life.", 1,
			[]Finding{{1, 15, "failed attempt", survived, failure}}},
		{"unsuccessful suicide attempts", "after two unsuccessful suicide attempts", 1,
			[]Finding{{1, 11, "unsuccessful suicide attempts", survived, failure}}},
		{"failed suicide", "a failed suicide", 1,
			[]Finding{{1, 3, "failed suicide", survived, failure}}},
		{"failed attempt elsewhere", "A failed attempt to log in locks the account.", 1, nil},
		{"failed attempt to log in on a page about suicide", "Suicide is preventable.\n\nA failed attempt to log in.", 1, nil},
		{"failed attempt, page about suicide", "It was a failed\nattempt.\n\nSuicide is preventable.", 1,
			[]Finding{{1, 10, "failed attempt", survived, failure}}},
		{"failed attempt, page not about suicide", "The first try was a failed attempt.", 1, nil},
		{"suicide epidemic", "the Suicide Epidemic", 1,
			[]Finding{{1, 5, "Suicide Epidemic", risingRate, sensation}}},
		{"epidemic of suicides", "an epidemic of suicides", 1,
			[]Finding{{1, 4, "epidemic of suicides", risingRate, sensation}}},
		{"suicide victim", "each suicide victim", 1,
			[]Finding{{1, 6, "suicide victim", `"person who died by suicide"`, stigma}}},
		{"victims of suicide", "victims of suicide", 1,
			[]Finding{{1, 1, "victims of suicide", `"people who died by suicide"`, stigma}}},
		{"chose to end", "She chose to end her life.", 1,
			[]Finding{{1, 5, "chose to end her life", `"died by suicide" or "took her own life"`, "presents suicide as a free choice"}}},
		{"decided to take their own life", "He decided to take his own\nlife.", 1,
			[]Finding{{1, 4, "decided to take his own life", `"died by suicide" or "took his own life"`, "presents suicide as a free choice"}}},
		{"blockquote continuation", "> He committed\n> suicide.", 1,
			[]Finding{{1, 6, "committed suicide", committed, stigma}}},
		{"two on a line, in order", "A suicide victim, who committed suicide.", 1, []Finding{
			{1, 3, "suicide victim", `"person who died by suicide"`, stigma},
			{1, 23, "committed suicide", committed, stigma},
		}},
		// No false positives.
		{"suicide prevention", "Suicide prevention saves lives.", 1, nil},
		{"suicide attempt survivors", "Our group welcomes suicide attempt survivors.", 1, nil},
		{"committed to suicide prevention", "We are committed to suicide prevention.", 1, nil},
		{"committed suicide prevention advocate", "She is a committed suicide prevention advocate.", 1, nil},
		{"completed suicide prevention training", "Staff completed suicide prevention training.", 1, nil},
		{"died by suicide", "He died by suicide. She took her own life.", 1, nil},
		{"suicide attempt", "After a suicide attempt, support helps.", 1, nil},
		{"word boundaries", "recommitted suicide, suicidewatch, unsuccessfully attempted, éfailed suicide", 1, nil},
		{"after a dash", "He—committed suicide", 1,
			[]Finding{{1, 4, "committed suicide", committed, stigma}}},
		// Skipped parts.
		{"fenced code", "```\ncommitted suicide\n```\nText.", 1, nil},
		{"tilde fence with info", "~~~ text\ncommitted suicide\n~~~", 1, nil},
		{"indented fence in a list", "- Item\n\n    ```\n    committed suicide\n    ```", 1, nil},
		{"unclosed fence runs to the end", "```\ncommitted suicide", 1, nil},
		{"after a closed fence", "```\nx\n```\ncommitted suicide", 1,
			[]Finding{{4, 1, "committed suicide", committed, stigma}}},
		{"inline code", "Never write `committed suicide` or ``commit suicide``.", 1, nil},
		{"unmatched backtick is text", "A ` then committed suicide", 1,
			[]Finding{{1, 10, "committed suicide", committed, stigma}}},
		{"HTML comment", "<!-- committed suicide -->", 1, nil},
		// Degenerate input.
		{"empty", "", 1, nil},
		{"first line below 1", "committed suicide", 0,
			[]Finding{{1, 1, "committed suicide", committed, stigma}}},
		{"invalid UTF-8", "\xff committed suicide \xfe", 1,
			[]Finding{{1, 3, "committed suicide", committed, stigma}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]byte(tt.body), tt.firstLine)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%q) mismatch (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

// TestDiagnosticsGolden lints a whole article (front matter, blockquote,
// code, comment) and compares the diagnostics, as JSON, with a golden file.
// Run with -update to rewrite it after a deliberate change.
func TestDiagnosticsGolden(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	const path = "content/articles/talking-about-suicide.md"
	got := Diagnostics(path, src, 5) // the body starts after the front matter
	var b strings.Builder
	if err := diag.JSON(&b, got); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "article.golden.json")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
	}
	// The golden file must stay meaningful: every line it names holds the
	// phrase it quotes.
	var ds []struct {
		Severity, Message, Fix, Source, Code string
		Line                                 int
	}
	if err := json.Unmarshal(want, &ds); err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Fatal("golden file holds no diagnostics")
	}
	for _, d := range ds {
		if d.Code != Code || d.Severity != "warning" || !strings.HasSuffix(d.Fix, "(safe messaging guidelines)") {
			t.Errorf("unexpected diagnostic form: %+v", d)
		}
		firstWord := strings.Fields(strings.SplitN(d.Message, `"`, 3)[1])[0]
		if !strings.Contains(strings.ToLower(d.Source), strings.ToLower(firstWord)) {
			t.Errorf("line %d: source %q does not hold %q", d.Line, d.Source, firstWord)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	src := []byte("---\ntitle: committed suicide\n---\nHe committed suicide.\n")
	tests := []struct {
		name     string
		bodyLine int
		want     diag.List
	}{
		{"body after the front matter", 4, diag.List{{
			Severity: diag.Warning, Path: "a.md", Line: 4, Col: 4,
			Msg:    `"committed suicide" is stigmatising wording`,
			Fix:    `write "died by suicide" (safe messaging guidelines)`,
			Source: "He committed suicide.",
			Code:   "safe-messaging",
		}}},
		{"whole file", 0, diag.List{
			{Severity: diag.Warning, Path: "a.md", Line: 2, Col: 8,
				Msg: `"committed suicide" is stigmatising wording`, Fix: `write "died by suicide" (safe messaging guidelines)`,
				Source: "title: committed suicide", Code: "safe-messaging"},
			{Severity: diag.Warning, Path: "a.md", Line: 4, Col: 4,
				Msg: `"committed suicide" is stigmatising wording`, Fix: `write "died by suicide" (safe messaging guidelines)`,
				Source: "He committed suicide.", Code: "safe-messaging"},
		}},
		{"body line past the end", 9, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Diagnostics("a.md", src, tt.bodyLine)); diff != "" {
				t.Errorf("Diagnostics mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"", "He committed suicide.", "```\ncommitted suicide", "` `` ```", "<!--", "a failed\nattempt\n\nsuicide",
		"> chose to end\n> their own\n> lives", "\xffcommitted\r\n suicide",
	} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, body string, first int) {
		fs := Check([]byte(body), first)
		for i, x := range fs {
			if x.Line < 1 || x.Col < 1 || x.Phrase == "" || x.Suggestion == "" || x.Why == "" {
				t.Fatalf("bad finding %+v", x)
			}
			if i > 0 && (x.Line < fs[i-1].Line || x.Line == fs[i-1].Line && x.Col <= fs[i-1].Col) {
				t.Fatalf("findings out of order: %+v", fs)
			}
		}
		Diagnostics("x.md", []byte(body), first)
	})
}

// The title, description, summary and imageAlt are checked too, at their
// front matter line; other keys and the closing --- are not.
func TestFrontMatter(t *testing.T) {
	src := []byte("---\ntitle: When a son commited suicide\ndate: 2026-01-02\ndescription: >\n  How families cope after\n  a suicide epidemic.\nsummary: A failed suicide attempt.\nimageAlt: Flowers for a suicide victim\nauthor: committed suicide\n---\n")
	lines := map[string]int{"title": 2, "date": 3, "description": 4, "summary": 7, "imageAlt": 8, "author": 9}
	var got []string
	for _, d := range FrontMatter("content/articles/x.md", src, lines) {
		got = append(got, d.Error()+" | "+d.Source)
	}
	want := []string{
		`content/articles/x.md:2:19: "commited suicide" in title is stigmatising wording; write "died by suicide" (safe messaging guidelines) | title: When a son commited suicide`,
		`content/articles/x.md:6:5: "suicide epidemic" in description is sensationalising wording; write "rising rates of suicide" (safe messaging guidelines) |   a suicide epidemic.`,
		`content/articles/x.md:7:12: "failed suicide attempt" in summary presents surviving as a failure; write "survived a suicide attempt" or "suicide attempt" (safe messaging guidelines) | summary: A failed suicide attempt.`,
		`content/articles/x.md:8:25: "suicide victim" in imageAlt is stigmatising wording; write "person who died by suicide" (safe messaging guidelines) | imageAlt: Flowers for a suicide victim`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FrontMatter (-want +got):\n%s", diff)
	}
}
