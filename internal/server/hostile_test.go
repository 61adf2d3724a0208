package server

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// This file is the hostile-request battery (issue 10): a generated corpus of
// malformed and malicious requests, sent as raw bytes over loopback TCP (most of
// them are requests Go's own client refuses to send) to a real http.Server that
// mirrors cmd/strata's settings.
//
// What every answer must satisfy:
//   - Our handler never answers 5xx and never panics (a wrapper outside the router
//     records the status it wrote and any panic; chi's Recoverer would show as 500).
//   - On the wire, an answer is 3xx or 4xx. 2xx is allowed only where the request
//     names a real URL (hostile headers on a real page, absolute-form targets) and
//     then the body must be, byte for byte, the snapshot's variant for the ETag sent.
//     The one 2xx without a body is net/http's own answer to "OPTIONS *". The
//     search page, rendered per request, must be text/html and no-store; its
//     cases go one at a time, so its load shedding (503 when busy) cannot excuse
//     a 5xx there either.
//   - A 5xx on the wire is accepted only when net/http produced it before any of
//     our code ran: 505 for an HTTP version it does not speak (RFC 9110 15.6.6) and
//     501 for a Transfer-Encoding it does not implement (RFC 9112 6.1). Both are
//     what the RFCs ask for; neither reaches the handler, which is checked per
//     request through the X-Hostile-Id header.
//   - Nothing outside the snapshot is ever served: canary files placed inside and
//     next to the content folder never appear, nor does /etc/passwd; every 404 from
//     the handler is exactly the snapshot's 404 page.
//   - A redirect's Location is a path on this site: it starts with one "/", not
//     "//" or "/\"; it has no control characters (browsers drop tabs and
//     newlines from URLs, so "/<tab>/host" is "//host" to them); it parses with
//     no scheme or host; and it stays on-site with "\" read as "/".

// hostileCase is one raw request.
type hostileCase struct {
	id       string
	category string
	desc     string
	raw      []byte
	method   string // how to read the response: HEAD answers have no body
	strict   bool   // a hostile path: no 2xx at all (except net/http's OPTIONS *)
	// sequential cases are sent one at a time, after the others: /search sheds
	// load with 503 when busy, so only a search that cannot finish may show one.
	sequential bool
}

// corpus builds the cases.
type corpus struct {
	cases []hostileCase
}

func (c *corpus) add(category string, strict bool, method, desc string, raw func(id string) string) {
	id := strconv.Itoa(len(c.cases) + 1)
	m := "GET"
	if method == "HEAD" {
		m = "HEAD"
	}
	c.cases = append(c.cases, hostileCase{id: id, category: category, desc: desc, raw: []byte(raw(id)), method: m, strict: strict})
}

// request adds a request line and headers; Host, X-Hostile-Id and Connection:
// close come first so that a header case can still be traced to the handler.
func (c *corpus) request(category string, strict bool, method, target, proto string, headers ...string) {
	desc := method + " " + target + " " + proto
	if len(headers) > 0 {
		desc += " + " + headers[0]
	}
	c.add(category, strict, method, desc, func(id string) string {
		var b strings.Builder
		b.WriteString(method + " " + target + " " + proto + "\r\n")
		b.WriteString("Host: 127.0.0.1\r\nX-Hostile-Id: " + id + "\r\nConnection: close\r\n")
		for _, h := range headers {
			b.WriteString(h + "\r\n")
		}
		b.WriteString("\r\n")
		return b.String()
	})
}

func (c *corpus) searchCase(method, target string, headers ...string) {
	c.request("search", false, method, target, "HTTP/1.1", headers...)
	c.cases[len(c.cases)-1].sequential = true
}

func (c *corpus) get(category string, strict bool, target string, headers ...string) {
	c.request(category, strict, "GET", target, "HTTP/1.1", headers...)
}

// realName reports whether a target mentions a page that exists: such a request may
// legitimately be answered with that page.
func realName(target string) bool {
	for _, s := range []string{"hand-washing", "germ", "microbe"} {
		if strings.Contains(target, s) {
			return true
		}
	}
	return false
}

