package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"clinicgen/generator/internal/server"
)

// runServe is `generator serve`: preview the site with live reload until
// interrupted.
func runServe(env *Env, args []string) int {
	const usage = "serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--base-url URL]"
	fs := env.flagSet("serve")
	source := fs.String("source", ".", "site root holding config.yaml, content/, layouts/ and assets/")
	port := fs.Int("port", 1313, "port to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; anything but a loopback address shows drafts to your network")
	baseURL := fs.String("base-url", "", "override config.yaml's baseURL, e.g. http://127.0.0.1:1313/")
	if code := env.parse(fs, usage, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "generator serve: unexpected argument %q\n", fs.Arg(0))
		return ExitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(env.Stderr, "generator serve: --port %d is not a port number (0 to 65535)\n", *port)
		return ExitUsage
	}
	ip := net.ParseIP(*bind)
	if ip == nil && *bind != "localhost" {
		fmt.Fprintf(env.Stderr, "generator serve: --bind %q is not an IP address, e.g. 127.0.0.1\n", *bind)
		return ExitUsage
	}
	if ip != nil && !ip.IsLoopback() {
		fmt.Fprintf(env.Stderr, "warning: serving on %s makes the preview, drafts included, reachable from other machines; use --bind 127.0.0.1 to keep it on this computer\n", *bind)
	}
	srv, err := server.New(server.Options{
		Root:    *source,
		Addr:    net.JoinHostPort(*bind, strconv.Itoa(*port)),
		BaseURL: *baseURL,
		Now:     env.Now(),
		Log:     env.Stderr,
		Color:   env.color(env.Stderr),
	})
	if errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(env.Stderr, "generator serve: port %d is in use (another generator serve?); pick another with --port\n", *port)
		return ExitUsage
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "generator serve: %v\n", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := srv.Run(ctx); err != nil {
		fmt.Fprintf(env.Stderr, "generator serve: %v\n", err)
		return ExitContent
	}
	return ExitOK
}
