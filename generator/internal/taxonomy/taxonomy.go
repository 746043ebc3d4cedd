// Package taxonomy normalises the terms editors write in front matter (tags,
// categories) into the terms the site publishes.
//
// Terms are matched case-, accent- and separator-insensitively: "Peer Support",
// "peer-support" and "peer support" share the key "peer-support" (Key is
// slug.Make) and are one term, shown with its most common spelling. Blank and
// whitespace-only values are dropped silently (an editor's empty list entry is
// not a mistake worth a message). A term whose key would be empty, such as
// "!!!" or one written only in a script without an ASCII spelling, cannot have
// a page: Collect reports each use as a Warning and leaves the term out. So
// does a term whose key is longer than MaxKey (a pasted sentence).
//
// NearDuplicates warns, once per pair, about terms that are probably the same
// term spelled two ways: singular and plural ("caregiver" / "caregivers",
// "therapy" / "therapies"), or keys longer than five characters that differ by
// one inserted, deleted or changed character or two swapped neighbours
// ("caregiver" / "caregivr", "peer-support" / "peersupport"). Two changes are
// not counted as typos because they usually are different words: a different
// digit ("type-1-diabetes" / "type-2-diabetes") and a different first letter
// of a word ("mental-health" / "dental-health").
//
// The package never reads files; uses come from the parse stage with their
// path and line.
package taxonomy

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/slug"
)

// Diagnostic codes used by this package.
const (
	CodeNoSlug        = "taxonomy-no-slug"
	CodeTooLong       = "taxonomy-too-long"
	CodeNearDuplicate = "taxonomy-near-duplicate"
)

// MaxKey is the longest key, in bytes, a published term may have. A longer
// one is almost always a sentence pasted into a list of tags, and would make
// a folder name longer than file systems allow (255 bytes).
const MaxKey = 100

// Key returns the matching key of a term: slug.Make(term), so case, accents,
// spaces and punctuation do not matter. "" means the term is unusable.
func Key(term string) string { return slug.Make(term) }

// Use is one occurrence of a term in one file, as written by the editor.
type Use struct {
	Term string
	Path string // slash-separated, relative to the site root
	Line int    // 1-based; 0 if unknown
}

// Term is one published term of a taxonomy.
type Term struct {
	// Key is the matching key and Slug the URL segment; they are equal today
	// and both never empty.
	Key, Slug string
	// Name is the most common spelling among the uses, with runs of white
	// space collapsed; ties go to the spelling that sorts first. Never empty.
	Name string
	// Count is the number of distinct pages using the term.
	Count int
	// Uses are every occurrence, sorted by path then line.
	Uses []Use
}

// Collect groups uses into terms by Key, sorted by Key. Blank terms are
// dropped; terms with an empty key are returned as Warnings (one per use) and
// left out. taxonomy is the plural name from config.yaml ("tags",
// "categories"), used in messages.
func Collect(taxonomy string, uses []Use) ([]Term, diag.List) {
	one := Singular(taxonomy)
	type group struct {
		uses      []Use
		spellings map[string]int
	}
	groups := map[string]*group{}
	var diags diag.List
	for _, u := range uses {
		name := collapseSpace(u.Term)
		if name == "" {
			continue
		}
		key := Key(name)
		if key == "" {
			diags = append(diags, noSlug(one, name, u))
			continue
		}
		if len(key) > MaxKey {
			diags = append(diags, tooLong(one, name, u))
			continue
		}
		g := groups[key]
		if g == nil {
			g = &group{spellings: map[string]int{}}
			groups[key] = g
		}
		g.uses = append(g.uses, u)
		g.spellings[name]++
	}
	terms := make([]Term, 0, len(groups))
	for key, g := range groups {
		sort.SliceStable(g.uses, func(i, j int) bool {
			a, b := g.uses[i], g.uses[j]
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			return a.Line < b.Line
		})
		terms = append(terms, Term{
			Key:   key,
			Slug:  key,
			Name:  mostCommon(g.spellings),
			Count: len(paths(g.uses)),
			Uses:  g.uses,
		})
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].Key < terms[j].Key })
	diags.Sort()
	return terms, diags
}

func noSlug(one, name string, u Use) diag.Diagnostic {
	msg := fmt.Sprintf("%s %q has no letters or digits, so it cannot have a page", one, name)
	fix := "remove it"
	if hasLetterOrDigit(name) {
		msg = fmt.Sprintf("%s %q has no letters or digits that can be written in a web address (a to z, 0 to 9), so it cannot have a page", one, name)
		fix = "add an English spelling or remove it"
	}
	d := diag.Warnf(u.Path, nil, u.Line, 0, fix, "%s", msg)
	d.Code = CodeNoSlug
	return d
}

func tooLong(one, name string, u Use) diag.Diagnostic {
	short := name
	if r := []rune(short); len(r) > 40 {
		short = strings.TrimSpace(string(r[:40])) + "…"
	}
	d := diag.Warnf(u.Path, nil, u.Line, 0, fmt.Sprintf("shorten it to a few words (a %s's web address can be at most %d characters)", one, MaxKey),
		"%s %q is %d characters long, too long for a %s page", one, short, len([]rune(name)), one)
	d.Code = CodeTooLong
	return d
}