func buildCorpus(asset string) *corpus {
	c := &corpus{}
	// 1. Path traversal in every encoding, under every route prefix, at several
	// depths, aimed at files outside the snapshot.
	traversals := []string{
		"../", "..%2f", "..%2F", "%2e%2e/", "%2e%2e%2f", "%2E%2E%2F", ".%2e/", "%2e./",
		"%252e%252e%252f", "..%252f", "%252e%252e/", // double encoding
		"..%c0%af", "..%c1%9c", "%c0%ae%c0%ae/", "..%e0%80%af", // overlong UTF-8
		"..%ef%bc%8f", "%uff0e%uff0e/", // fullwidth solidus, IIS %u encoding
		`..\`, "..%5c", "..%5C", "%2e%2e%5c", "..%255c", // backslashes
		"....//", "..;/", "..%00/", "..%2500/", "./../", "..%09/",
	}
	prefixes := []string{"/", "/static/", "/articles/", "/articles/hand-washing/", "/glossary/"}
	targets := []string{"etc/passwd", "canary-outside.txt", "site.yaml", ".env"}
	for _, t := range traversals {
		for _, p := range prefixes {
			for _, depth := range []int{1, 3, 8} {
				for _, f := range targets {
					c.get("traversal", true, p+strings.Repeat(t, depth)+f)
				}
			}
		}
	}
	for _, p := range []string{
		"/static/../../etc/passwd", "/articles/..%2F..%2F..", "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
		"/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd", "/articles/hand-washing/..%2F..%2F..%2Fsite.yaml",
		"/articles/hand-washing/canary.txt", "/articles/hand-washing/notes.md", "/articles/hand-washing/index.md",
		"/articles/hand-washing/references.yaml", "/glossary/germ.md", "/glossary/canary.txt", "/canary.txt", "/.env",
		"/site.yaml", "/static/site.css", "/static/site.js", "/static/", "/static", "/.git/config", "/articles/hand-washing/.",
		"/articles/hand-washing/..", "/articles/.", "/articles/..", "/./", "/..", "/...",
	} {
		for _, m := range []string{"GET", "HEAD"} {
			c.request("traversal", !strings.HasSuffix(p, "/.") && p != "/./", m, p, "HTTP/1.1")
		}
	}

	// 2. Encoded slashes and attempts at redirects off the site, with and without
	// the trailing slash that makes the server redirect.
	offsite := []string{
		"//evil.example", "///evil.example", "////evil.example", `/\evil.example`, `/\/evil.example`, `/\\evil.example`,
		"/%2fevil.example", "/%2F%2Fevil.example", "/%5cevil.example", "/%5C%5Cevil.example", "/%5c/evil.example",
		"/%09/evil.example", "/%09%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "/%0d%0a/evil.example",
		"/%00/evil.example", "/%20/evil.example", "/%e3%80%80/evil.example", "/%c2%a0/evil.example",
		"/%7f/evil.example", "/%1f/evil.example", "/.//evil.example", "/..//evil.example", "/.%2f/evil.example",
		"/%2e/%2fevil.example", "/glossary/..%2f..%2f%2fevil.example", "/%252f%252fevil.example", "/%2f%2fevil.example%2f",
		"/x/%2e%2e/%2fevil.example", "/%23/evil.example", "/%3f/evil.example", "/https:%2f%2fevil.example",
		"/https://evil.example", "/javascript:alert(1)", "/%0d%0aSet-Cookie:%20x=1", "/%0d%0aLocation:%20http://evil.example",
		"/%3Cscript%3Ealert(1)%3C/script%3E", "/articles%2fhand-washing", "/articles/hand-washing%2ffundamentals",
		"/articles/hand-washing%2Ffundamentals%2F", "/glossary%2fgerm", "/static%2f..%2f..%2fetc%2fpasswd",
		"/glossary/germ%2f", "/glossary/microbe%2f", "/articles/hand-washing%5cfundamentals",
	}
	for _, p := range offsite {
		for _, suffix := range []string{"", "/", "//", "/?a=b", "/?next=//evil.example", "/%2f"} {
			t := p + suffix
			c.get("slash", !realName(t), t)
		}
	}

	// 3. NUL bytes and invalid UTF-8, escaped and raw.
	for _, p := range []string{
		"/%00", "/articles/%00", "/articles/hand-washing%00", "/glossary/germ%00.json", "/%00/", "/glossary/%00germ",
		"/%c0%80", "/%ff%fe", "/articles/%ff", "/glossary/%c3%28", "/%ed%a0%80", "/%f4%90%80%80", "/%fe%ff%00%00",
		"/\x00", "/articles/\x00hand-washing", "/\xff\xfe", "/articles/\xc3\x28", "/glossary/\xed\xa0\x80",
		"/%", "/%zz", "/%2", "/%%32%65", "/articles/%g0", "/%u0000",
	} {
		for _, suffix := range []string{"", "/"} {
			c.get("nul-utf8", true, p+suffix)
		}
	}
	c.get("nul-utf8", false, "/glossary/germ", "X-Test: a\x00b")
	c.get("nul-utf8", false, "/glossary/germ", "X-Test: \xff\xfe\xfd")
	c.get("nul-utf8", false, "/glossary/germ", "X-\xff: a")
	c.get("nul-utf8", false, "/glossary/germ", "X-Test:\x00")

	// 4. Long paths and query strings.
	c.get("long", true, "/"+strings.Repeat("a", 8<<10))
	c.get("long", true, "/articles/"+strings.Repeat("a", 8<<10))
	c.get("long", true, "/glossary/"+strings.Repeat("a/", 4<<10))
	c.get("long", true, "/static/"+strings.Repeat("%2e%2e%2f", 900)+"etc/passwd")
	c.get("long", true, "/articles/hand-washing/"+strings.Repeat("../", 2700)+"etc/passwd")
	c.get("long", true, "/"+strings.Repeat("%ff", 2700)+"/")
	c.get("long", false, "/?q="+strings.Repeat("x", 100<<10))
	c.get("long", false, "/articles/hand-washing?"+strings.Repeat("a=1&", 25<<10))
	c.get("long", false, "/glossary/?q="+strings.Repeat("%2e%2e%2f", 11<<10))
	c.get("long", false, "/?q="+strings.Repeat("x", 10<<10))
	c.get("long", false, "/glossary/?q="+strings.Repeat("y", 10<<10))
	c.get("long", false, "/?a=1;b=2;c=3")
	for _, n := range []int{16<<10 - 200, 16<<10 + 1, 20 << 10, 21 << 10} {
		c.get("long", false, "/?q="+strings.Repeat("z", n))
	}

	// 5. Oversized and numerous headers (MaxHeaderBytes is 16 KB; net/http allows
	// 4 KB of slack beyond it before answering 431).
	for _, n := range []int{15 << 10, 17 << 10, 21 << 10, 32 << 10, 64 << 10, 256 << 10} {
		c.get("headers-size", false, "/articles/hand-washing", "X-Big: "+strings.Repeat("b", n))
		c.get("headers-size", false, "/glossary/germ", "Cookie: c="+strings.Repeat("c", n))
	}
	for _, n := range []int{100, 500, 2000, 10000} {
		hs := make([]string, n)
		for i := range hs {
			hs[i] = fmt.Sprintf("X-H-%d: v", i)
		}
		c.get("headers-size", false, "/articles/hand-washing", hs...)
		same := make([]string, n)
		for i := range same {
			same[i] = "Accept-Encoding: br"
		}
		c.get("headers-size", false, "/articles/hand-washing", same...)
	}
	c.get("headers-size", false, "/articles/hand-washing", "Accept-Encoding: "+strings.Repeat("gzip;q=0.5, ", 1200))
	c.get("headers-size", false, "/articles/hand-washing", "Accept-Encoding: "+strings.Repeat("br;q=0.5, ", 3000))
	c.get("headers-size", false, "/articles/hand-washing", "Accept-Encoding: "+strings.Repeat("x", 15<<10))
	c.get("headers-size", false, "/articles/hand-washing", "If-None-Match: "+strings.Repeat(`"x", `, 2500))
	c.get("headers-size", false, "/articles/hand-washing", "X-Request-Id: "+strings.Repeat("r", 12<<10))
	c.get("headers-size", false, "/articles/hand-washing", strings.Repeat("X", 15<<10)+": v")

	// 6. Junk and unsupported methods.
	methods := []string{
		"FOO", "GET\x00", "get", "Get", "CONNECT", "TRACE", "OPTIONS", "PROPFIND", "POST", "PUT", "DELETE", "PATCH",
		"MKCOL", "M-SEARCH", "PRI", "GÉT", "GET\t", strings.Repeat("A", 1<<10), "HEAD\x7f", "TRACK", "DEBUG",
	}
	for _, m := range methods {
		for _, t := range []string{"/", "/articles/hand-washing", "/glossary/", "/nope", "*", "127.0.0.1:80", "/static/../../etc/passwd"} {
			c.request("method", true, m, t, "HTTP/1.1")
		}
	}
	c.add("method", true, "GET", "empty method", func(id string) string {
		return " / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hostile-Id: " + id + "\r\n\r\n"
	})
	c.add("method", true, "GET", "double space", func(id string) string {
		return "GET  / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hostile-Id: " + id + "\r\n\r\n"
	})
	c.request("method", true, "POST", "/articles/hand-washing", "HTTP/1.1", "Content-Length: 5", "X-HTTP-Method-Override: GET")

	// 7. HTTP versions Go does not speak, and request lines that are not HTTP/1.x.
	for _, v := range []string{
		"HTTP/0.9", "HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/1.9", "HTTP/9.9", "HTTP/1", "HTTP/1.10", "http/1.1",
		"HTTP/01.1", "HTTP/1.1 x", "HTTP/-1.1", "HTTP/1.1\x00", "HTTP/2", "HTTPS/1.1", "ICAP/1.0", "RTSP/1.0", "HTTP/1.0",
	} {
		for _, t := range []string{"/", "/nope", "/glossary/", "/../../etc/passwd"} {
			c.request("version", t != "/", "GET", t, v)
		}
	}
	c.add("version", true, "GET", "HTTP/0.9 simple request", func(string) string { return "GET /\r\n" })
	c.add("version", true, "GET", "HTTP/0.9 traversal", func(string) string { return "GET /../../etc/passwd\r\n" })
	c.add("version", true, "GET", "HTTP/2 preface", func(string) string { return "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" })
	c.add("version", false, "GET", "HTTP/1.0 without Host", func(id string) string {
		return "GET /glossary/ HTTP/1.0\r\nX-Hostile-Id: " + id + "\r\n\r\n"
	})
	c.add("version", true, "GET", "HTTP/1.1 without Host", func(id string) string {
		return "GET /glossary/ HTTP/1.1\r\nX-Hostile-Id: " + id + "\r\n\r\n"
	})
	c.add("version", true, "GET", "bare LF line ends", func(id string) string {
		return "GET /nope HTTP/1.1\nHost: 127.0.0.1\nX-Hostile-Id: " + id + "\nConnection: close\n\n"
	})
	c.add("version", true, "GET", "binary junk", func(string) string { return "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n" })

	// 8. Hostile headers on real URLs: conditional requests, ranges, content
	// negotiation, smuggling attempts, spoofed hosts.
	hostileHeaders := [][]string{
		{`If-None-Match: "`}, {`If-None-Match: ""`}, {`If-None-Match: W/`}, {`If-None-Match: W/"`}, {`If-None-Match: *, *`},
		{`If-None-Match: "a" "b"`}, {`If-None-Match: ,,,,`}, {`If-None-Match: W/W/W/"x"`}, {`If-None-Match: -1`},
		{"If-None-Match: \xff\xfe"}, {`If-None-Match: *`}, {`If-None-Match: "*"`}, {"If-None-Match: " + strings.Repeat(`"x",`, 1000)},
		{"Range: bytes=0-0"}, {"Range: bytes=-1"}, {"Range: bytes=999999-"}, {"Range: bytes=a-b"}, {"Range: items=0-1"},
		{"Range: bytes=18446744073709551616-"}, {"Range: bytes=-0"}, {"Range: bytes=5-1"}, {"Range: bytes="},
		{"Range: bytes=" + strings.TrimSuffix(strings.Repeat("0-0,", 1000), ",")}, {"Range: bytes=0-0", "If-Range: junk"},
		{"Accept-Encoding: br;q=NaN"}, {"Accept-Encoding: gzip;q=1e308"}, {"Accept-Encoding: br;q=-1"},
		{"Accept-Encoding: gzip;q=0x1p-2"}, {"Accept-Encoding: br;q=Infinity"}, {"Accept-Encoding: *"}, {"Accept-Encoding: *;q=0"},
		{"Accept-Encoding: ;;;;,,,,;q=;=;"}, {"Accept-Encoding: br;q=0.001, gzip;q=0.0011"}, {"Accept-Encoding: identity;q=0, *;q=0"},
		{"Accept-Encoding: \xff\xfe"}, {"Accept-Encoding: br;q=1;q=0"}, {"Accept-Encoding: gzip;Q=1"},
		{"Host: evil.example"}, {"Host: evil.example", "Host: 127.0.0.1"}, {"Host: 127.0.0.1@evil.example"}, {"Host: [::1"},
		{"X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "Forwarded: host=evil.example"},
		{"X-Original-URL: /../../etc/passwd"}, {"X-Rewrite-URL: /../../etc/passwd"},
		{"Content-Length: -1"}, {"Content-Length: 5", "Content-Length: 6"}, {"Content-Length: 99999999999999999999"},
		{"Transfer-Encoding: chunked", "Content-Length: 3"}, {"Transfer-Encoding: gzip"}, {"Transfer-Encoding: chunked, identity"},
		{"Transfer-Encoding: chunked"}, {"Expect: 100-continue", "Content-Length: 3"}, {"Expect: evil"},
		{"Connection: Upgrade", "Upgrade: websocket"}, {"Connection: Upgrade, HTTP2-Settings", "Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA"},
		{"X-Request-Id: <script>alert(1)</script>"}, {"X-Request-Id: \xff\xfe"}, {"Cookie: " + strings.Repeat("k=v; ", 2000)},
		{"Accept: */*;q=NaN"}, {"If-Modified-Since: junk"}, {"If-Match: junk"}, {"If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT"},
		{" X-Folded: a"}, {"X-Folded: a", " continued"}, {"NoColon"}, {": empty-name"}, {"X Space: v"},
	}
	realTargets := []string{"/", "/articles/hand-washing", asset, "/articles/hand-washing/hands.svg", "/glossary/germ", "/nope", "/glossary/microbe"}
	for _, hs := range hostileHeaders {
		for _, t := range realTargets {
			c.get("header", false, t, hs...)
		}
	}
	c.add("header", false, "GET", "chunked body with a bad chunk size", func(id string) string {
		return "GET /glossary/germ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hostile-Id: " + id + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
	})
	c.add("header", false, "GET", "smuggled second request", func(id string) string {
		return "GET /glossary/germ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hostile-Id: " + id + "\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"
	})

	// 9. The search page, the one page rendered per request: hostile queries,
	// sent one at a time (see hostileCase.sequential).
	for _, q := range []string{
		"%00", "a%00b", "%ff%fe", "%c0%af", "%ed%a0%80", "\xff\xfe", strings.Repeat("a", 8<<10), strings.Repeat("a+", 3000),
		strings.Repeat("%e2%80%ae", 300), strings.Repeat("%F0%9F%92%A9", 200), "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
		"%22%3E%3Cscript%3Ealert(1)%3C/script%3E", "*", "?", "~", "a~9", "%2F.*%2F", "%2F(a%2B)%2B%24%2F", "a*b*c*d*e*f*g*",
		"*a*", "%2B%2B%2B", "title%3Ax", "_all%3A*", "((((((", "%5C", "%22unterminated", "a%20AND%20OR%20NOT", "germ%5E999999",
		"germ~-1", strings.Repeat("germ%20", 150), "..%2F..%2Fetc%2Fpasswd", "file%3A%2F%2F%2Fetc%2Fpasswd", "%zz",
		strings.Repeat("x", 100<<10),
	} {
		c.searchCase("GET", "/search?q="+q)
	}
	for _, t := range []string{
		"/search?q=germ&tier=%00", "/search?q=germ&tier=..%2F..%2Fetc", "/search?q=germ&q=soap", "/search?q[]=x",
		"/search?q=germ&tier=" + strings.Repeat("t", 8<<10), "/search?;q=germ", "/search?q=germ%26tier%3Dacademic",
		"/search", "/search/", "/search/?q=x", "/search%2f?q=x", "/search/..%2f..%2fetc%2fpasswd",
	} {
		c.searchCase("GET", t)
	}
	c.searchCase("HEAD", "/search?q=germ")
	c.searchCase("POST", "/search?q=germ")
	c.searchCase("GET", "/search?q=germ", "Accept-Encoding: br;q=NaN", "Range: bytes=0-0", `If-None-Match: *`)

	// 10. Absolute-form and other request targets.
	for _, t := range []string{
		"http://evil.example/", "http://evil.example/glossary/", "https://127.0.0.1/articles/hand-washing/",
		"http://evil.example//evil.example/", "http://evil.example/%09/evil.example/", "http://evil.example/%2f%2fevil.example/",
		"HTTP://EVIL.EXAMPLE/", "http://user:pass@evil.example/", "http://evil.example:99999/", "http://[::1]/", "http://evil.example",
		"ftp://evil.example/", "file:///etc/passwd", "file:///etc/passwd/", "javascript:alert(1)", "*", "evil.example:443",
		"//evil.example/glossary/", "mailto:x@example.org", "http://evil.example/../../etc/passwd", "http://%65vil.example/",
		"http://evil.example?x", "http://127.0.0.1/%5c%5cevil.example/", "http:/evil.example/", "http:evil.example",
		"?x=1", "#frag", "/#/../../etc/passwd", "/glossary/germ#/",
	} {
		for _, m := range []string{"GET", "HEAD"} {
			c.request("target", false, m, t, "HTTP/1.1")
		}
	}
	return c
}

// hostileSnapshot builds the fixture from a temporary copy with canary files
// inside and next to the content folder, and returns the copy's root and the
// canary text.
func hostileSnapshot(t *testing.T) (*render.Snapshot, string) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	if err := os.CopyFS(dir, os.DirFS("../testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	canary := "STRATA-CANARY-" + hex.EncodeToString(b)
	for _, f := range []string{
		filepath.Join(root, "canary-outside.txt"),
		filepath.Join(root, ".env"),
		filepath.Join(dir, "canary.txt"),
		filepath.Join(dir, ".env"),
		filepath.Join(dir, "articles/hand-washing/canary.txt"),
		filepath.Join(dir, "articles/hand-washing/notes.md"),
	} {
		if err := os.WriteFile(f, []byte(canary+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	s, list := site.Load(fsys)
	snap, built := render.Build(s, fsys)
	if list.HasErrors() || built.HasErrors() {
		t.Fatalf("fixture copy has errors: %v %v", list.Err(), built.Err())
	}
	for _, p := range snap.Paths() {
		if res, _ := snap.Lookup(p); bytes.Contains(res.Body.Data, []byte(canary)) {
			t.Fatalf("the snapshot itself holds the canary at %s", p)
		}
	}
	return snap, canary
}

// hostileHarness serves a snapshot through a recording wrapper.
type hostileHarness struct {
	addr string
	mu   sync.Mutex
	seen map[string]int // X-Hostile-Id → status our handler wrote
	// unlabelled counts requests that reached the handler without an id.
	unlabelled []string
	panics     []string
	errorLog   lockedBuffer
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// recordingWriter keeps the first status written.
type recordingWriter struct {
	http.ResponseWriter
	status int
}

func (w *recordingWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (h *hostileHarness) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recordingWriter{ResponseWriter: w}
		id := r.Header.Get("X-Hostile-Id")
		defer func() {
			p := recover()
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			h.mu.Lock()
			if id != "" {
				h.seen[id] = status
			} else {
				h.unlabelled = append(h.unlabelled, fmt.Sprintf("%d %s %q", status, r.Method, r.RequestURI))
			}
			if p != nil {
				h.panics = append(h.panics, fmt.Sprintf("%s %q: %v", r.Method, r.RequestURI, p))
			}
			h.mu.Unlock()
			if p != nil {
				panic(p)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

func startHostile(t *testing.T, snap *render.Snapshot) *hostileHarness {
	t.Helper()
	h := &hostileHarness{seen: map[string]int{}}
	srv := New(snap, Options{HSTS: true, Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	hs := NewHTTPServer(h.wrap(srv.Handler()), slog.New(slog.NewTextHandler(&h.errorLog, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h.addr = ln.Addr().String()
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })
	return h
}

// sendRaw writes raw on a new connection and reads one response.
func sendRaw(addr string, raw []byte, method string) (*http.Response, []byte, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(15 * time.Second))
	// Write in the background: the server may answer (431) before reading it all.
	go func() { _, _ = conn.Write(raw) }()
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	return resp, body, err
}

// snapshotIndex answers "is this exactly something the snapshot holds?".
type snapshotIndex struct {
	byETag   map[string][]byte
	notFound map[string][]byte // Content-Encoding → 404 body
}

func indexSnapshot(snap *render.Snapshot) *snapshotIndex {
	ix := &snapshotIndex{byETag: map[string][]byte{}, notFound: map[string][]byte{}}
	for _, p := range snap.Paths() {
		res, _ := snap.Lookup(p)
		ix.byETag[res.Body.ETag] = res.Body.Data
		if res.Gzip != nil {
			ix.byETag[res.Gzip.ETag] = res.Gzip.Data
		}
		if res.Brotli != nil {
			ix.byETag[res.Brotli.ETag] = res.Brotli.Data
		}
	}
	ix.notFound[""] = snap.NotFound.Body.Data
	if snap.NotFound.Gzip != nil {
		ix.notFound["gzip"] = snap.NotFound.Gzip.Data
	}
	if snap.NotFound.Brotli != nil {
		ix.notFound["br"] = snap.NotFound.Brotli.Data
	}
	return ix
}

// offSiteLocation explains why a Location header would take a browser off the
// site, or returns "".
func offSiteLocation(loc string) string {
	if loc == "" {
		return "no Location"
	}
	for i := 0; i < len(loc); i++ {
		if loc[i] < 0x20 || loc[i] == 0x7f {
			return "control character in Location"
		}
	}
	if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
		return "Location is not a single-slash path"
	}
	// What a browser makes of it (WHATWG URL): "\" is "/" in http(s) URLs.
	norm := strings.ReplaceAll(loc, `\`, "/")
	if strings.HasPrefix(norm, "//") {
		return "Location reads as scheme-relative"
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "Location does not parse: " + err.Error()
	}
	if u.Scheme != "" || u.Host != "" {
		return "Location names a host"
	}
	return ""
}

// TestHostileRequests sends the corpus and checks every answer.
func TestHostileRequests(t *testing.T) {
	snap, canary := hostileSnapshot(t)
	h := startHostile(t, snap)
	ix := indexSnapshot(snap)
	asset := ""
	for _, p := range snap.Paths() {
		if strings.HasPrefix(p, "/static/site.") && strings.HasSuffix(p, ".css") {
			asset = p
		}
	}
	c := buildCorpus(asset)
	if len(c.cases) < 500 {
		t.Fatalf("only %d cases", len(c.cases))
	}
	passwd := []byte("root:x:0:0")
	if b, err := os.ReadFile("/etc/passwd"); err == nil && len(b) > 0 {
		passwd = bytes.SplitN(b, []byte("\n"), 2)[0]
	}

	type result struct {
		resp *http.Response
		body []byte
		err  error
	}
	results := make([]result, len(c.cases))
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan int)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				resp, body, err := sendRaw(h.addr, c.cases[i].raw, c.cases[i].method)
				results[i] = result{resp, body, err}
			}
		}()
	}
	for i := range c.cases {
		if !c.cases[i].sequential {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for i, hc := range c.cases {
		if hc.sequential {
			resp, body, err := sendRaw(h.addr, hc.raw, hc.method)
			results[i] = result{resp, body, err}
		}
	}
	elapsed := time.Since(start)

	h.mu.Lock()
	defer h.mu.Unlock()
	perCategory := map[string]map[string]int{}
	count := func(cat, key string) {
		if perCategory[cat] == nil {
			perCategory[cat] = map[string]int{}
		}
		perCategory[cat][key]++
	}
	goOwn := map[int]int{}
	var served2xx []string
	reached, failures := 0, 0
	fail := func(hc hostileCase, format string, args ...any) {
		failures++
		if failures <= 40 {
			t.Errorf("case %s [%s] %q: %s", hc.id, hc.category, trimDesc(hc.desc), fmt.Sprintf(format, args...))
		}
	}
	for i, hc := range c.cases {
		res := results[i]
		handlerStatus, reachedHandler := h.seen[hc.id]
		if reachedHandler {
			reached++
			if handlerStatus >= 500 {
				fail(hc, "our handler answered %d", handlerStatus)
			}
		}
		if res.err != nil {
			count(hc.category, "no answer")
			fail(hc, "no answer: %v", res.err)
			continue
		}
		resp, body := res.resp, res.body
		count(hc.category, strconv.Itoa(resp.StatusCode))
		all := append([]byte(fmt.Sprint(resp.Header)), body...)
		if bytes.Contains(all, []byte(canary)) {
			fail(hc, "the canary file was served")
		}
		if bytes.Contains(all, passwd) || bytes.Contains(all, []byte("root:x:0:0")) {
			fail(hc, "/etc/passwd was served")
		}
		// In a header "<" is harmless (http.Redirect leaves it in Location); in a
		// body it must never come back unescaped.
		if bytes.Contains(body, []byte("<script>alert(1)")) {
			fail(hc, "the request's script is reflected unescaped in the body")
		}
		switch code := resp.StatusCode; {
		case code >= 200 && code < 300:
			if !reachedHandler {
				// net/http answers "OPTIONS *" itself, with no body.
				if len(body) != 0 || !bytes.HasPrefix(hc.raw, []byte("OPTIONS * ")) {
					fail(hc, "%d from net/http with %d bytes", code, len(body))
				}
				continue
			}
			if hc.strict {
				fail(hc, "hostile path answered %d", code)
				continue
			}
			if hc.category == "search" && handlerStatus == http.StatusOK {
				// Rendered per request: not in the snapshot, never stored.
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.Header.Get("Cache-Control") != "no-store" {
					fail(hc, "search page with Content-Type %q, Cache-Control %q", resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
				}
				continue
			}
			want, ok := ix.byETag[resp.Header.Get("ETag")]
			if !ok {
				fail(hc, "%d without a snapshot ETag (%q, %d bytes)", code, resp.Header.Get("ETag"), len(body))
				continue
			}
			if hc.method != "HEAD" && !bytes.Equal(body, want) {
				fail(hc, "%d body is not the snapshot's bytes for its ETag", code)
			}
			served2xx = append(served2xx, hc.category+": "+trimDesc(hc.desc))
			if hc.category != "header" && hc.category != "headers-size" {
				t.Logf("2xx (exact snapshot bytes) for [%s] %q", hc.category, trimDesc(hc.desc))
			}
		case code == http.StatusNotModified:
			if _, ok := ix.byETag[resp.Header.Get("ETag")]; !ok || len(body) != 0 || hc.strict {
				fail(hc, "304 with ETag %q and %d bytes", resp.Header.Get("ETag"), len(body))
			}
		case code >= 300 && code < 400:
			if code != http.StatusMovedPermanently {
				fail(hc, "redirect status %d", code)
			}
			if why := offSiteLocation(resp.Header.Get("Location")); why != "" {
				fail(hc, "redirect off the site: %s: %q", why, resp.Header.Get("Location"))
			}
		case code >= 400 && code < 500:
			if reachedHandler && handlerStatus == http.StatusNotFound && hc.method != "HEAD" {
				if want := ix.notFound[resp.Header.Get("Content-Encoding")]; !bytes.Equal(body, want) {
					fail(hc, "404 body is not the snapshot's 404 page")
				}
			}
		case code == http.StatusHTTPVersionNotSupported || code == http.StatusNotImplemented:
			if reachedHandler {
				fail(hc, "%d from our handler", code)
			} else {
				goOwn[code]++
			}
		default:
			fail(hc, "status %d", code)
		}
	}
	if len(h.panics) > 0 {
		t.Errorf("%d panics in the handler, first: %s", len(h.panics), h.panics[0])
	}
	for _, u := range h.unlabelled {
		if u[0] == '5' {
			t.Errorf("a request without an id got %s from the handler", u)
		}
	}
	if errs := h.errorLog.String(); strings.Contains(errs, "panic") || strings.Contains(errs, "superfluous") {
		t.Errorf("the server's error log shows a handler fault:\n%s", errs)
	}
	if failures > 40 {
		t.Errorf("… and %d more failures", failures-40)
	}

	t.Logf("%d hostile requests in %s; %d reached the handler, and %d without an id: %v", len(c.cases), elapsed.Round(time.Millisecond), reached, len(h.unlabelled), h.unlabelled)
	cats := make([]string, 0, len(perCategory))
	for k := range perCategory {
		cats = append(cats, k)
	}
	sort.Strings(cats)
	for _, cat := range cats {
		keys := make([]string, 0)
		for k := range perCategory[cat] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		n := 0
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s×%d", k, perCategory[cat][k]))
			n += perCategory[cat][k]
		}
		t.Logf("  %-13s %4d: %s", cat, n, strings.Join(parts, " "))
	}
	t.Logf("5xx produced by net/http before the handler (accepted): %v", goOwn)
	slices.Sort(served2xx)
	t.Logf("%d non-strict cases answered 2xx with exact snapshot bytes, e.g. %v", len(served2xx), served2xx[:min(len(served2xx), 5)])
	if lines := strings.Count(h.errorLog.String(), "\n"); lines > 0 {
		first, _, _ := strings.Cut(h.errorLog.String(), "\n")
		t.Logf("net/http error log: %d lines, e.g. %q", lines, first)
	}
}

func trimDesc(s string) string {
	if len(s) > 100 {
		return s[:80] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return s
}
