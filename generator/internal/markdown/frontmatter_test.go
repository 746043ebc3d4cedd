package markdown

import (
	"slices"
	"strings"
	"testing"
	"time"

	"clinicgen/generator/internal/diag"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const testPath = "content/articles/x.md"

// h1Msg and h1Fix are the Warning for a # heading in the body.
const (
	h1Msg = "the title is the page's only h1, so this heading is shown as h2"
	h1Fix = "use ## for sections (every heading of this page is shown one level lower)"
)

// errAt and warnAt build the expected diagnostics; Source is checked
// separately (TestDiagnosticSource) so the tables stay readable.
func errAt(line int, code, msg, fix string) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Path: testPath, Line: line, Code: code, Msg: msg, Fix: fix}
}

// withCol sets the column: the caret goes under the value that needs quotes.
func withCol(d diag.Diagnostic, col int) diag.Diagnostic { d.Col = col; return d }

func warnAt(line int, code, msg, fix string) diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Warning, Path: testPath, Line: line, Code: code, Msg: msg, Fix: fix}
}

var ignoreSource = cmpopts.IgnoreFields(diag.Diagnostic{}, "Source")

type fmCase struct {
	name    string
	src     string
	loc     *time.Location
	wantNil bool // Doc must be nil (the file is unusable)
	want    diag.List
	check   func(t *testing.T, d *Doc)
}

// newYork is the site zone; without zone data a fixed zone serves as well,
// so the table (and FuzzParse's seeds) never skip.
func newYork() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		return time.FixedZone("EST", -5*3600)
	}
	return loc
}

