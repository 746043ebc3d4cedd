package audit

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tdewolff/parse/v2"
	thtml "github.com/tdewolff/parse/v2/html"
	"golang.org/x/net/html"
)

// xnetTokens lists what the audit reads of src, read with
// golang.org/x/net/html's Tokenizer: each start tag (offset of its '<',
// name, attributes as TagAttr returns them) and whether a start tag is
// followed by text (which the audit reads after <script>).
func xnetTokens(src []byte) []string {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out []string
	off := 0
	prevTag := false
	for {
		tt := z.Next()
		n := len(z.Raw())
		if tt == html.TextToken && prevTag && n > 0 {
			out = append(out, "text")
		}
		prevTag = false
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, more := z.TagName()
			d := fmt.Sprintf("%d %q", off, name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				d += fmt.Sprintf(" %q=%q", k, v)
			}
			out = append(out, d)
			prevTag = true
		}
		off += n
		if tt == html.ErrorToken {
			return out
		}
	}
}

// ourTokens lists what the audit reads of src with its tokenizer, in
// xnetTokens' form.
func ourTokens(src []byte) []string {
	var z tokenizer
	z.reset(nil, src)
	var out []string
	prevTag := false
	for {
		tt := z.next()
		if tt == textToken && prevTag && z.end > z.start {
			out = append(out, "text")
		}
		prevTag = false
		if tt == startTagToken {
			d := fmt.Sprintf("%d %q", z.start, z.name())
			for i := range z.attrs {
				d += fmt.Sprintf(" %q=%q", z.key(i), z.value(i))
			}
			out = append(out, d)
			prevTag = true
		}
		if tt == errorToken {
			return out
		}
	}
}

// tokenizerCases are pages whose reading is easy to get wrong.
var tokenizerCases = []string{
	"",
	"plain text",
	"<!DOCTYPE html><html lang=en><head><title>A <b>title</b> &amp; more</title></head><body><h1>T</h1></body></html>",
	// Entities in attributes: decoded, except a name without ';' before '='.
	`<a href="/a?x=1&amp;y=2&copy=3&copy;&#38;&#x26;&notit;&lt&gt=1&AMP;" title='&quot;q&quot;'>x</a>`,
	`<a href=/a?b=1&amp;c=2&ampd=3>x</a><img src="/i.png?a&#0;b" alt="&NotANamedEntity;&#xD800;&#x110000;&#150;">`,
	// Numeric references only (decoded without x/net/html).
	`<a href="tel:&#43;13015550100">x</a><a href="&#x2B;&#X2b&#43&#;&#x;&#xg&#0;&#128;&#159;&#x9f;&#xD800;&#99999999999;&#x110000;&#1114111;">y</a>`,
	`<a href=/&#65;&#x41;&#>x</a><a href="&#x">y</a><a href="a&#">z</a><a href='&#38;amp;'>w</a>`,
	// Case of names.
	`<IMG SRC="/A.PNG" ALT="Big"><A HREF="#X" ReL=NoOpener>x</A><H1 ID=Top>T</H1><ScRiPt>x</sCrIpT>`,
	// Unquoted, empty and odd attributes, repeated keys.
	`<a href=/x HREF=/y id= class title=a"b'c data-x=1/>x</a><p a=/><br/><img alt src=x/ >`,
	`<a / href=/x/ ><a href = "/y" > <a href='/z'> <a href="/w" """ '' >`,
	"<a\thref\n=\r\"/x\"\f>x</a><a href=\"a\r\nb\rc\">y</a><a href=\"a\x00b\" on\x00click=1 o\x00n=2>z</a>",
	// Raw text: none of these is an element.
	`<script>if (a<b && c>d) { document.write("<img src=x>") }</script><img src=y alt="">`,
	`<script><!-- <script> </script> --></script><img src=after alt="">`,
	`<script><!--<script>x</script>--></script><p id=p>`,
	`<script></script><script type=application/ld+json>{"a":"</scrip"}</script ><style>p{color:red}</style><p>`,
	`<title><img src=x></title><textarea><a href=/t></textarea><xmp><a href=/x></xmp><iframe><a href=/i></iframe>`,
	`<noscript><img src=/n.png></noscript><noembed><a href=/e></noembed><noframes><a href=/f></noframes>`,
	`<style>a</STYLE><p id=x><plaintext><a href=/p>everything is text</a>`,
	// Comments, doctypes and bogus comments.
	`<!-- <img src=c> --><!----!><img src=e alt=""><!-- -- --!x --><p id=q>`,
	`<!doctype html><!DOCTYPE><!DOCTYP html><?xml version="1.0"?><![CDATA[<img src=z>]]><img src=w alt="">`,
	`</><a href=/a></a x="y>"></ 3 a><p id=r></p><a<b href=/c>x</a<b>`,
	`a < b <3 <=> <a href=/ok>k</a> <1> <-- <`,
	// NUL bytes and lone '<' in text and raw text (see skipText).
	"a\x00b <\x00 <a href=/x>\x00</a>\x00<p id=n>\x00",
	"<title>a < b <\x00 c</title><textarea>1<2\x00</textarea><style>\x00<</style><p id=t>",
	"<plaintext>a<b\x00c</plaintext><a href=/p>",
	// Foreign elements: the lexer gives each as one token.
	`<svg viewBox="0 0 1 1"><use xlink:href="#i"/><a href=/s>s</a><svg><image href=/n.png /></svg></svg><a href=/after>`,
	`<p><SVG class=x><feImage href="/f.png"/><text>a "b</text><style>a{}</style><script>x</script></svg><MATH><mi id=m>x</mi></MATH><xml><a href=/x></xml><p id=q>`,
	// Cut short.
	"<a href=\"/x", "<a href=/x", "<!--", "<!-", "<!", "<!DOCTYPE", "<!DOC", "</", "</a", "<", "<script>x", "<script>x</scr", "<title>t", "<title>t</title", "<a href=/x /", "<a href='", "<a b c", "<?x", "<!--x--", "<!--x--!",
}

