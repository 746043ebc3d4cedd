package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"sync"
	"time"

	"clinicgen/generator/internal/diag"
)

const (
	eventsPath = "/__livereload"
	scriptPath = "/__livereload.js"
	// scriptTag is what every served HTML page gets before </body>.
	scriptTag = `<script src="/__livereload.js" defer></script>`
	overlayID = "__livereload-overlay"
	// keepAlive is how often an idle event stream gets a comment line, so
	// a dead connection is noticed.
	keepAlive = 15 * time.Second
	// maxOverlay caps the errors listed in the overlay.
	maxOverlay = 20
)

// hub fans events out to the connected browsers.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
}

type client struct{ ch chan []byte }

func (h *hub) join() *client {
	c := &client{ch: make(chan []byte, 16)}
	h.mu.Lock()
	h.clients[c] = true
	h.mu.Unlock()
	return c
}

func (h *hub) leave(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

// count returns the number of connected browsers.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// send queues msg for every client. A client too slow to take it misses
// it rather than holding up the others.
func (h *hub) send(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c.ch <- msg:
		default:
		}
	}
}

// reloadData is the payload of a reload event.
type reloadData struct {
	URL string `json:"url,omitempty"`
}

// overlayItem is one error in an errors event.
type overlayItem struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
	Fix     string `json:"fix,omitempty"`
	Source  string `json:"source,omitempty"`
}

func overlayItems(ds diag.List) []overlayItem {
	out := []overlayItem{}
	for _, d := range ds {
		out = append(out, overlayItem{Pos: d.Pos(), Message: diag.Escape(d.Msg), Fix: diag.Escape(d.Fix), Source: diag.Escape(d.Source)})
	}
	return out
}

// event formats one server-sent event with a JSON payload.
func event(name string, data any) []byte {
	b, err := json.Marshal(data)
	if err != nil {
		b = []byte("null")
	}
	return []byte("event: " + name + "\ndata: " + string(b) + "\n\n")
}

// events streams reload events to one browser until it goes away or the
// server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	c := s.hub.join()
	defer s.hub.leave(c)
	s.mu.Lock()
	errs := s.errs
	s.mu.Unlock()
	var first bytes.Buffer
	first.WriteString("retry: 500\n\n")
	first.WriteString("event: hello\ndata: " + s.id + "\n\n")
	first.Write(event("errors", overlayItems(errs)))
	if _, err := w.Write(first.Bytes()); err != nil {
		return
	}
	fl.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case msg = <-c.ch:
		case <-tick.C:
			msg = []byte(": keep-alive\n\n")
		}
		if _, err := w.Write(msg); err != nil {
			return
		}
		fl.Flush()
	}
}

// inject adds the overlay (if any) and the reload script before </body>,
// or at the end when the minifier left the optional tag out.
func inject(page []byte, overlay string) []byte {
	add := overlay + scriptTag
	out := make([]byte, 0, len(page)+len(add))
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out = append(out, page[:i]...)
		out = append(out, add...)
		return append(out, page[i:]...)
	}
	out = append(out, page...)
	return append(out, add...)
}

// overlayHTML renders the error overlay for a page: the site's errors and
// the errors rendering this page. "" when there are none. The script
// replaces the site part when errors change and removes the overlay when
// both parts are empty.
func overlayHTML(siteErrs, pageErrs diag.List) string {
	if len(siteErrs) == 0 && len(pageErrs) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div id="%s" role="alert" style="%s">`, overlayID, overlayStyle)
	section := func(kind, title string, ds diag.List) {
		fmt.Fprintf(&b, `<section data-kind="%s">`, kind)
		if len(ds) > 0 {
			fmt.Fprintf(&b, `<p style="%s">%s</p><ul style="%s">`, headStyle, html.EscapeString(title), listStyle)
			for i, d := range ds {
				if i == maxOverlay {
					fmt.Fprintf(&b, "<li>… and %d more</li>", len(ds)-maxOverlay)
					break
				}
				fmt.Fprintf(&b, `<li style="%s"><code style="%s">%s</code> %s`, itemStyle, posStyle, html.EscapeString(d.Pos()), html.EscapeString(diag.Escape(d.Msg)))
				if d.Fix != "" {
					fmt.Fprintf(&b, "; %s", html.EscapeString(diag.Escape(d.Fix)))
				}
				if d.Source != "" {
					fmt.Fprintf(&b, `<pre style="%s">%s</pre>`, preStyle, html.EscapeString(diag.Escape(d.Source)))
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ul>")
		}
		b.WriteString("</section>")
	}
	section("site", plural(len(siteErrs), "error")+" in the site — the preview shows the last good version until it is fixed", siteErrs)
	section("page", plural(len(pageErrs), "error")+" rendering this page", pageErrs)
	b.WriteString("</div>")
	return b.String()
}

func plural(n int, w string) string {
	if n == 1 {
		return "1 " + w
	}
	return fmt.Sprintf("%d %ss", n, w)
}

// The overlay's inline styles; the script uses the same ones.
const (
	overlayStyle = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#fff4f4;color:#1b1b1b;border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;text-align:left"
	headStyle    = "margin:0 0 6px;font-weight:700;color:#b3261e"
	listStyle    = "margin:0 0 8px;padding:0 0 0 18px"
	itemStyle    = "margin:0 0 6px"
	posStyle     = "font:600 14px/1.4 ui-monospace,monospace;color:#1b1b1b"
	preStyle     = "margin:4px 0 0;padding:4px 8px;background:#fff;border:1px solid #e0c4c4;overflow:auto;font:13px/1.4 ui-monospace,monospace;white-space:pre"
)

// errorPage stands in for a page that could not be rendered; the overlay
// says why.
const errorPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page error</title></head><body><p>This page could not be rendered. The error is shown below; the page reloads when it is fixed.</p></body></html>`

// plainNotFound is the 404 answer when the site has no 404 page.
const plainNotFound = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>Page not found</h1><p>No page has this address.</p></body></html>`

// script is the JavaScript served at /__livereload.js.
//
//go:embed livereload.js
var script []byte
