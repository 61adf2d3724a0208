package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/strata-health/strata/internal/render"
)

var (
	snapOnce sync.Once
	snap     *render.Snapshot
)

// fixtureSnapshot builds the small fixture site once for all tests.
func fixtureSnapshot(t *testing.T) *render.Snapshot {
	t.Helper()
	snapOnce.Do(func() {
		var list interface{ HasErrors() bool }
		_, snap, list = render.Load(os.DirFS("../testdata/small-site"), "")
		if list.HasErrors() {
			panic("fixture site has errors")
		}
	})
	return snap
}

// newTestServer serves the fixture over real HTTP on loopback.
func newTestServer(t *testing.T) (*httptest.Server, *Server) {
	t.Helper()
	srv := New(fixtureSnapshot(t), Options{HSTS: true})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, srv
}

// noRedirect is a client that reports redirects instead of following them, and
// does not ask for compression by itself.
var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Transport:     &http.Transport{DisableCompression: true},
}

func do(t *testing.T, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// TestRoutes checks the status and type of every kind of URL.
func TestRoutes(t *testing.T) {
	ts, _ := newTestServer(t)
	cases := []struct {
		path     string
		status   int
		location string
		contains string
	}{
		{"/", 200, "", "Washing your hands"},
		{"/articles/hand-washing", 200, "", "disrupt lipid membranes"},
		{"/articles/hand-washing/fundamentals", 200, "", "live on hands."},
		{"/articles/hand-washing/intermediate", 200, "", "Methods compared"},
		{"/articles/hand-washing/academic", 200, "", "Mechanism"},
		{"/articles/hand-washing/hands.svg", 200, "", "<svg"},
		{"/glossary", 200, "", "Alcohol-based hand rub"},
		{"/glossary/germ", 200, "", "A germ is a tiny living thing"},
		{"/healthz", 200, "", "ok"},
		{"/readyz", 200, "", "ready"},
		// Redirects to the one canonical URL.
		{"/articles/hand-washing/", 301, "/articles/hand-washing", ""},
		{"/glossary/", 301, "/glossary", ""},
		{"/glossary/germ/?ref=x", 301, "/glossary/germ?ref=x", ""},
		{"/glossary/microbe", 301, "/glossary/germ", ""},
		{"/glossary/abhr", 301, "/glossary/alcohol-based-hand-rub", ""},
		// Not found, never a redirect off the site.
		{"/articles/no-such-article", 404, "", "Page not found"},
		{"/articles/hand-washing/expert", 404, "", "Page not found"},
		{"/articles/hand-washing/fundamentals/extra", 404, "", "Page not found"},
		{"/glossary/no-such-term", 404, "", "Page not found"},
		{"/static/site.css", 404, "", "Page not found"},
		{"//evil.example/", 404, "", "Page not found"},
		{"/%2F%2Fevil.example/", 404, "", "Page not found"},
		{"/..%2F..%2Fetc%2Fpasswd", 404, "", "Page not found"},
		{"/articles/%00", 404, "", "Page not found"},
		// An escaped slash is not a slash: no second URL for a page.
		{"/articles/hand-washing%2ffundamentals", 404, "", "Page not found"},
		{"/articles/hand-washing%2Fhands.svg", 404, "", "Page not found"},
		{"/glossary%2Fgerm", 404, "", "Page not found"},
		// Other escapes decode to the page's own address.
		{"/glossary/%67erm", 200, "", "A germ is a tiny living thing"},
		// The live preview exists only in watch mode.
		{"/_strata/events", 404, "", "Page not found"},
		{"/_strata/reload.js", 404, "", "Page not found"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			resp, body := do(t, "GET", ts.URL+c.path, nil)
			if resp.StatusCode != c.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, c.status)
			}
			if got := resp.Header.Get("Location"); got != c.location {
				t.Errorf("Location = %q, want %q", got, c.location)
			}
			if !bytes.Contains(body, []byte(c.contains)) {
				t.Errorf("body lacks %q", c.contains)
			}
			if resp.Header.Get("Content-Security-Policy") == "" || resp.Header.Get("Strict-Transport-Security") == "" {
				t.Error("security headers missing")
			}
		})
	}
}

