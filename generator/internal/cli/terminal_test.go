package cli

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

func TestUseColor(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		terminal bool
		want     bool
	}{
		{"terminal", nil, true, true},
		{"not a terminal", nil, false, false},
		{"NO_COLOR=1", map[string]string{"NO_COLOR": "1"}, true, false},
		{"NO_COLOR=0 is set too", map[string]string{"NO_COLOR": "0"}, true, false},
		{"NO_COLOR=false is set too", map[string]string{"NO_COLOR": "false"}, true, false},
		{"empty NO_COLOR counts as unset", map[string]string{"NO_COLOR": ""}, true, true},
		{"TERM=dumb", map[string]string{"TERM": "dumb"}, true, false},
		{"TERM=xterm", map[string]string{"TERM": "xterm-256color"}, true, true},
		{"NO_COLOR off a terminal", map[string]string{"NO_COLOR": "1"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := useColor(getenv, tt.terminal); got != tt.want {
				t.Errorf("useColor(%v, terminal=%v) = %v, want %v", tt.env, tt.terminal, got, tt.want)
			}
		})
	}
}

// TestColorInOutput runs check on a site with a warning, on a "terminal",
// with and without NO_COLOR: escape codes appear only without it.
func TestColorInOutput(t *testing.T) {
	root := t.TempDir()
	writeSite(t, root, map[string]string{
		"config.yaml":      "title: T\nclinic: {name: T}\n",
		"content/about.md": "---\ntitle: About\n---\nHello.\n",
	})
	for _, noColor := range []string{"", "1"} {
		var out bytes.Buffer
		env := &Env{
			Stdout: &out, Stderr: io.Discard,
			Getenv:     func(k string) string { return map[string]string{"NO_COLOR": noColor}[k] },
			Now:        func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) },
			IsTerminal: func(io.Writer) bool { return true },
		}
		if code := env.Run([]string{"check", "--source", root}); code != ExitOK {
			t.Fatalf("check exit %d:\n%s", code, out.String())
		}
		hasEscape := strings.Contains(out.String(), "\x1b[")
		if want := noColor == ""; hasEscape != want {
			t.Errorf("NO_COLOR=%q: escape codes = %v, want %v:\n%q", noColor, hasEscape, want, out.String())
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{f, &bytes.Buffer{}, io.Discard} {
		if isTerminal(w) {
			t.Errorf("isTerminal(%T) = true", w)
		}
	}
	if null, err := os.Open(os.DevNull); err == nil {
		defer null.Close()
		if isTerminal(null) {
			t.Error("isTerminal(/dev/null) = true: a character device is not a terminal")
		}
	}
}

// clock is a fake time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestProgress(t *testing.T) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var out bytes.Buffer
	p := newProgress(&out, c.now)

	// The first second shows nothing: a fast build prints only its summary.
	p.update("parse", 1, 300)
	c.t = c.t.Add(999 * time.Millisecond)
	p.update("parse", 2, 300)
	if out.Len() != 0 {
		t.Fatalf("progress within the first second: %q", out.String())
	}
	c.t = c.t.Add(time.Millisecond)
	p.update("parse", 3, 300)
	// Redraws are throttled…
	c.t = c.t.Add(50 * time.Millisecond)
	p.update("parse", 4, 300)
	c.t = c.t.Add(50 * time.Millisecond)
	p.update("parse", 5, 300)
	// …except the last page of a phase.
	c.t = c.t.Add(time.Millisecond)
	p.update("parse", 300, 300)
	c.t = c.t.Add(time.Millisecond)
	p.update("render", 1, 9)
	c.t = c.t.Add(time.Second)
	p.update("render", 9, 9)
	p.clear()
	p.clear() // a second clear writes nothing

	want := "\rParsing pages 3/300" +
		"\rParsing pages 5/300" +
		"\rParsing pages 300/300" +
		"\rRendering pages 9/9  " + // padded over the longer line before
		"\r" + strings.Repeat(" ", len("Rendering pages 9/9")) + "\r"
	if got := out.String(); got != want {
		t.Errorf("progress output:\n got %q\nwant %q", got, want)
	}
}

// TestStartProgress: no progress off a terminal or with --quiet.
func TestStartProgress(t *testing.T) {
	for _, tt := range []struct {
		terminal, quiet, want bool
	}{{true, false, true}, {false, false, false}, {true, true, false}} {
		env := &Env{Stderr: io.Discard, Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return tt.terminal }}
		update, done := env.startProgress(tt.quiet)
		if (update != nil) != tt.want {
			t.Errorf("terminal=%v quiet=%v: progress = %v, want %v", tt.terminal, tt.quiet, update != nil, tt.want)
		}
		done()
	}
}
