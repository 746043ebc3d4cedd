package markdown

import (
	"strings"
	"testing"
)

// Alt text the README forbids is a warning that says what to write
// instead: the file name, "image of…", more than MaxAlt characters — in
// the body and in imageAlt.
func TestAltTextWarnings(t *testing.T) {
	long := strings.Repeat("A nurse gives a flu shot in a patient's arm. ", 6)
	for _, tc := range []struct {
		name, src string
		line      int
		msg, fix  string // parts of the warning; "" msg: no warning
	}{
		{"file name", "---\ntitle: T\n---\n![winter-family.svg](winter-family.svg)\n", 4,
			`the alt text "winter-family.svg" is the file name`, "write what the image shows or means in a short plain sentence"},
		{"file name without extension", "---\ntitle: T\n---\n![winter-family](winter-family.svg)\n", 4,
			"is the file name", "write what the image shows"},
		{"camera file name", "---\ntitle: T\n---\n![IMG_2041.JPG](photo.jpg)\n", 4,
			"is the file name", "write what the image shows"},
		{"image of", "---\ntitle: T\n---\n![Image of a family walking in the snow](w.svg)\n", 4,
			`the alt text starts with "Image of"`, `leave out "Image of": screen readers already say it is an image; start with what it shows, e.g. "A family walking in the snow"`},
		{"picture of", "---\ntitle: T\n---\n![picture of six chairs](w.svg)\n", 4,
			`starts with "picture of"`, `e.g. "Six chairs"`},
		{"a photo of", "---\ntitle: T\n---\n![A photo of the clinic](w.svg)\n", 4,
			`starts with "A photo of"`, `e.g. "The clinic"`},
		{"too long", "---\ntitle: T\n---\n![" + long + "](w.svg)\n", 4,
			"characters long, more than 250", "put a longer description in the text next to the image"},
		{"imageAlt is the file name", "---\ntitle: T\nimage: peer-circle.svg\nimageAlt: peer-circle.svg\n---\nBody\n", 4,
			`imageAlt: the alt text "peer-circle.svg" is the file name`, "write what the image shows"},
		{"imageAlt photo of", "---\ntitle: T\nimage: peer-circle.svg\nimageAlt: Photo of six people in a circle\n---\nBody\n", 4,
			`imageAlt: the alt text starts with "Photo of"`, `e.g. "Six people in a circle"`},
		{"good alt", "---\ntitle: T\n---\n![A family walking in the snow](winter-family.svg)\n", 0, "", ""},
		{"a word that is also the stem", "---\ntitle: T\n---\n![Logo](logo.png)\n", 0, "", ""},
		{"imagery is not image of", "---\ntitle: T\n---\n![Imagery of hope: a sunrise](w.svg)\n", 0, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := New(Options{}).Parse(testPath, []byte(tc.src))
			var got []string
			for _, d := range ds {
				if d.Code == "image-alt-text" {
					got = append(got, d.Error())
					if d.Line != tc.line || !strings.Contains(d.Msg, tc.msg) || !strings.Contains(d.Fix, tc.fix) || d.Severity.String() != "warning" {
						t.Errorf("got %s (line %d)\nwant line %d, %q; %q", d.Error(), d.Line, tc.line, tc.msg, tc.fix)
					}
				}
			}
			if (tc.msg == "") != (len(got) == 0) || len(got) > 1 {
				t.Errorf("warnings %q, want one only when msg is set (%q)", got, tc.msg)
			}
		})
	}
}
