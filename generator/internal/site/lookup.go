package site

// PageAt returns the page whose URL is u ("/contact/"), or nil. Layouts use
// it to link to one of the clinic's standard pages only when the site has
// it, so a site without a contact page has no broken "contact us" link:
//
//	{{with .Site.PageAt "/contact/"}}<a href="{{.URL}}">Contact us</a>{{end}}
func (s *Site) PageAt(u string) *Page {
	if s == nil {
		return nil
	}
	return s.byURL[u]
}
