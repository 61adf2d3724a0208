package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/strata-health/strata/internal/headers"
)

// ceilingCmd is the fair ceiling: a net/http server that writes pages of a static
// export from memory with the response headers Strata sends for a page (the
// security headers, Cache-Control, Content-Type, Vary, a strong ETag for each
// coding, Content-Encoding and Content-Length, with the same values) and answers
// a matching If-None-Match with 304, on the same http.Server settings, but with no
// router, middleware, access log or metrics, and picking br or gzip by substring,
// without q-values. It holds every file of the export in memory, as Strata holds
// the whole site: a server with a few pages of live heap collects garbage far
// more often than one with the site's. What Strata does beyond it is the cost of
// its own features. The harness checks that both send the same headers (run.go,
// checkResponses).
func ceilingCmd(args []string, stderr io.Writer) int {
	fl, addr, cpu := serverFlags("ceiling", stderr)
	dir := fl.String("dir", "", "static export (strata build -out DIR)")
	pages := fl.String("pages", "", "comma-separated URL paths to serve (each from DIR/<path>.html and its .br and .gz siblings)")
	hsts := fl.Bool("hsts", true, "send Strict-Transport-Security, as strata serve does by default")
	if err := fl.Parse(args); err != nil || *dir == "" || *pages == "" {
		fmt.Fprintln(stderr, "usage: strata-bench ceiling -dir EXPORT -pages PATH[,PATH...] [-addr ADDR] [-hsts=false] [-cpuprofile FILE]")
		return 2
	}
	held, err := readTree(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "ceiling: %v\n", err)
		return 1
	}
	m := map[string]*ceilingPage{}
	for _, p := range strings.Split(*pages, ",") {
		pg, err := readCeilingPage(filepath.Join(*dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))+".html"), *hsts)
		if err != nil {
			fmt.Fprintf(stderr, "ceiling: %v\n", err)
			return 1
		}
		m[p] = pg
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pg, ok := m[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		v := &pg.identity
		switch ae := r.Header.Get("Accept-Encoding"); {
		case strings.Contains(ae, "br"):
			v = &pg.br
		case strings.Contains(ae, "gzip"):
			v = &pg.gzip
		}
		hd := w.Header()
		for _, f := range v.fields {
			hd[f.name] = f.value
		}
		if r.Header.Get("If-None-Match") == v.etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if v.encoding != nil {
			hd["Content-Encoding"] = v.encoding
		}
		hd["Content-Length"] = v.length
		_, _ = w.Write(v.data)
	})
	code := serveUntilSignal("ceiling", *addr, *cpu, h, stderr)
	runtime.KeepAlive(held)
	return code
}

// readTree reads every file under dir.
func readTree(dir string) ([][]byte, error) {
	var files [][]byte
	err := filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(file)
		files = append(files, data)
		return err
	})
	return files, err
}

// ceilingPage is a page in each coding.
type ceilingPage struct{ identity, br, gzip ceilingVariant }

// ceilingVariant is one coding of a page with its header values, made once.
type ceilingVariant struct {
	data             []byte
	etag             string
	fields           []headerField // sent with 200 and 304
	encoding, length []string      // sent with 200
}

type headerField struct {
	name  string
	value []string
}

// readCeilingPage reads file and its .br and .gz siblings and makes their header
// values the way Strata does: the ETag of the identity body is the first 16
// bytes of its SHA-256 in hex, quoted; a compressed variant's adds -br or -gz.
func readCeilingPage(file string, hsts bool) (*ceilingPage, error) {
	identity, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(identity)
	tag := hex.EncodeToString(sum[:16])
	var pg ceilingPage
	for _, c := range []struct {
		v                   *ceilingVariant
		ext, coding, suffix string
	}{{&pg.identity, "", "", ""}, {&pg.br, ".br", "br", "-br"}, {&pg.gzip, ".gz", "gzip", "-gz"}} {
		v := c.v
		if v.data, err = os.ReadFile(file + c.ext); err != nil {
			return nil, err
		}
		if c.coding != "" {
			v.encoding = headers.Values(c.coding)
		}
		v.length = headers.Values(strconv.Itoa(len(v.data)))
		v.etag = `"` + tag + c.suffix + `"`
		v.fields = []headerField{
			{"Cache-Control", headers.Values("no-cache")},
			{"Content-Type", headers.Values("text/html; charset=utf-8")},
			{"ETag", headers.Values(v.etag)},
			{"Vary", headers.Values("Accept-Encoding")},
		}
		for _, h := range headers.Security {
			v.fields = append(v.fields, headerField{h.Name, headers.Values(h.Value)})
		}
		if hsts {
			v.fields = append(v.fields, headerField{headers.HSTS.Name, headers.Values(headers.HSTS.Value)})
		}
	}
	return &pg, nil
}
