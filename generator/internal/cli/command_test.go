package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestCommandName(t *testing.T) {
	for _, tc := range []struct{ argv0, want string }{
		{"generator", "generator"},
		{"./generator", "./generator"},
		{"bin/generator", "bin/generator"},
		{"", "generator"},
		// go run before Go 1.24: a temporary folder.
		{"/tmp/go-build1234567/b001/exe/generator", "go run ./generator"},
		{`C:\Users\ed\AppData\Local\Temp\go-build998\b001\exe\generator.exe`, "go run ./generator"},
		// go run since Go 1.24: the build cache.
		{"/home/ed/.cache/go-build/87/8717fd1160959024abc963fe1badb547c56ae81c8a07ffbb1b62b7ce94798757-d/generator", "go run ./generator"},
		// A binary that happens to live in a folder called go-build.
		{"/home/ed/go-build/generator", "/home/ed/go-build/generator"},
	} {
		if got := CommandName(tc.argv0); got != tc.want {
			t.Errorf("CommandName(%q) = %q, want %q", tc.argv0, got, tc.want)
		}
	}
}

// Messages that say what to run next name the command the way the editor
// ran it: a draft's "check it now with generator check FILE" reads
// "go run ./generator check FILE" under go run, and so do usage mistakes.
func TestMessagesNameTheCommand(t *testing.T) {
	root := t.TempDir()
	writeSite(t, root, map[string]string{
		"config.yaml":               "baseURL: http://localhost/\ntitle: Test Clinic\n",
		"content/articles/draft.md": "---\ntitle: Draft\ndraft: true\ndescription: D.\n---\nText.\n",
	})
	for _, command := range []string{"go run ./generator", "./generator", "generator"} {
		var out, errb bytes.Buffer
		env := testEnv(&out, &errb)
		env.Command = command
		if code := env.Run([]string{"check", "--source", root}); code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", command, code, out.String(), errb.String())
		}
		for _, want := range []string{"check it now with " + command + " check content/articles/draft.md", "or name it: " + command + " check content/articles/draft.md"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: output lacks %q:\n%s", command, want, out.String())
			}
		}
		if command != "generator" && strings.Contains(out.String(), " generator check") {
			t.Errorf("%s: output still says generator check:\n%s", command, out.String())
		}
		errb.Reset()
		env = testEnv(&out, &errb)
		env.Command = command
		if code := env.Run([]string{"check", "--format", "xml"}); code != ExitUsage {
			t.Fatalf("exit %d, want %d", code, ExitUsage)
		}
		if want := command + ` check: --format "xml" is not text or json`; !strings.HasPrefix(errb.String(), want) {
			t.Errorf("usage error %q, want it to start %q", errb.String(), want)
		}
	}
}
