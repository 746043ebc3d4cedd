// Package safemsg is a safe-messaging lint for mental-health content: it
// finds wording about suicide that the safe-messaging guidelines ask
// writers to avoid, and says what to write instead.
//
// The contract: Check takes the Markdown body of one page and returns one
// Finding per phrase with its 1-based file line and column (in runes), in
// source order; Diagnostics wraps them as warnings (code "safe-messaging").
// Matching is case-insensitive, follows inflections ("commits",
// "committing") and crosses a single line break inside a paragraph, but
// never a blank line. It never panics, whatever the input. Common
// misspellings count too ("commited", "comitted", "comited", "commiting";
// "sucide", "suicde"). FrontMatter checks the title, description, summary
// and imageAlt the same way, at their front matter lines.
//
// Not checked: fenced code blocks (``` or ~~~, at any indentation), inline
// code spans and HTML comments. Indented code blocks are checked, because
// four spaces of indentation more often continue a list item. To quote a
// phrase on purpose — in an editorial policy, say — put it in backticks:
// `committed suicide`.
//
// # The phrases
//
//	write this                        instead of                       why
//	"died by suicide"                 "committed suicide"              "commit" suggests a crime or a sin
//	"die by suicide" or
//	  "take their own life"           "commit suicide" (and "commits", "committing")
//	"died by suicide"                 "successful suicide",            presents suicide as an achievement
//	                                  "successful (suicide) attempt",
//	                                  "completed suicide"
//	"survived a suicide attempt"      "failed/unsuccessful (suicide)   presents surviving as a failure
//	  or "suicide attempt"              attempt", "failed suicide"
//	"rising rates of suicide"         "suicide epidemic",              sensationalises, and can make
//	                                  "epidemic of suicide"            suicide seem normal or inevitable
//	"person who died by suicide"      "suicide victim",                stigmatising: "victim" casts
//	                                  "victim of suicide"              suicide as a crime
//	"died by suicide" or
//	  "took his own life"             "chose to end his life" (his,    presents suicide as a free choice
//	                                  her, their…; "decided to")       rather than an outcome of pain
//	                                                                   and illness that can be treated
//
// Sources. Recommendations for Reporting on Suicide
// (reportingonsuicide.org/recommendations): "died by suicide" or "killed
// him/herself" instead of "committed suicide"; do not describe suicides as
// "successful", "unsuccessful" or a "failed attempt"; do not call them an
// "epidemic" or "skyrocketing". The 988 Suicide & Crisis Lifeline's
// safe-messaging guidance (988lifeline.org) and the prevention field's
// "say this, not this" language guides agree: "suicide death" or "died by
// suicide" for "successful attempt", "suicide attempt" for "unsuccessful
// attempt", and no "completed suicide", because "completed" makes suicide
// sound like a task accomplished. "Completed suicide" still
// appears in clinical literature; a clinic's patient pages should not use
// it. The "victim" and "chose to" rows are this project's judgement on the
// same principle: the guides accept "took his own life" and "ended her
// life"; what is flagged is the framing as a crime or as a free choice.
//
// Context: "failed attempt", "unsuccessful attempt" and "successful
// attempt" without the word "suicide" are flagged only when they are about
// suicide. When "to", "at" or "on" follows, the rest of the sentence says
// what was attempted ("a failed attempt to take his own life" is flagged,
// "a failed attempt to log in" is not); otherwise the page must mention
// suicide somewhere ("suicid…", "own life", "kill himself" and the like).
// "suicide" used as a modifier — "suicide prevention", "suicide attempt
// survivors", "committed suicide prevention advocates" — is never flagged.
package safemsg

import (
	"bytes"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"clinicgen/generator/internal/diag"
)

// Code is the diagnostic code of every safe-messaging warning.
const Code = "safe-messaging"

// Finding is one phrase to reword.
type Finding struct {
	// Line and Col are 1-based; Line is a file line, Col counts runes.
	Line, Col int
	// Phrase is the text as written, its white space collapsed to single
	// spaces, e.g. "Committed suicide".
	Phrase string
	// Suggestion is what to write instead, each wording in double quotes,
	// e.g. `"died by suicide"` or `"die by suicide" or "take their own life"`.
	Suggestion string
	// Why says what is wrong, as the end of a sentence whose subject is the
	// phrase, e.g. "is stigmatising wording".
	Why string
}

// Diagnostics checks the body of the file at path: src is the whole file,
// bodyLine the 1-based line where its Markdown body starts (after the front
// matter; 1 or less means the whole file). Each Finding becomes a Warning
// such as
//
//	msg: "committed suicide" is stigmatising wording
//	fix: write "died by suicide" (safe messaging guidelines)
func Diagnostics(path string, src []byte, bodyLine int) diag.List {
	return diagnostics(path, src, bodyLine, Check)
}

