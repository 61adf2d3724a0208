package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/strata-health/strata/internal/headers"
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

// ExportMarker is the file that marks a folder as written by Export. It lists the
// files of that export, so that the next one removes those the site no longer has.
const ExportMarker = ".strata-export"

const markerHeader = "# Written by strata build. It lists the files of this export; the next build removes those the site no longer has.\n"

// Export writes the snapshot to dir: every URL's bytes, its .gz and .br siblings
// where they exist, 404.html, the permanent redirects as a _redirects file ("from
// to 301" lines) and the security headers as a _headers file (the formats Netlify
// and Cloudflare Pages read), and ExportMarker.
//
// dir must be missing, empty or a previous export; it must not be the root of
// the file system, nor be, hold or lie inside any of the protect folders (the
// content). Files of the previous export that the site no longer has are removed.
// Nothing is written through a symbolic link: a link where a file goes is replaced,
// a link where a folder goes is an error.
func (s *Snapshot) Export(dir string, protect ...string) error {
	if err := CheckExportDir(dir, protect...); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	previous, err := previousExport(root, dir)
	if err != nil {
		return err
	}
	w := &exportWriter{root: root, dirs: map[string]bool{".": true}, written: map[string]bool{}}
	// The folder is marked first, so that a build that fails half-way leaves a
	// folder the next build recognises, with the previous files still listed.
	w.marker(previous)
	for _, p := range s.Paths() {
		r := s.resources[p]
		w.resource(ExportPath(p, r.ContentType), r)
	}
	w.resource("404.html", s.NotFound)
	if s.Dynamic != nil && s.Dynamic.Fallback != nil {
		w.resource("search.html", s.Dynamic.Fallback)
	}
	var redirects strings.Builder
	for _, from := range slices.Sorted(maps.Keys(s.redirects)) {
		fmt.Fprintf(&redirects, "%s %s 301\n", from, s.redirects[from])
	}
	w.file("_redirects", []byte(redirects.String()))
	w.file("_headers", headersFile())
	if w.err != nil {
		return w.err
	}
	for _, name := range slices.Sorted(maps.Keys(previous)) {
		if !w.written[name] {
			if err := root.Remove(filepath.FromSlash(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			removeEmptyParents(root, name)
		}
	}
	w.marker(w.written)
	return w.err
}

// marker writes ExportMarker, listing files.
func (w *exportWriter) marker(files map[string]bool) {
	var b bytes.Buffer
	b.WriteString(markerHeader)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b.WriteString(name + "\n")
	}
	w.file(ExportMarker, b.Bytes())
}

// headersFile is the _headers file of an export: the server's security headers
// for every path (HSTS included: hosts serve exports over HTTPS), and a year's
// caching for the fingerprinted files under /static/.
func headersFile() []byte {
	var b strings.Builder
	b.WriteString("/*\n")
	for _, h := range append(slices.Clone(headers.Security), headers.HSTS) {
		fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
	}
	fmt.Fprintf(&b, "/static/*\n  Cache-Control: %s\n", cacheImmutable)
	return []byte(b.String())
}

// CheckExportDir refuses the export folders that Export refuses for what they are
// or where they lie (a folder's contents are checked by Export): an empty name,
// the root, a symbolic link, and a folder that is, holds or lies inside one of
// protect.
func CheckExportDir(dir string, protect ...string) error {
	if strings.TrimSpace(dir) == "" {
		return errors.New("the output folder is empty: name the folder to write the site to")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("the output folder %s is the root of the file system", dir)
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("the output folder %s is a symbolic link: name the folder itself", dir)
	}
	real := realPath(abs)
	for _, p := range protect {
		pa, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		pr := realPath(pa)
		if within(real, pr) || within(pr, real) {
			return fmt.Errorf("the output folder %s overlaps the content folder %s: write the site somewhere else", dir, p)
		}
	}
	return nil
}

// realPath resolves the symbolic links of the part of abs that exists.
func realPath(abs string) string {
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	parent := filepath.Dir(abs)
	if parent == abs {
		return abs
	}
	return filepath.Join(realPath(parent), filepath.Base(abs))
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

// previousExport returns the files listed by the marker of a previous export in
// root, nothing for an empty folder, and an error for a folder with other files.
func previousExport(root *os.Root, dir string) (map[string]bool, error) {
	data, err := root.ReadFile(ExportMarker)
	if errors.Is(err, fs.ErrNotExist) {
		entries, err := fs.ReadDir(root.FS(), ".")
		if err != nil {
			return nil, err
		}
		if len(entries) > 0 {
			return nil, fmt.Errorf("the output folder %s is not empty and is not a previous export (it has no %s file): choose a new or empty folder", dir, ExportMarker)
		}
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if name := sc.Text(); name != "" && !strings.HasPrefix(name, "#") && filepath.IsLocal(filepath.FromSlash(name)) {
			files[name] = true
		}
	}
	return files, nil
}

// removeEmptyParents removes the folders above name that are left empty.
func removeEmptyParents(root *os.Root, name string) {
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if root.Remove(filepath.FromSlash(dir)) != nil {
			return // not empty (or not there): the folders above are not empty either
		}
	}
}

// exportWriter writes files under root, never through a symbolic link, keeping
// the first error.
type exportWriter struct {
	root    *os.Root
	dirs    map[string]bool // folders known to exist and not to be links
	written map[string]bool
	err     error
}

func (w *exportWriter) resource(name string, r *Resource) {
	w.file(name, r.Body.Data)
	if r.Gzip != nil {
		w.file(name+".gz", r.Gzip.Data)
	}
	if r.Brotli != nil {
		w.file(name+".br", r.Brotli.Data)
	}
}

func (w *exportWriter) file(name string, data []byte) {
	if w.err != nil {
		return
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		w.err = fmt.Errorf("cannot export %q: not a path inside the output folder", name)
		return
	}
	if w.err = w.mkdirs(path.Dir(name)); w.err != nil {
		return
	}
	file := filepath.FromSlash(name)
	// Whatever is in the file's place (an old copy, a link) goes first: the new
	// file is created, never opened through a link.
	if err := w.root.Remove(file); err != nil && !errors.Is(err, fs.ErrNotExist) {
		w.err = err
		return
	}
	f, err := w.root.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		w.err = err
		return
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		w.err = err
		return
	}
	if w.err = f.Close(); w.err == nil && name != ExportMarker {
		w.written[name] = true
	}
}

// mkdirs makes folder dir and those above it, refusing symbolic links.
func (w *exportWriter) mkdirs(dir string) error {
	if w.dirs[dir] {
		return nil
	}
	if err := w.mkdirs(path.Dir(dir)); err != nil {
		return err
	}
	d := filepath.FromSlash(dir)
	fi, err := w.root.Lstat(d)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := w.root.Mkdir(d, 0o755); err != nil {
			return err
		}
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s in the output folder is a symbolic link: strata build does not write through links", dir)
	case !fi.IsDir():
		return fmt.Errorf("%s in the output folder is a file where a folder goes", dir)
	}
	w.dirs[dir] = true
	return nil
}