// frontMatterCases are the front matter table; FuzzParse uses the inputs
// as seeds.
func frontMatterCases(t testing.TB) []fmCase {
	ny := newYork()
	date := func(s string, loc *time.Location) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const fixDate = "write it as 2024-05-01, or 2024-05-01 14:30"
	return []fmCase{
		{
			name: "minimal",
			src:  "---\ntitle: Flu shots\n---\nBody.\n",
			check: func(t *testing.T, d *Doc) {
				if d.FM.Title != "Flu shots" || d.BodyLine != 4 || string(d.FrontSrc) != "---\ntitle: Flu shots\n---\n" {
					t.Errorf("got title %q, body line %d, front %q", d.FM.Title, d.BodyLine, d.FrontSrc)
				}
				if diff := cmp.Diff(map[string]int{"title": 2}, d.FM.Lines); diff != "" {
					t.Errorf("Lines (-want +got):\n%s", diff)
				}
				if string(d.HTML) != "<p>Body.</p>\n" {
					t.Errorf("HTML = %q", d.HTML)
				}
			},
		},
		{
			name: "closing line may have trailing spaces and no newline",
			src:  "---  \ntitle: T\n---   ",
			check: func(t *testing.T, d *Doc) {
				if d.FM.Title != "T" || len(d.HTML) != 0 || d.BodyLine != 4 {
					t.Errorf("got %q, HTML %q, body line %d", d.FM.Title, d.HTML, d.BodyLine)
				}
			},
		},
		{
			// goldmark-meta v1.1.0 ends the block at "  -": without the
			// rewrite, draft would be lost and "draft: true" would be body text.
			name: "empty list item does not close the block",
			src:  "---\ntitle: T\ntags:\n  -\n  - flu\ndraft: true\n---\nBody.\n",
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff([]string{"flu"}, d.FM.Tags); diff != "" {
					t.Errorf("Tags (-want +got):\n%s", diff)
				}
				if !d.FM.Draft || string(d.HTML) != "<p>Body.</p>\n" || d.BodyLine != 8 {
					t.Errorf("draft %v, HTML %q, body line %d", d.FM.Draft, d.HTML, d.BodyLine)
				}
				if diff := cmp.Diff(map[string]int{"title": 2, "tags": 3, "draft": 6}, d.FM.Lines); diff != "" {
					t.Errorf("Lines (-want +got):\n%s", diff)
				}
				if !strings.Contains(string(d.FrontSrc), "\n  -\n") {
					t.Errorf("FrontSrc must quote the file as written: %q", d.FrontSrc)
				}
			},
		},
		{
			name: "empty list items after a nested mapping and at the key's indent",
			src: "---\ntitle: T\nparams:\n  hours:\n    - days: [Mon]\n      opens: x\n    -   \n" +
				"aliases:\n-\n- /old/\n---\nBody on line 12 has a # heading\n\n# H1\n",
			want: diag.List{
				{Severity: diag.Warning, Path: testPath, Line: 14, Col: 1, Code: "heading-h1",
					Msg: h1Msg, Fix: h1Fix},
			},
			check: func(t *testing.T, d *Doc) {
				want := map[string]any{"hours": []any{map[string]any{"days": []any{"Mon"}, "opens": "x"}, nil}}
				if diff := cmp.Diff(want, d.FM.Params); diff != "" {
					t.Errorf("Params (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff([]string{"/old/"}, d.FM.Aliases); diff != "" {
					t.Errorf("Aliases (-want +got):\n%s", diff)
				}
			},
		},
		{
			name:    "dash-only line inside a block of text",
			src:     "---\ntitle: T\ndescription: |\n  First line\n  -\n  last\n---\nBody\n",
			wantNil: true,
			want: diag.List{errAt(5, "frontmatter-dashes",
				"a line of only dashes inside a block of text would end the front matter early",
				"add words to that line, or write the value as one quoted string")},
		},
		{
			name:    "stray dashes",
			src:     "---\ntitle: T\n--\ntags: [a]\n  ---\n---\nBody\n",
			wantNil: true,
			want: diag.List{
				errAt(3, "frontmatter-dashes", "a line of only dashes inside the front matter",
					"remove it; if it was meant to end the front matter, write exactly ---"),
				errAt(5, "frontmatter-dashes", "a line of only dashes inside the front matter",
					"remove it; if it was meant to end the front matter, write exactly ---"),
			},
		},
		{
			// goldmark-meta also trims \r, \v and \f, so this line would end its block.
			name:    "dashes with unusual spaces",
			src:     "---\ntitle: T\ntags:\n  -\u00a0\n  ---\f\n---\n",
			wantNil: true,
			want: diag.List{
				errAt(5, "frontmatter-control", "front matter line has an invisible form feed or vertical tab character",
					"delete it (retype the line if you cannot see it)"),
			},
		},
		{
			name: "folded text in a list item",
			src:  "---\ntitle: T\nparams:\n  notes:\n    - >-\n      --x\n    -\n---\n",
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff(map[string]any{"notes": []any{"--x", nil}}, d.FM.Params); diff != "" {
					t.Errorf("Params (-want +got):\n%s", diff)
				}
			},
		},
		{
			name:    "lone dash outside a list",
			src:     "---\ntitle: T\n-\n---\n",
			wantNil: true,
			want: diag.List{errAt(3, "frontmatter-dashes", "a line of only dashes inside the front matter",
				"remove it; if it was meant to end the front matter, write exactly ---")},
		},
		{
			name: "BOM is stripped",
			src:  "\uFEFF---\ntitle: T\n---\nBody\n",
			check: func(t *testing.T, d *Doc) {
				if d.FM.Title != "T" || string(d.FrontSrc) != "---\ntitle: T\n---\n" {
					t.Errorf("title %q, front %q", d.FM.Title, d.FrontSrc)
				}
			},
		},
		{
			name: "CRLF keeps line numbers",
			src:  "---\r\ntitle: T\r\ndate: soon\r\n---\r\nBody\r\n\r\n# H1\r\n",
			want: diag.List{
				errAt(3, "frontmatter-date", `date "soon" is not a date`, fixDate),
				{Severity: diag.Warning, Path: testPath, Line: 7, Col: 1, Code: "heading-h1",
					Msg: h1Msg, Fix: h1Fix},
			},
			check: func(t *testing.T, d *Doc) {
				if string(d.HTML) != "<p>Body</p>\n<h2 id=\"h1\">H1</h2>\n" || d.BodyLine != 5 {
					t.Errorf("HTML %q, body line %d", d.HTML, d.BodyLine)
				}
			},
		},
		{
			// YAML reads a lone CR as a line break, so "\r---" would start a
			// second YAML document and hide draft; as a line break everywhere
			// the file reads the same to YAML, goldmark and the editor.
			name: "lone CR is a line break",
			src:  "---\rtitle: T\rdraft: true\r---\rBody\r\r# H1\r",
			want: diag.List{{Severity: diag.Warning, Path: testPath, Line: 7, Col: 1, Code: "heading-h1",
				Msg: h1Msg, Fix: h1Fix}},
			check: func(t *testing.T, d *Doc) {
				if !d.FM.Draft || d.BodyLine != 5 {
					t.Errorf("draft %v, body line %d", d.FM.Draft, d.BodyLine)
				}
			},
		},
		{
			// goldmark takes "\v" for a blank line that ends the block.
			name:    "form feed or vertical tab in the front matter",
			src:     "---\ntitle: T\n\v\ndraft: true\n---\nBody\n",
			wantNil: true,
			want: diag.List{errAt(3, "frontmatter-control",
				"front matter line has an invisible form feed or vertical tab character",
				"delete it (retype the line if you cannot see it)")},
		},
		{
			name: "BOM and CRLF together",
			src:  "\uFEFF---\r\ntitle: T\r\n---\r\n\r\n## A\r\n\r\n#### B\r\n",
			want: diag.List{{Severity: diag.Warning, Path: testPath, Line: 7, Col: 1, Code: "heading-skip",
				Msg: "heading jumps from h2 to h4", Fix: "use ### here, so screen readers can follow the outline"}},
		},
		{
			name:    "blank lines before the front matter",
			src:     "\n\n---\ntitle: T\n---\nBody\n",
			wantNil: true,
			want: diag.List{errAt(3, "frontmatter-start", "front matter must start on the very first line",
				"delete the blank lines above ---")},
		},
		{
			name:    "indented opening line",
			src:     " ---\ntitle: T\n---\n",
			wantNil: true,
			want: diag.List{errAt(1, "frontmatter-start", "the front matter must start with a line of exactly ---",
				"remove the spaces before ---")},
		},
		{
			name:    "no front matter",
			src:     "# Flu shots\n\nBody\n",
			wantNil: true,
			want: diag.List{errAt(1, "frontmatter-missing", "file has no front matter, so the page has no title",
				"start the file with a line ---, then title: Your title, then another line ---")},
		},
		{
			name:    "TOML front matter",
			src:     "+++\ntitle = 'T'\n+++\n",
			wantNil: true,
			want: diag.List{errAt(1, "frontmatter-toml", "TOML front matter (+++) is not supported",
				"write the front matter as YAML between two lines of ---")},
		},
		{
			name:    "front matter never closes",
			src:     "---\ntitle: T\n\nBody text\n",
			wantNil: true,
			want: diag.List{errAt(1, "frontmatter-unclosed", "front matter never closes",
				"add a line with only --- after the last field")},
		},
		{
			name:    "empty file",
			src:     "",
			wantNil: true,
			want: diag.List{errAt(0, "empty-file", "file is empty",
				"start it with front matter (---, title: ..., ---) followed by the text")},
		},
		{
			name:    "whitespace-only file",
			src:     "\uFEFF \n\t\r\n\n",
			wantNil: true,
			want: diag.List{errAt(0, "empty-file", "file is empty",
				"start it with front matter (---, title: ..., ---) followed by the text")},
		},
		{
			name:    "not UTF-8",
			src:     "---\ntitle: T\n---\nok\nna\xefve\n",
			wantNil: true,
			want: diag.List{{Severity: diag.Error, Path: testPath, Line: 5, Col: 3, Code: "not-utf8",
				Msg: "file is not UTF-8 text", Fix: "save it as UTF-8"}},
		},
		{
			name:    "YAML error at the real file line",
			src:     "---\ntitle: T\ndescription: x\nsummary: Diabetes: what to know\n---\nBody\n",
			wantNil: true,
			want: diag.List{withCol(errAt(4, "frontmatter-yaml",
				`front matter is not valid YAML: the value holds ": ", which YAML reads as another key`,
				`put the value in quotes (title: "Diabetes: what to know"), or start a setting that belongs inside another on its own line, indented under it`), 10)},
		},
		{
			// yaml.v2 names no line for a problem on the block's first
			// line: it is file line 2, not line 1.
			name:    "YAML error on the first front matter line",
			src:     "---\ntitle: Flu: what to know\n---\nBody\n",
			wantNil: true,
			want: diag.List{withCol(errAt(2, "frontmatter-yaml",
				`front matter is not valid YAML: the value holds ": ", which YAML reads as another key`,
				`put the value in quotes (title: "Diabetes: what to know"), or start a setting that belongs inside another on its own line, indented under it`), 8)},
		},
		{
			// meta.Get would return a nil map here and the page would
			// silently lose its title; TryGet's error must surface.
			name:    "YAML error is not swallowed",
			src:     "---\ntitle: T\ntags:\n  - a\n - b\n---\nBody\n",
			wantNil: true,
			want: diag.List{errAt(5, "frontmatter-yaml",
				"front matter is not valid YAML: this line's indentation does not match the lines above it",
				"start keys at the same level in the same column, and list items (- …) in the same column")},
		},
		{
			// yaml.v2 notices it at the end of the block (line 3); it
			// starts at the quote on line 2.
			name:    "unclosed quote",
			src:     "---\ntitle: \"T\ndate: 2024-05-01\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(2, "frontmatter-yaml",
				`front matter is not valid YAML: the quote " opened here is never closed on this line`,
				`end the value with " on the same line, or leave out the quote`), 8)},
		},
		{
			name:    "unclosed single quote, noticed lines later",
			src:     "---\ntitle: T\ndescription: 'Flu shots\ndate: 2024-05-01\nauthor: x\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(3, "frontmatter-yaml",
				`front matter is not valid YAML: the quote ' opened here is never closed on this line`,
				`end the value with ' on the same line, or leave out the quote`), 14)},
		},
		{
			name:    "text after the closing quote",
			src:     "---\ntitle: \"Flu\" shots\ndate: 2024-05-01\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(2, "frontmatter-yaml",
				"front matter is not valid YAML: text follows the closing quote",
				`put the whole value in quotes, e.g. title: '"Flu" shots for adults'`), 8)},
		},
		{
			name:    "tab indentation",
			src:     "---\ntitle: T\ntags:\n\t- a\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(4, "frontmatter-yaml",
				"front matter is not valid YAML: the line is indented with a tab",
				"indent with spaces, never tabs"), 1)},
		},
		{
			// yaml.v2 notices it on the next key, line 7.
			name:    "missing ] on tags",
			src:     "---\ntitle: T\ndate: 2024-05-01\nauthor: x\ndescription: d\ntags: [flu, vaccines\nweight: 3\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(6, "frontmatter-yaml",
				"front matter is not valid YAML: the list opened with [ is never closed",
				"end the list on the same line with ], e.g. tags: [flu, vaccines]"), 7)},
		},
		{
			name:    "missing } on params",
			src:     "---\ntitle: T\nparams: {a: 1\nauthor: x\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(3, "frontmatter-yaml",
				"front matter is not valid YAML: the map opened with { is never closed",
				"end it on the same line with }, e.g. geo: {latitude: 38.9, longitude: -76.9}"), 9)},
		},
		{
			// yaml.v2 notices it on line 6.
			name:    "missing : after description",
			src:     "---\ntitle: T\ndate: 2024-05-01\nauthor: x\ndescription the page\nweight: 3\n---\n",
			wantNil: true,
			want: diag.List{errAt(5, "frontmatter-yaml",
				"front matter is not valid YAML: this line has no colon after its key",
				"write the key, a colon and a space, then the value, e.g. description: …")},
		},
		{
			// yaml.v2 reads the two lines as one key and complains
			// about the colon on line 3.
			name:    "missing : before another key",
			src:     "---\ntitle Flu shots\ndescription: d\n---\n",
			wantNil: true,
			want: diag.List{errAt(2, "frontmatter-yaml",
				"front matter is not valid YAML: this line has no colon after its key",
				"write the key, a colon and a space, then the value, e.g. title: …")},
		},
		{
			name:    "indented under a key with a value",
			src:     "---\ntitle: T\n  date: 2024-05-01\n---\n",
			wantNil: true,
			want: diag.List{errAt(3, "frontmatter-yaml",
				"front matter is not valid YAML: this line is indented under a key that already has a value",
				"start it in the same column as the keys above it, or put the value in quotes if it goes on from the line above")},
		},
		{
			name:    "reserved first character",
			src:     "---\ntitle: T\ndescription: *New* hours\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(3, "frontmatter-yaml",
				"front matter is not valid YAML: a value starts with a character YAML reserves (* & @ ` % !)",
				`put the value in quotes, e.g. title: "*New* hours"`), 14)},
		},
		{
			name:    "alias to an unknown anchor",
			src:     "---\ntitle: T\ndescription: *important\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(3, "frontmatter-yaml",
				"front matter is not valid YAML: a value starts with a character YAML reserves (* & @ ` % !)",
				`put the value in quotes, e.g. title: "*New* hours"`), 14)},
		},
		{
			name:    "value starting with a backtick",
			src:     "---\ntitle: `go run` explained\n---\n",
			wantNil: true,
			want: diag.List{withCol(errAt(2, "frontmatter-yaml",
				"front matter is not valid YAML: a value starts with a character YAML reserves (* & @ ` % !)",
				`put the value in quotes, e.g. title: "*New* hours"`), 8)},
		},
		{
			name:    "front matter is a list",
			src:     "---\n- title\n- T\n---\n",
			wantNil: true,
			want: diag.List{errAt(2, "frontmatter-yaml",
				"front matter must be key: value lines, not a list or a single value",
				"write one key: value per line, e.g. title: Flu shots for adults")},
		},
		{
			name:    "duplicate key",
			src:     "---\ntitle: A\ndate: 2024-05-01\ntitle: B\n---\n",
			wantNil: true,
			want: diag.List{errAt(4, "frontmatter-duplicate",
				`front matter key "title" appears twice (lines 2 and 4)`, "keep only one of them")},
		},
		{
			name: "empty front matter has no title",
			src:  "---\n---\nBody\n",
			want: diag.List{errAt(1, "frontmatter-title", "front matter has no title",
				"add a line title: Your page title between the --- lines")},
		},
		{
			name: "empty title",
			src:  "---\ntitle: \"  \"\nauthor:\n---\n",
			want: diag.List{errAt(2, "frontmatter-title", "title is empty", "write the page title after title:")},
		},
		{
			name: "Hugo and Jekyll front matter",
			src: "---\ntitle: From Hugo\nexpirydate: 2024-06-01\nlastMod: 2024-05-02\nPublishDate: 2024-05-01\n" +
				"authors: [ana, ben, ana]\naliases: /old-url/\ncategories: health news\npermalink: /2024/05/x/\n" +
				"layout: post\nweight: 4\npublished: false\nexcerpt: Short.\ntoc: true\n---\nBody\n",
			loc: ny,
			want: diag.List{
				warnAt(8, "frontmatter-list", "categories is one piece of text, read as words separated by spaces, as Jekyll does",
					"write categories as a list: categories: [health, news]"),
				warnAt(9, "frontmatter-foreign", `"permalink" (a Jekyll key) is ignored: the page's address comes from its file name, slug or url`,
					"remove it; to keep an old address write url: /old/path/, or aliases: [/old/path/] to redirect it"),
				warnAt(14, "frontmatter-foreign", `"toc" (a Hugo or Jekyll key) is not used by this site and is ignored`,
					"remove it, or move it under params: if a layout of this site needs it"),
			},
			check: func(t *testing.T, d *Doc) {
				fm := d.FM
				if fm.ExpiryDate.Format("2006-01-02") != "2024-06-01" || fm.Lastmod.IsZero() || fm.PublishDate.IsZero() {
					t.Errorf("dates %v %v %v", fm.ExpiryDate, fm.Lastmod, fm.PublishDate)
				}
				if fm.Lines["expiryDate"] != 3 || fm.Lines["expirydate"] != 3 {
					t.Errorf("lines %v", fm.Lines)
				}
				if fm.Author != "ana" || !slices.Equal(fm.Authors, []string{"ana", "ben"}) {
					t.Errorf("author %q, authors %q", fm.Author, fm.Authors)
				}
				if !slices.Equal(fm.Aliases, []string{"/old-url/"}) || !slices.Equal(fm.Categories, []string{"health", "news"}) {
					t.Errorf("aliases %q, categories %q", fm.Aliases, fm.Categories)
				}
				if fm.Layout != "post" || fm.Weight != 4 || !fm.Draft || fm.Summary != "Short." {
					t.Errorf("layout %q weight %d draft %v summary %q", fm.Layout, fm.Weight, fm.Draft, fm.Summary)
				}
			},
		},
		{
			name: "Jekyll category",
			src:  "---\ntitle: T\ncategory: release\ncategories: [news]\n---\n",
			check: func(t *testing.T, d *Doc) {
				if !slices.Equal(d.FM.Categories, []string{"news", "release"}) {
					t.Errorf("categories %q", d.FM.Categories)
				}
			},
		},
		{
			name: "author and authors",
			src:  "---\ntitle: T\nauthor: ben\nauthors: [ana, ben]\n---\n",
			check: func(t *testing.T, d *Doc) {
				if d.FM.Author != "ben" || !slices.Equal(d.FM.Authors, []string{"ben", "ana"}) {
					t.Errorf("author %q, authors %q", d.FM.Author, d.FM.Authors)
				}
			},
		},
		{
			name: "keys differing only in case",
			src:  "---\ntitle: T\ndate: 2024-05-01\nDate: 2024-06-01\n---\n",
			want: diag.List{
				errAt(4, "frontmatter-duplicate",
					`front matter keys "date" (line 3) and "Date" (line 4) differ only in case, and case does not matter`,
					"keep only one of them"),
			},
			check: func(t *testing.T, d *Doc) {
				if d.FM.Date.Format("2006-01-02") != "2024-05-01" {
					t.Errorf("date %v", d.FM.Date)
				}
			},
		},
		{
			name: "title is a list",
			src:  "---\ntitle:\n  - A\n---\n",
			want: diag.List{
				errAt(2, "frontmatter-title", "title is empty", "write the page title after title:"),
				errAt(2, "frontmatter-type", "title must be text, not a list", "write it on one line: title: your text"),
			},
		},
		{
			name: "all fields",
			src: "---\ntitle: Flu shots\ndate: 2024-05-01\nlastmod: 2024-05-02 14:30\npublishDate: 2024-05-01T09:15\n" +
				"expiryDate: 2025-05-01T09:15:00+02:00\nlastReviewed: \"2024-5-3\"\ndraft: false\n" +
				"description: Why adults need one every year.\nsummary: Short.\nslug: flu-shots\nurl: /flu/\n" +
				"aliases: [/old-flu/]\ntags: [vaccines, adults]\ncategories: [Vaccinations]\n" +
				"author: clinic-editorial-team\nreviewedBy: medical-reviewer\nimage: flu.svg\nimageAlt: A syringe\n" +
				"weight: 3\nlayout: article\nparams:\n  icon: heart\n---\nBody\n",
			loc: ny,
			check: func(t *testing.T, d *Doc) {
				want := FrontMatter{
					Title: "Flu shots", Description: "Why adults need one every year.", Summary: "Short.",
					Slug: "flu-shots", URL: "/flu/", Author: "clinic-editorial-team", ReviewedBy: "medical-reviewer",
					Image: "flu.svg", ImageAlt: "A syringe", Layout: "article",
					Date:         date("2024-05-01 00:00", ny),
					Lastmod:      date("2024-05-02 14:30", ny),
					PublishDate:  date("2024-05-01 09:15", ny),
					ExpiryDate:   date("2025-05-01 09:15", time.FixedZone("", 2*3600)),
					LastReviewed: date("2024-05-03 00:00", ny),
					Aliases:      []string{"/old-flu/"}, Tags: []string{"vaccines", "adults"},
					Categories: []string{"Vaccinations"}, Weight: 3,
					Params: map[string]any{"icon": "heart"},
					Lines: map[string]int{"title": 2, "date": 3, "lastmod": 4, "publishDate": 5, "expiryDate": 6,
						"lastReviewed": 7, "draft": 8, "description": 9, "summary": 10, "slug": 11, "url": 12,
						"aliases": 13, "tags": 14, "categories": 15, "author": 16, "reviewedBy": 17, "image": 18,
						"imageAlt": 19, "weight": 20, "layout": 21, "params": 22},
				}
				if diff := cmp.Diff(want, d.FM, cmp.Comparer(time.Time.Equal)); diff != "" {
					t.Errorf("FrontMatter (-want +got):\n%s", diff)
				}
				if d.Summary != "Short." {
					t.Errorf("Summary = %q", d.Summary)
				}
			},
		},
		{
			name: "dates without a zone default to UTC",
			src:  "---\ntitle: T\ndate: 2024-05-01 08:00\n---\n",
			check: func(t *testing.T, d *Doc) {
				if want := date("2024-05-01 08:00", time.UTC); !d.FM.Date.Equal(want) || d.FM.Date.Location() != time.UTC {
					t.Errorf("Date = %v, want %v", d.FM.Date, want)
				}
			},
		},
		{
			name: "bad dates",
			src:  "---\ntitle: T\ndate: next week\nlastmod: 20240501\npublishDate: 2024-02-30\nexpiryDate: [2024-05-01]\n---\n",
			want: diag.List{
				errAt(3, "frontmatter-date", `date "next week" is not a date`, fixDate),
				errAt(4, "frontmatter-date", "lastmod 20240501 is not a date", fixDate),
				errAt(5, "frontmatter-date", `publishDate "2024-02-30" is not a date`, fixDate),
				errAt(6, "frontmatter-date", "expiryDate must be one date", fixDate),
			},
			check: func(t *testing.T, d *Doc) {
				if !d.FM.Date.IsZero() || !d.FM.Lastmod.IsZero() {
					t.Errorf("bad dates must stay zero: %v %v", d.FM.Date, d.FM.Lastmod)
				}
			},
		},
		{
			name: "draft must be a bool",
			src:  "---\ntitle: T\ndraft: \"yes\"\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", `draft "yes" must be true or false`, "write draft: true")},
		},
		{
			name: "draft quoted false and a number",
			src:  "---\ntitle: T\ndraft: \"false\"\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", `draft "false" must be true or false`, "write draft: false")},
		},
		{
			name: "draft number",
			src:  "---\ntitle: T\ndraft: 1\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", "draft must be true or false",
				"write draft: true or draft: false")},
		},
		{
			name: "YAML 1.1 yes is a bool",
			src:  "---\ntitle: T\ndraft: yes\n---\n",
			check: func(t *testing.T, d *Doc) {
				if !d.FM.Draft {
					t.Error("draft: yes must be true")
				}
			},
		},
		{
			name: "loose scalars for text fields are kept as written",
			src:  "---\ntitle: 2024\nauthor: No  # Norway\ndescription: 1.50\nlayout: true\n---\n",
			check: func(t *testing.T, d *Doc) {
				got := []string{d.FM.Title, d.FM.Author, d.FM.Description, d.FM.Layout}
				if diff := cmp.Diff([]string{"2024", "No", "1.50", "true"}, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "list items: blanks dropped, numbers become text, values trimmed and deduplicated",
			src:  "---\ntitle: T\ntags: [2024, 3.5, \"  spaced  \", \"\", \"   \", ~, flu, flu]\ncategories:\n  -\n  - Family Health\n---\n",
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff([]string{"2024", "3.5", "spaced", "flu"}, d.FM.Tags); diff != "" {
					t.Errorf("Tags (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff([]string{"Family Health"}, d.FM.Categories); diff != "" {
					t.Errorf("Categories (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "tags as one string",
			src:  "---\ntitle: T\ntags: flu, adults , \n---\n",
			want: diag.List{warnAt(3, "frontmatter-list", "tags is one piece of text, read as 2 comma-separated items",
				"write tags as a list: tags: [flu, adults]")},
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff([]string{"flu", "adults"}, d.FM.Tags); diff != "" {
					t.Errorf("Tags (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "list values of the wrong type",
			src:  "---\ntitle: T\ntags: 5\ncategories: {a: 1}\naliases: [yes, [a, b], /ok/]\n---\n",
			want: diag.List{
				errAt(3, "frontmatter-list", "tags must be a list of text, not a number", "write tags: [a, b]"),
				errAt(4, "frontmatter-list", "categories must be a list of text, not a group of fields", "write categories: [a, b]"),
				errAt(5, "frontmatter-list", "aliases item 1 is true, not text",
					`put the item in quotes, e.g. "yes" (YAML reads yes, no, on, off, true and false as a switch)`),
				errAt(5, "frontmatter-list", "aliases item 2 is a list, not text", "write each item as text: aliases: [a, b]"),
			},
			check: func(t *testing.T, d *Doc) {
				if d.FM.Tags != nil || d.FM.Categories != nil || !cmp.Equal(d.FM.Aliases, []string{"/ok/"}) {
					t.Errorf("tags %q categories %q aliases %q", d.FM.Tags, d.FM.Categories, d.FM.Aliases)
				}
			},
		},
		{
			name: "too many tags",
			src:  "---\ntitle: T\ntags: [" + manyTags(26) + "]\n---\n",
			want: diag.List{warnAt(3, "frontmatter-list", "tags has 26 items",
				"keep the 25 or fewer that describe the page best")},
		},
		{
			name: "weight",
			src:  "---\ntitle: T\nweight: \"3\"\n---\n",
			check: func(t *testing.T, d *Doc) {
				if d.FM.Weight != 3 {
					t.Errorf("Weight = %d", d.FM.Weight)
				}
			},
		},
		{
			name: "weight not a whole number",
			src:  "---\ntitle: T\nweight: 1.5\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", "weight must be a whole number, not 1.5",
				"write a whole number, e.g. weight: 10")},
		},
		{
			name: "weight text",
			src:  "---\ntitle: T\nweight: first\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", `weight must be a whole number, not "first"`,
				"write a whole number, e.g. weight: 10")},
		},
		{
			name: "nested params",
			src:  "---\ntitle: T\nparams:\n  icon: heart\n  contact:\n    phone: yes\n    hours: [1, {open: 8}]\n---\n",
			check: func(t *testing.T, d *Doc) {
				want := map[string]any{"icon": "heart", "contact": map[string]any{
					"phone": true, "hours": []any{1, map[string]any{"open": 8}}}}
				if diff := cmp.Diff(want, d.FM.Params); diff != "" {
					t.Errorf("Params (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "params key that is not text",
			src:  "---\ntitle: T\nparams:\n  ok: 2\n  deep:\n    1: one\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", "key 1 in params.deep is not text",
				`put the key in quotes: "1":`)},
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff(map[string]any{"ok": 2, "deep": map[string]any{}}, d.FM.Params); diff != "" {
					t.Errorf("Params (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "params not a map",
			src:  "---\ntitle: T\nparams: hello\n---\n",
			want: diag.List{errAt(3, "frontmatter-type", "params must be a group of key: value lines, not text",
				"put your own keys on the lines below params:, indented by two spaces")},
		},
		{
			name: "image needs imageAlt",
			src:  "---\ntitle: T\nimage: flu.svg\n---\n",
			want: diag.List{errAt(3, "frontmatter-image-alt", "image has no imageAlt",
				"add imageAlt: a short description of what the share image shows")},
		},
		{
			name: "unknown keys",
			src:  "---\ntitle: T\ntag: flu\nTitle: X\npublishdate: 2024-05-01\ndesc: d\ncolour: red\n---\n",
			check: func(t *testing.T, d *Doc) {
				// Keys are matched ignoring case; the exact name wins a pair.
				if d.FM.Title != "T" || d.FM.PublishDate.Format("2006-01-02") != "2024-05-01" || d.FM.Lines["publishDate"] != 5 {
					t.Errorf("title %q, publishDate %v, lines %v", d.FM.Title, d.FM.PublishDate, d.FM.Lines)
				}
			},
			want: diag.List{
				warnAt(3, "frontmatter-unknown", `unknown front matter key "tag"`, `did you mean "tags"?`),
				errAt(4, "frontmatter-duplicate",
					`front matter keys "title" (line 2) and "Title" (line 4) differ only in case, and case does not matter`,
					"keep only one of them"),
				warnAt(6, "frontmatter-unknown", `unknown front matter key "desc"`, `did you mean "description"?`),
				warnAt(7, "frontmatter-unknown", `unknown front matter key "colour"`,
					"remove it, or put your own keys under params:"),
			},
		},
		{
			name: "slug and url that escape",
			src:  "---\ntitle: T\nslug: a/b\nurl: /a/../../b\n---\n",
			want: diag.List{
				errAt(3, "frontmatter-slug", `slug "a/b" escapes its section`,
					"use only lowercase letters, digits and hyphens, e.g. slug: flu-shots"),
				errAt(4, "frontmatter-url", `url "/a/../../b" escapes its section`,
					"write the page's path from the site root, e.g. url: /services/flu-shots/"),
			},
		},
		{
			name: "slug dot-dot and url backslash",
			src:  "---\ntitle: T\nslug: ..\nurl: '\\evil'\n---\n",
			want: diag.List{
				errAt(3, "frontmatter-slug", `slug ".." escapes its section`,
					"use only lowercase letters, digits and hyphens, e.g. slug: flu-shots"),
				errAt(4, "frontmatter-url", `url "\\evil" escapes its section`,
					"write the page's path from the site root, e.g. url: /services/flu-shots/"),
			},
		},
		{
			name: "comments and quoted keys",
			src:  "---\n# editor note\ntitle: T # the title\n\"tags\": [a]\n---\n",
			check: func(t *testing.T, d *Doc) {
				if diff := cmp.Diff(map[string]int{"title": 3, "tags": 4}, d.FM.Lines); diff != "" {
					t.Errorf("Lines (-want +got):\n%s", diff)
				}
				if d.FM.Title != "T" {
					t.Errorf("Title = %q", d.FM.Title)
				}
			},
		},
	}
}

func manyTags(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("t")
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("x", i/26))
	}
	return b.String()
}

func TestFrontMatter(t *testing.T) {
	for _, tc := range frontMatterCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			p := New(Options{Location: tc.loc})
			d, got := p.Parse(testPath, []byte(tc.src))
			if diff := cmp.Diff(tc.want, got, ignoreSource, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if (d == nil) != tc.wantNil {
				t.Fatalf("Doc = %v, want nil: %v", d, tc.wantNil)
			}
			if tc.wantNil && !got.HasErrors() {
				t.Error("a nil Doc must come with an Error")
			}
			if d != nil && tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}

// TestDiagnosticSource checks that diagnostics quote the offending line as
// the editor sees it (no BOM, no CR) and point at the right column.
func TestDiagnosticSource(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"CRLF front matter", "\uFEFF---\r\ntitle: T\r\ndate: soon\r\n---\r\n", "date: soon"},
		{"list item errors quote the key line", "---\ntitle: T\ntags:\n  -\n  - [a]\n---\n", "tags:"},
		{"body line after rewritten front matter", "---\ntitle: T\ntags:\n  -\n---\n\n# Big\n", "# Big"},
		{"not UTF-8", "---\ntitle: T\n---\nbad \xff byte\n", "bad \uFFFD byte"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := New(Options{}).Parse(testPath, []byte(tc.src))
			if len(ds) != 1 {
				t.Fatalf("want one diagnostic, got %v", ds)
			}
			if ds[0].Source != tc.want {
				t.Errorf("Source = %q, want %q", ds[0].Source, tc.want)
			}
		})
	}
}
