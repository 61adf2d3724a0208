package render

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
	"testing"
)

// TestCheckFigureAllows: an SVG drawing of the usual kind passes.
func TestCheckFigureAllows(t *testing.T) {
	svg := `<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50" role="img" aria-labelledby="t" xml:lang="en">
  <title id="t">Bone density over time</title>
  <g aria-label="Write to us @ the clinic"/>
  <desc>A line falling, then flat.</desc>
  <style>.line { stroke: #333; fill: none } .area { fill: url(#g) }</style>
  <defs>
    <linearGradient id="g" x1="0" x2="0" y1="0" y2="1"><stop offset="0" stop-color="#8cf"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></linearGradient>
    <marker id="m" markerWidth="4" markerHeight="4" refX="2" refY="2"><circle cx="2" cy="2" r="2"/></marker>
    <clipPath id="c"><rect width="100" height="50"/></clipPath>
  </defs>
  <g clip-path="url(#c)" transform="translate(0 0)">
    <path class="line" d="M0 10 L50 40 L100 40" marker-end="url(#m)" style="stroke-width: 2"/>
    <use href="#m" x="10"/><use xlink:href="#m" x="20"/>
    <text x="5" y="45" font-size="6" text-anchor="start">Years<tspan dx="2">→</tspan></text>
  </g>
</svg>`
	if line, col, err := checkFigure("chart.svg", []byte(svg)); err != nil {
		t.Errorf("a plain drawing refused at %d:%d: %v", line, col, err)
	}
	if _, _, err := checkFigure("x.png", pngOf(t, 640, 480)); err != nil {
		t.Errorf("a PNG refused: %v", err)
	}
}

// TestCheckFigureRefuses: everything that could run, load or hide something.
func TestCheckFigureRefuses(t *testing.T) {
	const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`
	for name, c := range map[string]struct{ svg, want string }{
		"script":         {open + `<script>alert(1)</script></svg>`, "<script> is not allowed"},
		"event handler":  {open + `<rect onclick="alert(1)"/></svg>`, "attribute onclick is not allowed"},
		"uppercase on":   {open + `<rect ONLOAD="alert(1)"/></svg>`, "attribute ONLOAD is not allowed"},
		"link":           {open + `<a href="javascript:alert(1)"><rect/></a></svg>`, "<a> is not allowed"},
		"animation":      {open + `<set attributeName="href" to="javascript:alert(1)"/></svg>`, "<set> is not allowed"},
		"image":          {open + `<image href="https://tracker.example/x.png"/></svg>`, "<image> is not allowed"},
		"foreignObject":  {open + `<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>`, "<foreignObject> is not allowed"},
		"external use":   {open + `<use href="other.svg#a"/></svg>`, `href "other.svg#a" points outside the file`},
		"xlink external": {open + `<use xlink:href="data:image/svg+xml,x"/></svg>`, "points outside the file"},
		"css url":        {open + `<style>rect { fill: url(https://evil.example/x) }</style></svg>`, "url() may only point inside the file"},
		"css import":     {open + `<style>@import "x.css";</style></svg>`, "at-rules"},
		"css split":      {open + `<style>rect { fill: u<!-- -->rl(https://evil.example/x) }</style></svg>`, "url() may only point inside the file"},
		"css cdata":      {open + `<style>rect { fill: ur<![CDATA[l(https://evil.example/x)]]> }</style></svg>`, "url() may only point inside the file"},
		"image-set":      {open + `<style>rect { fill: image-set("https://evil.example/x.png" 1x) }</style></svg>`, "image-set() and src()"},
		"style element":  {open + `<style><rect/></style></svg>`, "<style> may hold only CSS text"},
		"css escape":     {open + `<style>rect { fill: u\72l(x) }</style></svg>`, "CSS escapes"},
		"style attr url": {open + `<rect style="fill: url( 'https://evil.example/x' )"/></svg>`, "url() may only point inside the file"},
		"fill url":       {open + `<rect fill="url(https://evil.example/x)"/></svg>`, "url() may only point inside the file"},
		"doctype":        {`<!DOCTYPE svg [<!ENTITY a "b">]>` + open + `</svg>`, "<!DOCTYPE> and <!ENTITY>"},
		"proc inst":      {`<?xml-stylesheet href="x.css"?>` + open + `</svg>`, "processing instruction <?xml-stylesheet?>"},
		"html root":      {`<html><script>alert(1)</script></html>`, "<html (outside the SVG namespace)> is not allowed"},
		"editor data":    {open + `<rect xmlns:s="http://sodipodi.example/ns" s:nodetypes="c"/></svg>`, "attribute http://sodipodi.example/ns:nodetypes is not allowed"},
		"not XML":        {open + `<rect></svg>`, "not well-formed XML"},
		"empty":          {``, "no <svg> element"},
		"wrong root":     {`<g xmlns="http://www.w3.org/2000/svg"/>`, "must start with an <svg> element"},
	} {
		_, _, err := checkFigure("x.svg", []byte(c.svg))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	if _, _, err := checkFigure("x.png", []byte("<svg onload=alert(1)>")); err == nil || !strings.Contains(err.Error(), "not a png image") {
		t.Errorf("markup named .png: %v", err)
	}
	if _, _, err := checkFigure("x.jpg", pngOf(t, 1, 1)); err == nil {
		t.Error("a PNG named .jpg was accepted")
	}
	// A PNG that says it is 100,000 pixels square: a few bytes that a browser
	// would try to give 40 GB.
	bomb := pngOf(t, 1, 1)
	binary.BigEndian.PutUint32(bomb[16:], 100000)
	binary.BigEndian.PutUint32(bomb[20:], 100000)
	binary.BigEndian.PutUint32(bomb[29:], crc32.ChecksumIEEE(bomb[12:29])) // the IHDR chunk's checksum
	if _, _, err := checkFigure("x.png", bomb); err == nil || !strings.Contains(err.Error(), "100000×100000 pixels") {
		t.Errorf("a PNG bomb: %v", err)
	}
	if _, _, err := checkFigure("x.png", pngOf(t, 1, 1)[:20]); err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("a truncated PNG: %v", err)
	}
}

// pngOf encodes a blank PNG of w×h pixels.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
