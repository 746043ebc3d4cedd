package cli

import (
	"bytes"
	"io"
	"regexp"
	"strings"
)

// DefaultCommand is how messages name the generator when nothing better
// is known: the command `go build -o generator ./generator` or
// `go install ./generator` makes (see README.md).
const DefaultCommand = "generator"

// goRunExe matches the path of a program `go run` built: in a temporary
// go-build folder, b001/exe/NAME, or, since Go 1.24, cached in the build
// cache (GOCACHE) as HH/HASH-d/NAME.
var goRunExe = regexp.MustCompile(`(?:/go-build[^/]*/b\d+/exe|/[0-9a-f]{2}/[0-9a-f]{64}-d)/[^/]+$`)

// CommandName is how the editor ran the generator, from the program's
// os.Args[0], for the messages that say what to run next ("check it now
// with generator check --drafts"): "go run ./generator" when `go run`
// built it into a temporary folder, else the name as it was typed
// ("generator", "./generator", "bin/generator").
func CommandName(argv0 string) string {
	if argv0 == "" {
		return DefaultCommand
	}
	if goRunExe.MatchString(strings.ReplaceAll(argv0, `\`, "/")) {
		return "go run ./generator"
	}
	return argv0
}

// commandRef matches the generator's name where a message tells the
// editor what to run, "generator check --drafts", or names the program
// at the start of a line, "generator check: …".
var commandRef = regexp.MustCompile(`(^|[\s('"` + "`" + `])generator( (?:build|check|serve|new|related|<command>)\b|:)`)

// namingWriter writes what the commands print with the generator's name
// replaced by the command the editor ran (Env.Command). Each of the
// commands' Fprintf calls is one Write holding whole words.
type namingWriter struct {
	w    io.Writer
	name []byte
}

func (n namingWriter) Write(p []byte) (int, error) {
	out := commandRef.ReplaceAllFunc(p, func(m []byte) []byte {
		i := bytes.Index(m, []byte("generator"))
		r := append([]byte{}, m[:i]...)
		r = append(r, n.name...)
		return append(r, m[i+len("generator"):]...)
	})
	if _, err := n.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// named returns w writing through a namingWriter when the editor ran the
// generator under another name.
func (env *Env) named(w io.Writer) io.Writer {
	if env.Command == "" || env.Command == DefaultCommand {
		return w
	}
	if _, ok := w.(namingWriter); ok {
		return w
	}
	return namingWriter{w: w, name: []byte(env.Command)}
}

// unwrap returns the writer a namingWriter writes to.
func unwrap(w io.Writer) io.Writer {
	if n, ok := w.(namingWriter); ok {
		return n.w
	}
	return w
}
