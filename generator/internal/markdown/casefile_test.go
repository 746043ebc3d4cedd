package markdown

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"clinicgen/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txt")

// Case files use goldmark's format (extension/_test/*.txt): numbered cases,
// each the Markdown, then the expected HTML, separated by attributeSep and
// ended by caseSep. A case may add a third part: the expected diagnostics,
// one per line as "line:col severity: message; fix". Each Markdown is
// parsed as the body of content/articles/case.md after the three lines
// "---", "title: Test", "---", so its first line is file line 4. The HTML
// is the output of Doc.Resolve with caseURL.
const (
	attributeSep = "//- - - - - - - - -//"
	caseSep      = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
	caseFront    = "---\ntitle: Test\n---\n"
	casePath     = "content/articles/case.md"
)

type markdownCase struct {
	no       int
	desc     string
	markdown string
	html     string
	diags    string
	hasDiags bool
}

func readCases(t *testing.T, file string) []markdownCase {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []markdownCase
	sc := bufio.NewScanner(f)
	line := 0
	next := func() (string, bool) {
		if !sc.Scan() {
			return "", false
		}
		line++
		return sc.Text(), true
	}
	// section reads lines up to one of the separators and reports which.
	section := func() (string, string) {
		var b strings.Builder
		for {
			l, ok := next()
			if !ok {
				t.Fatalf("%s:%d: unexpected end of file", file, line)
			}
			if l == attributeSep || l == caseSep {
				return b.String(), l
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	for {
		head, ok := next()
		if !ok {
			break
		}
		if strings.TrimSpace(head) == "" {
			continue
		}
		var c markdownCase
		num, desc, _ := strings.Cut(head, ":")
		c.no, err = strconv.Atoi(strings.TrimSpace(num))
		if err != nil {
			t.Fatalf("%s:%d: case must start with its number: %q", file, line, head)
		}
		c.desc = strings.TrimSpace(desc)
		if l, _ := next(); l != attributeSep {
			t.Fatalf("%s:%d: want %s after the case number", file, line, attributeSep)
		}
		var sep string
		c.markdown, sep = section()
		if sep != attributeSep {
			t.Fatalf("%s:%d: case %d has no expected HTML", file, line, c.no)
		}
		c.html, sep = section()
		if sep == attributeSep {
			c.hasDiags = true
			c.diags, sep = section()
		}
		if sep != caseSep {
			t.Fatalf("%s:%d: case %d must end with %s", file, line, c.no, caseSep)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func writeCases(t *testing.T, file string, cases []markdownCase) {
	var b bytes.Buffer
	for i, c := range cases {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "%d", c.no)
		if c.desc != "" {
			fmt.Fprintf(&b, ": %s", c.desc)
		}
		b.WriteString("\n" + attributeSep + "\n" + c.markdown + attributeSep + "\n" + c.html)
		if c.diags != "" {
			b.WriteString(attributeSep + "\n" + c.diags)
		}
		b.WriteString(caseSep + "\n")
	}
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// caseImage resolves images for the case files: names starting with
// "missing" do not exist, others are 640×480 under /images/.
func caseImage(from, src string) (string, int, int, bool) {
	if strings.HasPrefix(path.Base(src), "missing") {
		return "", 0, 0, false
	}
	return "/images/" + path.Base(src), 640, 480, true
}

// caseURL gives content/x/y.md the URL /x/y/; content/missing.md is not
// published.
func caseURL(target string) (string, bool) {
	if target == "content/missing.md" {
		return "", false
	}
	return "/" + strings.TrimSuffix(strings.TrimPrefix(target, "content/"), ".md") + "/", true
}

func formatDiags(ds diag.List) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%d:%d %s: %s", d.Line, d.Col, d.Severity, d.Msg)
		if d.Fix != "" {
			b.WriteString("; " + d.Fix)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func runCaseFile(t *testing.T, file string, o Options) {
	p := New(o)
	cases := readCases(t, file)
	for i, c := range cases {
		t.Run(fmt.Sprintf("%d %s", c.no, c.desc), func(t *testing.T) {
			d, ds := p.Parse(casePath, []byte(caseFront+c.markdown))
			if d == nil {
				t.Fatalf("Parse returned no Doc: %v", ds)
			}
			html, rds := d.Resolve(caseURL)
			ds = append(ds, rds...)
			ds.Sort()
			got := formatDiags(ds)
			if *update {
				cases[i].html, cases[i].diags = string(html), got
				return
			}
			if string(html) != c.html {
				t.Errorf("HTML:\n--- want\n%s--- got\n%s", c.html, html)
			}
			if got != c.diags {
				t.Errorf("diagnostics:\n--- want\n%s--- got\n%s", c.diags, got)
			}
		})
	}
	if *update {
		writeCases(t, file, cases)
	}
}

func TestCaseFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			o := Options{ResolveImage: caseImage}
			if strings.HasPrefix(filepath.Base(f), "rawhtml_allow") {
				o.RawHTML = "allow"
			}
			runCaseFile(t, f, o)
		})
	}
}
