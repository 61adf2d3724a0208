package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"strings"

	"github.com/strata-health/strata/internal/site"
)

// Figures are published only when a page shows them, and only when they are what
// their name says: a PNG, JPEG, GIF or WebP image that is one, or an SVG drawing
// made only of the elements and attributes below. An SVG with anything else
// (scripts, event handlers, links, foreignObject, external references, entity
// declarations) is refused rather than cleaned, so the file published is the
// file the author wrote.

// checkFigure returns the line (0 when unknown) and a description of what is
// wrong with a figure file, or a nil error.
func checkFigure(name string, data []byte) (int, int, error) {
	want, _ := site.FigureType(name)
	if want == "image/svg+xml" {
		return checkSVG(data)
	}
	if got, _, _ := strings.Cut(http.DetectContentType(data), ";"); got != want {
		return 0, 0, fmt.Errorf("the file is not a %s image (its bytes look like %s)", strings.TrimPrefix(want, "image/"), got)
	}
	if want == "image/webp" {
		return 0, 0, nil // no decoder in the standard library: its header was checked above
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("the image cannot be read: %v", err)
	}
	if cfg.Width*cfg.Height > maxFigurePixels {
		return 0, 0, fmt.Errorf("the image is %d×%d pixels, over the limit of %d million: readers' browsers would need gigabytes to show it", cfg.Width, cfg.Height, maxFigurePixels/1_000_000)
	}
	return 0, 0, nil
}

// maxFigurePixels bounds the size a PNG, JPEG or GIF says it has, so that a small
// file cannot ask readers' browsers for gigabytes of memory.
const maxFigurePixels = 25_000_000

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// svgElements are the SVG elements a figure may use: shapes, text, grouping,
// gradients, clipping, masks and markers.
var svgElements = setOf("svg", "g", "defs", "symbol", "use", "title", "desc", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
	"linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker")

// svgAttributes are the attributes it may use: geometry, presentation, text and
// accessibility. href (and xlink:href) may only point inside the file ("#id").
var svgAttributes = setOf("id", "class", "style", "transform", "d", "x", "y", "x1", "y1", "x2", "y2",
	"cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "width", "height", "viewBox", "preserveAspectRatio", "points",
	"pathLength", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
	"stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
	"font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline",
	"alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "dx", "dy",
	"rotate", "textLength", "lengthAdjust", "gradientUnits", "gradientTransform", "spreadMethod", "offset",
	"stop-color", "stop-opacity", "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits",
	"maskContentUnits", "patternUnits", "patternContentUnits", "patternTransform", "markerWidth", "markerHeight",
	"refX", "refY", "orient", "markerUnits", "marker-start", "marker-mid", "marker-end", "visibility", "display",
	"vector-effect", "shape-rendering", "text-rendering", "overflow", "role", "aria-label", "aria-labelledby",
	"aria-describedby", "aria-hidden", "focusable", "lang", "version", "baseProfile", "href", "type", "media")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// checkSVG reports the first thing in an SVG file outside the allow-list.
func checkSVG(data []byte) (int, int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var style *strings.Builder // the text of the <style> element being read
	root := true
	for {
		tok, err := d.Token()
		line, col := d.InputPos()
		if err == io.EOF {
			if root {
				return 0, 0, errors.New("the SVG file has no <svg> element")
			}
			return 0, 0, nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return se.Line, 0, fmt.Errorf("the SVG file is not well-formed XML: %s", se.Msg)
			}
			return line, col, fmt.Errorf("the SVG file is not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if style != nil {
				return line, col, errors.New("<style> may hold only CSS text")
			}
			if t.Name.Space != svgNS || !svgElements[t.Name.Local] {
				return line, col, fmt.Errorf("SVG element <%s> is not allowed in a figure (allowed: shapes, text, groups, gradients, clip paths, masks, markers, <style>)", qualified(t.Name))
			}
			if root && t.Name.Local != "svg" {
				return line, col, errors.New("the SVG file must start with an <svg> element")
			}
			root = false
			for _, a := range t.Attr {
				if err := checkSVGAttr(a); err != nil {
					return line, col, fmt.Errorf("<%s>: %v", t.Name.Local, err)
				}
			}
			if t.Name.Local == "style" {
				style = &strings.Builder{}
			}
		case xml.EndElement:
			// The CSS is checked whole: comments and CDATA sections could split
			// what a check of each piece would find.
			if style != nil {
				if err := checkCSS(style.String()); err != nil {
					return line, col, fmt.Errorf("<style>: %v", err)
				}
				style = nil
			}
		case xml.CharData:
			if style != nil {
				style.Write(t)
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return line, col, fmt.Errorf("processing instruction <?%s?> is not allowed in a figure", t.Target)
			}
		case xml.Directive:
			return line, col, errors.New("<!DOCTYPE> and <!ENTITY> declarations are not allowed in a figure")
		}
	}
}

func qualified(n xml.Name) string {
	switch n.Space {
	case svgNS:
		return n.Local
	case "":
		return n.Local + " (outside the SVG namespace)"
	}
	return n.Space + ":" + n.Local
}

// checkSVGAttr reports an attribute outside the allow-list, or a value that
// refers outside the file.
func checkSVGAttr(a xml.Attr) error {
	switch {
	case a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns"):
		return nil // a namespace declaration: what uses it is checked on its own
	case a.Name.Space == xmlNS && (a.Name.Local == "lang" || a.Name.Local == "space"):
		return nil
	case a.Name.Space == xlinkNS && a.Name.Local == "href", a.Name.Space == "" && a.Name.Local == "href":
		if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
			return fmt.Errorf("href %q points outside the file (only #id references are allowed)", a.Value)
		}
		return nil
	case a.Name.Space != "" || !svgAttributes[a.Name.Local]:
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + name
		}
		return fmt.Errorf("attribute %s is not allowed in a figure (no event handlers, links or editor data)", name)
	case textAttributes[a.Name.Local]:
		return nil // words for people or names, never loaded
	}
	return checkCSS(a.Value)
}

// textAttributes hold words or names, not style: they are not checked as CSS.
var textAttributes = setOf("id", "class", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby")

// checkCSS refuses style text (a <style> element, a style attribute or a
// presentation attribute) that could load anything: url() other than url(#id),
// image-set() and src(), @import and other at-rules, escapes that could hide
// them, and script URLs.
func checkCSS(s string) error {
	lower := strings.ToLower(s)
	switch {
	case strings.Contains(lower, "@"):
		return errors.New("CSS at-rules (@import, @font-face) are not allowed in a figure")
	case strings.Contains(lower, `\`):
		return errors.New("CSS escapes are not allowed in a figure")
	case strings.Contains(lower, "javascript:"), strings.Contains(lower, "expression("):
		return errors.New("script is not allowed in a figure")
	case strings.Contains(lower, "image-set("), strings.Contains(lower, "src("):
		return errors.New("image-set() and src() load files: not allowed in a figure")
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = strings.TrimLeft(rest[i+len("url("):], " \t\r\n'\"")
		if !strings.HasPrefix(rest, "#") {
			return errors.New("url() may only point inside the file (url(#id))")
		}
	}
}