// TestSecurityHeaders checks the headers on pages, assets, redirects, 404 and 405.
func TestSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t)
	asset := assetURL(t)
	for _, c := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", asset}, {"GET", "/glossary/"}, {"GET", "/nope"}, {"POST", "/"}, {"DELETE", "/glossary"},
	} {
		resp, _ := do(t, c.method, ts.URL+c.path, nil)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-") {
			t.Errorf("%s %s: CSP = %q", c.method, c.path, csp)
		}
		for k, want := range map[string]string{
			"X-Content-Type-Options":       "nosniff",
			"Referrer-Policy":              "strict-origin-when-cross-origin",
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": "same-origin",
			"Strict-Transport-Security":    "max-age=63072000; includeSubDomains",
		} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.path, k, got, want)
			}
		}
		if resp.Header.Get("Permissions-Policy") == "" {
			t.Errorf("%s %s: no Permissions-Policy", c.method, c.path)
		}
	}
	resp, _ := do(t, "POST", ts.URL+"/", nil)
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	// HSTS can be turned off.
	plain := httptest.NewServer(New(fixtureSnapshot(t), Options{}).Handler())
	defer plain.Close()
	if resp, _ := do(t, "GET", plain.URL+"/", nil); resp.Header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent when off")
	}
}

// assetURL finds the fingerprinted stylesheet's URL.
func assetURL(t *testing.T) string {
	for _, p := range fixtureSnapshot(t).Paths() {
		if strings.HasPrefix(p, "/static/site.") && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	t.Fatal("no stylesheet in the snapshot")
	return ""
}

// TestEncodingsAndConditionalRequests checks content negotiation, ETags, 304s and
// HEAD against RFC 9110.
func TestEncodingsAndConditionalRequests(t *testing.T) {
	ts, _ := newTestServer(t)
	url := ts.URL + "/articles/hand-washing"
	identity, plain := do(t, "GET", url, nil)
	if identity.Header.Get("Content-Encoding") != "" || identity.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("identity: encoding %q, vary %q", identity.Header.Get("Content-Encoding"), identity.Header.Get("Vary"))
	}
	if identity.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("page Cache-Control = %q", identity.Header.Get("Cache-Control"))
	}
	decode := map[string]func([]byte) ([]byte, error){
		"gzip": func(b []byte) ([]byte, error) {
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		},
		"br": func(b []byte) ([]byte, error) { return io.ReadAll(brotli.NewReader(bytes.NewReader(b))) },
	}
	etags := map[string]bool{identity.Header.Get("ETag"): true}
	for _, c := range []struct{ accept, want string }{
		{"gzip", "gzip"},
		{"br", "br"},
		{"gzip, deflate, br", "br"},
		{"br;q=0.5, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"identity", ""},
		{"GZIP;q=0.8", "gzip"},
		{" x-gzip ; q=0.9 , Br;q=0.8", "gzip"},
		{"gzip;q=0.5,br;q=0.5", "br"},
		{"gzip, deflate, br, zstd", "br"},
		{"br;q=2, gzip;q=0.1", "gzip"},
	} {
		resp, body := do(t, "GET", url, map[string]string{"Accept-Encoding": c.accept})
		if got := resp.Header.Get("Content-Encoding"); got != c.want {
			t.Errorf("Accept-Encoding %q: got %q, want %q", c.accept, got, c.want)
			continue
		}
		if c.want != "" {
			got, err := decode[c.want](body)
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("%s body does not decode to the page (%v)", c.want, err)
			}
			if len(body) >= len(plain) {
				t.Errorf("%s body is not smaller", c.want)
			}
			etags[resp.Header.Get("ETag")] = true
		}
	}
	if len(etags) != 3 {
		t.Errorf("want a distinct ETag per encoding, got %v", etags)
	}

	// If-None-Match with the current tag: 304 with the same validators.
	gz, _ := do(t, "GET", url, map[string]string{"Accept-Encoding": "gzip"})
	tag := gz.Header.Get("ETag")
	for _, inm := range []string{tag, `"other", ` + tag, "W/" + tag, "*"} {
		resp, body := do(t, "GET", url, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": inm})
		if resp.StatusCode != 304 || len(body) != 0 {
			t.Errorf("If-None-Match %q: %d with %d bytes, want 304 empty", inm, resp.StatusCode, len(body))
		}
		for _, h := range []string{"ETag", "Cache-Control", "Vary"} {
			if resp.Header.Get(h) != gz.Header.Get(h) {
				t.Errorf("304 %s = %q, want %q", h, resp.Header.Get(h), gz.Header.Get(h))
			}
		}
	}
	// A gzip tag does not validate the brotli variant, and junk is ignored.
	for _, inm := range []string{tag, `"junk`, `,,,`} {
		resp, _ := do(t, "GET", url, map[string]string{"Accept-Encoding": "br", "If-None-Match": inm})
		if resp.StatusCode != 200 {
			t.Errorf("br with If-None-Match %q: %d, want 200", inm, resp.StatusCode)
		}
	}

	// HEAD: the same headers, no body.
	head, body := do(t, "HEAD", url, map[string]string{"Accept-Encoding": "br"})
	if head.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD: %d with %d bytes", head.StatusCode, len(body))
	}
	br, brBody := do(t, "GET", url, map[string]string{"Accept-Encoding": "br"})
	if head.Header.Get("ETag") != br.Header.Get("ETag") || head.Header.Get("Content-Length") != br.Header.Get("Content-Length") ||
		head.Header.Get("Content-Length") != strconv.Itoa(len(brBody)) {
		t.Errorf("HEAD headers differ from GET: %v vs %v", head.Header, br.Header)
	}

	// Fingerprinted assets are immutable.
	resp, _ := do(t, "GET", ts.URL+assetURL(t), nil)
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("asset: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
		t.Errorf("asset type %q", resp.Header.Get("Content-Type"))
	}
	// Small responses are not compressed.
	resp, _ = do(t, "GET", ts.URL+"/articles/hand-washing/hands.svg", map[string]string{"Accept-Encoding": "gzip, br"})
	if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Vary") != "" {
		t.Errorf("small svg: encoding %q, vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
}

