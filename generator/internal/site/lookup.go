package site

// PageAt returns the page whose URL is u ("/contact/"), or nil. Layouts use
// it to link to one of the clinic's standard pages only when the site has
// it, so a site without a contact page has no broken "contact us" link:
//
//	{{with .Site.PageAt "/contact/"}}<a href="{{.URL}}">Contact us</a>{{end}}
//
// In another language than the default, u may be the default language's
// URL: PageAt then returns that page's translation in this language, or
// nil when it has none (so the Spanish footer links to /es/contacto/, and
// to nothing when the contact page is not translated).
func (s *Site) PageAt(u string) *Page {
	if s == nil {
		return nil
	}
	if p := s.byURL[u]; p != nil {
		return p
	}
	if len(s.Languages) > 0 && s.Languages[0] != s {
		if p := s.Languages[0].byURL[u]; p != nil {
			return p.Translation(s.Lang.Code)
		}
	}
	return nil
}