// TestLexerMatchesXNetHTML: the audit reads every start tag, its name,
// attributes and offset, and the text after it as x/net/html's Tokenizer
// does, for every case and every prefix of it (a page cut short at any
// byte), but for a page cut short in a raw text element's end tag (see
// lexerDifferences).
func TestLexerMatchesXNetHTML(t *testing.T) {
	cutInEndTag := regexp.MustCompile(`(?i)</(script|style|title|textarea|xmp|iframe)$`)
	for _, c := range tokenizerCases {
		for n := 0; n <= len(c); n++ {
			src := []byte(c[:n])
			if cutInEndTag.Match(src) {
				continue
			}
			want := xnetTokens(src)
			if diff := cmp.Diff(want, ourTokens(src)); diff != "" {
				t.Errorf("tokens of %q (-x/net/html +ours):\n%s", src, diff)
				break
			}
		}
	}
}

// lexerTokens lists the tokens of the library's lexer on src, each with
// its offset; skip moves the lexer on between tokens as the tokenizer
// does (see skipText).
func lexerTokens(src []byte, skip bool) []string {
	in := parse.NewInputBytes(bytes.Clone(src))
	l := thtml.NewLexer(in)
	var out []string
	inTag := false
	for {
		if skip && !inTag {
			skipText(in)
		}
		start := in.Offset() - in.Pos()
		tt, data := l.Next()
		out = append(out, fmt.Sprintf("%d %v %q", start, tt, data))
		switch tt {
		case thtml.StartTagToken:
			inTag = true
		case thtml.StartTagCloseToken, thtml.StartTagVoidToken:
			inTag = false
		case thtml.ErrorToken:
			return out
		}
	}
}

// TestSkipText: moving the lexer on to the next '<' between tokens out
// of a tag changes none of its tokens, for every case and every prefix
// of it, and for a rendered article.
func TestSkipText(t *testing.T) {
	article, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	pages := [][]byte{article}
	for _, c := range tokenizerCases {
		for n := 0; n <= len(c); n++ {
			pages = append(pages, []byte(c[:n]))
		}
	}
	for _, src := range pages {
		want := lexerTokens(src, false)
		if diff := cmp.Diff(want, lexerTokens(src, true)); diff != "" {
			t.Errorf("tokens of %.80q (-byte by byte +skipping):\n%s", src, diff)
		}
	}
}

