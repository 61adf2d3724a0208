// Package server serves a rendered snapshot over HTTP.
//
// Serving rules, in one place:
//   - Only GET and HEAD; anything else is 405 with an Allow header.
//   - Every page and asset comes from the immutable snapshot: no rendering, no file
//     access and no allocation of response bodies per request.
//   - Content coding is negotiated from Accept-Encoding (br, then gzip, honouring
//     q-values); responses that have variants carry Vary: Accept-Encoding.
//   - Each variant has its own strong ETag; If-None-Match answers 304 with the same
//     Cache-Control, ETag and Vary.
//   - A path with a trailing slash redirects (301) to the path without it; a glossary
//     alias (/glossary/bmd) redirects (301) to its term's permanent address, and a
//     topic's alias (a former name) to the topic's.
//   - Unknown paths get the 404 page; no URL reaches a panic or a 5xx.
//   - Security headers are set on every response, errors included.
//   - Client addresses are never taken from X-Forwarded-For or similar headers; a
//     request id is taken from X-Request-Id when the proxy sends one, and logged.
//   - /healthz (alive) and /readyz (ready; fails while draining) are for
//     operators; the Prometheus metrics are served by MetricsHandler, on a
//     listener of their own, never on the public one.
//   - A request with a Transfer-Encoding is refused (400) and its connection
//     closed (see refuseBody).
package server

import (
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/strata-health/strata/internal/headers"
	"github.com/strata-health/strata/internal/render"
)

// Options configure the handler.
type Options struct {
	// HSTS sends Strict-Transport-Security. On by default in the command.
	HSTS bool
	// Logger receives one access-log line per request; nil logs nothing.
	Logger *slog.Logger
	// LiveReload serves /_strata/events and /_strata/reload.js for the live preview
	// (strata serve -watch). Off in production.
	LiveReload bool
}

// Server answers HTTP requests from the current snapshot.
type Server struct {
	snap    atomic.Pointer[render.Snapshot]
	ready   atomic.Bool
	opts    Options
	jsonLog *jsonHandler // opts.Logger's handler, when it is a JSONLogger
	metrics *metrics
	// searchSlots bounds the searches running at once, searchWaiting counts those
	// waiting for a slot, at most searchWait each (see acquireSearch).
	searchSlots   chan struct{}
	searchWaiting atomic.Int32
	searchWait    time.Duration
	cache         atomic.Pointer[searchCache] // answers of the snapshot's index
	live          *liveReload                 // nil unless Options.LiveReload
}

// New returns a server for snap, ready to serve.
func New(snap *render.Snapshot, opts Options) *Server {
	s := &Server{opts: opts, metrics: newMetrics(), searchSlots: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2)),
		searchWait: searchWaitDefault}
	if opts.Logger != nil {
		s.jsonLog, _ = opts.Logger.Handler().(*jsonHandler)
	}
	if opts.LiveReload {
		s.live = newLiveReload()
	}
	s.Swap(snap)
	s.ready.Store(true)
	return s
}

// Swap replaces the snapshot being served, atomically.
func (s *Server) Swap(snap *render.Snapshot) {
	s.swapped(s.snap.Swap(snap), snap)
}

// RecordBuild records, for the metrics, how long the snapshot just swapped in
// took to build (render.Report.BuildTime).
func (s *Server) RecordBuild(d time.Duration) { s.metrics.buildSec.Set(d.Seconds()) }

// Replace swaps in next if prev is still the snapshot served, and reports whether
// it did: a snapshot completed in the background (compressed, or given its search
// index) never replaces a newer build.
func (s *Server) Replace(prev, next *render.Snapshot) bool {
	if !s.snap.CompareAndSwap(prev, next) {
		return false
	}
	s.swapped(prev, next)
	return true
}

// swapped does what follows a change of snapshot.
func (s *Server) swapped(old, snap *render.Snapshot) {
	if old != nil && old.Dynamic != nil && old.Dynamic.Search != nil && (snap.Dynamic == nil || old.Dynamic.Search != snap.Dynamic.Search) {
		// Close waits for searches still running on the old index; new ones use snap.
		go old.Dynamic.Search.Close()
	}
	if c := s.cache.Load(); snap.Dynamic == nil || snap.Dynamic.Search == nil {
		s.cache.Store(nil)
	} else if c == nil || c.ix != snap.Dynamic.Search {
		s.cache.Store(newSearchCache(snap.Dynamic.Search))
	}
	s.metrics.observeSnapshot(snap)
	if s.live != nil {
		s.live.set(snap.Version(), []string{})
	}
}

