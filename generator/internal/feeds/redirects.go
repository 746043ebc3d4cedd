package feeds

import (
	"bytes"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strings"

	"clinicgen/generator/internal/diag"
	"clinicgen/generator/internal/site"
)

// redirectHTML is the page written at an alias. It is polyglot markup
// (valid HTML5 and well-formed XML), so tests can check it with
// encoding/xml.
const redirectHTML = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8" />
<title>{{.Title}}</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="robots" content="noindex" />
<link rel="canonical" href="{{.Target}}" />
<meta http-equiv="refresh" content="{{.Refresh}}" />
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>It is now at <a href="{{.Target}}">{{.Name}}</a>.</p>
</main>
</body>
</html>
`

type redirectPage struct {
	Lang, Title, Target, Refresh, Name string
}

// redirects writes an HTML redirect page per alias and the _redirects
// file. Aliases are handled in order of their old URL, so the output and
// the diagnostics do not depend on the order of the model.
func (b *builder) redirects() {
	sites := b.s.Languages
	if len(sites) == 0 {
		sites = []*site.Site{b.s}
	}
	var all []site.Alias
	for _, s := range sites {
		all = append(all, s.Aliases...)
	}
	notFound := b.notFoundRules()
	if len(all) == 0 {
		if len(notFound) > 0 {
			b.add("_redirects", []byte(strings.Join(notFound, "\n")+"\n"))
		}
		return
	}
	tmpl, err := template.New("redirect").Parse(redirectHTML)
	if err != nil {
		return // a constant template; cannot happen
	}
	taken := map[string]bool{} // output files that already exist
	byURL := map[string]*site.Page{}
	for _, s := range sites {
		for _, p := range s.Pages {
			byURL[p.URL] = p
			taken[outputPath(p.URL)] = true
		}
	}
	for _, f := range b.files {
		taken[f.Path] = true
	}
	aliases := all
	sort.SliceStable(aliases, func(i, j int) bool {
		if aliases[i].From != aliases[j].From {
			return aliases[i].From < aliases[j].From
		}
		return aliases[i].Path < aliases[j].Path
	})
	prefix := basePath(b.base)
	lang := b.s.Config.Language
	if lang == "" {
		lang = "en"
	}
	done := map[string]site.Alias{}
	var lines []string
	for _, a := range aliases {
		if p, q, ok := queryAlias(a.From); ok {
			// "/?p=123": no file can answer it, but hosts that match
			// query arguments in _redirects (Netlify) can.
			if prev, dup := done[a.From]; dup {
				if prev.To != a.To {
					b.aliasDiag(a, diag.Error, "keep the alias on one page only",
						"alias %s is also claimed by %s, which redirects it to %s", a.From, prev.Path, prev.To)
				}
				continue
			}
			done[a.From] = a
			lines = append(lines, escPath(prefix+p)+" "+q+" "+escPath(prefix+a.To)+" 301")
			continue
		}
		if strings.ContainsAny(a.From, "?#") {
			b.aliasDiag(a, diag.Warning, "remove it, or add a redirect rule for your host by hand; a static site cannot answer a URL with a query string",
				"alias %s has a query string or fragment, so no redirect is made for it", a.From)
			continue
		}
		if prev, ok := done[a.From]; ok {
			if prev.To != a.To {
				b.aliasDiag(a, diag.Error, "keep the alias on one page only",
					"alias %s is also claimed by %s, which redirects it to %s", a.From, prev.Path, prev.To)
			}
			continue
		}
		done[a.From] = a
		if byURL[a.From] != nil {
			continue // a page has this URL: the model already reports it
		}
		target := b.abs(a.To)
		name := a.To
		if p := byURL[a.To]; p != nil && p.Title != "" {
			name = xmlText(p.Title) // HTML forbids the same control characters
			if p.Permalink != "" {
				target = p.Permalink
			}
		}
		if file := aliasFile(a.From); file != "" {
			if taken[file] {
				b.aliasDiag(a, diag.Error, "remove the alias, or change the page that already has that address",
					"alias %s would overwrite the generated file %s", a.From, file)
				continue
			}
			taken[file] = true
			var buf bytes.Buffer
			err := tmpl.Execute(&buf, redirectPage{
				Lang: lang, Title: "Page moved: " + name, Target: target,
				Refresh: "0; url=" + target, Name: name,
			})
			if err != nil {
				b.aliasDiag(a, diag.Error, "simplify the alias", "cannot write the redirect page for alias %s: %v", a.From, err)
				continue
			}
			b.add(file, buf.Bytes())
		}
		lines = append(lines, escPath(prefix+a.From)+" "+escPath(prefix+a.To)+" 301")
		// An alias is a folder ("/winter-tips/"); a visitor may type it
		// without the final slash. Redirect that form straight to the page
		// too: otherwise the host first adds the slash, then redirects —
		// two hops.
		if bare, ok := strings.CutSuffix(a.From, "/"); ok && bare != "" && !taken[strings.TrimPrefix(bare, "/")] {
			if _, claimed := done[bare]; !claimed {
				done[bare] = a
				lines = append(lines, escPath(prefix+bare)+" "+escPath(prefix+a.To)+" 301")
			}
		}
	}
	sort.Strings(lines)
	lines = append(lines, notFound...)
	if len(lines) > 0 {
		b.add("_redirects", []byte(strings.Join(lines, "\n")+"\n"))
	}
}

// notFoundRules are the _redirects lines that make Netlify answer a miss
// under a language's prefix with that language's 404 page, with status
// 404 ("/es/* /es/404.html 404"): one per language but the default (whose
// /404.html Netlify serves by itself). They come after every redirect, as
// Netlify applies the first rule that matches, and a splat rule never
// hides a file that exists. Cloudflare Pages, which reads _redirects too,
// ignores these lines (it supports no 404 rules; its deploy log says so)
// and serves the nearest 404.html up the folder tree by itself, which is
// the same page.
func (b *builder) notFoundRules() []string {
	prefix := basePath(b.base)
	var out []string
	for _, ls := range b.s.Languages {
		if ls.Lang.Default || ls.Lang.Prefix == "" {
			continue
		}
		for _, p := range ls.Pages {
			if p.Kind == site.Kind404 {
				out = append(out, escPath(prefix+ls.Lang.Prefix+"/")+"* "+escPath(prefix+p.URL)+" 404")
				break
			}
		}
	}
	return out
}

// queryAlias splits an alias of the form /path?name=value (one argument,
// plain letters and digits, no fragment) into its path and "name=value".
func queryAlias(from string) (p, q string, ok bool) {
	p, q, found := strings.Cut(from, "?")
	if !found || strings.Contains(q, "#") {
		return "", "", false
	}
	k, v, found := strings.Cut(q, "=")
	if !found || !plainArg(k) || !plainArg(v) {
		return "", "", false
	}
	return p, q, true
}

func plainArg(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// aliasDiag reports a problem with an alias at its content file's aliases
// line.
func (b *builder) aliasDiag(a site.Alias, sev diag.Severity, fix, format string, args ...any) {
	var src []byte
	line := 0
	if p, ok := b.s.PageByPath(a.Path); ok && p.Doc != nil {
		src = p.Doc.FrontSrc
		line = p.Doc.FM.Lines["aliases"]
	}
	if sev == diag.Error {
		b.ds = append(b.ds, diag.Errorf(a.Path, src, line, 0, fix, format, args...))
		return
	}
	b.ds = append(b.ds, diag.Warnf(a.Path, src, line, 0, fix, format, args...))
}

// aliasFile is the file an alias's redirect page is written to: a
// folder's index.html, or the alias itself when it names an .html or .htm
// file; "" for any other extension.
func aliasFile(from string) string {
	rel := strings.TrimPrefix(from, "/")
	switch {
	case strings.HasSuffix(from, "/"):
		return rel + "index.html"
	case strings.EqualFold(path.Ext(from), ".html"), strings.EqualFold(path.Ext(from), ".htm"):
		return rel
	}
	return ""
}

// outputPath is where a page with this URL is written (as build.OutputPath).
func outputPath(u string) string {
	if strings.HasSuffix(u, ".html") {
		return strings.TrimPrefix(u, "/")
	}
	return strings.TrimPrefix(u, "/") + "index.html"
}

// basePath is the path part of baseURL without its final slash ("" for a
// site at the root of its host), which _redirects rules need.
func basePath(base string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// escPath percent-encodes a path for _redirects, where a space would split
// the rule.
func escPath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}
