package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// bareCmd is the ceiling: a minimal net/http server that writes the bytes of
// pages of a static export from memory, with no routing, middleware, logging or
// validators. It picks br or gzip by substring, without q-values.
func bareCmd(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("bare", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:0", "listen address")
	dir := fl.String("dir", "", "static export (strata build -out DIR)")
	pages := fl.String("pages", "", "comma-separated URL paths to serve (each from DIR/<path>.html and its .br and .gz siblings)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	type page struct {
		identity, br, gz          []byte
		idLen, brLen, gzLen       []string
		contentType, vary, brName []string
		gzName                    []string
	}
	m := map[string]*page{}
	for _, p := range strings.Split(*pages, ",") {
		file := filepath.Join(*dir, filepath.FromSlash(strings.TrimPrefix(p, "/"))+".html")
		var pg page
		var err error
		if pg.identity, err = os.ReadFile(file); err != nil {
			fmt.Fprintf(stderr, "bare: %v\n", err)
			return 1
		}
		pg.br, _ = os.ReadFile(file + ".br")
		pg.gz, _ = os.ReadFile(file + ".gz")
		pg.idLen = []string{strconv.Itoa(len(pg.identity))}
		pg.brLen = []string{strconv.Itoa(len(pg.br))}
		pg.gzLen = []string{strconv.Itoa(len(pg.gz))}
		pg.contentType = []string{"text/html; charset=utf-8"}
		pg.vary = []string{"Accept-Encoding"}
		pg.brName, pg.gzName = []string{"br"}, []string{"gzip"}
		m[p] = &pg
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pg, ok := m[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		hd := w.Header()
		hd["Content-Type"] = pg.contentType
		hd["Vary"] = pg.vary
		ae := r.Header.Get("Accept-Encoding")
		data := pg.identity
		switch {
		case pg.br != nil && strings.Contains(ae, "br"):
			hd["Content-Encoding"], hd["Content-Length"], data = pg.brName, pg.brLen, pg.br
		case pg.gz != nil && strings.Contains(ae, "gzip"):
			hd["Content-Encoding"], hd["Content-Length"], data = pg.gzName, pg.gzLen, pg.gz
		default:
			hd["Content-Length"] = pg.idLen
		}
		_, _ = w.Write(data)
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "bare: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "bare: serving %d pages on %s\n", len(m), ln.Addr())
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintf(stderr, "bare: %v\n", err)
		return 1
	}
	return 0
}