// MetricsHandler serves the Prometheus metrics at /metrics (and nothing else), for
// a listener apart from the public one: they cost more than a page to make, and
// tell the Go version and the content's hash.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metrics.handler())
	return mux
}

// SetReady sets what /readyz answers: a draining server is alive but not ready.
func (s *Server) SetReady(ready bool) { s.ready.Store(ready) }

// Handler returns the server's handler. A GET or HEAD for a URL of the snapshot,
// nearly every request, is answered at once: no router, no middleware chain and
// no allocation (see serveSnapshot). Everything else goes through the router.
func (s *Server) Handler() http.Handler {
	router := s.router()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.TransferEncoding) > 0 {
			s.refuseBody(w, r)
			return
		}
		if !s.serveSnapshot(w, r) {
			router.ServeHTTP(w, r)
		}
	})
}

// serveSnapshot answers a GET or HEAD for a URL of the snapshot exactly as the
// router would (security headers, metrics under the route's pattern, the access
// log), and reports whether it did. It writes nothing when it reports false.
func (s *Server) serveSnapshot(w http.ResponseWriter, r *http.Request) bool {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.RawPath != "" {
		return false
	}
	res, ok := s.snap.Load().Lookup(r.URL.Path)
	if !ok {
		return false
	}
	start := time.Now()
	s.setSecurityHeaders(w.Header())
	status, n := serve(w, r, res, http.StatusOK)
	elapsed := time.Since(start) // one clock reading, where time.Now takes two
	s.metrics.observe(routePattern(r.URL.Path), status, elapsed)
	s.logRequest(r, status, n, start.Add(elapsed), elapsed)
	return true
}

// refuseBody answers a request with a Transfer-Encoding 400 and closes its
// connection. Strata takes no request bodies, and net/http, which gives
// Transfer-Encoding precedence, removes a Content-Length sent with it, so such a
// request may be an attempt at request smuggling through a proxy that framed it by
// its Content-Length: RFC 9112 section 6.3 says to close the connection after
// answering it, and what follows on the connection is never read.
func (s *Server) refuseBody(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	s.setSecurityHeaders(h)
	h.Set("Connection", "close")
	http.Error(w, "Requests with a Transfer-Encoding are not accepted.", http.StatusBadRequest)
	elapsed := time.Since(start)
	s.metrics.observe("unmatched", http.StatusBadRequest, elapsed)
	s.logRequest(r, http.StatusBadRequest, 0, start.Add(elapsed), elapsed)
}

// snapshotRoutes are the router's patterns for the URLs of the snapshot, the one
// route table: the router registers them, the metrics precompute a series for
// each, and serveSnapshot, which answers these URLs before the router, counts a
// request under the pattern that routePattern finds among them.
var snapshotRoutes = []string{
	"/articles/{slug}/{tier}", "/static/{asset}", "/glossary/{slug}", "/articles/{slug}", "/",
	"/glossary", "/articles", "/topics", "/topics/{slug}", "/topics/{slug}/{page}",
	"/articles-a-z/{page}", "/topics-a-z/{page}", "/glossary-a-z/{letter}", "/glossary-a-z/{letter}/{page}",
	"/glossary.json", "/robots.txt", "/sitemap.xml", "/sitemaps/{file}", "/feed.xml",
}

// aliasRoutes are the snapshot routes whose slugs may also be former names or
// aliases, redirected to the permanent address (see glossaryEntry).
var aliasRoutes = []string{"/glossary/{slug}", "/topics/{slug}"}

// routeKey is what tells the snapshot routes apart: the first segment, always
// literal, and the number of segments (the others are all {params}).
type routeKey struct {
	first string
	segs  int
}

// routeIndex finds a snapshot route by its routeKey.
var routeIndex = func() map[routeKey]string {
	m := map[routeKey]string{}
	for _, p := range snapshotRoutes {
		first, rest, _ := strings.Cut(p[1:], "/")
		k := routeKey{first, strings.Count(p, "/")}
		if _, dup := m[k]; dup || strings.Contains(first, "{") || !paramsOnly(rest) {
			panic("server: snapshot route " + p + " is not a literal first segment followed by {params} only, or is not told apart by its length")
		}
		m[k] = p
	}
	return m
}()

// paramsOnly reports whether every segment of a pattern's rest is a {param}.
func paramsOnly(rest string) bool {
	if rest == "" {
		return true
	}
	for seg := range strings.SplitSeq(rest, "/") {
		if !strings.HasPrefix(seg, "{") {
			return false
		}
	}
	return true
}

// routePattern is the router's pattern for a URL of the snapshot, the label of
// its metrics, found without allocating. TestRoutePatterns checks it against the
// router for every URL of a site.
func routePattern(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if p, ok := routeIndex[routeKey{first, strings.Count(path, "/")}]; ok {
		return p
	}
	return path
}

