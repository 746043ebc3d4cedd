// Package server is `generator serve`: it builds the site in memory, serves
// it over HTTP, watches the site's files and reloads the browser as they
// change. It is the only package that imports fsnotify.
//
// # Building
//
// The site is loaded once into an incremental.Live (drafts and scheduled pages
// included, with their badges) and kept in memory; nothing is written to
// public/. Pages are rendered when a browser asks for them and kept in a
// per-page cache. Each rendered page goes through the same minifying
// transform as a build, so a served page is byte for byte the built page
// plus the live-reload script (and, while the site has errors, the error
// overlay).
//
// # Watching
//
// config.yaml and the folders content/, layouts/ and assets/ are watched
// recursively, folders created later included. Events are gathered for
// Batch (20 ms) and applied together: an edit to an article's body
// re-parses that file only and patches its page in place; anything that
// changes the model's shape rebuilds the model from the parsed inputs; a
// layout, asset or config change clears the whole cache. After a patch, a
// background model rebuild refreshes the related lists of other pages and
// is swapped in when done. Hidden and editor temporary files are ignored.
//
// # Live reload
//
// Every served HTML page gets
//
//	<script src="/__livereload.js" defer></script>
//
// before </body>. The script listens to the server-sent events at
// /__livereload:
//
//	hello   data: the server's instance id; a new id (server restarted)
//	        reloads the page
//	reload  data: {"url": "/articles/x/"}; the browser goes to url (the
//	        page the editor changed) or, without one, reloads
//	css     data: [{"name","old","new","integrity"}]; stylesheets swapped
//	        in place, without a reload
//	errors  data: [{"pos","message","fix","source"}]; the error overlay,
//	        removed when the list is empty
//
// and reconnects when the connection drops. Build errors never stop the
// server: while any exist, every HTML response also carries the overlay,
// rendered on the server, so a page loaded without JavaScript shows them
// too. A broken config.yaml keeps the last good site.
//
// # Safety
//
// Only GET and HEAD are answered (405 otherwise). Everything served comes
// from the in-memory build, never from a path on disk; a request path
// with "." or ".." segments (also percent-encoded), backslashes, NUL bytes
// or empty segments is refused with 400. The site is read through an
// os.Root, so a symlink that leads outside the site folder is never
// followed. When bound to a loopback address, requests must name a
// loopback host (which defeats DNS rebinding). Missing paths get the site's
// 404 page with status 404.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"clinicgen/generator/internal/assets"
	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/incremental"
	"clinicgen/generator/internal/publish"
	"clinicgen/generator/internal/site"
)

// Batch is how long file events are gathered before they are applied.
const Batch = 20 * time.Millisecond

// remodelQuiet is how long the files must stay unchanged before a
// background model rebuild starts.
const remodelQuiet = 300 * time.Millisecond

// Options configure a Server.
type Options struct {
	// Root is the site folder holding config.yaml, content/, layouts/ and
	// assets/.
	Root string
	// Addr is the host:port to listen on; port 0 picks a free one.
	Addr string
	// BaseURL overrides config.yaml's baseURL when set.
	BaseURL string
	// Now decides which pages are scheduled; zero means the current time.
	Now time.Time
	// Log receives progress lines and diagnostics; nil discards them.
	Log io.Writer
	// Color colours diagnostics in Log.
	Color bool
}

// Server is a running dev server. Create it with New, then call Run once.
type Server struct {
	opt      Options
	root     *os.Root
	abs      string // absolute site folder, for watcher paths
	ln       net.Listener
	http     *http.Server
	id       string
	loopback bool

	mu     sync.Mutex
	live   *incremental.Live
	index  map[string]*site.Page   // page URL → page
	assets map[string]assets.Asset // output path → fingerprinted asset
	cache  map[string]*entry       // page URL → rendered page
	extras *publish.Memory         // generated files; nil until asked for
	gen    uint64                  // bumped on every change, to drop stale cache fills
	errs   diag.List               // the site's current errors
	seen   map[string]bool         // diagnostics already printed
	edited string                  // URL of the page edited last
	// internal is a panic caught while updating, shown until the next
	// update succeeds.
	internal *diag.Diagnostic

	hub   hub
	kick  chan struct{} // asks for a background model rebuild
	ready chan struct{} // closed once the watcher watches the site
	done  chan struct{} // closed when Run stops
}

