package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/server"
)

// TestMain lets the test binary stand in for the strata command: run with
// STRATA_RUN_MAIN=1 it is the command, so tests can start it as a real process.
func TestMain(m *testing.M) {
	if os.Getenv("STRATA_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// command returns the strata command as a subprocess.
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "STRATA_RUN_MAIN=1")
	return cmd
}

// procLog collects the JSON log lines of a strata process as they arrive, so that
// a test can wait for an event the server logs instead of polling or sleeping.
type procLog struct {
	mu      sync.Mutex
	lines   []string
	changed chan struct{}
}

func (l *procLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
	close(l.changed)
	l.changed = make(chan struct{})
}

func (l *procLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// wait returns the first log line, from the start of the process, whose message
// is msg; it fails the test if none comes within 20 s.
func (l *procLog) wait(t *testing.T, msg string) map[string]any {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for seen := 0; ; {
		l.mu.Lock()
		lines, changed := l.lines, l.changed
		l.mu.Unlock()
		for ; seen < len(lines); seen++ {
			var rec map[string]any
			if json.Unmarshal([]byte(lines[seen]), &rec) == nil && rec["msg"] == msg {
				return rec
			}
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatalf("no %q in the log within 20 s:\n%s", msg, l)
		}
	}
}

// serveProc is a "strata serve" process started by a test.
type serveProc struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:port
	log     *procLog
	scanned chan struct{} // closed once the process's stderr is read to the end
}

// startServe starts "strata serve" with args on a port the system chooses and
// waits until it logs that it serves. The process is killed when the test ends,
// if it is still running.
func startServe(t *testing.T, args ...string) *serveProc {
	t.Helper()
	p := &serveProc{log: &procLog{changed: make(chan struct{})}, scanned: make(chan struct{})}
	p.cmd = command(append([]string{"serve", "-addr", "127.0.0.1:0", "-log-format", "json"}, args...)...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(p.scanned)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			p.log.add(sc.Text())
		}
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			<-p.scanned
			_ = p.cmd.Wait()
		}
	})
	addr, _ := p.log.wait(t, "serving")["addr"].(string)
	p.base = "http://" + addr
	return p
}

// wait waits for the process to exit, its log read to the end, and returns its
// exit code.
func (p *serveProc) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.scanned:
	case <-time.After(60 * time.Second):
		t.Fatalf("the process did not exit within 60 s:\n%s", p.log)
	}
	err := p.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

// TestServeAndDrain starts the real command on the embedded content, checks pages
// and the health check, then sends SIGTERM: readiness fails at once, pages are
// still served during the drain delay, and the process exits 0.
func TestServeAndDrain(t *testing.T) {
	p := startServe(t, "-drain", "1500ms", "-metrics-addr", "127.0.0.1:0")
	base := p.base
	metricsAddr, _ := p.log.wait(t, "metrics")["addr"].(string)

	resp, err := http.Get(base + "/articles/bone-preservation-aromatase-inhibition/fundamentals")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("tier page: %v %v", resp, err)
	}
	resp.Body.Close()

	// Metrics on their own listener only.
	if resp, err := http.Get(base + "/metrics"); err != nil || resp.StatusCode != 404 {
		t.Errorf("/metrics on the public port: %v %v, want 404", resp, err)
	} else {
		resp.Body.Close()
	}
	if resp, err := http.Get("http://" + metricsAddr + "/metrics"); err != nil || resp.StatusCode != 200 {
		t.Errorf("/metrics on -metrics-addr: %v %v", resp, err)
	} else {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Contains(b, []byte("\ngo_goroutines ")) {
			t.Error("the metrics lack go_goroutines")
		}
	}

	hc := command("healthcheck", "-url", base+"/healthz")
	if out, err := hc.CombinedOutput(); err != nil {
		t.Fatalf("healthcheck failed: %v\n%s", err, out)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Readiness fails before "draining" is logged; the 1.5 s drain leaves time
	// to see it, and to see pages still served.
	p.log.wait(t, "draining")
	if resp, err := http.Get(base + "/readyz"); err != nil || resp.StatusCode != 503 {
		t.Fatalf("readyz while draining: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("pages not served while draining: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit %d after SIGTERM:\n%s", code, p.log)
	}
	p.log.wait(t, "stopped")
	for line := range strings.Lines(p.log.String()) {
		if !json.Valid([]byte(line)) {
			t.Errorf("not a JSON log line: %q", line)
		}
	}
}

// TestHealthcheckFails checks that healthcheck exits non-zero when nothing answers.
func TestHealthcheckFails(t *testing.T) {
	// A port that was just free: nothing listens there (another process could
	// take it meanwhile, which would only make this test pass for a wrong reason
	// in that unlikely case, never fail it).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := command("healthcheck", "-url", "http://"+addr+"/healthz", "-timeout", "1s")
	if err := cmd.Run(); err == nil {
		t.Fatal("healthcheck succeeded with no server")
	}
}

// TestServeRefusesBrokenContent checks that content errors stop the start with
// every error named by file and line.
func TestServeRefusesBrokenContent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "articles/hand-washing/fundamentals.md")
	src, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(src, []byte("[@smith2020]"), []byte("[@nobody]"), 1), 0o644)
	g := filepath.Join(dir, "glossary/germ.md")
	src, _ = os.ReadFile(g)
	os.WriteFile(g, bytes.Replace(src, []byte("related: [hand-hygiene]"), []byte("related: [hand-hygeine]"), 1), 0o644)

	cmd := command("serve", "-addr", "127.0.0.1:0", "-content", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit = %v, want 1", err)
	}
	for _, want := range []string{
		`articles/hand-washing/fundamentals.md:4:`,
		`unknown citation key "nobody"`,
		`glossary/germ.md:5:11: error: related term "hand-hygeine" does not exist (did you mean "hand-hygiene"?)`,
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestUnknownCommand checks the usage error.
func TestUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"frobnicate"}, io.Discard, &out); code != 2 || !strings.Contains(out.String(), "Usage") {
		t.Errorf("code %d, output %q", code, out.String())
	}
}