// router routes every request that serveSnapshot does not answer.
func (s *Server) router() http.Handler {
	r := chi.NewRouter()
	r.Use(s.headers, s.accessLog, s.metrics.instrument, middleware.Recoverer,
		s.methods, redirectSlashes, middleware.GetHead)
	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	for _, p := range snapshotRoutes {
		if slices.Contains(aliasRoutes, p) {
			r.Get(p, s.glossaryEntry)
		} else {
			r.Get(p, s.resource)
		}
	}
	r.Get("/search", s.search)
	if s.live != nil {
		r.Get("/_strata/events", s.events)
		r.Get("/_strata/reload.js", s.reloadScript)
	}
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.notFound)
	return r
}

// headerField is a header's name and its value as net/http keeps it.
type headerField struct {
	name  string
	value []string
}

// securityHeaders are sent on every response (package headers holds them, for
// the static export too), set from a slice, which is quicker to go through than a
// map. The values are shared by every response, so, like every shared header
// value here, they have no spare capacity.
var securityHeaders = func() []headerField {
	fs := make([]headerField, len(headers.Security))
	for i, h := range headers.Security {
		fs[i] = headerField{h.Name, headers.Values(h.Value)}
	}
	return fs
}()

var hstsValue = headers.Values(headers.HSTS.Value)

// setSecurityHeaders adds the security headers to h.
func (s *Server) setSecurityHeaders(h http.Header) {
	for _, f := range securityHeaders {
		h[f.name] = f.value
	}
	if s.opts.HSTS {
		h[headers.HSTS.Name] = hstsValue
	}
}

func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setSecurityHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