// entry is one rendered page.
type entry struct {
	body []byte    // minified HTML; nil when rendering failed
	errs diag.List // errors rendering this page
}

// New opens the site, listens on opt.Addr and loads the site. Errors in
// the site are not errors here: they are shown in the browser until fixed.
// The error is for a missing site folder or an address that cannot be
// used.
func New(opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	abs, err := filepath.Abs(opt.Root)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("the site folder %s does not exist; run in the site's root folder or pass --source DIR", opt.Root)
		}
		return nil, fmt.Errorf("site folder: %w", err)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w", err)
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		root.Close()
		return nil, err
	}
	var idb [8]byte
	_, _ = rand.Read(idb[:])
	s := &Server{
		opt: opt, root: root, abs: abs, ln: ln, id: hex.EncodeToString(idb[:]),
		loopback: isLoopback(ln.Addr()),
		seen:     map[string]bool{},
		kick:     make(chan struct{}, 1),
		ready:    make(chan struct{}),
		done:     make(chan struct{}),
	}
	s.hub.clients = map[*client]bool{}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}

	start := time.Now()
	s.invalidate(s.load())
	s.refreshErrors() // nothing is served yet: no overlay to send
	n := 0
	if p := s.project(); p != nil && p.Site != nil {
		for _, site := range p.Sites {
			n += len(site.Pages)
		}
	}
	fmt.Fprintf(opt.Log, "Loaded %d pages in %s (drafts and scheduled pages shown; nothing is written to public/)\n", n, time.Since(start).Round(time.Millisecond))
	return s, nil
}

// load reads the whole site into a new Live. A panic in a stage leaves no
// Live and an internal error to show; the next file change tries again.
// Call with s.mu held (or before serving).
func (s *Server) load() incremental.Change {
	s.live = nil
	s.internal = safely("", func() {
		s.live, _ = incremental.NewLive(s.root.FS(), build.Options{Dev: true, BaseURL: s.opt.BaseURL, Now: s.opt.Now, Root: s.abs})
	})
	if s.internal != nil {
		s.live = nil
	}
	return incremental.Change{All: true}
}

// project returns the current project, nil when none has loaded. Call
// with s.mu held.
func (s *Server) project() *build.Project {
	if s.live == nil {
		return nil
	}
	return s.live.Project()
}

// URL is the address the server answers on, e.g. "http://127.0.0.1:1313/".
// When it listens on every address, the URL names the loopback one.
func (s *Server) URL() string {
	a := s.ln.Addr().String()
	if ta, ok := s.ln.Addr().(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		a = net.JoinHostPort("127.0.0.1", strconv.Itoa(ta.Port))
	}
	return "http://" + a + "/"
}

// Run serves and watches until ctx is done or the listener fails, then
// stops everything it started (connections, the watcher, background work)
// before it returns. A nil error means ctx ended it.
func (s *Server) Run(ctx context.Context) error {
	defer s.root.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		s.ln.Close()
		close(s.done)
		return fmt.Errorf("watching files: %w", err)
	}
	var wg sync.WaitGroup
	wg.Go(func() { s.watch(ctx, w) })
	wg.Go(func() { s.remodeler(ctx) })
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.ln) }()
	where := ""
	if !s.loopback {
		where = " (and on this machine's network addresses)"
	}
	fmt.Fprintf(s.opt.Log, "Serving %s%s — press Ctrl+C to stop\n", s.URL(), where)

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errc:
		errc = nil
	}
	cancel()
	close(s.done) // ends the reload streams, so Shutdown sees idle connections
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	if err := s.http.Shutdown(sctx); err != nil {
		s.http.Close()
	}
	scancel()
	if errc != nil {
		<-errc
	}
	wg.Wait()
	w.Close()
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

func isLoopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// invalidate drops what a change made stale. Call with s.mu held.
func (s *Server) invalidate(ch incremental.Change) {
	s.gen++
	s.extras = nil
	if !ch.All {
		for _, u := range ch.Dirty {
			delete(s.cache, u)
		}
		return
	}
	s.cache = map[string]*entry{}
	s.index = map[string]*site.Page{}
	s.assets = map[string]assets.Asset{}
	p := s.project()
	if p == nil {
		return
	}
	for _, site := range p.Sites {
		for _, pg := range site.Pages {
			if _, dup := s.index[pg.URL]; !dup {
				s.index[pg.URL] = pg
			}
		}
	}
	for _, a := range p.Manifest {
		s.assets[a.Path] = a
	}
}

