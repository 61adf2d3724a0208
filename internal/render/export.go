package render

import (
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ExportPath is the file, relative to the export folder, that holds urlPath: pages
// become .html files ("/" -> index.html, "/articles/x" -> articles/x.html), and
// everything else keeps its name. A static server finds a page by trying the path
// and then the path plus ".html".
func ExportPath(urlPath, contentType string) string {
	p := strings.TrimPrefix(urlPath, "/")
	if p == "" {
		return "index.html"
	}
	if strings.HasPrefix(contentType, "text/html") && path.Ext(p) == "" {
		return p + ".html"
	}
	return p
}

// Export writes the snapshot to dir: every URL's bytes, its .gz and .br siblings
// where they exist, 404.html, and the permanent redirects as a _redirects file
// ("from to 301" lines, the format Netlify and Cloudflare Pages read).
func (s *Snapshot) Export(dir string) error {
	write := func(name string, data []byte) error {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		return os.WriteFile(file, data, 0o644)
	}
	writeResource := func(name string, r *Resource) error {
		if err := write(name, r.Body.Data); err != nil {
			return err
		}
		if r.Gzip != nil {
			if err := write(name+".gz", r.Gzip.Data); err != nil {
				return err
			}
		}
		if r.Brotli != nil {
			if err := write(name+".br", r.Brotli.Data); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range s.Paths() {
		r := s.resources[p]
		if err := writeResource(ExportPath(p, r.ContentType), r); err != nil {
			return err
		}
	}
	if err := writeResource("404.html", s.NotFound); err != nil {
		return err
	}
	if s.Dynamic != nil && s.Dynamic.Fallback != nil {
		if err := writeResource("search.html", s.Dynamic.Fallback); err != nil {
			return err
		}
	}
	var redirects strings.Builder
	for _, from := range slices.Sorted(maps.Keys(s.redirects)) {
		fmt.Fprintf(&redirects, "%s %s 301\n", from, s.redirects[from])
	}
	return write("_redirects", []byte(redirects.String()))
}
