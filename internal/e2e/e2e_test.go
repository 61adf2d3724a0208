// Package e2e holds Strata's real-browser tests: accessibility (axe-core), HTML
// validity (Nu HTML Checker), keyboard and pointer use of the glossary pop-ups,
// layout at phone and desktop widths, behaviour without JavaScript and page weight.
//
// The tests serve the embedded content over loopback and drive Debian's chromium
// through chromedp. They need three tools that are not Go modules:
//
//	chromium     STRATA_CHROMIUM, or chromium / chromium-browser / google-chrome on PATH
//	axe-core     STRATA_AXE (path to axe.min.js), or node_modules/axe-core/axe.min.js
//	             in the repository root or in $(npm root -g)
//	vnu-jar      STRATA_VNU (path to vnu.jar), or node_modules/vnu-jar/build/dist/vnu.jar
//	             in the same places; run with java from PATH
//
// A test whose tool is missing is skipped, unless STRATA_REQUIRE_BROWSER=1, when it
// fails instead (CI sets it).
package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/strata-health/strata/cmd/strata-bench/corpus"
	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/server"
	"github.com/strata-health/strata/internal/site"
)

// requireEnv makes a missing tool a failure instead of a skip.
const requireEnv = "STRATA_REQUIRE_BROWSER"

var (
	// baseURL is the test server, on loopback.
	baseURL string
	// loaded is the embedded site, for the list of pages.
	loaded *site.Site
	// libraryURL serves a generated library (cmd/strata-bench/corpus) large
	// enough for the index pages the embedded content does not have: the
	// glossary split by letter and paginated, related articles, letter
	// navigation; libraryPages are those pages.
	libraryURL   string
	libraryPages []sitePage
)

func TestMain(m *testing.M) {
	s, list := site.Load(content.FS)
	if list.HasErrors() {
		fmt.Fprintln(os.Stderr, "e2e: the embedded content has errors:", list.Err())
		os.Exit(1)
	}
	// The embedded content has no base URL; a deployment gives one
	// (STRATA_BASE_URL), and with it the pages have canonical links, a feed and a
	// URL in "Cite this page".
	s.Config.BaseURL = "https://health.example.org"
	snap, built := render.Build(s, content.FS)
	if built.HasErrors() {
		fmt.Fprintln(os.Stderr, "e2e: rendering the embedded content failed:", built.Err())
		os.Exit(1)
	}
	loaded = s
	// The site, plus the test tools under /_e2e/ (served from the same origin so
	// that the pages' Content-Security-Policy lets them load, and cached, so that
	// the browser compiles axe-core once).
	mux := http.NewServeMux()
	mux.Handle("/", server.New(snap, server.Options{}).Handler())
	mux.HandleFunc("/_e2e/axe.min.js", serveAxe)
	ts := httptest.NewServer(mux)
	baseURL = ts.URL
	lib, err := libraryServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	code := m.Run()
	stopBrowser()
	ts.Close()
	lib.Close()
	os.Exit(code)
}

// libraryServer serves a generated library of 30 articles and 1,400 glossary
// terms, and lists its index pages in libraryPages.
func libraryServer() (*httptest.Server, error) {
	fsys := corpus.New(30, 1400, 1).FS()
	s, list := site.Load(fsys)
	if list.HasErrors() {
		return nil, fmt.Errorf("the generated library has errors: %w", list.Err())
	}
	snap, built := render.Build(s, fsys, render.WithoutSearch())
	if built.HasErrors() {
		return nil, fmt.Errorf("rendering the generated library failed: %w", built.Err())
	}
	mux := http.NewServeMux()
	mux.Handle("/", server.New(snap, server.Options{}).Handler())
	mux.HandleFunc("/_e2e/axe.min.js", serveAxe)
	ts := httptest.NewServer(mux)
	libraryURL = ts.URL
	libraryPages = []sitePage{
		{"library home", ts.URL + "/", 200},
		{"library articles A-Z", ts.URL + "/articles", 200},
		{"library glossary letters", ts.URL + "/glossary", 200},
		{"library topic", ts.URL + render.TopicURL(s.Topics[0].Slug), 200},
		{"library tier with related articles", ts.URL + render.TierURL(s.Articles[0].Slug, "fundamentals"), 200},
	}
	for _, p := range snap.Paths() {
		if strings.HasPrefix(p, "/glossary-a-z/") && strings.HasSuffix(p, "/2") {
			libraryPages = append(libraryPages, sitePage{"library glossary letter, page 2", ts.URL + p, 200})
			break
		}
	}
	if len(libraryPages) != 6 {
		return ts, fmt.Errorf("the generated library has no second page of a glossary letter")
	}
	return ts, nil
}

