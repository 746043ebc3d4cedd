package markdown

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// MaxAlt is the longest alt text that does not get a warning, in
// characters: screen readers read alt text in one go, without a way to
// pause or go back, so a long description belongs in the text.
const MaxAlt = 250

// altProblem says what is wrong with the alt text alt of the image src, and
// what to write instead; ok is false when nothing is. It catches what the
// README forbids: the file name as alt text, "image of…" and the like
// (screen readers already say it is an image), and alt text longer than
// MaxAlt characters.
func altProblem(alt, src string) (msg, fix string, ok bool) {
	a := strings.ToLower(strings.TrimSpace(alt))
	if a == "" {
		return "", "", false
	}
	file := strings.ToLower(path.Base(src))
	stem := strings.TrimSuffix(file, path.Ext(file))
	// A stem alone ("winter-family", "img_2041") counts when it reads as a
	// file name, not as a word ("Logo" for logo.png is left alone).
	stemLike := a == stem && strings.ContainsAny(stem, "-_0123456789")
	if src != "" && (a == file || stemLike || looksLikeFileName(a)) {
		return fmt.Sprintf("the alt text %q is the file name: a screen reader reads it out instead of saying what the image shows", alt),
			`write what the image shows or means in a short plain sentence, e.g. ![A nurse gives a flu shot in a patient's arm](flu-shot.svg)`, true
	}
	for _, p := range [...]string{"image of", "picture of", "photo of", "photograph of", "graphic of", "illustration of",
		"drawing of", "an image of", "a picture of", "a photo of", "a photograph of", "a graphic of", "an illustration of", "a drawing of",
		"image:", "picture:", "photo:"} {
		if strings.HasPrefix(a, p+" ") || a == p || (strings.HasSuffix(p, ":") && strings.HasPrefix(a, p)) {
			rest := strings.TrimSpace(alt[len(p):])
			fix := "leave out \"" + strings.TrimSpace(alt[:len(p)]) + "\": screen readers already say it is an image; start with what it shows"
			if rest != "" {
				fix += ", e.g. \"" + upperFirst(rest) + "\""
			}
			return fmt.Sprintf("the alt text starts with %q", strings.TrimSpace(alt[:len(p)])), fix, true
		}
	}
	if n := utf8.RuneCountInString(alt); n > MaxAlt {
		return fmt.Sprintf("the alt text is %d characters long, more than %d", n, MaxAlt),
			"keep it to one short sentence about what the image shows; put a longer description in the text next to the image", true
	}
	return "", "", false
}

// looksLikeFileName reports whether alt text is a single word ending in an
// image file extension ("img_2041.jpg").
func looksLikeFileName(a string) bool {
	if strings.ContainsAny(a, " \t") {
		return false
	}
	switch path.Ext(a) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif":
		return true
	}
	return false
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}
