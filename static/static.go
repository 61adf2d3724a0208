// Package static embeds the site's stylesheet and script.
package static

import "embed"

// FS holds site.css, site.js, favicon.svg, og-image.png (the default Open Graph
// image, drawn by ogimage.go) and reload.js (the live-preview script, used only by
// strata serve -watch).
//
//go:embed site.css site.js reload.js favicon.svg og-image.png
var FS embed.FS
