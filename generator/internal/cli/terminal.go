package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (not a file, a pipe or
// /dev/null).
func isTerminal(w io.Writer) bool {
	f, ok := unwrap(w).(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminal reports whether w is a terminal, through env.IsTerminal when a
// test set it.
func (env *Env) terminal(w io.Writer) bool {
	if env.IsTerminal != nil {
		return env.IsTerminal(unwrap(w))
	}
	return isTerminal(w)
}

// useColor is the colour decision: only on a terminal, never when NO_COLOR
// holds any value (https://no-color.org: an empty NO_COLOR counts as
// unset), and never on a terminal that says it cannot show colour
// (TERM=dumb).
func useColor(getenv func(string) string, terminal bool) bool {
	return terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// color reports whether to colour what is written to w.
func (env *Env) color(w io.Writer) bool {
	return useColor(env.Getenv, env.terminal(w))
}

// progressDelay is how long a run goes before it shows progress, and
// progressEvery how often the line is redrawn after that.
const (
	progressDelay = time.Second
	progressEvery = 100 * time.Millisecond
)

// progress redraws one terminal line — "Parsing pages 120/640" — while a
// long build runs. It shows nothing in the first progressDelay (a fast
// build prints only its summary), then redraws at most every
// progressEvery, and always on the last page of a phase. It is safe for
// concurrent use.
type progress struct {
	w     io.Writer
	now   func() time.Time
	mu    sync.Mutex
	start time.Time
	last  time.Time
	width int // length of the line on screen, 0 when nothing is drawn
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now()}
}

// update is a build.Options.Progress function.
func (p *progress) update(phase string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < progressDelay {
		return
	}
	if done < total && p.width > 0 && t.Sub(p.last) < progressEvery {
		return
	}
	p.last = t
	verb := "Working on"
	switch phase {
	case "parse":
		verb = "Parsing"
	case "render":
		verb = "Rendering"
	}
	line := fmt.Sprintf("%s pages %d/%d", verb, done, total)
	pad := ""
	if n := p.width - len(line); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", line, pad)
	p.width = len(line)
}

// clear removes the progress line, if one is drawn, so the next output
// starts on a clean line.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// startProgress returns the build.Options.Progress function for a run and
// a function to call when it ends: a redrawn line on a terminal stderr,
// nothing otherwise (nor with quiet).
func (env *Env) startProgress(quiet bool) (func(string, int, int), func()) {
	if quiet || !env.terminal(env.Stderr) {
		return nil, func() {}
	}
	p := newProgress(env.Stderr, time.Now)
	return p.update, p.clear
}