// diagnostics is Diagnostics with the check of a language (see CheckLang).
func diagnostics(path string, src []byte, bodyLine int, check func([]byte, int) []Finding) diag.List {
	body, first, ok := bodyFrom(src, bodyLine)
	if !ok {
		return nil
	}
	var out diag.List
	for _, f := range check(body, first) {
		d := diag.Warnf(path, src, f.Line, f.Col, "write "+f.Suggestion+" (safe messaging guidelines)",
			"%s %s", `"`+f.Phrase+`"`, f.Why)
		d.Code = Code
		out = append(out, d)
	}
	return out
}

// FrontMatter checks the values people see first — the page's title,
// description, summary and share image's imageAlt — in the front matter
// frontSrc (the file from line 1 through the closing ---), placing each
// finding at its line of the file. lines maps each top-level key to its
// line (markdown.FrontMatter.Lines). A value may go on over the indented
// lines after its key (a folded > or | block).
func FrontMatter(path string, frontSrc []byte, lines map[string]int) diag.List {
	if rules().firstWords(frontSrc) == 0 {
		return nil // most front matter has none of the phrases' first words
	}
	return frontMatter(path, frontSrc, lines, Check)
}

// frontMatter is FrontMatter with the check of a language (see CheckLang).
func frontMatter(path string, frontSrc []byte, lines map[string]int, check func([]byte, int) []Finding) diag.List {
	var out diag.List
	src := strings.Split(string(frontSrc), "\n")
	for _, key := range [...]string{"title", "description", "summary", "imageAlt"} {
		first, ok := lines[key]
		if !ok || first < 1 || first > len(src) {
			continue
		}
		last := first
		for last < len(src) && strings.HasPrefix(src[last], " ") {
			last++
		}
		value := strings.Join(src[first-1:last], "\n")
		for _, f := range check([]byte(value), first) {
			d := diag.Warnf(path, frontSrc, f.Line, f.Col, "write "+f.Suggestion+" (safe messaging guidelines)",
				"%s in %s %s", `"`+f.Phrase+`"`, key, f.Why)
			d.Code = Code
			out = append(out, d)
		}
	}
	return out
}

// bodyFrom returns src from line n on, and the line number it starts at.
func bodyFrom(src []byte, n int) ([]byte, int, bool) {
	if n <= 1 {
		return src, 1, true
	}
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return nil, 0, false
		}
		off += i + 1
	}
	return src[off:], n, true
}