// TestExportMatchesServed builds the static export and checks, over HTTP, that the
// bytes on disk equal what the server sends for every URL in every encoding.
func TestExportMatchesServed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-out", out, "-content", "../../internal/testdata/small-site"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr.String())
	}
	p := startServe(t, "-content", "../../internal/testdata/small-site", "-drain", "0s")
	base := p.base
	// Search is ready last, after the compressed variants.
	p.log.wait(t, "search ready")

	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path, encoding string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	sitemap, _ := get("/sitemap.xml", "")
	if sitemap.StatusCode != 200 {
		t.Fatalf("sitemap: %d", sitemap.StatusCode)
	}
	checked := 0
	err := filepath.WalkDir(out, func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(file, out))
		encoding := ""
		switch {
		case strings.HasSuffix(rel, ".gz"):
			rel, encoding = strings.TrimSuffix(rel, ".gz"), "gzip"
		case strings.HasSuffix(rel, ".br"):
			rel, encoding = strings.TrimSuffix(rel, ".br"), "br"
		}
		if rel == "/_redirects" || rel == "/_headers" || rel == "/"+render.ExportMarker || rel == "/search.html" {
			return nil // the host's files, the export's marker, and the static stand-in for the server's search page
		}
		urlPath := strings.TrimSuffix(rel, ".html")
		if urlPath == "/index" {
			urlPath = "/"
		}
		if urlPath == "/404" {
			urlPath = "/no-such-page"
		}
		onDisk, _ := os.ReadFile(file)
		resp, served := get(urlPath, encoding)
		if resp.Header.Get("Content-Encoding") != encoding {
			t.Errorf("%s: served with encoding %q, file is %q", urlPath, resp.Header.Get("Content-Encoding"), encoding)
		}
		if !bytes.Equal(onDisk, served) {
			t.Errorf("%s (%s): %d bytes on disk differ from %d served", urlPath, encoding, len(onDisk), len(served))
		}
		checked++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 30 {
		t.Errorf("only %d files checked", checked)
	}
	if fallback, err := os.ReadFile(filepath.Join(out, "search.html")); err != nil || !bytes.Contains(fallback, []byte(`href="/glossary"`)) {
		t.Errorf("the export's search page does not point to the glossary (%v)", err)
	}
	// _headers asks the host for the headers the server sends with every page.
	headersFile, _ := os.ReadFile(filepath.Join(out, "_headers"))
	page, _ := get("/glossary", "")
	all, _, _ := strings.Cut(strings.TrimPrefix(string(headersFile), "/*\n"), "\n/")
	n := 0
	for line := range strings.Lines(all) {
		name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if !ok {
			t.Fatalf("_headers: bad line %q", line)
		}
		if got := page.Header.Get(name); got != value {
			t.Errorf("_headers sets %s: %q; the server sends %q", name, value, got)
		}
		n++
	}
	if n < 8 {
		t.Errorf("_headers has %d headers for every page:\n%s", n, headersFile)
	}
	redirects, _ := os.ReadFile(filepath.Join(out, "_redirects"))
	if !strings.Contains(string(redirects), "/glossary/microbe /glossary/germ 301\n") {
		t.Errorf("_redirects lacks the alias: %q", redirects)
	}
}

