package server

import (
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// ServeHTTP answers GET and HEAD requests for the in-memory site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview server only answers GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	if s.loopback && !loopbackHost(r.Host) {
		http.Error(w, "403 forbidden: the preview server only answers requests for localhost or 127.0.0.1", http.StatusForbidden)
		return
	}
	p, ok := sitePath(r)
	if !ok {
		http.Error(w, "400 bad request: the path leaves the site or is not a plain path", http.StatusBadRequest)
		return
	}
	switch p {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		h.Set("Cache-Control", "no-cache")
		write(w, r, http.StatusOK, "text/javascript; charset=utf-8", script)
		return
	}

	u := p
	if strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	if e, found := s.render(u); found {
		s.page(w, r, http.StatusOK, e)
		return
	}
	if data, found := s.extra(strings.TrimPrefix(p, "/")); found {
		h.Set("Cache-Control", "no-cache")
		write(w, r, http.StatusOK, contentType(p), data)
		return
	}
	if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
		if _, found := s.render(p + "/"); found {
			to := p + "/"
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
	}
	s.notFound(w, r)
}

// page writes a rendered page with the reload script and, while there are
// errors, the overlay.
func (s *Server) page(w http.ResponseWriter, r *http.Request, status int, e *entry) {
	s.mu.Lock()
	siteErrs := s.errs
	s.mu.Unlock()
	body := e.body
	if body == nil {
		status = http.StatusInternalServerError
		body = []byte(errorPage)
	}
	w.Header().Set("Cache-Control", "no-store")
	write(w, r, status, "text/html; charset=utf-8", inject(body, overlayHTML(siteErrs, e.errs)))
}

// notFound answers with the site's 404 page, or a plain one when the site
// has none (or has not loaded).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if e, found := s.render("/404.html"); found {
		s.page(w, r, http.StatusNotFound, e)
		return
	}
	s.page(w, r, http.StatusNotFound, &entry{body: []byte(plainNotFound)})
}

func write(w http.ResponseWriter, r *http.Request, status int, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// sitePath returns the request's path when it is a plain path inside the
// site: absolute, no "." or ".." segments (however encoded), no empty
// segments, no backslashes or NUL bytes, no percent-encoded dots, slashes
// or backslashes (even encoded twice).
func sitePath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if p == "" || p[0] != '/' || r.URL.Opaque != "" {
		return "", false
	}
	if strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	lower := strings.ToLower(p + " " + r.URL.RawPath)
	for _, bad := range []string{"%2e", "%2f", "%5c", "%00", "%25"} {
		if strings.Contains(lower, bad) {
			return "", false
		}
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		switch {
		case seg == "." || seg == "..":
			return "", false
		case seg == "" && i != len(segs)-1:
			return "", false
		}
	}
	return p, true
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// contentType returns the media type served for an output path.
func contentType(p string) string {
	switch path.Base(p) {
	case "feed.json":
		return "application/feed+json; charset=utf-8"
	case "index.xml":
		return "application/rss+xml; charset=utf-8"
	case "atom.xml":
		return "application/atom+xml; charset=utf-8"
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/vnd.microsoft.icon"
	case ".pdf":
		return "application/pdf"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".mp4":
		return "video/mp4"
	case ".webm":
		return "video/webm"
	}
	return "application/octet-stream"
}
