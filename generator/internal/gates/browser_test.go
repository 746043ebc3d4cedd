package gates

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"clinicgen/generator/internal/browsertest"
)

// tab is a headless Chromium with one page open. It records every request
// the page makes and every error it shows in its console.
type tab struct {
	ctx context.Context
	f   *fixture

	mu       sync.Mutex
	requests []string // URLs, in order
	problems []string // console errors, uncaught exceptions, browser log errors
}

// openBrowser starts Chromium with a fresh profile for the test.
func openBrowser(t *testing.T, f *fixture) *tab {
	t.Helper()
	tb := &tab{f: f}
	// A bound for the whole test: a hung browser fails it instead of CI.
	ctx := browsertest.Start(t, 4*time.Minute, chromedp.WithListener(tb.record))
	tb.ctx = ctx
	// Reduced motion: no transitions or smooth scrolling, so styles and
	// positions are final as soon as they are read.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	return tb
}

// record is the tab's event listener; it runs on the tab's reader goroutine.
func (tb *tab) record(ev any) {
	var problem string
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.mu.Lock()
		tb.requests = append(tb.requests, e.Request.URL)
		tb.mu.Unlock()
	case *runtime.EventExceptionThrown:
		problem = "uncaught exception: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			problem += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			problem = "console." + string(e.Type) + ": " + strings.Join(args, " ")
		}
	case *log.EventEntryAdded:
		en := e.Entry
		// The 404 page is meant to answer with status 404.
		if en.Level == log.EntryLevelError && !(en.Source == log.EntrySourceNetwork && strings.HasSuffix(en.URL, missingPath)) {
			problem = fmt.Sprintf("browser %s error: %s (%s)", en.Source, en.Text, en.URL)
		}
	}
	if problem != "" {
		tb.mu.Lock()
		tb.problems = append(tb.problems, problem)
		tb.mu.Unlock()
	}
}

// take returns and forgets what was recorded so far.
func (tb *tab) take() (requests, problems []string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	requests, problems = tb.requests, tb.problems
	tb.requests, tb.problems = nil, nil
	return requests, problems
}

// open loads a URL path of the site and fails the test on each problem
// load finds.
func (tb *tab) open(t *testing.T, p string) {
	t.Helper()
	for _, pr := range tb.load(t, p) {
		t.Errorf("%s: %s", p, pr)
	}
}

// load loads a URL path of the site and returns what is wrong: a status
// other than 200 (404 for missingPath), requests to another origin, errors
// in the console.
func (tb *tab) load(t *testing.T, p string) []string {
	t.Helper()
	tb.take()
	ctx, cancel := tb.bounded()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(tb.f.url+p))
	if err != nil {
		t.Fatalf("loading %s: %v", p, err)
	}
	var out []string
	want := int64(200)
	if p == missingPath {
		want = 404
	}
	if resp.Status != want {
		out = append(out, fmt.Sprintf("answered %d, want %d", resp.Status, want))
	}
	return append(out, tb.recorded()...)
}

// recorded returns the problems recorded since the last call: requests to
// another origin than the site's and console errors.
func (tb *tab) recorded() []string {
	requests, problems := tb.take()
	var out []string
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme+"://"+u.Host != tb.f.url) {
			out = append(out, "requested "+r+": pages must request nothing from any origin but their own")
		}
	}
	return append(out, problems...)
}

// viewport sets the page's width and height in CSS px.
func (tb *tab) viewport(t *testing.T, w, h int64) {
	t.Helper()
	ctx, cancel := tb.bounded()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
}

// bounded returns the context for one step: a page that hangs fails the
// step after 30 seconds instead of stalling the test.
func (tb *tab) bounded() (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, 30*time.Second)
}

// run evaluates JavaScript for its effect, awaiting a promise it returns.
func (tb *tab) run(t *testing.T, js string) {
	t.Helper()
	ctx, cancel := tb.bounded()
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](js, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("evaluating %.60q…: %v", js, err)
	}
}

// loadUnguarded loads a page with its Content-Security-Policy ignored,
// for the pages the tests break on purpose to show a check fails: the
// policy would block the faults before the check could see them.
func (tb *tab) loadUnguarded(t *testing.T, p string) {
	t.Helper()
	bypass := func(on bool) {
		ctx, cancel := tb.bounded()
		defer cancel()
		if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: on}); err != nil {
			t.Fatal(err)
		}
	}
	bypass(true)
	defer bypass(false)
	tb.load(t, p)
}