// TestCheck runs strata check on the fixture: warnings only exit 0, -strict makes
// them fail, and an error exits 1 with its file:line.
func TestCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run([]string{"check", dir}, &out, io.Discard); code != 0 {
		t.Fatalf("check exit %d:\n%s", code, out.String())
	}
	for _, want := range []string{
		filepath.Join(dir, "articles/hand-washing/references.yaml") + `:35:3: warning: reference "park2021" is never cited`,
		filepath.Join(dir, "articles/hand-washing/index.md") + ":4:11: warning: review is past due",
		"1 articles, 4 glossary terms: 0 errors, 2 warnings",
		// The trust summary: review, references not independently verified, editor's notes per page.
		"hand-washing  reviewed 2026-01-15  5           5           0          fundamentals 0, intermediate 0, academic 0",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if code := run([]string{"check", "-strict", dir}, io.Discard, io.Discard); code != 1 {
		t.Errorf("check -strict with warnings: exit %d, want 1", code)
	}
	f := filepath.Join(dir, "glossary/germ.md")
	src, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(src, []byte("term: Germ"), []byte("trem: Germ"), 1), 0o644)
	out.Reset()
	if code := run([]string{"check", dir}, &out, io.Discard); code != 1 {
		t.Errorf("check with an error: exit %d, want 1", code)
	}
	if want := filepath.Join(dir, "glossary/germ.md") + `:2:1: error: unknown key "trem" (did you mean "term"?)`; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}

// TestNewPassesCheck scaffolds an article and a term; check then passes with
// warnings only, and new refuses to overwrite.
func TestNewPassesCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"new", "-content", dir, "article", "bone-health"}, {"new", "-content", dir, "term", "osteoclast"}} {
		var stderr bytes.Buffer
		if code := run(args, io.Discard, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
	}
	var out bytes.Buffer
	if code := run([]string{"check", dir}, &out, io.Discard); code != 0 {
		t.Fatalf("check after new: exit %d:\n%s", code, out.String())
	}
	if !strings.Contains(out.String(), "2 articles, 5 glossary terms: 0 errors") {
		t.Errorf("unexpected summary:\n%s", out.String())
	}
	if code := run([]string{"new", "-content", dir, "term", "osteoclast"}, io.Discard, io.Discard); code != 1 {
		t.Errorf("new over an existing term: exit %d, want 1", code)
	}
	if code := run([]string{"new", "-content", dir, "term", "Bad Slug"}, io.Discard, io.Discard); code != 2 {
		t.Errorf("new with a bad slug: exit %d, want 2", code)
	}
}

