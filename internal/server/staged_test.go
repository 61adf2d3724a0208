package server

import (
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// TestStagedStart follows a server that starts as soon as the pages are rendered:
// uncompressed pages that already vary with Accept-Encoding, /search answering 503
// with Retry-After, then the compressed snapshot and the search index replacing it
// in turn, and a stale completion refused once a newer build is served.
func TestStagedStart(t *testing.T) {
	fsys := os.DirFS("../testdata/small-site")
	st, list := site.Load(fsys)
	pages, built := render.Build(st, fsys, render.WithoutCompression(), render.WithoutSearch())
	if list.HasErrors() || built.HasErrors() {
		t.Fatal("fixture site has errors")
	}
	srv := New(pages, Options{HSTS: true})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	br := map[string]string{"Accept-Encoding": "br, gzip"}
	const page = "/articles/hand-washing/academic"

	resp, _ := do(t, "GET", ts.URL+page, br)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("before compression: %d, Content-Encoding %q, Vary %q; want 200, identity, Vary: Accept-Encoding",
			resp.StatusCode, resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	identityTag := resp.Header.Get("ETag")
	resp, _ = do(t, "GET", ts.URL+stylesheet(t, ts.URL), br)
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Errorf("the stylesheet is cached for a year: it must be compressed from the start, got %q", resp.Header.Get("Content-Encoding"))
	}
	resp, body := do(t, "GET", ts.URL+"/search?q=soap", nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "Search is starting") ||
		!strings.Contains(string(body), `value="soap"`) {
		t.Errorf("search before its index: %d, Retry-After %q; want 503 with the query kept and a message", resp.StatusCode, resp.Header.Get("Retry-After"))
	}

	compressed := pages.Compressed()
	if !srv.Replace(pages, compressed) {
		t.Fatal("Replace refused the compressed snapshot")
	}
	resp, _ = do(t, "GET", ts.URL+page, br)
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Errorf("after compression: Content-Encoding %q, want br", resp.Header.Get("Content-Encoding"))
	}
	resp, _ = do(t, "GET", ts.URL+page, map[string]string{"If-None-Match": identityTag})
	if resp.StatusCode != 304 {
		t.Errorf("the identity ETag from before compression: %d, want 304", resp.StatusCode)
	}
	if compressed.Version() != pages.Version() {
		t.Error("compressing changed the content version")
	}

	ix, err := render.SearchIndex(compressed)
	if err != nil {
		t.Fatal(err)
	}
	complete := compressed.WithSearch(ix)
	if srv.Replace(pages, complete) {
		t.Fatal("Replace took a snapshot completed from one no longer served")
	}
	if !srv.Replace(compressed, complete) {
		t.Fatal("Replace refused the snapshot with its search index")
	}
	resp, body = do(t, "GET", ts.URL+"/search?q=soap", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `href="/articles/hand-washing/`) {
		t.Errorf("search after its index: %d", resp.StatusCode)
	}
}

// stylesheet returns the fingerprinted stylesheet URL the home page links to.
func stylesheet(t *testing.T, base string) string {
	t.Helper()
	_, body := do(t, "GET", base+"/", nil)
	_, rest, ok := strings.Cut(string(body), `<link rel="stylesheet" href="`)
	if !ok {
		t.Fatal("no stylesheet link on the home page")
	}
	href, _, _ := strings.Cut(rest, `"`)
	return href
}

// TestComplete runs the background completion on a server started on rendered
// pages: afterwards pages go out compressed and search answers; a completion of
// a snapshot no longer served changes nothing.
func TestComplete(t *testing.T) {
	fsys := os.DirFS("../testdata/small-site")
	st, _ := site.Load(fsys)
	pages, built := render.Build(st, fsys, render.WithoutCompression(), render.WithoutSearch())
	if built.HasErrors() {
		t.Fatal(built.Err())
	}
	srv := New(pages, Options{})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var log strings.Builder
	logger := slog.New(slog.NewTextHandler(&log, nil))

	stale, _ := render.Build(st, fsys, render.WithoutCompression(), render.WithoutSearch())
	srv.Complete(stale, true, logger) // not the snapshot served: nothing happens
	if resp, _ := do(t, "GET", ts.URL+"/search?q=soap", nil); resp.StatusCode != 503 {
		t.Errorf("search after a stale completion: %d, want 503", resp.StatusCode)
	}

	srv.Complete(pages, true, logger)
	resp, _ := do(t, "GET", ts.URL+"/articles/hand-washing/academic", map[string]string{"Accept-Encoding": "br"})
	if resp.Header.Get("Content-Encoding") != "br" {
		t.Errorf("after completion: Content-Encoding %q, want br", resp.Header.Get("Content-Encoding"))
	}
	if resp, body := do(t, "GET", ts.URL+"/search?q=soap", nil); resp.StatusCode != 200 || !strings.Contains(string(body), "/articles/hand-washing/") {
		t.Errorf("search after completion: %d", resp.StatusCode)
	}
	if !strings.Contains(log.String(), "pages compressed") || !strings.Contains(log.String(), "search ready") {
		t.Errorf("log:\n%s", log.String())
	}
}
