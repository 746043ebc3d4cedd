package wordpress

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

const head = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>T</title><link>https://old.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
`

func readAll(s string) ([]*Item, error) {
	rd := NewReader(strings.NewReader(s))
	var out []*Item
	for {
		it, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, it)
	}
}

// TestBadInput: each kind of broken export from issue 16 gives a clear
// error naming what is wrong, and nothing panics.
func TestBadInput(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		notWXR         bool
	}{
		{"not XML", "PK\x03\x04 this is a zip file", "XML error", false},
		{"empty", "", "no <rss> element", true},
		{"HTML page", "<html><body>Hello</body></html>", "the first element is <html>, not <rss>", true},
		{"truncated", head + `<item><title>Half`, "truncated", false},
		{"RSS feed, not WXR", `<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><item><title>Post</title></item></channel></rss>`, "looks like an RSS feed", true},
		{"RSS feed without items", `<rss version="2.0"><channel><title>Blog</title></channel></rss>`, "no <wp:wxr_version>", true},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`, "DOCTYPE or entities", false},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>`, "DOCTYPE or entities", false},
		{"undeclared entity", head + `<item><title>&nbsp;</title></item></channel></rss>`, "XML error", false},
		{"bad post id", head + `<item><wp:post_id>12a</wp:post_id></item></channel></rss>`, `wp:post_id "12a" is not a number`, false},
		{"broken item names itself", head + "<item><title>Flu &amp; you</title><wp:post_id>7</wp:post_id><content:encoded>a &bogus; b</content:encoded></item></channel></rss>", `XML error: invalid character entity &bogus; (in the item starting on line 4: "Flu & you", wp:post_id 7)`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(c.in)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			if errors.Is(err, ErrNotWXR) != c.notWXR {
				t.Errorf("errors.Is(err, ErrNotWXR) = %v, want %v", !c.notWXR, c.notWXR)
			}
		})
	}
}

// TestNoItems: a valid export with nothing to import is ErrNothing.
func TestNoItems(t *testing.T) {
	in := head + `<item><wp:post_id>1</wp:post_id><wp:post_type>attachment</wp:post_type></item><item><title>S</title><wp:post_id>2</wp:post_id><wp:post_type>post</wp:post_type><wp:status>private</wp:status></item></channel></rss>`
	imp, err := Index(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := imp.Check(); !errors.Is(err, ErrNothing) {
		t.Errorf("Check() = %v, want ErrNothing", err)
	}
	if len(imp.Report.Skipped) != 1 || imp.Report.Skipped[0].Item.ID != 2 {
		t.Errorf("skipped %+v, want post 2", imp.Report.Skipped)
	}
}

// TestNestedDivs: 10 MB of nested <div>s converts in reasonable time
// without exhausting the stack, keeping the text.
func TestNestedDivs(t *testing.T) {
	n := 10 << 20 / len("<div>")
	content := strings.Repeat("<div>", n) + "deep text" + strings.Repeat("</div>", n)
	start := time.Now()
	md, notes, err := NewConverter().Convert(content, nopResolver{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(md) != "deep text" {
		t.Errorf("markdown %q, want the text", md)
	}
	if len(notes) == 0 || notes[0].Kind != "flattened" {
		t.Errorf("notes %+v, want a flattened note", notes)
	}
	if d := time.Since(start); d > time.Minute {
		t.Errorf("took %s (generous bound: the conversion must be linear)", d)
	}
}

type nopResolver struct{}

func (nopResolver) Link(string) string                           { return "" }
func (nopResolver) Image(src, alt string) (string, string, bool) { return src, alt, true }
func (nopResolver) Gallery([]string) []string                    { return nil }

// TestStreaming: reading does not keep earlier items: a reader over a
// generated export of many large posts reads them all while the heap
// stays far below the export's size.
func TestStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 64 MB")
	}
	const posts, size = 64, 1 << 20
	body := strings.Repeat("x", size)
	r := io.MultiReader(strings.NewReader(head), &repeatReader{n: posts, s: "<item><title>P</title><wp:post_type>post</wp:post_type><content:encoded>" + body + "</content:encoded></item>\n"}, strings.NewReader("</channel></rss>"))
	rd := NewReader(r)
	count := 0
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Content) != size {
			t.Fatalf("content of %d bytes, want %d", len(it.Content), size)
		}
		count++
		if count%16 == 0 {
			// Earlier items must be garbage by now: the live heap stays
			// at a few posts, not the 64 read so far.
			it = nil
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > 24<<20 {
				t.Fatalf("after %d posts of 1 MB the live heap is %d MB", count, ms.HeapAlloc>>20)
			}
		}
	}
	if count != posts {
		t.Errorf("read %d items, want %d", count, posts)
	}
}

type repeatReader struct {
	n   int
	s   string
	cur *strings.Reader
}

func (r *repeatReader) Read(p []byte) (int, error) {
	for r.cur == nil || r.cur.Len() == 0 {
		if r.n == 0 {
			return 0, io.EOF
		}
		r.n--
		r.cur = strings.NewReader(r.s)
	}
	return r.cur.Read(p)
}

func FuzzReader(f *testing.F) {
	data, err := os.ReadFile("testdata/export.xml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data[:2000]))
	f.Add(head + `<item><title>A</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item></channel></rss>`)
	f.Add(`<!DOCTYPE x><rss/>`)
	f.Fuzz(func(t *testing.T, s string) {
		imp, err := Index(strings.NewReader(s), Options{Uploads: os.DirFS("testdata/uploads")})
		if err != nil {
			return
		}
		err = imp.Import(strings.NewReader(s), func(f File) error {
			if !strings.HasPrefix(f.Path, "content/") || strings.Contains(f.Path, "..") {
				t.Errorf("file %q outside content/", f.Path)
			}
			return nil
		})
		if err != nil {
			t.Errorf("second pass failed after the first succeeded: %v", err)
		}
	})
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"a\n\nb\nc",
		`[caption id="1"]<img src="/wp-content/uploads/a-1x1.jpg">Cap[/caption]`,
		`[gallery ids="1,2"][embed]https://youtu.be/x[/embed]`,
		"<pre>a\n\nb</pre><table><tr><td>1</td></tr></table>",
		`<!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --><iframe src="https://www.youtube.com/embed/a"></iframe>`,
		"<div><div><h1>t</h1></div>",
	} {
		f.Add(s)
	}
	c := NewConverter()
	f.Fuzz(func(t *testing.T, s string) {
		if _, _, err := c.Convert(s, nopResolver{}); err != nil {
			t.Skip()
		}
	})
}

// TestHTTPSNamespace: some exports name the wp: namespace with https.
func TestHTTPSNamespace(t *testing.T) {
	in := strings.ReplaceAll(head, "http://wordpress.org/export/", "https://wordpress.org/export/") +
		`<item><title>A</title><wp:post_id>5</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><excerpt:encoded>Short.</excerpt:encoded></item></channel></rss>`
	items, err := readAll(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].ID != 5 || items[0].Type != "post" || items[0].Excerpt != "Short." {
		t.Errorf("items %+v", items)
	}
}