// methods allows GET and HEAD only.
func (s *Server) methods(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// redirectSlashes sends /path/ to /path. Paths that would redirect off the site
// (//host or /\host, or /<tab>/host, which browsers read as //host) and paths with
// other control characters are left to the 404 handler instead.
func redirectSlashes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if len(p) > 1 && strings.HasSuffix(p, "/") {
			to := strings.TrimRight(p, "/")
			if to != "" && !strings.HasPrefix(to, "//") && !strings.Contains(to, `\`) && !strings.ContainsFunc(to, unicode.IsControl) {
				if r.URL.RawQuery != "" {
					to += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, to, http.StatusMovedPermanently)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !s.ready.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("draining\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (s *Server) resource(w http.ResponseWriter, r *http.Request) {
	res, ok := lookup(s.snap.Load(), r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, _ = serve(w, r, res, http.StatusOK)
}

// lookup finds the resource at r's path. A path that names a resource only once
// an escaped slash (%2F) in it is decoded is not that resource's address: it gets
// the 404 page, not a second URL for the same page.
func lookup(snap *render.Snapshot, r *http.Request) (*render.Resource, bool) {
	if strings.Contains(r.URL.RawPath, "%2F") || strings.Contains(r.URL.RawPath, "%2f") {
		return nil, false
	}
	return snap.Lookup(r.URL.Path)
}

// glossaryEntry serves a term or a topic, or redirects an alias to its term or
// topic.
func (s *Server) glossaryEntry(w http.ResponseWriter, r *http.Request) {
	snap := s.snap.Load()
	if res, ok := lookup(snap, r); ok {
		_, _ = serve(w, r, res, http.StatusOK)
		return
	}
	if to, ok := snap.Redirect(r.URL.Path); ok {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	_, _ = serve(w, r, s.snap.Load().NotFound, http.StatusNotFound)
}

// serve writes res with the best content coding the client accepts, and returns
// the status and the number of body bytes written.
//
// It allocates nothing: the header values are slices made once, with the
// snapshot (see render.Resource) or here, and shared by every response. None has
// spare capacity, so a handler that appends to one gets a copy.
func serve(w http.ResponseWriter, r *http.Request, res *render.Resource, status int) (int, int) {
	h := w.Header()
	v := &res.Body
	var encoding []string
	if res.Negotiable {
		h["Vary"] = varyEncoding
	}
	if res.Gzip != nil || res.Brotli != nil {
		switch preferred(requestHeader(r, "Accept-Encoding"), res.Brotli != nil, res.Gzip != nil) {
		case "br":
			v, encoding = res.Brotli, encodingBr
		case "gzip":
			v, encoding = res.Gzip, encodingGzip
		}
	}
	h["Content-Type"] = headerOr(res.ContentTypeHeader, res.ContentType)
	h["Cache-Control"] = headerOr(res.CacheControlHeader, res.CacheControl)
	if status == http.StatusOK {
		h["ETag"] = headerOr(v.ETagHeader, v.ETag)
		if noneMatch(requestHeader(r, "If-None-Match"), v.ETag) {
			w.WriteHeader(http.StatusNotModified)
			return http.StatusNotModified, 0
		}
	}
	if encoding != nil {
		h["Content-Encoding"] = encoding
	}
	if v.LengthHeader != nil {
		h["Content-Length"] = v.LengthHeader
	} else {
		h["Content-Length"] = []string{strconv.Itoa(len(v.Data))}
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return status, 0
	}
	n, _ := w.Write(v.Data)
	return status, n
}

// requestHeader is r's first value of the header named name, as r.Header.Get
// returns it, for a name written in canonical form (TestRequestHeaderNames):
// net/http canonicalized the names it read, and Get would canonicalize name
// again on every request.
func requestHeader(r *http.Request, name string) string {
	if v := r.Header[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Header values that serve shares between responses.
var (
	varyEncoding = headers.Values("Accept-Encoding")
	encodingBr   = headers.Values("br")
	encodingGzip = headers.Values("gzip")
)

// headerOr is a precomputed header value, or one made from v for a resource built
// without it.
func headerOr(pre []string, v string) []string {
	if pre != nil {
		return pre
	}
	return []string{v}
}

// preferred picks br or gzip from an Accept-Encoding header, or "" for identity.
// A coding with q=0 is refused; among the rest the higher q wins, br on a tie.
// The headers browsers send are answered from commonAcceptEncodings; any other
// is read by parseAcceptEncoding.
func preferred(accept string, haveBr, haveGzip bool) string {
	if c, ok := commonAcceptEncodings[accept]; ok {
		return c[b2i(haveBr)][b2i(haveGzip)]
	}
	return parseAcceptEncoding(accept, haveBr, haveGzip)
}

// commonAcceptEncodings are parseAcceptEncoding's answers, for each pair of
// variants a resource may have, to the Accept-Encoding headers that nearly every
// request carries: what current browsers, crawlers, curl and load generators
// send. Looking a browser's header up takes a tenth of the time of reading it
// (BenchmarkPreferred: about 20 ns against 200).
var commonAcceptEncodings = func() map[string][2][2]string {
	m := map[string][2][2]string{}
	for _, h := range []string{
		"gzip, deflate, br, zstd", // Chrome, Edge, Firefox
		"gzip, deflate, br",       // Safari, Googlebot, older browsers
		"deflate, gzip, br, zstd", // curl --compressed
		"deflate, gzip",
		"gzip, deflate",
		"br",
		"gzip",
	} {
		var answers [2][2]string
		for br := range 2 {
			for gz := range 2 {
				answers[br][gz] = parseAcceptEncoding(h, br == 1, gz == 1)
			}
		}
		m[h] = answers
	}
	return m
}()

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parseAcceptEncoding is preferred for any header. It goes through the header
// once, comparing names without lower-casing them and reading the q-values of br
// and gzip only.
func parseAcceptEncoding(accept string, haveBr, haveGzip bool) string {
	best, bestQ := "", 0.0
	for accept != "" {
		part := accept
		if i := strings.IndexByte(accept, ','); i >= 0 {
			part, accept = accept[:i], accept[i+1:]
		} else {
			accept = ""
		}
		name, params, _ := strings.Cut(part, ";")
		var coding string
		switch name = strings.TrimSpace(name); {
		case haveBr && strings.EqualFold(name, "br"):
			coding = "br"
		case haveGzip && (strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip")):
			coding = "gzip"
		default:
			continue
		}
		q, ok := qValue(params)
		if !ok || q == 0 || q < bestQ || (q == bestQ && (coding == "gzip" || best == "br")) {
			continue
		}
		best, bestQ = coding, q
	}
	return best
}

// qValue reads the q parameter of an Accept-Encoding element, 1 without one; ok
// is false when it is not a number from 0 to 1.
func qValue(params string) (q float64, ok bool) {
	k, val, found := strings.Cut(strings.TrimSpace(params), "=")
	if !found || strings.TrimSpace(k) != "q" {
		return 1, true
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
	if err != nil || f < 0 || f > 1 {
		return 0, false
	}
	return f, true
}

// noneMatch reports whether an If-None-Match header matches etag (RFC 9110 13.1.2:
// weak comparison, or "*").
func noneMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for part := range strings.SplitSeq(header, ",") {
		t := strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// statusWriter records the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (to flush the live
// preview's event stream).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (s *Server) accessLog(next http.Handler) http.Handler {
	if s.opts.Logger == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		elapsed := time.Since(start)
		s.logRequest(r, sw.status, sw.bytes, start.Add(elapsed), elapsed)
	})
}
