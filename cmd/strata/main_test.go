package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
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

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// waitFor polls url until it answers 200 or the deadline passes.
func waitFor(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not answer in time", url)
}

// TestServeAndDrain starts the real command on the embedded content, checks pages
// and the health check, then sends SIGTERM: readiness fails at once, pages are
// still served during the drain delay, and the process exits 0.
func TestServeAndDrain(t *testing.T) {
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	cmd := command("serve", "-addr", addr, "-drain", "1500ms", "-metrics-addr", metricsAddr)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	waitFor(t, base+"/healthz")

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

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 503 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("readyz did not fail after SIGTERM")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("pages not served while draining: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("log lacks the stop line:\n%s", stderr.String())
	}
	for line := range strings.Lines(stderr.String()) {
		if !json.Valid([]byte(line)) {
			t.Errorf("not a JSON log line: %q", line)
		}
	}
}

// TestHealthcheckFails checks that healthcheck exits non-zero when nothing answers.
func TestHealthcheckFails(t *testing.T) {
	cmd := command("healthcheck", "-url", "http://"+freeAddr(t)+"/healthz", "-timeout", "1s")
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

	cmd := command("serve", "-addr", freeAddr(t), "-content", dir)
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
	addr := freeAddr(t)
	cmd := command("serve", "-addr", addr, "-content", "../../internal/testdata/small-site", "-drain", "0s")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	base := "http://" + addr
	// Search is ready last, after the compressed variants.
	waitFor(t, base+"/search?q=hands")

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
		if rel == "/_redirects" || rel == "/search.html" {
			return nil // the redirects file, and the static stand-in for the server's search page
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
	addr := freeAddr(t)
	cmd := command("serve", "-watch", "-content", dir, "-addr", addr, "-drain", "0s")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	waitFor(t, base+"/healthz")
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
	for !strings.Contains(body(), "live on every hand.") {
		if time.Since(start) > 5*time.Second {
			t.Fatal("the edit was not served")
		}
		time.Sleep(50 * time.Millisecond)
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
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	start = time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after Ctrl-C: %v", err)
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
	addr := freeAddr(t)
	cmd := command("serve", "-addr", addr, "-drain", "1s", "-content", "../../internal/testdata/small-site")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := "http://" + addr
	waitFor(t, base+"/healthz")

	var draining atomic.Bool
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 5 * time.Second}
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
				ok.Add(1)
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	before := ok.Load()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The load balancer polls readiness and stops routing once it fails.
	for !draining.Load() {
		resp, err := client.Get(base + "/readyz")
		if err != nil {
			t.Fatalf("readyz: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			draining.Store(true)
		}
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit: %v", err)
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
	var pageSiblings, cssSiblings int
	_ = filepath.WalkDir(out, func(file string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch {
		case strings.HasSuffix(file, ".html.gz"), strings.HasSuffix(file, ".html.br"):
			pageSiblings++
		case strings.HasSuffix(file, ".css.gz"), strings.HasSuffix(file, ".css.br"):
			cssSiblings++
		}
		return nil
	})
	if pageSiblings != 0 || cssSiblings != 2 {
		t.Errorf("%d compressed pages (want 0) and %d compressed stylesheets (want 2)", pageSiblings, cssSiblings)
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
	hs := newHTTPServer(http.NotFoundHandler(), logger)
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
