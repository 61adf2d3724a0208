package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// benchSnapshot is the fixture site, built once for the benchmarks.
var benchSnapshot = sync.OnceValue(func() *render.Snapshot {
	fsys := os.DirFS("../testdata/small-site")
	s, _ := site.Load(fsys)
	snap, _ := render.Build(s, fsys)
	return snap
})

// benchPage is a tier page of the fixture: large enough to have both compressed
// variants.
const benchPage = "/articles/hand-washing/academic"

// discardWriter is a ResponseWriter that keeps one header map for every request
// (cleared between them) and throws the body away, so a benchmark counts only
// what the handler allocates.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }
func (w *discardWriter) reset()                      { clear(w.h); w.status, w.n = 0, 0 }

type serveCase struct {
	name       string
	header     http.Header
	wantStatus int
	wantCoding string
}

func serveCases(res *render.Resource) []serveCase {
	return []serveCase{
		{"identity", http.Header{}, http.StatusOK, ""},
		{"br", http.Header{"Accept-Encoding": {"gzip, deflate, br, zstd"}}, http.StatusOK, "br"},
		{"gzip", http.Header{"Accept-Encoding": {"gzip"}}, http.StatusOK, "gzip"},
		{"304", http.Header{"Accept-Encoding": {"gzip, deflate, br, zstd"}, "If-None-Match": {res.Brotli.ETag}}, http.StatusNotModified, ""},
	}
}

// BenchmarkServe measures serve(), the cached-page path: negotiation, validators
// and headers for a page that is already in memory. It must not allocate.
func BenchmarkServe(b *testing.B) {
	snap := benchSnapshot()
	res, ok := snap.Lookup(benchPage)
	if !ok || res.Brotli == nil || res.Gzip == nil {
		b.Fatalf("%s missing or without variants", benchPage)
	}
	for _, c := range serveCases(res) {
		b.Run(c.name, func(b *testing.B) {
			r := httptest.NewRequest(http.MethodGet, benchPage, nil)
			r.Header = c.header
			w := &discardWriter{h: http.Header{}}
			serve(w, r, res, http.StatusOK)
			if w.status != c.wantStatus || w.h.Get("Content-Encoding") != c.wantCoding {
				b.Fatalf("status %d coding %q, want %d %q", w.status, w.h.Get("Content-Encoding"), c.wantStatus, c.wantCoding)
			}
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				serve(w, r, res, http.StatusOK)
			}
		})
	}
}

// accessLoggers are the access logs of the handler's benchmarks and allocation
// tests: none, JSON (a JSONLogger, as strata serve -log-format json writes it),
// and slog's TextHandler (-log-format text), which goes through slog.
func accessLoggers() []struct {
	name   string
	logger *slog.Logger
} {
	return []struct {
		name   string
		logger *slog.Logger
	}{{"nolog", nil}, {"jsonlog", JSONLogger(io.Discard)}, {"textlog", slog.New(slog.NewTextHandler(io.Discard, nil))}}
}

// BenchmarkHandler measures the whole handler on the same requests (the snapshot's
// fast path: security headers, serve(), metrics), without and with the access log.
func BenchmarkHandler(b *testing.B) {
	snap := benchSnapshot()
	res, _ := snap.Lookup(benchPage)
	for _, l := range accessLoggers() {
		name := l.name
		h := New(snap, Options{HSTS: true, Logger: l.logger}).Handler()
		for _, c := range serveCases(res) {
			b.Run(name+"/"+c.name, func(b *testing.B) {
				r := httptest.NewRequest(http.MethodGet, benchPage, nil)
				r.Header = c.header
				w := &discardWriter{h: http.Header{}}
				h.ServeHTTP(w, r)
				if w.status != c.wantStatus || w.h.Get("Content-Encoding") != c.wantCoding {
					b.Fatalf("status %d coding %q, want %d %q", w.status, w.h.Get("Content-Encoding"), c.wantStatus, c.wantCoding)
				}
				b.ReportAllocs()
				for b.Loop() {
					w.reset()
					h.ServeHTTP(w, r)
				}
			})
		}
	}
}

// BenchmarkHandlerParallel measures the handler answering br and gzip requests
// on every core at once, as a loaded server does: what the cores contend for
// (the metrics' counters, the access log's buffer) shows here and not in
// BenchmarkHandler.
func BenchmarkHandlerParallel(b *testing.B) {
	snap := benchSnapshot()
	res, _ := snap.Lookup(benchPage)
	for _, l := range accessLoggers()[:2] {
		h := New(snap, Options{HSTS: true, Logger: l.logger}).Handler()
		for _, c := range serveCases(res)[1:3] {
			b.Run(l.name+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				b.RunParallel(func(pb *testing.PB) {
					r := httptest.NewRequest(http.MethodGet, benchPage, nil)
					r.Header = c.header
					w := &discardWriter{h: http.Header{}}
					for pb.Next() {
						w.reset()
						h.ServeHTTP(w, r)
					}
				})
			})
		}
	}
}

// BenchmarkPreferred measures choosing the coding for a browser's
// Accept-Encoding from the table and by reading the header.
func BenchmarkPreferred(b *testing.B) {
	const browser = "gzip, deflate, br, zstd"
	for _, c := range []struct {
		name string
		pick func(string, bool, bool) string
	}{{"table", preferred}, {"parse", parseAcceptEncoding}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if c.pick(browser, true, true) != "br" {
					b.Fatal("not br")
				}
			}
		})
	}
}