// Check returns the phrases to reword in body, a Markdown text whose first
// line is line firstLine of its file (less than 1 is taken as 1), in source
// order.
func Check(body []byte, firstLine int) []Finding {
	if firstLine < 1 {
		firstLine = 1
	}
	rs := rules()
	may := rs.firstWords(body) // most pages have none: nothing to do
	if may == 0 {
		return nil
	}
	lower := maskLower(body) // byte offsets stay those of body
	page := sync.OnceValue(func() bool { return mentionsSuicide(lower) })
	var hits []hit
	for _, r := range rs.rules {
		if may&(1<<r.first) == 0 {
			continue
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(lower, -1) {
			start, end := m[0], m[1]
			if prev, _ := utf8.DecodeLastRuneInString(lower[:start]); isWordRune(prev) {
				continue // "recommitted suicide"
			}
			if r.modifierCheck && nextWordIsModifier(lower, end) {
				continue
			}
			if r.context && !aboutSuicide(lower, end, page()) {
				continue
			}
			groups := make([]string, len(m)/2)
			for g := range groups {
				if m[2*g] >= 0 {
					groups[g] = lower[m[2*g]:m[2*g+1]]
				}
			}
			line, col := diag.LineCol(body, start)
			hits = append(hits, hit{start, end, Finding{
				Line:       firstLine + line - 1,
				Col:        col,
				Phrase:     collapse(string(body[start:end])),
				Suggestion: quoteAll(r.suggest(groups)),
				Why:        r.why,
			}})
		}
	}
	return nonOverlapping(hits)
}

// hit is a rule's finding with the byte range it matched.
type hit struct {
	start, end int
	f          Finding
}

// nonOverlapping returns the findings in source order; where two rules
// match overlapping text, it keeps the one that starts first, and of those
// the longest.
func nonOverlapping(hits []hit) []Finding {
	slices.SortStableFunc(hits, func(a, b hit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []Finding
	last := -1
	for _, h := range hits {
		if h.start < last {
			continue
		}
		out = append(out, h.f)
		last = h.end
	}
	return out
}

// collapse joins the words of a phrase that may span a line break (and a
// blockquote marker) with single spaces.
func collapse(s string) string {
	f := strings.Fields(s)
	out := f[:0]
	for _, w := range f {
		if strings.Trim(w, ">") != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func quoteAll(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = `"` + w + `"`
	}
	return strings.Join(q, " or ")
}

// firstWords returns the set of the rules' first words (bit i for
// rs.firsts[i]) that start a word in body: that occur after no ASCII
// letter, digit or underscore, their ASCII letters compared in lower
// case. A rule can match only where its first word starts a word (masking
// code only turns bytes into spaces, and Check drops a match after a
// letter), and one scan of the page is cheaper than running every regexp.
func (rs *ruleSet) firstWords(body []byte) uint32 {
	var found uint32
	inWord := false // body[i-1] is a word byte
	for i := 0; i+1 < len(body); i++ {
		c := body[i]
		// The first words that start with c and then body[i+1]: most of the
		// time none, without a branch to mispredict at every word.
		if m := rs.starting[c] & rs.second[body[i+1]]; m != 0 && !inWord {
			for ; m != 0; m &= m - 1 {
				k := bits.TrailingZeros32(m)
				if hasPrefixFold(body[i:], rs.firsts[k]) {
					found |= 1 << k
				}
			}
		}
		inWord = rs.word[c]
	}
	return found
}

// lowerWord reports whether s is letters a–z only.
func lowerWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether b starts with the lower-case ASCII word
// prefix, its ASCII letters compared in lower case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

func asciiWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// ruleSet is the table of rules and the first words they start with.
type ruleSet struct {
	rules []rule
	// firsts are the distinct first words of the rules (from
	// re.LiteralPrefix), lower case; starting[c] and second[c] are the sets
	// of those whose first and second letters are the byte c in either
	// case (bit i for firsts[i]).
	firsts           []string
	starting, second [256]uint32
	// word[c] reports an ASCII letter, digit or underscore.
	word [256]bool
}

// rule is one row of the table in the package documentation.
type rule struct {
	re *regexp.Regexp
	// first is the index in ruleSet.firsts of the word every match starts
	// with ("commit", "suicide").
	first int
	why   string
	// suggest returns the replacement wordings for a match, given its
	// lower-cased submatches (groups[0] is the whole match).
	suggest func(groups []string) []string
	// modifierCheck skips a match followed by a noun that "suicide"
	// modifies: "completed suicide prevention training".
	modifierCheck bool
	// context asks for the match to be about suicide (see aboutSuicide).
	context bool
}

// sep is the space between two words of a phrase: spaces and tabs, or one
// line break (with blockquote markers on the next line), never a blank line.
const sep = `(?:[ \t]+|[ \t]*\r?\n[ \t]*(?:>[ \t]*)*)`

// rules compiles the table once; it is read-only afterwards. Patterns are
// matched against the ASCII-lower-cased text and each starts with a
// literal word, so the regexp engine can skip ahead to candidates; the
// word boundary before a match is checked in Check.
var rules = sync.OnceValue(func() *ruleSet {
	re := func(words ...string) *regexp.Regexp {
		return regexp.MustCompile(strings.Join(words, sep) + `\b`)
	}
	fixed := func(ws ...string) func([]string) []string {
		return func([]string) []string { return ws }
	}
	victim := func(g []string) []string {
		if g[1] == "victims" {
			return []string{"people who died by suicide"}
		}
		return []string{"person who died by suicide"}
	}
	const (
		stigma      = "is stigmatising wording"
		achievement = "presents suicide as an achievement"
		failure     = "presents surviving as a failure"
		sensational = "is sensationalising wording"
	)
	// "commit" as written and as often misspelt: "commited", "comitted",
	// "comited", "commiting"; and "suicide" as "sucide" or "suicde".
	commitSuggest := func(g []string) []string {
		switch g[1] {
		case "ted", "ed":
			return []string{"died by suicide"}
		case "s":
			return []string{"dies by suicide", "takes their own life"}
		case "ting", "ing":
			return []string{"dying by suicide", "ending their life"}
		}
		return []string{"die by suicide", "take their own life"}
	}
	const suicide = `(?:suicide|sucide|suicde|suiside)`
	rs := []rule{
		{re: re(`commit(s|ted|ting|ed|ing)?`, suicide), why: stigma, suggest: commitSuggest, modifierCheck: true},
		{re: re(`comit(s|ted|ting|ed|ing)?`, suicide), why: stigma, suggest: commitSuggest, modifierCheck: true},
	}
	for _, w := range [...]string{"successful", "completed"} {
		rs = append(rs, rule{re: re(w, `suicides?`), why: achievement, suggest: fixed("died by suicide"), modifierCheck: true})
	}
	rs = append(rs,
		rule{re: re(`successful`, `suicide`, `attempts?`), why: achievement, suggest: fixed("died by suicide")},
		rule{re: re(`successful`, `attempts?`), why: achievement, suggest: fixed("died by suicide"), context: true},
	)
	for _, w := range [...]string{"failed", "unsuccessful"} {
		survived := fixed("survived a suicide attempt", "suicide attempt")
		rs = append(rs,
			rule{re: re(w, `suicide`, `attempts?`), why: failure, suggest: survived},
			rule{re: re(w, `suicides?`), why: failure, suggest: survived, modifierCheck: true},
			rule{re: re(w, `attempts?`), why: failure, suggest: survived, context: true},
		)
	}
	rs = append(rs,
		rule{re: re(`suicide`, `epidemics?`), why: sensational, suggest: fixed("rising rates of suicide")},
		rule{re: re(`epidemics?`, `of`, `suicides?`), why: sensational, suggest: fixed("rising rates of suicide")},
		rule{re: re(`suicide`, `(victims?)`), why: stigma, suggest: victim},
		rule{re: re(`(victims?)`, `of`, `suicide`), why: stigma, suggest: victim},
	)
	for _, w := range [...]string{"chose", "decided"} {
		rs = append(rs, rule{
			re:  re(w, `to`, `(?:end|take)`, `(his|her|their|my|your|our)`, `(?:own`+sep+`)?(?:life|lives)`),
			why: "presents suicide as a free choice",
			suggest: func(g []string) []string {
				return []string{"died by suicide", "took " + g[1] + " own life"}
			},
		})
	}
	set := &ruleSet{rules: rs}
	for i := range rs {
		first, _ := rs[i].re.LiteralPrefix()
		k := slices.Index(set.firsts, first)
		if k < 0 {
			if len(first) < 2 || !lowerWord(first[:2]) || len(set.firsts) == 32 {
				panic("safemsg: every rule must start with a word in lower case: " + rs[i].re.String())
			}
			k = len(set.firsts)
			set.firsts = append(set.firsts, first)
			set.starting[first[0]] |= 1 << k
			set.starting[first[0]-'a'+'A'] |= 1 << k
			set.second[first[1]] |= 1 << k
			set.second[first[1]-'a'+'A'] |= 1 << k
		}
		rs[i].first = k
	}
	for c := range set.word {
		set.word[c] = asciiWordByte(byte(c))
	}
	return set
})

// nextWordIsModifier reports whether the word after end (in the same
// paragraph) is a noun that "suicide" modifies, as in "suicide prevention".
func nextWordIsModifier(lower string, end int) bool {
	rest := lower[end:]
	i := 0
	newlines := 0
	for i < len(rest) && strings.ContainsRune(" \t\r\n>", rune(rest[i])) {
		if rest[i] == '\n' {
			newlines++
		}
		i++
	}
	if newlines > 1 {
		return false
	}
	j := i
	for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] == '-') {
		j++
	}
	switch strings.TrimSuffix(rest[i:j], "s") {
	case "prevention", "awareness", "risk", "crisis", "hotline", "lifeline", "line",
		"loss", "survivor", "research", "training", "program", "programme", "screening",
		"ideation", "assessment", "rate", "data", "statistic", "postvention", "care",
		"bereavement", "support", "first-aid", "safety", "warning", "education",
		"intervention", "response", "team", "task", "council", "coalition", "month",
		"week", "day", "walk", "plan", "service", "policy", "policie", "attempt",
		"note", "cluster", "contagion", "method", "mean", "death":
		return true
	}
	return false
}

// aboutSuicide reports whether an "attempt" phrase ending at lower[end:]
// is about suicide: by the rest of its sentence when "to", "at" or "on"
// follows, else by the whole page (page: whether it mentions suicide).
func aboutSuicide(lower string, end int, page bool) bool {
	rest := strings.TrimLeft(lower[end:], " \t\r\n>")
	if w, _, _ := strings.Cut(rest, " "); w == "to" || w == "at" || w == "on" {
		stop := len(rest)
		if i := strings.IndexAny(rest, ".!?"); i >= 0 {
			stop = i
		}
		if i := strings.Index(rest[:stop], "\n\n"); i >= 0 {
			stop = i
		}
		return mentionsSuicide(rest[:stop])
	}
	return page
}

// mentionsSuicide reports whether lower-case text speaks of suicide.
func mentionsSuicide(text string) bool {
	for _, w := range [...]string{"suicid", "own life", "own lives", "kill himself", "kill herself",
		"kill themselves", "kill themself", "kill myself", "kill yourself", "killed himself",
		"killed herself", "killed themselves", "end his life", "end her life", "end their life",
		"end my life", "ending their life", "ended his life", "ended her life", "ended their life"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}