// missing skips the test for a missing tool, or fails it under STRATA_REQUIRE_BROWSER=1.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("%s (%s=1, so a missing tool is a failure)", msg, requireEnv)
	}
	t.Skipf("%s; set %s=1 to make this a failure", msg, requireEnv)
}

// sitePage is one kind of page the tests visit.
type sitePage struct {
	name, path string
	status     int
}

// pages lists every page type: home, each article whole and at each tier, the
// glossary, one term, search with results and without, and the 404 page.
func pages() []sitePage {
	ps := []sitePage{{"home", "/", 200}}
	for _, a := range loaded.Articles {
		ps = append(ps, sitePage{"article " + a.Slug, render.ArticleURL(a.Slug), 200})
		for _, td := range a.Tiers {
			ps = append(ps, sitePage{"tier " + td.Tier.Key, render.TierURL(a.Slug, td.Tier.Key), 200})
		}
	}
	ps = append(ps, sitePage{"topics", "/topics", 200})
	for _, t := range loaded.Topics[:min(1, len(loaded.Topics))] {
		ps = append(ps, sitePage{"topic", render.TopicURL(t.Slug), 200})
	}
	ps = append(ps, sitePage{"articles A-Z", "/articles", 200})
	ps = append(ps, sitePage{"glossary", "/glossary", 200})
	ps = append(ps, sitePage{"term", render.TermURL(termSlug()), 200})
	ps = append(ps, sitePage{"search", "/search?q=bone+loss", 200})
	ps = append(ps, sitePage{"empty search", "/search?q=zzqqxx", 200})
	ps = append(ps, sitePage{"404", "/no-such-page", 404})
	return append(ps, libraryPages...)
}

// termSlug is the glossary term whose page is checked.
func termSlug() string {
	for _, t := range loaded.Terms {
		if t.Slug == "bone-mineral-density" {
			return t.Slug
		}
	}
	return loaded.Terms[0].Slug
}

// tierPath is the address of the first article's tier key.
func tierPath(t testing.TB, key string) string {
	t.Helper()
	if len(loaded.Articles) == 0 {
		t.Fatal("the embedded content has no article")
	}
	return render.TierURL(loaded.Articles[0].Slug, key)
}

// repoRoot is the module root: two levels above this package.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}

var npmRoot = sync.OnceValue(func() string {
	if _, err := exec.LookPath("npm"); err != nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "npm", "root", "-g").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

// findNodeFile finds an npm package's file from env, the repository's node_modules
// or the global one.
func findNodeFile(env, rel string) (string, []string) {
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		return "", []string{env + "=" + p + " (no such file)"}
	}
	tried := []string{"$" + env + " (unset)"}
	roots := []string{filepath.Join(repoRoot(), "node_modules")}
	if r := npmRoot(); r != "" {
		roots = append(roots, r)
	}
	for _, r := range roots {
		p := filepath.Join(r, rel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		tried = append(tried, p)
	}
	return "", tried
}

// axePath finds axe.min.js, or skips.
func axePath(t testing.TB) string {
	t.Helper()
	p, tried := findNodeFile("STRATA_AXE", filepath.Join("axe-core", "axe.min.js"))
	if p == "" {
		missing(t, "axe-core not found (tried %s); install it with `npm install --no-save axe-core` and set STRATA_AXE", strings.Join(tried, ", "))
	}
	return p
}

// serveAxe serves axe.min.js to the browser at /_e2e/axe.min.js.
func serveAxe(w http.ResponseWriter, r *http.Request) {
	p, _ := findNodeFile("STRATA_AXE", filepath.Join("axe-core", "axe.min.js"))
	if p == "" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600, immutable")
	http.ServeFile(w, r, p)
}

// vnuCommand returns java and vnu.jar, or skips.
func vnuCommand(t testing.TB) (java, jar string) {
	t.Helper()
	jar, tried := findNodeFile("STRATA_VNU", filepath.Join("vnu-jar", "build", "dist", "vnu.jar"))
	if jar == "" {
		missing(t, "vnu.jar not found (tried %s); install it with `npm install --no-save vnu-jar` and set STRATA_VNU", strings.Join(tried, ", "))
	}
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "java not found on PATH; the Nu HTML Checker needs Java 11 or later")
	}
	return java, jar
}