// TestHandlerAllocs fails when the whole handler allocates on the cached-page
// path, with the access log on and off.
func TestHandlerAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates by itself; the run without -race counts allocations")
	}
	snap := fixtureSnapshot(t)
	res, _ := snap.Lookup(benchPage)
	for _, l := range accessLoggers() {
		h := New(snap, Options{HSTS: true, Logger: l.logger}).Handler()
		for _, c := range serveCases(res) {
			r := httptest.NewRequest(http.MethodGet, benchPage, nil)
			r.Header = c.header
			w := &discardWriter{h: http.Header{}}
			h.ServeHTTP(w, r)
			if w.status != c.wantStatus || w.h.Get("Content-Security-Policy") == "" {
				t.Fatalf("%s: status %d, CSP %q", c.name, w.status, w.h.Get("Content-Security-Policy"))
			}
			if n := testing.AllocsPerRun(100, func() { w.reset(); h.ServeHTTP(w, r) }); n != 0 {
				t.Errorf("%s (%s): the handler allocates %.0f times per request, want 0", c.name, l.name, n)
			}
		}
	}
}

// TestServeAllocs fails when the cached-page path allocates.
func TestServeAllocs(t *testing.T) {
	snap := fixtureSnapshot(t)
	res, _ := snap.Lookup(benchPage)
	for _, c := range serveCases(res) {
		r := httptest.NewRequest(http.MethodGet, benchPage, nil)
		r.Header = c.header
		w := &discardWriter{h: http.Header{}}
		if n := testing.AllocsPerRun(100, func() { w.reset(); serve(w, r, res, http.StatusOK) }); n != 0 {
			t.Errorf("%s: serve allocates %.0f times per request, want 0", c.name, n)
		}
	}
}

// BenchmarkMiddleware takes the cost of the router (which answers what the
// snapshot does not: redirects, 404s, search) apart: the tier page served through
// chi with the router's middleware added one at a time, in order (the access log
// writes JSON to io.Discard, as strata serve does). Each step's figures include
// the steps before it.
func BenchmarkMiddleware(b *testing.B) {
	snap := benchSnapshot()
	res, _ := snap.Lookup(benchPage)
	s := New(snap, Options{HSTS: true, Logger: JSONLogger(io.Discard)})
	steps := []struct {
		name string
		mw   func(http.Handler) http.Handler
	}{
		{"chi", nil},
		{"+headers", s.headers},
		{"+accessLog", s.accessLog},
		{"+metrics", s.metrics.instrument},
		{"+Recoverer", middleware.Recoverer},
		{"+methods", s.methods},
		{"+redirectSlashes", redirectSlashes},
		{"+GetHead", middleware.GetHead},
	}
	r := httptest.NewRequest(http.MethodGet, benchPage, nil)
	r.Header = serveCases(res)[1].header // br
	b.Run("serve", func(b *testing.B) {
		w := &discardWriter{h: http.Header{}}
		b.ReportAllocs()
		for b.Loop() {
			w.reset()
			s.resource(w, r)
		}
	})
	var chain []func(http.Handler) http.Handler
	for _, step := range steps {
		if step.mw != nil {
			chain = append(chain, step.mw)
		}
		mux := chi.NewRouter()
		mux.Use(chain...)
		mux.Get("/articles/{slug}/{tier}", s.resource)
		b.Run(step.name, func(b *testing.B) {
			w := &discardWriter{h: http.Header{}}
			mux.ServeHTTP(w, r)
			if w.status != http.StatusOK || w.h.Get("Content-Encoding") != "br" {
				b.Fatalf("status %d, coding %q", w.status, w.h.Get("Content-Encoding"))
			}
			b.ReportAllocs()
			for b.Loop() {
				w.reset()
				mux.ServeHTTP(w, r)
			}
		})
	}
}

// TestRoutePatterns checks that requests answered before the router are counted
// under the pattern the router would have matched, for every URL of the snapshot.
func TestRoutePatterns(t *testing.T) {
	snap := fixtureSnapshot(t)
	mux, ok := New(snap, Options{}).router().(chi.Routes)
	if !ok {
		t.Fatal("the router is not a chi.Routes")
	}
	// The fixture is small: the pages of long lists, the glossary split by letter
	// and the sitemap index are checked by example.
	paths := append(snap.Paths(), "/articles-a-z/2", "/topics-a-z/2", "/topics/bone-health/2", "/topics/bone-health/feed.xml",
		"/glossary-a-z/s", "/glossary-a-z/s/3", "/glossary-a-z/s.json", "/glossary-a-z/s/3.json", "/sitemaps/1.xml")
	for _, p := range paths {
		rctx := chi.NewRouteContext()
		if !mux.Match(rctx, http.MethodGet, p) {
			t.Errorf("%s: the router has no route for it", p)
			continue
		}
		if got, want := routePattern(p), rctx.RoutePattern(); got != want {
			t.Errorf("%s: counted under %q, the router's pattern is %q", p, got, want)
		}
		if !slices.Contains(snapshotRoutes, rctx.RoutePattern()) {
			t.Errorf("%s: pattern %q is not among the precomputed series", p, rctx.RoutePattern())
		}
	}
}