// TestWatch runs the live preview over HTTP: an edit is served within a second or
// so and announced on the event stream; a broken edit keeps the last good site and
// reports the error with its file:line; fixing it clears the report.
func TestWatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	p := startServe(t, "-watch", "-content", dir, "-drain", "0s")
	base := p.base
	pageURL := base + "/articles/hand-washing/fundamentals"
	body := func() string {
		resp, err := http.Get(pageURL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("page status %d", resp.StatusCode)
		}
		return string(b)
	}
	if !strings.Contains(body(), `<script src="/_strata/reload.js" defer>`) {
		t.Fatal("preview pages lack the reload script")
	}

	// Read the event stream in the background.
	resp, err := http.Get(base + "/_strata/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
		close(events)
	}()
	waitEvent := func(match func(string) bool, what string) {
		t.Helper()
		timeout := time.After(5 * time.Second)
		for {
			select {
			case e, ok := <-events:
				if !ok {
					t.Fatalf("event stream closed while waiting for %s", what)
				}
				if match(e) {
					return
				}
			case <-timeout:
				t.Fatalf("no event: %s", what)
			}
		}
	}
	// The stream opens with the served version and its (empty) problem list;
	// a background completion of the same build announces the same version again.
	var first string
	waitEvent(func(e string) bool { first = e; return true }, "the first version")
	if strings.HasPrefix(first, "[") {
		t.Fatalf("the stream opens with %q, want a version", first)
	}
	waitEvent(func(e string) bool { return e == "[]" }, "initial problems")

	edit := func(from, to string) {
		f := filepath.Join(dir, "articles/hand-washing/fundamentals.md")
		src, _ := os.ReadFile(f)
		if !bytes.Contains(src, []byte(from)) {
			t.Fatalf("fixture lacks %q", from)
		}
		os.WriteFile(f, bytes.Replace(src, []byte(from), []byte(to), 1), 0o644)
	}
	start := time.Now()
	edit("live on hands.", "live on every hand.")
	// The swap to the new build is announced with its new version.
	waitEvent(func(e string) bool { return !strings.HasPrefix(e, "[") && e != first }, "the new version")
	if !strings.Contains(body(), "live on every hand.") {
		t.Fatal("the edit was not served after the rebuild")
	}
	t.Logf("edit served after %s", time.Since(start).Round(time.Millisecond))

	edit("[@smith2020]", "[@nobody]")
	waitEvent(func(e string) bool {
		return strings.Contains(e, `fundamentals.md:4:`) && strings.Contains(e, `unknown citation key \"nobody\"`)
	}, "the error report")
	if b := body(); !strings.Contains(b, "live on every hand.") || !strings.Contains(b, `href="#ref-1"`) {
		t.Error("the last good version is not served while the content is broken")
	}

	edit("[@nobody]", "[@smith2020]")
	waitEvent(func(e string) bool { return e == "[]" }, "the report to clear")

	// Ctrl-C with the page's event stream still open: the stream ends and the
	// process exits 0 at once, not after the shutdown timeout.
	start = time.Now()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	stopped := make(chan int, 1)
	go func() { stopped <- p.wait(t) }()
	select {
	case code := <-stopped:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C", code)
		}
		t.Logf("stopped %s after Ctrl-C", time.Since(start).Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		t.Fatal("still running 5 s after Ctrl-C with an event stream open")
	}
}

// TestWatchListensLocally checks that the live preview, given no address,
// listens on 127.0.0.1 only: the log names the address it serves on (or, when
// another program holds the port, the one it could not listen on).
func TestWatchListensLocally(t *testing.T) {
	cmd := command("serve", "-watch", "-content", "../../internal/testdata/small-site")
	cmd.Env = append(cmd.Env, "STRATA_ADDR=", "PORT=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, `"msg":"serving"`) || strings.Contains(line, "listen tcp") {
			if !strings.Contains(line, "127.0.0.1:8080") {
				t.Errorf("the preview listens elsewhere: %s", line)
			}
			return
		}
	}
	t.Fatal("the preview neither served nor failed to listen")
}

// TestShutdownUnderLoad sends SIGTERM in the middle of a load run, with a load
// balancer's behaviour: it keeps sending until it sees /readyz fail, then stops
// sending new requests. No request may fail.
func TestShutdownUnderLoad(t *testing.T) {
	p := startServe(t, "-drain", "1s", "-content", "../../internal/testdata/small-site")
	base := p.base

	var draining atomic.Bool
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
	loaded := make(chan struct{}) // closed once the clients have 100 answers
	var loadedOnce sync.Once
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !draining.Load() {
				resp, err := client.Get(base + "/articles/hand-washing/fundamentals")
				if err != nil {
					failed.Add(1)
					t.Errorf("request failed: %v", err)
					return
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
					t.Errorf("bad response: %v %d", err, resp.StatusCode)
					return
				}
				if ok.Add(1) == 100 {
					loadedOnce.Do(func() { close(loaded) })
				}
			}
		}()
	}
	<-loaded
	before := ok.Load()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The load balancer sees readiness fail (it does before "draining" is
	// logged) and stops routing new requests.
	p.log.wait(t, "draining")
	resp, err := client.Get(base + "/readyz")
	if err != nil {
		t.Fatalf("readyz: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz while draining: %d", resp.StatusCode)
	}
	draining.Store(true)
	wg.Wait()
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit %d:\n%s", code, p.log)
	}
	t.Logf("%d requests before SIGTERM, %d in all, %d failed", before, ok.Load(), failed.Load())
	if failed.Load() != 0 || ok.Load() <= before {
		t.Errorf("%d failed; %d served after SIGTERM", failed.Load(), ok.Load()-before)
	}
}

