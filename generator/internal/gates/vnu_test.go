package gates

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vnuMessage is one message of the Nu Html Checker's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`
	URL         string `json:"url"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// The Nu Html Checker finds no error in any generated page, nor in the
// generated CSS and SVG files. Each run also checks a broken file from
// testdata/ that must be rejected at its line, so a checker that silently
// checks nothing fails the gate.
func TestNuHTMLChecker(t *testing.T) {
	f := builtSite(t)
	java, ok := program("java")
	requireTool(t, ok, "java", "apt-get install -y default-jre-headless")
	jar := f.npmTool(t, "vnu-jar", "build/dist/vnu.jar")

	svgs := f.outputs("*.svg")
	tests := []struct {
		name  string
		mode  []string // vnu's flag for the document type; HTML needs none
		files []string
		probe string
		line  int    // where the probe's error is
		want  string // in the probe's error message
	}{
		// --also-check-css/svg would shift HTML line numbers by one, so
		// each document type gets its own run.
		{"pages", nil, f.html, "invalid.html", 6, "alt"},
		{"css", []string{"--css"}, f.outputs("*.css"), "invalid.css", 3, "colr"},
		{"svg", []string{"--svg"}, svgs, "invalid.svg", 3, "blink"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.files) == 0 {
				t.Fatalf("the site has no %s to check", tc.name)
			}
			probe, err := filepath.Abs(filepath.Join("testdata", tc.probe))
			if err != nil {
				t.Fatal(err)
			}
			args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout"}, tc.mode...)
			args = append(args, probe)
			for _, rel := range tc.files {
				args = append(args, filepath.Join(f.dir, filepath.FromSlash(rel)))
			}
			probeSeen := false
			errors := 0
			for _, m := range runVNU(t, java, args) {
				file := fileOf(m.URL)
				if file == probe {
					probeSeen = probeSeen || (m.LastLine == tc.line && strings.Contains(m.Message, tc.want))
					continue
				}
				errors++
				rel, rerr := filepath.Rel(f.dir, file)
				if rerr != nil || strings.HasPrefix(rel, "..") {
					rel = m.URL
				}
				t.Errorf("%s:%d:%d: %s\n\tnear: %q", filepath.ToSlash(rel), m.LastLine, m.FirstColumn, m.Message, m.Extract)
			}
			if !probeSeen {
				t.Errorf("vnu did not report %q at testdata/%s:%d; is it checking anything?", tc.want, tc.probe, tc.line)
			}
			t.Logf("vnu: %d errors in %d files (%s)", errors, len(tc.files), tc.name)
		})
	}
}

// runVNU runs the checker and returns its errors.
func runVNU(t *testing.T, java string, args []string) []vnuMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run() // exit status 1 means "errors found"; the JSON says which
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr != nil {
		t.Fatalf("vnu: %v (exit: %v); stderr:\n%s\nstdout:\n%s", jerr, err, stderr.String(), clip(stdout.String()))
	}
	var errs []vnuMessage
	for _, m := range out.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, m)
		}
	}
	return errs
}

// fileOf turns vnu's "file:/x/y" URL into a path.
func fileOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "file" {
		return u
	}
	return filepath.FromSlash(p.Path)
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}
