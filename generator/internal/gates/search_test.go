package gates

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchQuery is one realistic query and the pages that may come first
// (testdata/search_queries.json; generator/bench/pagefind reads it too).
type searchQuery struct {
	Query string   `json:"query"`
	First []string `json:"first"`
}

func searchQueries(t *testing.T) []searchQuery {
	t.Helper()
	data, err := os.ReadFile("testdata/search_queries.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []searchQuery
	if err := json.Unmarshal(data, &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 15 {
		t.Fatalf("%d queries in testdata/search_queries.json, want at least 15", len(qs))
	}
	return qs
}

// searchState is what the search page shows.
type searchState struct {
	Status  string   `json:"status"`
	Results []string `json:"results"` // hrefs, in order
	Marks   []string `json:"marks"`   // text of every <mark>
	None    bool     `json:"none"`    // the no-results help is shown
	Suggest []string `json:"suggest"` // suggested searches
	Phone   bool     `json:"phone"`   // the no-results help links the clinic's phone
	Crisis  bool     `json:"crisis"`  // … and the crisis line
	Value   string   `json:"value"`   // the field's value
	Elems   int      `json:"elems"`   // elements in <main>
	Planted bool     `json:"planted"` // window.__pwned was set by injected markup
}

// searchRead waits until the search page has answered the query in its
// field (the status names it, or is empty for an empty query) and reads
// what it shows.
const searchRead = `new Promise((resolve, reject) => {
	const field = document.getElementById("search-q"), start = Date.now();
	const status = document.getElementById("search-status");
	const check = () => {
		const s = status.textContent, q = field.value;
		const want = Array.from(q).slice(0, 200).join("").trim();
		const done = field.form.getAttribute("data-answered") === want;
		if (done) {
			const none = document.getElementById("search-none");
			resolve(JSON.stringify({
				status: s,
				results: [...document.querySelectorAll("#search-results li h2 a")].map(a => a.getAttribute("href")),
				marks: [...document.querySelectorAll("#search-results mark")].map(m => m.textContent),
				none: !none.hidden,
				suggest: [...document.querySelectorAll("#search-suggest-list a")].map(a => a.textContent),
				phone: !none.hidden && !!none.querySelector('a[href^="tel:"]'),
				crisis: !none.hidden && !!none.querySelector(".search-crisis a"),
				value: document.getElementById("search-q").value,
				elems: document.querySelectorAll("main *").length,
				planted: !!window.__pwned,
			}));
		} else if (Date.now() - start > 10000) {
			reject(new Error("no answer for " + q.slice(0, 40) + "; status " + JSON.stringify(s)));
		} else {
			setTimeout(check, 20);
		}
	};
	check();
})`

// search types q into the search field as a person does and presses
// Enter, then returns what the page shows.
func (tb *tab) search(t *testing.T, q string) searchState {
	t.Helper()
	typed := q
	if len(q) > 200 {
		// The field takes 200 characters from the keyboard (maxlength);
		// a longer query arrives pasted by a script or in the address.
		js, _ := json.Marshal(q)
		tb.run(t, `(() => { const i = document.getElementById("search-q"); i.form.removeAttribute("data-answered"); i.value = `+string(js)+`; i.dispatchEvent(new Event("input")); })()`)
		typed = ""
	} else {
		tb.run(t, `(() => { const i = document.getElementById("search-q"); i.form.removeAttribute("data-answered"); i.value = ""; })()`)
	}
	ctx, cancel := tb.bounded()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-q", typed+kb.Enter)); err != nil {
		t.Fatalf("typing %.40q: %v", q, err)
	}
	var st searchState
	tb.eval(t, searchRead, &st)
	if strings.HasPrefix(st.Status, "Search is not") {
		t.Errorf("%.40q: %s", q, st.Status)
	}
	return st
}

// The search page finds the page a patient means for realistic queries,
// typos and all, by typing them into /search/ in Chromium; it loads
// nothing from another origin, shows no console error, passes axe with
// results shown, and hostile queries change nothing but the text shown.
func TestSearch(t *testing.T) {
	f := builtSite(t)
	tb := openBrowser(t, f)
	tb.viewport(t, 1280, 900)
	tb.open(t, "/search/")

	for _, c := range searchQueries(t) {
		st := tb.search(t, c.Query)
		if len(st.Results) == 0 {
			t.Errorf("%q: no results (status %q)", c.Query, st.Status)
			continue
		}
		if !slices.Contains(c.First, st.Results[0]) {
			t.Errorf("%q: first result %s, want one of %v; all: %v", c.Query, st.Results[0], c.First, st.Results)
		}
		if len(st.Marks) == 0 {
			t.Errorf("%q: no word is marked in the results", c.Query)
		}
		t.Logf("%q: %d results, first %v", c.Query, len(st.Results), st.Results[:min(3, len(st.Results))])
	}
	for _, p := range tb.recorded() {
		t.Errorf("while searching: %s", p)
	}

	t.Run("axe with results shown", func(t *testing.T) {
		src, err := os.ReadFile(f.npmTool(t, "axe-core", "axe.min.js"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int64{1280, 320} {
			tb.viewport(t, w, 900)
			tb.search(t, "vaccines for children")
			r := tb.runAxe(t, string(src))
			for _, v := range r.Violations {
				var nodes []string
				for _, n := range v.Nodes {
					nodes = append(nodes, n.Target+" "+n.HTML)
				}
				t.Errorf("%dpx: axe %s: %s: %s", w, v.ID, v.Help, strings.Join(nodes, "; "))
			}
		}
		tb.viewport(t, 1280, 900)
	})

	t.Run("no results offers words, the phone and the crisis line", func(t *testing.T) {
		st := tb.search(t, "vacinnes")
		if !st.None || len(st.Results) != 0 {
			t.Fatalf("none shown %v, results %v", st.None, st.Results)
		}
		if !st.Phone || !st.Crisis {
			t.Errorf("no-results help: phone %v, crisis line %v, want both", st.Phone, st.Crisis)
		}
		if len(st.Suggest) == 0 || !strings.Contains(st.Suggest[0], "vaccines") {
			t.Errorf("suggestions %v, want one with vaccines", st.Suggest)
		}
	})

	t.Run("a query in the address, as the header field sends it", func(t *testing.T) {
		tb.open(t, "/search/?q=peer+support")
		var st searchState
		tb.eval(t, searchRead, &st)
		if st.Value != "peer support" || len(st.Results) == 0 {
			t.Errorf("field %q, results %v", st.Value, st.Results)
		}
	})

	t.Run("Spanish search finds Spanish pages only", func(t *testing.T) {
		src, err := os.ReadFile(f.npmTool(t, "axe-core", "axe.min.js"))
		if err != nil {
			t.Fatal(err)
		}
		tb.open(t, "/es/buscar/")
		for _, c := range []struct {
			q     string
			first []string
		}{
			{"vacunas para niños", []string{"/es/servicios/manejo-de-vacunas/"}},
			{"vacunarme", []string{"/es/servicios/manejo-de-vacunas/"}},
			{"inyección", []string{"/es/servicios/manejo-de-vacunas/"}},
			{"telemedicina", []string{"/es/servicios/telemedicina/", "/es/tags/telemedicina/"}},
		} {
			st := tb.search(t, c.q)
			if len(st.Results) == 0 || !slices.Contains(c.first, st.Results[0]) {
				t.Errorf("%q: results %v, want one of %v first", c.q, st.Results, c.first)
			}
			for _, u := range st.Results {
				if !strings.HasPrefix(u, "/es/") {
					t.Errorf("%q: result %s is not a Spanish page", c.q, u)
				}
			}
			if !strings.Contains(st.Status, "resultado") {
				t.Errorf("%q: status %q is not in Spanish", c.q, st.Status)
			}
		}
		r := tb.runAxe(t, string(src))
		for _, v := range r.Violations {
			t.Errorf("/es/buscar/: axe %s: %s", v.ID, v.Help)
		}
		for _, p := range tb.recorded() {
			t.Errorf("while searching in Spanish: %s", p)
		}
	})

	t.Run("the index manifest is preloaded and fetched once", func(t *testing.T) {
		tb.open(t, "/search/?q=flu")
		var st searchState
		tb.eval(t, searchRead, &st)
		var got []string // how each request for the manifest was made
		tb.eval(t, `(() => {
			const u = document.querySelector("form.search-form[data-index]").getAttribute("data-index");
			return JSON.stringify(performance.getEntriesByType("resource").filter(e => new URL(e.name).pathname === u).map(e => e.initiatorType));
		})()`, &got)
		if len(st.Results) == 0 || !slices.Equal(got, []string{"link"}) {
			t.Errorf("manifest requests %v (want one, by the page's <link rel=preload>); results %v", got, st.Results)
		}
	})

	t.Run("a 10,000-character query in the address", func(t *testing.T) {
		tb.open(t, "/search/?q="+strings.Repeat("flu+", 2500))
		var st searchState
		tb.eval(t, searchRead, &st)
		if len([]rune(st.Value)) != 200 || len(st.Results) == 0 {
			t.Errorf("field holds %d characters, results %v; want the first 200, searched", len([]rune(st.Value)), st.Results)
		}
	})

	t.Run("hostile queries", func(t *testing.T) {
		tb.open(t, "/search/")
		tb.take()
		base := tb.search(t, "")
		for _, q := range []string{
			strings.Repeat("vaccine ", 1250),
			`<img src=x onerror="window.__pwned=1">`,
			`"><script>window.__pwned=1</script>`,
			`.*+?^${}()|[]\/ (a+)+$`,
			"💉 flu 🤒",
			"اللقاح מחלה",
			"\u202eflu\u202c \u200b",
			"__proto__ constructor hasOwnProperty",
			"   ",
			"",
		} {
			st := tb.search(t, q)
			if st.Planted {
				t.Errorf("%.40q: injected markup ran", q)
			}
			for _, r := range st.Results {
				if !strings.HasPrefix(r, "/") || strings.HasPrefix(r, "//") {
					t.Errorf("%.40q: result link %q leaves the site", q, r)
				}
			}
			if strings.Contains(q, "<") && st.Elems > base.Elems+200 {
				t.Errorf("%.40q: %d elements in main, was %d", q, st.Elems, base.Elems)
			}
			for _, p := range tb.recorded() {
				t.Errorf("%.40q: %s", q, p)
			}
		}
		var tags int
		tb.eval(t, `JSON.stringify(document.querySelectorAll("main img, main script:not([src])").length)`, &tags)
		if tags != 0 {
			t.Errorf("%d img or inline script elements in main after the hostile queries", tags)
		}
	})
}
