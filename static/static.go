// Package static embeds the site's stylesheet and script.
package static

import "embed"

// FS holds site.css and site.js.
//
//go:embed site.css site.js
var FS embed.FS