// eval runs JavaScript (awaiting a promise) and decodes its JSON string
// result into v.
func (tb *tab) eval(t *testing.T, js string, v any) {
	t.Helper()
	ctx, cancel := tb.bounded()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.60q…: %v", js, err)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("decoding %.200q: %v", s, err)
	}
}

// axeViolation is one failed axe rule with the elements that fail it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeResult is what runAxe returns.
type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Ran        []string       `json:"ran"`        // every rule that applied or was checked
	Incomplete []string       `json:"incomplete"` // rules axe could not decide (reported only)
}

// axeTags are the rule sets of WCAG 2.0, 2.1 and 2.2 levels A and AA.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]`

// runAxe injects axe-core into the open page and runs it.
func (tb *tab) runAxe(t *testing.T, source string) axeResult {
	t.Helper()
	tb.run(t, source+"\n;true")
	var r axeResult
	tb.eval(t, `axe.run(document, {
		runOnly: {type: "tag", values: `+axeTags+`},
		rules: {"target-size": {enabled: true}},
		resultTypes: ["violations"]
	}).then(r => JSON.stringify({
		violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary}))})),
		ran: [].concat(r.passes, r.violations, r.incomplete).map(v => v.id),
		incomplete: r.incomplete.map(v => v.id)
	}))`, &r)
	return r
}

// axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation, nor a target-size
// one, on a page of every kind, at desktop width and at 320 CSS px. A page
// with known faults is checked first, so an axe that finds nothing fails.
func TestAxe(t *testing.T) {
	f := builtSite(t)
	src, err := os.ReadFile(f.npmTool(t, "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	tb := openBrowser(t, f)

	t.Run("axe finds known faults", func(t *testing.T) {
		tb.loadUnguarded(t, "/")
		tb.run(t, `document.querySelector("main").insertAdjacentHTML("beforeend",
			'<img src="/favicon.svg"><p style="color:#eee;background:#fff">faint</p>')`)
		got := map[string]bool{}
		for _, v := range tb.runAxe(t, string(src)).Violations {
			got[v.ID] = true
		}
		for _, want := range []string{"image-alt", "color-contrast"} {
			if !got[want] {
				t.Errorf("axe did not report %s on a page made to fail it; got %v", want, got)
			}
		}
	})

	for _, w := range []int64{1280, 320} {
		for _, kp := range f.kindPages(t) {
			kind, p := kp[0], kp[1]
			t.Run(fmt.Sprintf("%dpx/%s", w, kind), func(t *testing.T) {
				tb.viewport(t, w, 900)
				tb.open(t, p)
				r := tb.runAxe(t, string(src))
				ran := strings.Join(r.Ran, " ")
				for _, rule := range []string{"target-size", "color-contrast", "document-title", "html-has-lang"} {
					if !strings.Contains(" "+ran+" ", " "+rule+" ") {
						t.Errorf("%s: axe did not run the %s rule; ran: %s", p, rule, ran)
					}
				}
				for _, v := range r.Violations {
					var nodes []string
					for _, n := range v.Nodes {
						nodes = append(nodes, fmt.Sprintf("\t%s\n\t  %s\n\t  %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n\t  ")))
					}
					t.Errorf("%s: axe %s (%s): %s, %d elements:\n%s", p, v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(nodes, "\n"))
				}
				t.Logf("%s at %dpx: %d violations; %d rules ran; needs review: %v", p, w, len(r.Violations), len(r.Ran), r.Incomplete)
			})
		}
	}
}

// overflow returns why the open page scrolls sideways, or "".
func (tb *tab) overflow(t *testing.T) string {
	t.Helper()
	var r struct {
		ScrollWidth, ClientWidth int
		Wide                     []string
	}
	tb.eval(t, `JSON.stringify((() => {
		const s = document.scrollingElement, cw = s.clientWidth;
		const wide = [...document.body.querySelectorAll("*")]
			.filter(e => e.getBoundingClientRect().right > cw + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > cw + 0.5))
			.slice(0, 5)
			.map(e => e.outerHTML.slice(0, 160) + " (right edge at " + Math.round(e.getBoundingClientRect().right) + "px)");
		return {ScrollWidth: s.scrollWidth, ClientWidth: cw, Wide: wide};
	})())`, &r)
	if r.ScrollWidth <= r.ClientWidth {
		return ""
	}
	return fmt.Sprintf("scrolls sideways: %dpx of content in %dpx; too wide:\n\t%s", r.ScrollWidth, r.ClientWidth, strings.Join(r.Wide, "\n\t"))
}

// At 320 CSS px wide (WCAG 1.4.10 reflow) no generated page scrolls
// sideways; loading each page requests nothing from any origin but the
// local server and shows no error in the console (a Content-Security-Policy
// that blocks the page's own resources shows there). A page made to fail
// each check is tried first, so checks that cannot fail fail the gate.
func TestEveryPageAt320px(t *testing.T) {
	f := builtSite(t)
	tb := openBrowser(t, f)
	tb.viewport(t, 320, 640)

	t.Run("the checks catch known faults", func(t *testing.T) {
		tb.loadUnguarded(t, "/")
		// Another origin on this machine: localhost is not 127.0.0.1.
		other := strings.Replace(f.url, "127.0.0.1", "localhost", 1) + "/favicon.svg"
		tb.run(t, `document.querySelector("main").insertAdjacentHTML("beforeend",
			'<div style="width: 400px">wide</div><img alt="x" src="`+other+`">');
			new Promise(r => { const i = document.querySelector("main img:last-child"); i.onload = i.onerror = r; })`)
		if got := tb.overflow(t); !strings.Contains(got, "400px") {
			t.Errorf("a 400px-wide element at 320px: overflow = %q, want it named", got)
		}
		if got := strings.Join(tb.recorded(), "\n"); !strings.Contains(got, other) {
			t.Errorf("a request to %s: problems = %q, want it named", other, got)
		}
	})

	redirects := 0
	for _, rel := range f.html {
		p := urlOf(rel)
		if f.isRedirect(t, rel) {
			redirects++ // an alias: it sends the browser on at once
			continue
		}
		tb.open(t, p)
		if o := tb.overflow(t); o != "" {
			t.Errorf("%s (%s) at 320px %s", p, rel, o)
		}
	}
	t.Logf("%d pages loaded at 320px (%d redirect pages skipped)", len(f.html)-redirects, redirects)
}

// focusInfo is what the page tells about one element reached by Tab.
type focusInfo struct {
	Desc    string            `json:"desc"`
	Focused map[string]string `json:"focused"`
	Plain   map[string]string `json:"plain"`
	Visible bool              `json:"visible"`
}

// focusScript installs the helpers of focusStep and focusReport.
const focusScript = `(() => {
	const props = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color",
		"border-top-color", "border-bottom-color", "border-top-width", "border-bottom-width"];
	const style = el => { const cs = getComputedStyle(el); return Object.fromEntries(props.map(p => [p, cs.getPropertyValue(p)])); };
	const desc = el => {
		const s = el.outerHTML;
		return s.slice(0, Math.min(s.indexOf(">") + 1 || 120, 120)) + (el.innerText || "").trim().slice(0, 40);
	};
	// settle ends every running transition (getAnimations brings styles up
	// to date first), so computed styles and positions are the ones a
	// person sees once the page is still.
	const settle = () => Promise.resolve(document.getAnimations().forEach(a => a.finish()));
	window.__gate = {log: [], style, desc, settle};
	return "ok";
})()`

// focusStep reports where the focus is after one Tab: "new" for an element
// not focused before (its focused style is recorded, and whether it is
// hidden under other content, WCAG 2.4.11), "again" when Tab wrapped round,
// "out" when it left the page.
const focusStep = `window.__gate.settle().then(() => {
	const g = window.__gate, a = document.activeElement;
	if (!a || a === document.body || a === document.documentElement) return JSON.stringify({state: "out"});
	if (a.__gateSeen) return JSON.stringify({state: "again"});
	a.__gateSeen = true;
	g.log.push({el: a, focused: g.style(a)});
	let obscured = "";
	const r = a.getClientRects()[0];
	if (r) {
		const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
		const hit = document.elementFromPoint(x, y);
		if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) obscured = "outside the viewport";
		else if (hit && !a.contains(hit) && !hit.contains(a)) obscured = "covered by " + g.desc(hit);
		if (obscured) obscured = g.desc(a) + " is " + obscured;
	}
	return JSON.stringify({state: "new", obscured});
})`

// focusReport blurs the focus and compares each reached element's focused
// style with its plain style; it also lists focusable elements Tab never
// reached.
const focusReport = `(() => {
	const g = window.__gate;
	if (document.activeElement) document.activeElement.blur();
	return g.settle().then(() => {
		const differs = (a, b, ps) => ps.some(p => a[p] !== b[p]);
		const transparent = c => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);
		const out = g.log.map(({el, focused}) => {
			const plain = g.style(el);
			const outline = focused["outline-style"] !== "none" && parseFloat(focused["outline-width"]) >= 1 && !transparent(focused["outline-color"])
				&& differs(focused, plain, ["outline-style", "outline-width", "outline-color"]);
			const shadow = focused["box-shadow"] !== "none" && focused["box-shadow"] !== plain["box-shadow"];
			const fill = differs(focused, plain, ["background-color", "border-top-color", "border-bottom-color", "border-top-width", "border-bottom-width"]);
			return {desc: g.desc(el), focused, plain, visible: outline || shadow || fill};
		});
		const focusable = [...document.querySelectorAll("a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]")]
			.filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden");
		return JSON.stringify({out, missed: focusable.filter(el => !el.__gateSeen).map(g.desc)});
	});
})()`

// tabThrough presses Tab until the focus leaves the page or wraps round,
// and returns what is wrong: an element without a visible focus indicator,
// one hidden when focused, a focusable element never reached.
func (tb *tab) tabThrough(t *testing.T) (problems []string, reached int) {
	t.Helper()
	tb.run(t, focusScript)
	for i := 0; ; i++ {
		if i == 1000 {
			return append(problems, "Tab never left the page after 1000 presses"), reached
		}
		ctx, cancel := tb.bounded()
		err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		var step struct{ State, Obscured string }
		tb.eval(t, focusStep, &step)
		if step.State != "new" {
			break
		}
		reached++
		if step.Obscured != "" {
			problems = append(problems, fmt.Sprintf("focus %d: %s", reached, step.Obscured))
		}
	}
	var rep struct {
		Out    []focusInfo `json:"out"`
		Missed []string    `json:"missed"`
	}
	tb.eval(t, focusReport, &rep)
	if len(rep.Out) == 0 {
		problems = append(problems, "Tab focused nothing")
	}
	for i, fi := range rep.Out {
		if !fi.Visible {
			problems = append(problems, fmt.Sprintf("focus %d shows no visible focus indicator: %s\n\tfocused: %v\n\tplain:   %v", i+1, fi.Desc, fi.Focused, fi.Plain))
		}
	}
	for _, m := range rep.Missed {
		problems = append(problems, "Tab never reached "+m)
	}
	return problems, reached
}

// Tabbing through a page of every kind reaches every focusable element,
// each shows a visible focus indicator (its outline, box-shadow, background
// or border differs from its unfocused state), and none is hidden under
// other content when focused (WCAG 2.4.7, 2.4.11, 2.1.1). Pages made to
// fail are tried first.
func TestFocusVisible(t *testing.T) {
	f := builtSite(t)
	tb := openBrowser(t, f)

	probes := []struct {
		name, js, want string
	}{
		{"no outline", `document.head.insertAdjacentHTML("beforeend", "<style>*:focus, *:focus-visible { outline: none !important }</style>")`, "no visible focus indicator"},
		{"covered", `document.body.insertAdjacentHTML("beforeend", '<div style="position: fixed; inset: 0; background: white; z-index: 99">cover</div>')`, "is covered by <div"},
		{"a keyboard trap", `document.querySelector("header a[href]").addEventListener("keydown", e => { if (e.key === "Tab") e.preventDefault() })`, "Tab never reached"},
	}
	for _, pr := range probes {
		t.Run("catches "+pr.name, func(t *testing.T) {
			tb.viewport(t, 1280, 800)
			tb.loadUnguarded(t, "/")
			tb.run(t, pr.js)
			problems, _ := tb.tabThrough(t)
			if got := strings.Join(problems, "\n"); !strings.Contains(got, pr.want) {
				t.Errorf("problems = %q, want one with %q", got, pr.want)
			}
		})
	}

	for _, w := range []int64{1280, 320} {
		for _, kp := range f.kindPages(t) {
			kind, p := kp[0], kp[1]
			t.Run(fmt.Sprintf("%dpx/%s", w, kind), func(t *testing.T) {
				tb.viewport(t, w, 800)
				tb.open(t, p)
				problems, reached := tb.tabThrough(t)
				for _, pr := range problems {
					t.Errorf("%s: %s", p, pr)
				}
				t.Logf("%s at %dpx: %d elements reached by Tab", p, w, reached)
			})
		}
	}
}
