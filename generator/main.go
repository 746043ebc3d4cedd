// Command generator builds the clinic's static website. See README.md.
package main

import (
	"os"

	"clinicgen/generator/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
