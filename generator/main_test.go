package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"clinicgen/generator/internal/cli"
)

// TestMain lets testscript run the generator as the command "generator",
// and as "generator-exit N args…", which succeeds only when the generator
// exits with code N (so scripts can tell usage errors, 2, from content
// errors, 1).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"generator": func() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"generator-exit": func() {
			if len(os.Args) < 2 {
				fmt.Fprintln(os.Stderr, "usage: generator-exit CODE [args...]")
				os.Exit(100)
			}
			// Messages name the command as it was run (cli.CommandName):
			// this is the generator, under the name scripts expect.
			os.Args[0] = "generator"
			want, err := strconv.Atoi(os.Args[1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "generator-exit: CODE must be a number")
				os.Exit(100)
			}
			if got := cli.Main(os.Args[2:], os.Stdout, os.Stderr); got != want {
				fmt.Fprintf(os.Stderr, "generator-exit: exit code %d, want %d\n", got, want)
				os.Exit(1)
			}
			os.Exit(0)
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script: each is a small site
// and the commands run on it with their expected output and exit codes.
// The command "theme" copies the repository's layouts/ and assets/ into the
// script's folder.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("GENERATOR_NOW", "2026-11-25T12:00:00Z")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"theme": func(ts *testscript.TestScript, neg bool, args []string) {
				for _, dir := range []string{"layouts", "assets"} {
					src := filepath.Join(repo, dir)
					dst := ts.MkAbs(dir)
					err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
						if err != nil {
							return err
						}
						rel, _ := filepath.Rel(src, p)
						if d.IsDir() {
							return os.MkdirAll(filepath.Join(dst, rel), 0o755)
						}
						b, err := os.ReadFile(p)
						if err != nil {
							return err
						}
						return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
					})
					ts.Check(err)
				}
			},
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
	})
}