// apply hands a batch of changed paths to the model and tells the
// browsers.
func (s *Server) apply(paths []string) {
	start := time.Now()
	s.mu.Lock()
	var ch incremental.Change
	if s.live == nil {
		ch = s.load()
	} else if s.internal = safely(strings.Join(paths, ", "), func() { ch = s.live.Update(paths) }); s.internal != nil {
		// The model may be half updated: read everything again.
		if d := safely("", func() { ch = s.live.Reload() }); d != nil {
			s.internal = d
		}
		ch.All = true
	}
	s.invalidate(ch)
	errsChanged := s.refreshErrors()
	nav := ""
	if len(ch.Edited) == 1 {
		nav = ch.Edited[0]
		s.edited = nav
	}
	s.mu.Unlock()
	if ch.Remodel {
		select {
		case s.kick <- struct{}{}:
		default:
		}
	}
	if nav != "" {
		s.render(nav) // warm the cache before the browser asks
	}
	s.announceErrors(errsChanged)
	switch {
	case ch.CSSOnly:
		s.hub.send(event("css", ch.CSS))
	case !ch.Empty():
		s.hub.send(event("reload", reloadData{URL: nav}))
	}
	if !ch.Empty() {
		what := "rebuilt"
		switch {
		case ch.CSSOnly:
			what = "swapped stylesheets"
		case !ch.All:
			what = fmt.Sprintf("updated %d pages", len(ch.Dirty))
		}
		if nav != "" {
			what += ", showing " + nav
		}
		fmt.Fprintf(s.opt.Log, "%s in %s\n", what, time.Since(start).Round(100*time.Microsecond))
	}
}

// refreshErrors recomputes the site's errors and prints new diagnostics.
// Call it with s.mu held, in the same critical section that changed the
// model: a page served in between would show the new content with the old
// overlay. It reports whether the errors changed (see announceErrors).
func (s *Server) refreshErrors() bool {
	errs := s.siteErrors()
	changed := !sameDiags(errs, s.errs)
	s.errs = errs
	s.printDiags()
	return changed
}

// announceErrors sends the overlay to the browsers when refreshErrors
// found the errors changed. Call it without s.mu.
func (s *Server) announceErrors(changed bool) {
	if !changed {
		return
	}
	s.mu.Lock()
	errs := s.errs
	s.mu.Unlock()
	s.hub.send(event("errors", overlayItems(errs)))
	if len(errs) == 0 {
		fmt.Fprintln(s.opt.Log, "no errors")
	}
}

// siteErrors returns the current Error diagnostics. Call with s.mu held.
func (s *Server) siteErrors() diag.List {
	var out diag.List
	for _, d := range s.diags() {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// diags returns the Live's diagnostics and a caught panic. Call with s.mu
// held.
func (s *Server) diags() diag.List {
	var ds diag.List
	if s.live != nil {
		ds = s.live.Diags()
	}
	if s.internal != nil {
		ds = append(ds, *s.internal)
	}
	return ds
}

// safely runs f and turns a panic into an error diagnostic at path: a bug
// in a stage must not take the preview down.
func safely(path string, f func()) (d *diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			d = &diag.Diagnostic{Severity: diag.Error, Path: path, Msg: fmt.Sprintf("internal error: %v", r),
				Fix: "this is a bug in the generator, not in your files; report it with the file you changed"}
		}
	}()
	f()
	return nil
}

func sameDiags(a, b diag.List) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// maxPrinted caps the diagnostics printed at once (a large site can have
// thousands of warnings).
const maxPrinted = 30