// TestReadiness checks that a draining server stays alive but not ready.
func TestReadiness(t *testing.T) {
	ts, srv := newTestServer(t)
	srv.SetReady(false)
	if resp, _ := do(t, "GET", ts.URL+"/readyz", nil); resp.StatusCode != 503 {
		t.Errorf("readyz while draining = %d, want 503", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", ts.URL+"/healthz", nil); resp.StatusCode != 200 {
		t.Errorf("healthz while draining = %d, want 200", resp.StatusCode)
	}
	if resp, _ := do(t, "GET", ts.URL+"/", nil); resp.StatusCode != 200 {
		t.Errorf("pages while draining = %d, want 200", resp.StatusCode)
	}
}

// TestMetrics checks that requests are counted by route pattern and status, the
// snapshot's routes from the start, and the snapshot's figures are exported.
func TestMetrics(t *testing.T) {
	ts, srv := newTestServer(t)
	srv.RecordBuild(1500 * time.Millisecond)
	do(t, "GET", ts.URL+"/glossary/germ", nil)
	do(t, "GET", ts.URL+"/glossary/germ", nil)
	do(t, "GET", ts.URL+"/nope", nil)
	// Not on the public handler: on a listener of their own.
	if resp, _ := do(t, "GET", ts.URL+"/metrics", nil); resp.StatusCode != 404 {
		t.Errorf("/metrics on the public handler: %d, want 404", resp.StatusCode)
	}
	ms := httptest.NewServer(srv.MetricsHandler())
	defer ms.Close()
	_, body := do(t, "GET", ms.URL+"/metrics", nil)
	for _, want := range []string{
		`strata_http_requests_total{code="200",route="/glossary/{slug}"} 2`,
		`strata_http_requests_total{code="404",route="unmatched"} 2`,
		`strata_http_request_duration_seconds_bucket{route="/glossary/{slug}",le="+Inf"} 2`,
		// Snapshot routes are exported before their first request.
		`strata_http_requests_total{code="304",route="/glossary/{slug}"} 0`,
		`strata_http_request_duration_seconds_count{route="/topics/{slug}/{page}"} 0`,
		`strata_content_info{version="` + fixtureSnapshot(t).Version() + `"} 1`,
		`strata_snapshot_build_seconds 1.5`,
		`strata_snapshot_bytes `,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestRequestHeaderNames sends the request headers the snapshot's fast path reads
// with their names in lower case, as HTTP/2 clients and some proxies send them,
// through net/http's own request reader: the coding, the conditional request
// and the request id must each still be honoured (requestHeader looks names up
// in the canonical form net/http gives them).
func TestRequestHeaderNames(t *testing.T) {
	var logs bytes.Buffer
	snapshot := fixtureSnapshot(t)
	h := New(snapshot, Options{Logger: JSONLogger(&logs)}).Handler()
	send := func(headers string) *http.Response {
		t.Helper()
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + benchPage + " HTTP/1.1\r\nHost: example.org\r\n" + headers + "\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	first := send("accept-encoding: gzip\r\nx-request-id: lower-case-id\r\n")
	if first.StatusCode != http.StatusOK || first.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("accept-encoding: gzip: status %d, coding %q", first.StatusCode, first.Header.Get("Content-Encoding"))
	}
	if !strings.Contains(logs.String(), `"id":"lower-case-id"`) {
		t.Errorf("x-request-id not logged: %s", logs.String())
	}
	res, _ := snapshot.Lookup(benchPage)
	tag := res.Gzip.ETag
	if again := send("accept-encoding: gzip\r\nif-none-match: " + tag + "\r\n"); again.StatusCode != http.StatusNotModified {
		t.Errorf("if-none-match: %s: status %d, want 304", tag, again.StatusCode)
	}
}
