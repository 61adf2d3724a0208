package web

import (
	"github.com/a-h/templ"
	"github.com/google/safehtml"
)

// trusted writes h into the page as it is. Only a safehtml.HTML can be written
// this way, and only its makers can make one (the Markdown pipeline's renderer,
// the QR code drawer), so no string from content reaches a page unescaped. The
// templates write nothing else raw but the constant RelatedMarker and JSON-LD
// (templ.JSONScript, which escapes it for a script element).
func trusted(h safehtml.HTML) templ.Component { return templ.Raw(h.String()) }