// NearDuplicates returns one Warning per pair of terms that are probably one
// term (see the package documentation), placed at the first use of the rarer
// term (fewer pages; then fewer uses; then the later key) and naming the files
// of both. terms are as returned by Collect.
func NearDuplicates(taxonomy string, terms []Term) diag.List {
	one := Singular(taxonomy)
	byKey := make(map[string]int, len(terms))
	for i, t := range terms {
		if t.Key != "" {
			byKey[t.Key] = i
		}
	}
	type pair struct{ a, b int }
	seen := map[pair]bool{}
	var pairs []pair
	add := func(i, j int) {
		if i == j {
			return
		}
		if i > j {
			i, j = j, i
		}
		p := pair{i, j}
		if !seen[p] {
			seen[p] = true
			pairs = append(pairs, p)
		}
	}
	// Singular and plural.
	for i, t := range terms {
		for _, s := range singulars(t.Key) {
			if j, ok := byKey[s]; ok {
				add(i, j)
			}
		}
	}
	// One edit apart, found through a one-deletion neighbourhood index so the
	// work grows with the number of terms, not its square.
	dels := map[string][]int{}
	for i, t := range terms {
		if len(t.Key) <= 5 {
			continue
		}
		for _, d := range deletions(t.Key) {
			dels[d] = append(dels[d], i)
		}
	}
	for i, t := range terms {
		if len(t.Key) <= 5 {
			continue
		}
		cands := append([]int(nil), dels[t.Key]...) // t.Key is a deletion of these
		for _, d := range deletions(t.Key) {
			if j, ok := byKey[d]; ok {
				cands = append(cands, j)
			}
			cands = append(cands, dels[d]...)
		}
		for _, j := range cands {
			if j != i && len(terms[j].Key) > 5 && typo(t.Key, terms[j].Key) {
				add(i, j)
			}
		}
	}
	var diags diag.List
	for _, p := range pairs {
		rare, common := terms[p.a], terms[p.b]
		if rarer(common, rare) {
			rare, common = common, rare
		}
		if len(rare.Uses) == 0 {
			continue
		}
		u := rare.Uses[0]
		d := diag.Warnf(u.Path, nil, u.Line, 0,
			fmt.Sprintf("use one spelling in every file, e.g. %q", common.Name),
			"%s %q (%s) looks like %q (%s)", one, rare.Name, fileList(rare.Uses), common.Name, fileList(common.Uses))
		d.Code = CodeNearDuplicate
		diags = append(diags, d)
	}
	diags.Sort()
	return diags
}

// rarer reports whether a should carry the warning rather than b.
func rarer(a, b Term) bool {
	if a.Count != b.Count {
		return a.Count < b.Count
	}
	if len(a.Uses) != len(b.Uses) {
		return len(a.Uses) < len(b.Uses)
	}
	return a.Key > b.Key
}

// singulars returns the keys k could be the plural of.
func singulars(k string) []string {
	var out []string
	if len(k) > 4 && strings.HasSuffix(k, "ies") {
		out = append(out, k[:len(k)-3]+"y")
	}
	if len(k) > 3 && strings.HasSuffix(k, "es") {
		out = append(out, k[:len(k)-2])
	}
	if len(k) > 2 && strings.HasSuffix(k, "s") && !strings.HasSuffix(k, "ss") {
		out = append(out, k[:len(k)-1])
	}
	return out
}

// deletions returns k with each one byte removed (keys are ASCII).
func deletions(k string) []string {
	out := make([]string, 0, len(k))
	for i := range len(k) {
		out = append(out, k[:i]+k[i+1:])
	}
	return out
}

// typo reports whether a and b differ by one insertion, deletion,
// substitution or swap of neighbours, excluding a changed digit and a changed
// first letter of a word.
func typo(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 1: // one insertion
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	case 0:
		i := 0
		for a[i] == b[i] {
			i++
		}
		if a[i+1:] == b[i+1:] { // substitution at i
			digits := isDigit(a[i]) && isDigit(b[i])
			wordStart := i == 0 || a[i-1] == '-'
			return !digits && !wordStart
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// fileList names the distinct files of uses, at most three.
func fileList(uses []Use) string {
	ps := paths(uses)
	const max = 3
	if len(ps) <= max {
		return strings.Join(ps, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ps[:max], ", "), len(ps)-max)
}

// paths returns the distinct paths of uses, sorted.
func paths(uses []Use) []string {
	out := make([]string, 0, len(uses))
	for _, u := range uses {
		out = append(out, u.Path)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func mostCommon(spellings map[string]int) string {
	best, n := "", 0
	for s, c := range spellings {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Singular turns a taxonomy's plural name from config.yaml into the word
// for one of its terms, for messages and pages: "tags" → "tag",
// "categories" → "category", "" → "term".
func Singular(taxonomy string) string {
	switch {
	case taxonomy == "":
		return "term"
	case strings.HasSuffix(taxonomy, "series"), strings.HasSuffix(taxonomy, "species"):
		return taxonomy
	case strings.HasSuffix(taxonomy, "ies"):
		return taxonomy[:len(taxonomy)-3] + "y"
	case strings.HasSuffix(taxonomy, "s") && !strings.HasSuffix(taxonomy, "ss"):
		return taxonomy[:len(taxonomy)-1]
	}
	return taxonomy
}
