package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
// without q-values. What Strata does beyond it is the cost of its own features.
// The harness checks that both send the same headers (run.go, sameHeaders).
func ceilingCmd(args []string, stderr io.Writer) int {
	fl, addr, cpu := serverFlags("ceiling", stderr)
	dir := fl.String("dir", "", "static export (strata build -out DIR)")
	pages := fl.String("pages", "", "comma-separated URL paths to serve (each from DIR/<path>.html and its .br and .gz siblings)")
	hsts := fl.Bool("hsts", true, "send Strict-Transport-Security, as strata serve does by default")
	if err := fl.Parse(args); err != nil || *dir == "" || *pages == "" {
		fmt.Fprintln(stderr, "usage: strata-bench ceiling -dir EXPORT -pages PATH[,PATH...] [-addr ADDR] [-hsts=false] [-cpuprofile FILE]")
		return 2
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
	return serveUntilSignal("ceiling", *addr, *cpu, h, stderr)
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
