package audit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

// xnetTokens lists the tokens of src as golang.org/x/net/html's Tokenizer
// reads them: type, offset and length of the raw bytes, and for a start
// tag its name and attributes.
func xnetTokens(src []byte) []string {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out []string
	off := 0
	for {
		tt := z.Next()
		n := len(z.Raw())
		d := fmt.Sprintf("%v %d+%d", tt, off, n)
		off += n
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, more := z.TagName()
			d += fmt.Sprintf(" %q", name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				d += fmt.Sprintf(" %q=%q", k, v)
			}
		}
		out = append(out, d)
		if tt == html.ErrorToken {
			return out
		}
	}
}

// ourTokens lists the tokens of src as the audit's tokenizer reads them,
// in xnetTokens' form.
func ourTokens(src []byte) []string {
	z := tokenizer{src: src}
	var out []string
	for {
		tt := z.next()
		d := fmt.Sprintf("%v %d+%d", html.TokenType(tt), z.start, z.end-z.start)
		if tt == startTagToken || tt == selfClosingTagToken {
			d += fmt.Sprintf(" %q", z.name())
			for i := range z.attrs {
				d += fmt.Sprintf(" %q=%q", z.key(i), z.value(i))
			}
		}
		out = append(out, d)
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
	`<a href=/x HREF=/y id= class =c title=a"b'c data-x=1/>x</a><p a=/><br/><img alt src=x/ =y ==z>`,
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
	`<!-- <img src=c> --><!--><img src=d alt=""><!---><!----!><img src=e alt=""><!-- -- --!x --><p id=q>`,
	`<!doctype html><!DOCTYPE><!DOCTYP html><?xml version="1.0"?><![CDATA[<img src=z>]]><img src=w alt="">`,
	`</><a href=/a></a x="y>"></ 3 a><p id=r></p><a<b href=/c>x</a<b>`,
	`a < b <3 <=> <a href=/ok>k</a> <1> <-- <`,
	// Cut short.
	"<a href=\"/x", "<a href=/x", "<!--", "<!-", "<!", "<!DOCTYPE", "<!DOC", "</", "</a", "<", "<script>x", "<script>x</scr",
	"<script>x</script", "<title>t", "<title>t</title", "<a href=/x /", "<a href='", "<a b c", "<?x", "<!--x--", "<!--x--!",
}

// TestTokenizerMatchesXNetHTML: the audit's tokenizer reads every token,
// tag name and attribute as x/net/html's Tokenizer does, for every case
// and every prefix of it (a page cut short at any byte).
func TestTokenizerMatchesXNetHTML(t *testing.T) {
	for _, c := range tokenizerCases {
		for n := 0; n <= len(c); n++ {
			src := []byte(c[:n])
			want := xnetTokens(src)
			if diff := cmp.Diff(want, ourTokens(src)); diff != "" {
				t.Fatalf("tokens of %q (-x/net/html +ours):\n%s", src, diff)
			}
		}
	}
}

// TestTokenizerManyAttributes: repeated keys are dropped the same way
// past the number of attributes compared one by one.
func TestTokenizerManyAttributes(t *testing.T) {
	var b strings.Builder
	b.WriteString("<a")
	for i := range 3 * newKeyScan {
		fmt.Fprintf(&b, " k%d=%d K%d=x", i%(2*newKeyScan), i, i%(newKeyScan+3))
	}
	b.WriteString(" HREF=/x href=/y>")
	src := []byte(b.String())
	if diff := cmp.Diff(xnetTokens(src), ourTokens(src)); diff != "" {
		t.Errorf("(-x/net/html +ours):\n%s", diff)
	}
}

// TestTokenizerReadsInPlace: the page is read, never written.
func TestTokenizerReadsInPlace(t *testing.T) {
	src := []byte(`<A HREF="/X?a&amp;b" ID="&lt;">x</A>`)
	orig := bytes.Clone(src)
	ourTokens(src)
	if !bytes.Equal(src, orig) {
		t.Errorf("page changed to %q", src)
	}
}

// TestTokenizerSkipText: with skipText, the tokenizer returns the same
// tokens less the text, but for a raw text element's.
func TestTokenizerSkipText(t *testing.T) {
	for _, c := range tokenizerCases {
		for n := 0; n <= len(c); n++ {
			checkSkipText(t, []byte(c[:n]))
		}
	}
}

func checkSkipText(t *testing.T, src []byte) {
	t.Helper()
	want := withoutText(xnetTokens(src))
	z := tokenizer{src: src, skipText: true}
	var got []string
	for {
		tt := z.next()
		d := fmt.Sprintf("%v %d+%d", html.TokenType(tt), z.start, z.end-z.start)
		if tt == startTagToken || tt == selfClosingTagToken {
			d += fmt.Sprintf(" %q", z.name())
			for i := range z.attrs {
				d += fmt.Sprintf(" %q=%q", z.key(i), z.value(i))
			}
		}
		got = append(got, d)
		if tt == errorToken {
			break
		}
	}
	if diff := cmp.Diff(want, withoutText(got)); diff != "" {
		t.Fatalf("tokens of %q without text (-x/net/html +ours):\n%s", src, diff)
	}
	// Only text after a start tag is left: a raw text element's, which
	// x/net/html returns too.
	for i, d := range got {
		if strings.HasPrefix(d, "Text ") && (i == 0 || !strings.HasPrefix(got[i-1], "StartTag ") && !strings.HasPrefix(got[i-1], "SelfClosingTag ")) {
			t.Fatalf("tokens of %q: text token %s after %v", src, d, got[:i])
		}
	}
}

// withoutText drops the text tokens of a list made by xnetTokens or
// ourTokens, but for those that follow a start tag <script>.
func withoutText(tokens []string) []string {
	var out []string
	for i, d := range tokens {
		if strings.HasPrefix(d, "Text ") {
			if i == 0 {
				continue
			}
			f := strings.Fields(tokens[i-1])
			if (f[0] != "StartTag" && f[0] != "SelfClosingTag") || f[2] != `"script"` {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

func FuzzTokenizer(f *testing.F) {
	for _, c := range tokenizerCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		if diff := cmp.Diff(xnetTokens(src), ourTokens(src)); diff != "" {
			t.Errorf("tokens of %q (-x/net/html +ours):\n%s", s, diff)
		}
		checkSkipText(t, src)
	})
}
