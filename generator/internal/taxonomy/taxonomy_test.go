package taxonomy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/diag"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Peer Support", "peer-support"},
		{"peer-support", "peer-support"},
		{"  peer   support ", "peer-support"},
		{"PEER_SUPPORT", "peer-support"},
		{"Salud Mental Pública", "salud-mental-publica"},
		{"!!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCollect(t *testing.T) {
	tests := []struct {
		name      string
		uses      []Use
		want      []Term
		wantDiags diag.List
	}{
		{
			name: "spellings merge, most common shown",
			uses: []Use{
				{"peer-support", "content/b.md", 4},
				{"Peer Support", "content/a.md", 3},
				{"Peer  Support", "content/c.md", 5},
				{"peer support", "content/a.md", 9}, // same page again
			},
			want: []Term{{
				Key: "peer-support", Slug: "peer-support", Name: "Peer Support", Count: 3,
				Uses: []Use{
					{"Peer Support", "content/a.md", 3},
					{"peer support", "content/a.md", 9},
					{"peer-support", "content/b.md", 4},
					{"Peer  Support", "content/c.md", 5},
				},
			}},
		},
		{
			name: "tie goes to the spelling that sorts first",
			uses: []Use{{"flu shots", "a.md", 1}, {"Flu Shots", "b.md", 1}},
			want: []Term{{
				Key: "flu-shots", Slug: "flu-shots", Name: "Flu Shots", Count: 2,
				Uses: []Use{{"flu shots", "a.md", 1}, {"Flu Shots", "b.md", 1}},
			}},
		},
		{
			name: "blank values dropped silently",
			uses: []Use{{"", "a.md", 2}, {"   ", "a.md", 3}, {"\t\n", "b.md", 2}},
			want: []Term{},
		},
		{
			name: "no letters or digits",
			uses: []Use{{"!!!", "content/a.md", 4}, {"vaccines", "content/a.md", 4}},
			want: []Term{{
				Key: "vaccines", Slug: "vaccines", Name: "vaccines", Count: 1,
				Uses: []Use{{"vaccines", "content/a.md", 4}},
			}},
			wantDiags: diag.List{{
				Severity: diag.Warning, Path: "content/a.md", Line: 4, Code: CodeNoSlug,
				Msg: `tag "!!!" has no letters or digits, so it cannot have a page`,
				Fix: "remove it",
			}},
		},
		{
			name: "letters without an ASCII spelling",
			uses: []Use{{"健康", "content/a.md", 5}},
			want: []Term{},
			wantDiags: diag.List{{
				Severity: diag.Warning, Path: "content/a.md", Line: 5, Code: CodeNoSlug,
				Msg: `tag "健康" has no letters or digits that can be written in a web address (a to z, 0 to 9), so it cannot have a page`,
				Fix: "add an English spelling or remove it",
			}},
		},
		{
			name: "sorted by key",
			uses: []Use{{"Vaccines", "a.md", 1}, {"Anxiety", "a.md", 1}, {"Mental Health", "b.md", 1}},
			want: []Term{
				{Key: "anxiety", Slug: "anxiety", Name: "Anxiety", Count: 1, Uses: []Use{{"Anxiety", "a.md", 1}}},
				{Key: "mental-health", Slug: "mental-health", Name: "Mental Health", Count: 1, Uses: []Use{{"Mental Health", "b.md", 1}}},
				{Key: "vaccines", Slug: "vaccines", Name: "Vaccines", Count: 1, Uses: []Use{{"Vaccines", "a.md", 1}}},
			},
		},
		{
			name: "nil input",
			want: []Term{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Collect("tags", tt.uses)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("terms (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantDiags, diags); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCollectCategoryWording(t *testing.T) {
	_, diags := Collect("categories", []Use{{"???", "a.md", 1}})
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Msg, `category "???"`) {
		t.Fatalf("got %v, want one message about a category", diags)
	}
}

// messy covers inputs that could produce an empty Slug or Name if the
// blank/no-slug filtering were wrong.
var messy = []string{
	"", " ", "\u00a0", "\u3000", "\t", "-", "--", "_", "!!!", "’", "'", "💊", "健康",
	"\u0301", "a", "A", " a ", "-a-", "é", "ß", "Ø", "💊 a", "\xff", "0",
}

func TestCollectNeverEmpty(t *testing.T) {
	var uses []Use
	for i, s := range messy {
		uses = append(uses, Use{s, "a.md", i + 1})
	}
	terms, _ := Collect("tags", uses)
	if len(terms) == 0 {
		t.Fatal("no terms at all: the test inputs include usable terms")
	}
	checkTerms(t, terms)
}

func FuzzCollect(f *testing.F) {
	for _, s := range messy {
		f.Add(s, "Peer Support")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		terms, diags := Collect("tags", []Use{{a, "a.md", 1}, {b, "b.md", 2}, {a, "c.md", 3}})
		checkTerms(t, terms)
		for _, d := range diags {
			if d.Msg == "" || d.Fix == "" || d.Path == "" {
				t.Errorf("incomplete diagnostic %+v", d)
			}
		}
		NearDuplicates("tags", terms)
	})
}

func checkTerms(t *testing.T, terms []Term) {
	t.Helper()
	for _, term := range terms {
		if term.Key == "" || term.Slug == "" || term.Name == "" || term.Count < 1 || len(term.Uses) == 0 {
			t.Errorf("incomplete term %+v", term)
		}
		if Key(term.Name) != term.Key {
			t.Errorf("term %q: Key(Name) = %q, want %q", term.Name, Key(term.Name), term.Key)
		}
	}
}

func TestNearDuplicates(t *testing.T) {
	tests := []struct {
		name string
		uses []Use
		want []string // "path:line: message", sorted
	}{
		{
			name: "singular and plural",
			uses: []Use{
				{"caregiver", "content/a.md", 3},
				{"caregivers", "content/b.md", 3},
				{"Caregivers", "content/c.md", 4},
			},
			want: []string{`content/a.md:3: tag "caregiver" (content/a.md) looks like "Caregivers" (content/b.md, content/c.md); use one spelling in every file, e.g. "Caregivers"`},
		},
		{
			name: "ies plural",
			uses: []Use{{"therapy", "a.md", 1}, {"therapy", "b.md", 1}, {"therapies", "c.md", 2}},
			want: []string{`c.md:2: tag "therapies" (c.md) looks like "therapy" (a.md, b.md); use one spelling in every file, e.g. "therapy"`},
		},
		{
			name: "es plural",
			uses: []Use{{"flu shot", "a.md", 1}, {"flu shot", "b.md", 1}, {"glass", "a.md", 1}, {"glasses", "c.md", 1}},
			want: []string{`c.md:1: tag "glasses" (c.md) looks like "glass" (a.md); use one spelling in every file, e.g. "glass"`},
		},
		{
			name: "plural of a short word",
			uses: []Use{{"flu", "a.md", 1}, {"flus", "b.md", 1}},
			want: []string{`b.md:1: tag "flus" (b.md) looks like "flu" (a.md); use one spelling in every file, e.g. "flu"`},
		},
		{
			name: "typo, one substitution",
			uses: []Use{{"vaccination", "a.md", 1}, {"vaccination", "b.md", 1}, {"vaccinetion", "c.md", 7}},
			want: []string{`c.md:7: tag "vaccinetion" (c.md) looks like "vaccination" (a.md, b.md); use one spelling in every file, e.g. "vaccination"`},
		},
		{
			name: "typo, swapped letters",
			uses: []Use{{"anxiety", "a.md", 1}, {"anxiety", "b.md", 1}, {"anxeity", "c.md", 2}},
			want: []string{`c.md:2: tag "anxeity" (c.md) looks like "anxiety" (a.md, b.md); use one spelling in every file, e.g. "anxiety"`},
		},
		{
			name: "separator missing",
			uses: []Use{{"peer support", "a.md", 1}, {"peer support", "b.md", 1}, {"peersupport", "c.md", 2}},
			want: []string{`c.md:2: tag "peersupport" (c.md) looks like "peer support" (a.md, b.md); use one spelling in every file, e.g. "peer support"`},
		},
		{
			name: "tie goes to the later key",
			uses: []Use{{"wellness", "a.md", 1}, {"wellnes", "b.md", 1}},
			want: []string{`a.md:1: tag "wellness" (a.md) looks like "wellnes" (b.md); use one spelling in every file, e.g. "wellnes"`},
		},
		{
			name: "many files are shortened",
			uses: []Use{
				{"caregivers", "1.md", 1}, {"caregivers", "2.md", 1}, {"caregivers", "3.md", 1},
				{"caregivers", "4.md", 1}, {"caregivers", "5.md", 1}, {"caregiver", "6.md", 1},
			},
			want: []string{`6.md:1: tag "caregiver" (6.md) looks like "caregivers" (1.md, 2.md, 3.md and 2 more); use one spelling in every file, e.g. "caregivers"`},
		},
		{
			name: "different digit is not a typo",
			uses: []Use{{"type 1 diabetes", "a.md", 1}, {"type 2 diabetes", "b.md", 1}},
		},
		{
			name: "different first letter is not a typo",
			uses: []Use{{"mental health", "a.md", 1}, {"dental health", "b.md", 1}},
		},
		{
			name: "short keys need more than one edit",
			uses: []Use{{"hiv", "a.md", 1}, {"hpv", "b.md", 1}, {"covid", "a.md", 1}, {"covad", "b.md", 1}},
		},
		{
			name: "two edits apart",
			uses: []Use{{"diabetes", "a.md", 1}, {"diabetic", "b.md", 1}},
		},
		{
			name: "same term in other spellings is not a pair",
			uses: []Use{{"Peer Support", "a.md", 1}, {"peer-support", "b.md", 1}},
		},
		{
			name: "one warning per pair even when both rules match",
			uses: []Use{{"caregiver", "a.md", 1}, {"caregivers", "b.md", 1}, {"caregivers", "c.md", 1}},
			want: []string{`a.md:1: tag "caregiver" (a.md) looks like "caregivers" (b.md, c.md); use one spelling in every file, e.g. "caregivers"`},
		},
		{
			name: "each pair of three (therapys/therapies is two edits)",
			uses: []Use{{"therapy", "a.md", 1}, {"therapies", "b.md", 1}, {"therapys", "c.md", 1}},
			want: []string{
				`a.md:1: tag "therapy" (a.md) looks like "therapies" (b.md); use one spelling in every file, e.g. "therapies"`,
				`c.md:1: tag "therapys" (c.md) looks like "therapy" (a.md); use one spelling in every file, e.g. "therapy"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms, diags := Collect("tags", tt.uses)
			if len(diags) > 0 {
				t.Fatalf("Collect: %v", diags)
			}
			var got []string
			for _, d := range NearDuplicates("tags", terms) {
				if d.Severity != diag.Warning || d.Code != CodeNearDuplicate {
					t.Errorf("got %+v, want a %s warning", d, CodeNearDuplicate)
				}
				got = append(got, d.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("NearDuplicates (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypo(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"caregiver", "caregivers", true},
		{"caregivers", "caregiver", true},
		{"xcaregiver", "caregiver", true},
		{"caregiver", "caregiver", false},
		{"caregiver", "caregivre", true},
		{"caregiver", "caregivr", true},
		{"caregiver", "carxgiver", true},
		{"caregiver", "carxgivxr", false},
		{"caregiver", "aregiverc", false},
		{"abcdef", "bcdefa", false},
		{"type-1-x", "type-2-x", false},
		{"mental-x", "dental-x", false},
		{"ab", "abcd", false},
	}
	for _, tt := range tests {
		if got := typo(tt.a, tt.b); got != tt.want {
			t.Errorf("typo(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"tags": "tag", "categories": "category", "conditions": "condition", "series": "series",
		"class": "class", "": "term", "audience": "audience",
	} {
		if got := Singular(in); got != want {
			t.Errorf("Singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCollectTooLong(t *testing.T) {
	atMax := strings.Repeat("a", MaxKey)
	long := strings.Repeat("word ", 80)
	terms, diags := Collect("tags", []Use{{atMax, "a.md", 3}, {long, "b.md", 4}, {"flu", "b.md", 4}})
	var keys []string
	for _, term := range terms {
		keys = append(keys, term.Key)
	}
	if diff := cmp.Diff([]string{atMax, "flu"}, keys); diff != "" {
		t.Errorf("terms (-want +got):\n%s", diff)
	}
	if len(diags) != 1 || diags[0].Code != CodeTooLong || diags[0].Path != "b.md" || diags[0].Line != 4 ||
		!strings.HasPrefix(diags[0].Msg, `tag "word word word word word word word word…" is 399 characters long`) {
		t.Errorf("diagnostics %+v, want one too-long warning at b.md:4", diags)
	}
}