// FuzzSkipText: TestSkipText on any input.
func FuzzSkipText(f *testing.F) {
	for _, c := range tokenizerCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		if diff := cmp.Diff(lexerTokens(src, false), lexerTokens(src, true)); diff != "" {
			t.Errorf("tokens of %q (-byte by byte +skipping):\n%s", src, diff)
		}
	})
}

// lexerDifferences are the malformed pages the lexer reads otherwise
// than x/net/html's Tokenizer (and a browser), none of which the site's
// layouts write, with what the audit reads of them.
var lexerDifferences = []struct {
	src, why string
	ours     []string
}{
	{
		`<img alt src=x/ =y ==z>`,
		"an attribute whose name would begin with '=' is dropped (x/net/html reads the '=' as the name's first letter)",
		[]string{`0 "img" "alt"="" "src"="x/"`},
	},
	{
		`<a b/c=1>`,
		"a '/' inside an attribute name is part of it (x/net/html ends the name there)",
		[]string{`0 "a" "b/c"="1"`},
	},
	{
		`<!--><img src=d alt=""><!---><img src=e alt=""> -->`,
		"the comments <!--> and <!---> run to the next -->",
		[]string{`29 "img" "src"="e" "alt"=""`, "text"},
	},
	{
		`<script></script`,
		"a page cut short in a raw text element's end tag ends the element (x/net/html reads the end tag as text)",
		[]string{`0 "script"`},
	},
	{
		`<script></script1>y</script>`,
		"a raw text element's end tag is only its name's letters: </script1> ends a <script>",
		[]string{`0 "script"`},
	},
}

// TestLexerDifferences: lexerDifferences are read as they say, not as
// x/net/html reads them.
func TestLexerDifferences(t *testing.T) {
	for _, d := range lexerDifferences {
		src := []byte(d.src)
		got := ourTokens(src)
		if diff := cmp.Diff(d.ours, got); diff != "" {
			t.Errorf("tokens of %q (-want +got):\n%s", src, diff)
		}
		if cmp.Equal(xnetTokens(src), got) {
			t.Errorf("tokens of %q: x/net/html reads them the same: no difference (%s)", src, d.why)
		}
	}
}

// TestTokenizerManyAttributes: repeated keys are dropped the same way
// past the number of attributes compared one by one.
func TestTokenizerManyAttributes(t *testing.T) {
	var b strings.Builder
	b.WriteString("<a")
	for i := range 3 * manyAttrs {
		fmt.Fprintf(&b, " k%d=%d K%d=x", i%(2*manyAttrs), i, i%(manyAttrs+3))
	}
	b.WriteString(" HREF=/x href=/y>")
	src := []byte(b.String())
	if diff := cmp.Diff(xnetTokens(src), ourTokens(src)); diff != "" {
		t.Errorf("(-x/net/html +ours):\n%s", diff)
	}
}

// TestTokenizerReadsInPlace: the page is read, never written.
func TestTokenizerReadsInPlace(t *testing.T) {
	src := []byte(`<A HREF="/X?a&amp;b" ID="&lt;">x</A><SVG><A HREF=/Y>y</A></SVG>`)
	src = append(src, 'z')[:len(src)] // room for the lexer's NUL
	orig := bytes.Clone(src[:len(src)+1])
	ourTokens(src)
	if got := src[:len(src)+1]; !bytes.Equal(got, orig) {
		t.Errorf("page changed to %q", got)
	}
}

// FuzzTokenizer: nothing panics, and every start tag lies in the page at
// its offset.
func FuzzTokenizer(f *testing.F) {
	for _, c := range tokenizerCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		var z tokenizer
		z.reset(nil, src)
		for tt := z.next(); tt != errorToken; tt = z.next() {
			if z.start < 0 || z.start > z.end || z.end > len(src) {
				t.Fatalf("token at %d:%d of %d bytes", z.start, z.end, len(src))
			}
			if tt == startTagToken {
				if src[z.start] != '<' {
					t.Fatalf("start tag at %d: %q", z.start, src[z.start:z.end])
				}
				for i := range z.attrs {
					z.value(i)
				}
			}
		}
	})
}