// printDiags prints the diagnostics not printed before. Call with s.mu
// held.
func (s *Server) printDiags() {
	var fresh diag.List
	now := map[string]bool{}
	all := s.diags()
	for _, d := range all {
		k := d.Severity.String() + " " + d.Error()
		now[k] = true
		if !s.seen[k] {
			fresh = append(fresh, d)
		}
	}
	s.seen = now
	if len(fresh) == 0 {
		return
	}
	more := 0
	if len(fresh) > maxPrinted {
		more = len(fresh) - maxPrinted
		fresh = fresh[:maxPrinted]
	}
	diag.Format(s.opt.Log, fresh, diag.Options{Color: s.opt.Color})
	if more > 0 {
		fmt.Fprintf(s.opt.Log, "… and %d more (run generator build to see them all)\n", more)
	}
	// The closing count is of the whole site as it stands now, not only
	// of the messages new since the last print.
	fmt.Fprintln(s.opt.Log, diag.Summary(all))
}

// remodeler rebuilds the model in the background after in-place patches,
// once the files have been quiet for a moment, and swaps it in when no
// input changed meanwhile.
func (s *Server) remodeler(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.kick:
		}
		for {
			t := time.NewTimer(remodelQuiet)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-s.kick:
				t.Stop()
				continue
			case <-t.C:
			}
			s.mu.Lock()
			var r *incremental.Remodel
			if s.live != nil {
				r = s.live.PrepareRemodel()
			}
			s.mu.Unlock()
			if r == nil {
				break
			}
			if d := safely("", r.Run); d != nil {
				fmt.Fprintf(s.opt.Log, "background rebuild: %s\n", d.Msg)
				break
			}
			s.mu.Lock()
			ch, ok := incremental.Change{}, false
			if s.live != nil {
				ch, ok = s.live.Apply(r)
			}
			edited := s.edited
			var before *entry
			errsChanged := false
			if ok {
				before = s.cache[edited]
				s.invalidate(ch)
				errsChanged = s.refreshErrors()
			}
			s.mu.Unlock()
			if !ok {
				continue // an input changed while it ran: wait and try again
			}
			s.announceErrors(errsChanged)
			if before != nil {
				if after, found := s.render(edited); found && string(after.body) != string(before.body) {
					s.hub.send(event("reload", reloadData{URL: edited}))
				}
			}
			break
		}
	}
}

// render returns the rendered page at URL u from the cache, rendering it
// first if needed; found is false when no page has that URL.
func (s *Server) render(u string) (e *entry, found bool) {
	s.mu.Lock()
	if e, ok := s.cache[u]; ok {
		s.mu.Unlock()
		return e, true
	}
	pg, ok := s.index[u]
	p := s.project()
	if !ok || p == nil || p.Renderer == nil {
		s.mu.Unlock()
		return nil, false
	}
	var html []byte
	var ds diag.List
	if d := safely(pg.Path, func() { html, ds = p.RenderPage(pg) }); d != nil {
		html, ds = nil, diag.List{*d}
	}
	gen := s.gen
	transform := p.Transform()
	rel := build.OutputPath(pg)
	s.mu.Unlock()

	e = &entry{}
	for _, d := range ds {
		if d.Severity == diag.Error {
			e.errs = append(e.errs, d)
		}
	}
	if html != nil {
		out, err := transform(rel, html)
		if err != nil {
			e.errs = append(e.errs, diag.Diagnostic{Severity: diag.Error, Path: rel, Msg: "cannot minify the page: " + err.Error(), Fix: "fix the layout that writes this markup"})
			out = html
		}
		e.body = out
	}
	s.mu.Lock()
	if s.gen == gen {
		s.cache[u] = e
	}
	s.mu.Unlock()
	return e, true
}

// extra returns a non-page output by path: a fingerprinted asset, a copied
// file (images…) or a generated file (feeds, sitemap…).
func (s *Server) extra(rel string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.project()
	if p == nil {
		return nil, false
	}
	if a, ok := s.assets[rel]; ok {
		return a.Data, true
	}
	if data, ok := p.Files[rel]; ok {
		// Copied files pass the build's transform (SVG is minified);
		// answering them here spares computing every generated file.
		out, err := p.Transform()(rel, data)
		if err != nil {
			return data, true
		}
		return out, true
	}
	if s.extras == nil {
		// Feeds, sitemap and redirects, computed once per change when
		// first asked for.
		m := publish.NewMemory(publish.Options{Transform: p.Transform()})
		for _, o := range p.Extras() {
			// A failed write (two outputs at one path) leaves the first,
			// as the build reports it.
			if data, err := o.Bytes(); err == nil {
				_ = m.Write(o.Path, data)
			}
		}
		s.extras = m
	}
	return s.extras.Get(rel)
}