// chromiumPath finds the browser.
func chromiumPath() (string, error) {
	if p := os.Getenv("STRATA_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("STRATA_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH and STRATA_CHROMIUM unset; install it with `apt-get install -y chromium`")
}

// The one browser all tests share; each check opens its own tab.
var (
	browserOnce    sync.Once
	browserCtx     context.Context
	browserErr     error
	browserMissing bool
	browserCancel  = func() {}
)

func startBrowser() {
	exe, err := chromiumPath()
	if err != nil {
		browserErr, browserMissing = err, true
		return
	}
	dir, err := os.MkdirTemp("", "strata-e2e-chromium-")
	if err != nil {
		browserErr = err
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	start, startCancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer startCancel()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err = <-done:
	case <-start.Done():
		err = errors.New("chromium did not start within 60s")
	}
	if err != nil {
		cancel()
		allocCancel()
		_ = os.RemoveAll(dir)
		browserErr = fmt.Errorf("starting %s: %w", exe, err)
		return
	}
	browserCtx = ctx
	browserCancel = func() {
		cancel()
		allocCancel()
		_ = os.RemoveAll(dir)
	}
}

func stopBrowser() { browserCancel() }

// newTab opens a tab in the shared browser; it closes when the test ends or after
// timeout. A missing browser skips the test (or fails it under STRATA_REQUIRE_BROWSER=1).
func newTab(t testing.TB, timeout time.Duration) context.Context {
	t.Helper()
	browserOnce.Do(startBrowser)
	if browserErr != nil {
		if browserMissing {
			missing(t, "%v", browserErr)
		}
		t.Fatalf("browser: %v", browserErr)
	}
	tctx, tcancel := context.WithTimeout(browserCtx, timeout)
	ctx, cancel := chromedp.NewContext(tctx)
	t.Cleanup(func() { cancel(); tcancel() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// viewport sets the width and height of the tab's viewport (a desktop, mouse device).
func viewport(width, height int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, height)
}

// colorScheme emulates prefers-color-scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// scriptsDisabled turns page JavaScript off or on.
func scriptsDisabled(off bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
		return err
	})
}

// siteURL is the address of a path on the test server; a path of the library
// server is given whole, with its scheme and host.
func siteURL(path string) string {
	if strings.HasPrefix(path, "http://") {
		return path
	}
	return baseURL + path
}

// open navigates the tab to a path on the test server.
func open(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(siteURL(path))); err != nil {
		t.Fatalf("navigating to %s: %v", path, err)
	}
}

// eval evaluates a JavaScript expression in the tab, awaiting a promise.
func eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", firstLine(expr), err)
	}
	return v
}

// do runs actions, failing the test on error.
func do(t testing.TB, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// currentPath is the tab's location, less the test server's origin.
func currentPath(t testing.TB, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("reading the location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return loc
	}
	p := u.Path
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// fetch GETs a path from the test server with the given Accept-Encoding ("" for
// identity) and returns the response with its body read.
func fetch(t testing.TB, path, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, siteURL(path), nil)
	if err != nil {
		t.Fatal(err)
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return resp, body
}