// TestBuildWithoutCompression checks that -compress=false leaves out the pages'
// .gz and .br siblings and keeps those of the stylesheet, which caches keep for a
// year.
func TestBuildWithoutCompression(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-compress=false", "-out", out, "-content", "../../internal/testdata/small-site"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "articles", "hand-washing", "academic.html")); err != nil {
		t.Fatal(err)
	}
	var pageSiblings, cssSiblings, sheets int
	_ = filepath.WalkDir(out, func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasSuffix(file, ".html.gz"), strings.HasSuffix(file, ".html.br"):
			pageSiblings++
		case strings.HasSuffix(file, ".css.gz"), strings.HasSuffix(file, ".css.br"):
			cssSiblings++
		case strings.HasSuffix(file, ".css"):
			sheets++ // the site's and the code-highlighting one
		}
		return nil
	})
	if pageSiblings != 0 || sheets != 2 || cssSiblings != 2*sheets {
		t.Errorf("%d compressed pages (want 0) and %d compressed copies of %d stylesheets (want 2 each of 2)", pageSiblings, cssSiblings, sheets)
	}
}

// TestCheckExplain lowers a tier's target on the fixture so that sentences go
// above it: -explain lists them as file:line:col warnings, worst first, each
// pointing at its sentence; without -explain they are not listed.
func TestCheckExplain(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "site.yaml")
	src, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(src, []byte("max_grade: 11"), []byte("max_grade: 3"), 1), 0o644)
	var plain bytes.Buffer
	run([]string{"check", dir}, &plain, io.Discard)
	if strings.Contains(plain.String(), "(target 3)") {
		t.Errorf("without -explain, check lists sentences:\n%s", plain.String())
	}
	if !strings.Contains(plain.String(), "original FK grade") {
		t.Errorf("the reading-level table has no original-wording column:\n%s", plain.String())
	}
	var out bytes.Buffer
	run([]string{"check", "-explain", dir}, &out, io.Discard)
	lineRE := regexp.MustCompile(`^(.+):(\d+):(\d+): warning: grade (\d+\.\d) \(target 3\): "(.+)"$`)
	var grades []float64
	for line := range strings.Lines(out.String()) {
		m := lineRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		g, _ := strconv.ParseFloat(m[4], 64)
		grades = append(grades, g)
		if g <= 3 {
			t.Errorf("listed at or below its target: %s", line)
		}
		// The place given is where the sentence starts in its file.
		data, err := os.ReadFile(m[1])
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		lines := strings.Split(string(data), "\n")
		sentence := strings.TrimSuffix(m[5], "…")
		first := strings.Fields(sentence)[0]
		if ln > len(lines) || col > len(lines[ln-1])+1 || !strings.HasPrefix(lines[ln-1][col-1:], first) {
			t.Errorf("%s:%d:%d does not start with %q", m[1], ln, col, first)
		}
	}
	if len(grades) < 2 {
		t.Fatalf("check -explain listed %d sentences above grade 3:\n%s", len(grades), out.String())
	}
	if !slices.IsSortedFunc(grades, func(a, b float64) int { return cmp.Compare(b, a) }) {
		t.Errorf("not worst first: %v", grades)
	}
}

// flakyListener fails its first Accept with a temporary error, as accept does when
// the process is out of file descriptors.
type flakyListener struct {
	net.Listener
	failed atomic.Bool
}

type tempErr struct{}

func (tempErr) Error() string   { return "accept4: too many open files" }
func (tempErr) Timeout() bool   { return false }
func (tempErr) Temporary() bool { return true }

func (l *flakyListener) Accept() (net.Conn, error) {
	if !l.failed.Swap(true) {
		return nil, tempErr{}
	}
	return l.Listener.Accept()
}

// TestServerErrorLog checks that net/http's own errors (here a failed accept) are
// JSON log lines like the rest, not plain text among them.
func TestServerErrorLog(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	hs := server.NewHTTPServer(http.NotFoundHandler(), logger)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(&flakyListener{Listener: ln})
	defer hs.Close()
	resp, err := http.Get("http://" + ln.Addr().String() + "/") // served once accept is retried
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	var rec struct{ Level, Msg string }
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil || rec.Level != "ERROR" || !strings.Contains(rec.Msg, "Accept error: accept4: too many open files") {
		t.Errorf("accept error logged as %q (%v)", logs.String(), err)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
