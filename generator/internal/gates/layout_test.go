package gates

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// phone is the viewport of a common phone (iPhone SE/8, Android 375 px).
const phoneW, phoneH = 375, 667

// titleTop measures, on the open page, how far down the page's h1 ends
// and which phone numbers break across lines.
const titleTop = `JSON.stringify((() => {
	const h = document.querySelector("main h1");
	const r = h ? h.getBoundingClientRect() : null;
	const broken = [...document.querySelectorAll('a[href^="tel:"]')]
		.filter(a => a.getClientRects().length > 1 ||
			Math.round(a.getBoundingClientRect().height) > Math.ceil(parseFloat(getComputedStyle(a).lineHeight) * 1.5))
		.map(a => a.textContent.trim());
	return {top: r ? Math.round(r.top + window.scrollY) : -1,
		bottom: r ? Math.round(r.bottom + window.scrollY) : -1, broken};
})())`

type phoneFacts struct {
	Top    int      `json:"top"`
	Bottom int      `json:"bottom"`
	Broken []string `json:"broken"`
}

// TestPhoneLayout keeps each kind of page's title in the first screen of a
// 375 px phone (the header and navigation must not push it below) and
// phone numbers on one line (a number broken after "+1-" is misread).
func TestPhoneLayout(t *testing.T) {
	f := builtSite(t)
	tb := openBrowser(t, f)
	tb.viewport(t, phoneW, phoneH)
	// The title must start within the top 40 % of the screen and end within
	// the first screen, so a visitor sees what page this is at once (before
	// the compact phone header: 321–350 px with Debian's fonts).
	const maxTop = 260
	for _, kp := range f.kindPages(t) {
		kind, p := kp[0], kp[1]
		tb.open(t, p)
		var got phoneFacts
		tb.eval(t, titleTop, &got)
		t.Logf("%s %s: h1 from %d to %d px", kind, p, got.Top, got.Bottom)
		if got.Top < 0 {
			t.Errorf("%s (%s): no h1 in main", p, kind)
			continue
		}
		if got.Top > maxTop || got.Bottom > phoneH {
			t.Errorf("%s (%s) at %d px: the title spans %d–%d px, want it to start by %d px and end by %d px (compact the header)",
				p, kind, phoneW, got.Top, got.Bottom, maxTop, phoneH)
		}
		if len(got.Broken) > 0 {
			t.Errorf("%s (%s) at %d px: phone numbers broken across lines: %q", p, kind, phoneW, got.Broken)
		}
	}
}

// pdfPage counts pages in a PDF Chromium printed (it writes one
// uncompressed page object per page).
var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printPages prints the open page to US Letter and returns the page count
// and the PDF.
func (tb *tab) printPages(t *testing.T) (int, []byte) {
	t.Helper()
	ctx, cancel := tb.bounded()
	defer cancel()
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.5, PaperHeight: 11})
	if err != nil {
		t.Fatalf("printing: %v", err)
	}
	pdf := res.Data
	return len(pdfPage.FindAll(pdf, -1)), pdf
}

// printFacts tells, under print media, which parts of the page show.
const printFacts = `JSON.stringify((() => {
	const shown = sel => [...document.querySelectorAll(sel)].some(e => getComputedStyle(e).display !== "none");
	const src = document.querySelector('.prose a[href^="http"]');
	return {
		hidden: [".site-nav", ".header-search", ".lang-switch", ".help-strip", ".breadcrumbs", ".terms", ".related", ".care", ".footer-policies", ".footer-explore"].filter(s => shown(s)),
		kept: [".crisis-box", ".disclaimer", ".footer-clinic", "main h1"].filter(s => !shown(s)),
		source: src ? getComputedStyle(src, "::after").content : "",
	};
})())`

// TestPrint prints the longest article on US Letter: navigation, the help
// strip, tags, related lists and the footer's link lists are dropped, the
// crisis box, the disclaimer and the clinic's details stay, source links
// are written out, and the article fits on 4 pages (7 before the print
// stylesheet was tightened, with page 1 half empty).
func TestPrint(t *testing.T) {
	const maxPages = 4
	f := builtSite(t)
	tb := openBrowser(t, f)
	p := "/articles/benefits-of-peer-support-for-mental-health-patients/"
	tb.open(t, p)
	n, _ := tb.printPages(t)
	t.Logf("%s prints on %d Letter pages", p, n)
	if n == 0 || n > maxPages {
		t.Errorf("%s prints on %d Letter pages, want 1 to %d", p, n, maxPages)
	}

	ctx, cancel := tb.bounded()
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Hidden []string `json:"hidden"`
		Kept   []string `json:"kept"`
		Source string   `json:"source"`
	}
	tb.eval(t, printFacts, &got)
	if len(got.Hidden) > 0 {
		t.Errorf("printed, %s still shows %q", p, got.Hidden)
	}
	if len(got.Kept) > 0 {
		t.Errorf("printed, %s drops %q", p, got.Kept)
	}
	if !strings.Contains(got.Source, "http") {
		t.Errorf("printed, a source link is not written out: ::after content = %q", got.Source)
	}
}
