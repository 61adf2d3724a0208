// Command strata serves tiered health articles.
//
//	strata [serve] [-addr :8080] [-content DIR]   serve the site (the embedded content by default)
//	strata build -out DIR [-content DIR]          write the site to DIR as static files
//	strata check [-strict] [-explain] [DIR]       validate content, print every problem
//	strata new [-content DIR] article|term SLUG   write skeleton content files
//	strata healthcheck [-url URL]                 exit 0 when the server answers /healthz
//	strata version                                print the version
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/contentfs"
	"github.com/strata-health/strata/internal/logbuf"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/safeurl"
	"github.com/strata-health/strata/internal/server"
	"github.com/strata-health/strata/internal/watch"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args, stderr)
	case "healthcheck":
		return healthcheck(args, stderr)
	case "build":
		return build(args, stdout, stderr)
	case "check":
		return check(args, stdout, stderr)
	case "new":
		return newContent(args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, version)
		return 0
	case "help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "strata: unknown command %q\n\n%s\n", cmd, usage)
	return 2
}

const usage = `Usage:
  strata [serve] [flags]      serve the site (strata serve -h lists the flags)
  strata build -out DIR       write the site as static files (with .gz and .br siblings)
  strata check [-strict] [-explain] [DIR]
                              validate content and print every problem as file:line:col
  strata new article|term SLUG  write skeleton files for a new article or glossary term
  strata healthcheck [flags]  exit 0 when the server answers (for container health checks)
  strata version              print the version`

// env returns the value of an environment variable, or def.
func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// defaultAddr is $STRATA_ADDR, else :$PORT, else :8080.
func defaultAddr() string {
	if a := os.Getenv("STRATA_ADDR"); a != "" {
		return a
	}
	if p := os.Getenv("PORT"); p != "" {
		return ":" + p
	}
	return ":8080"
}

func serve(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", defaultAddr(), "listen address (env STRATA_ADDR, or PORT)")
	dir := fl.String("content", env("STRATA_CONTENT", ""), "content folder to serve instead of the embedded content (env STRATA_CONTENT)")
	drain := fl.Duration("drain", envDuration("STRATA_DRAIN", 5*time.Second), "on SIGTERM, how long to keep serving while /readyz fails, before shutting down (env STRATA_DRAIN)")
	hsts := fl.Bool("hsts", env("STRATA_HSTS", "true") == "true", "send Strict-Transport-Security (env STRATA_HSTS)")
	watchContent := fl.Bool("watch", false, "live preview: rebuild when files under -content change and reload open pages (development only)")
	logFormat := fl.String("log-format", env("STRATA_LOG_FORMAT", defaultLogFormat()), "access and event log format: json or text (env STRATA_LOG_FORMAT; default text on a terminal, json otherwise)")
	metricsAddr := fl.String("metrics-addr", env("STRATA_METRICS_ADDR", ""), "serve Prometheus metrics at /metrics on this address, e.g. 127.0.0.1:9090 (env STRATA_METRICS_ADDR; off when empty)")
	maxConns := fl.Int("max-conns", envInt("STRATA_MAX_CONNS", server.DefaultMaxConns()), "most connections held open; idle ones are closed from 3/4 of it on (env STRATA_MAX_CONNS; default from the open-file limit)")
	baseURL := baseURLFlag(fl)
	if !parseFlags(fl, args, baseURL) {
		return 2
	}
	if *maxConns < 1 {
		fmt.Fprintln(stderr, "strata: -max-conns must be at least 1")
		return 2
	}
	if *watchContent { // a preview for the author: this machine only, and no drain
		set := map[string]bool{}
		fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["addr"] && os.Getenv("STRATA_ADDR") == "" && os.Getenv("PORT") == "" {
			*addr = "127.0.0.1:8080"
		}
		if !set["drain"] && os.Getenv("STRATA_DRAIN") == "" {
			*drain = 0
		}
	}
	// One access-log line per request: buffered, so that a busy server does not
	// make a system call for each; a line waits at most 100 ms.
	logOut := logbuf.New(stderr, 64<<10, 100*time.Millisecond)
	defer logOut.Close()
	var logger *slog.Logger
	switch *logFormat {
	case "json":
		logger = server.JSONLogger(logOut)
	case "text":
		logger = slog.New(slog.NewTextHandler(logOut, nil))
	default:
		fmt.Fprintf(stderr, "strata: -log-format must be json or text, not %q\n", *logFormat)
		return 2
	}

	if *watchContent && *dir == "" {
		fmt.Fprintln(stderr, "strata: -watch needs -content DIR (the embedded content cannot change)")
		return 2
	}
	// The server is ready once the pages are rendered; their compressed variants
	// and the search index follow in the background (see complete).
	buildOpts := []render.Option{render.WithoutCompression(), render.WithoutSearch()}
	if *watchContent {
		buildOpts = append(buildOpts, render.WithLiveReload())
	}
	snap, base, took, err := load(*dir, *baseURL, buildOpts...)
	if err != nil {
		fmt.Fprintf(stderr, "strata: the content has errors:\n%v\n", err)
		return 1
	}
	switch {
	case base == "":
		logger.Warn("no base URL: pages have no canonical link, and there is no sitemap or feed; set -base-url or STRATA_BASE_URL to the address readers use")
	case safeurl.IsLocal(base):
		logger.Warn("the base URL is a local address: canonical links, the sitemap and the feed point at it", "base_url", base)
	}
	logger.Info("site built", "version", version, "content", snap.Version(), "resources", snap.Len(),
		"bytes", snap.Size(), "duration", took.Round(time.Millisecond))

	srv := server.New(snap, server.Options{HSTS: *hsts, Logger: logger, LiveReload: *watchContent})
	srv.RecordBuild(took)
	httpServer := server.NewHTTPServer(srv.Handler(), logger)
	httpServer.RegisterOnShutdown(srv.CloseStreams)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		_ = logOut.Flush()
		fmt.Fprintf(stderr, "strata: %v\n", err)
		return 1
	}
	ln = server.LimitConnections(ln, httpServer, *maxConns)
	logger.Info("serving", "addr", ln.Addr().String(), "url", "http://"+displayAddr(ln.Addr().String()), "max_conns", *maxConns)
	metricsServer := &http.Server{Handler: srv.MetricsHandler(), ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout: 30 * time.Second, ErrorLog: httpServer.ErrorLog}
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			_ = logOut.Flush()
			fmt.Fprintf(stderr, "strata: metrics: %v\n", err)
			return 1
		}
		logger.Info("metrics", "addr", mln.Addr().String())
		go func() { _ = metricsServer.Serve(mln) }()
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if *watchContent {
		go watch.Poll(ctx, *dir, 250*time.Millisecond, func() {
			snap, _, took, err := load(*dir, *baseURL, buildOpts...)
			if err != nil {
				var problems []string
				for line := range strings.Lines(err.Error()) {
					problems = append(problems, strings.TrimSpace(line))
				}
				logger.Error("content has errors; still serving the last good version", "problems", problems)
				srv.ReportProblems(problems)
				return
			}
			srv.Swap(snap)
			srv.RecordBuild(took)
			logger.Info("site rebuilt", "content", snap.Version(), "duration", took.Round(time.Millisecond))
			srv.Complete(snap, false, logger)
		})
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	go srv.Complete(snap, !*watchContent, logger)
	select {
	case err := <-errc:
		_ = logOut.Flush()
		fmt.Fprintf(stderr, "strata: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	// Fail readiness at once, keep serving while the load balancer notices, then
	// let in-flight requests finish.
	srv.SetReady(false)
	logger.Info("draining", "delay", *drain)
	time.Sleep(*drain)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = metricsServer.Close()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		_ = logOut.Flush()
		fmt.Fprintf(stderr, "strata: shutdown: %v\n", err)
		return 1
	}
	logger.Info("stopped")
	return 0
}

// openContent opens the folder dir as content (see package contentfs), or the
// embedded content when dir is empty. Call done when finished reading.
func openContent(dir string) (fsys fs.FS, done func(), err error) {
	if dir == "" {
		return content.FS, func() {}, nil
	}
	cfs, err := contentfs.Dir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("content folder: %w", err)
	}
	return cfs, func() { cfs.Close() }, nil
}

// baseURLFlag defines -base-url, which overrides site.yaml's base_url.
func baseURLFlag(fl *flag.FlagSet) *string {
	return fl.String("base-url", env("STRATA_BASE_URL", ""), "the address readers use, such as https://health.example.org, for canonical links, the sitemap and the feed; overrides site.yaml's base_url (env STRATA_BASE_URL)")
}

// parseFlags parses a command's flags and checks its -base-url (empty means
// site.yaml's); false means the command stops with exit code 2, the problem
// printed.
func parseFlags(fl *flag.FlagSet, args []string, baseURL *string) bool {
	if err := fl.Parse(args); err != nil {
		return false
	}
	if *baseURL != "" {
		if _, err := safeurl.Base(*baseURL); err != nil {
			fmt.Fprintf(fl.Output(), "strata: %v\n", err)
			return false
		}
	}
	return true
}

// defaultLogFormat is text for a person at a terminal and JSON for log collectors.
func defaultLogFormat() string {
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		return "text"
	}
	return "json"
}

func build(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", "dist", "folder to write the site to (made if missing)")
	dir := fl.String("content", env("STRATA_CONTENT", ""), "content folder instead of the embedded content (env STRATA_CONTENT)")
	compress := fl.Bool("compress", true, "write .gz and .br siblings of every page (for nginx gzip_static and brotli_static); false for hosts that compress by themselves")
	baseURL := baseURLFlag(fl)
	if !parseFlags(fl, args, baseURL) {
		return 2
	}
	var protect []string
	if *dir != "" {
		protect = append(protect, *dir)
	}
	if err := render.CheckExportDir(*out, protect...); err != nil { // before the work of a build
		fmt.Fprintf(stderr, "strata: %v\n", err)
		return 1
	}
	opts := []render.Option{render.WithoutSearch()}
	if !*compress {
		opts = append(opts, render.WithoutCompression())
	}
	snap, base, took, err := load(*dir, *baseURL, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "strata: the content has errors:\n%v\n", err)
		return 1
	}
	if base == "" || safeurl.IsLocal(base) {
		fmt.Fprintf(stderr, "strata: warning: the base URL is %q: canonical links, the sitemap and the feed need the address readers use (-base-url or STRATA_BASE_URL)\n", base)
	}
	if err := snap.Export(*out, protect...); err != nil {
		fmt.Fprintf(stderr, "strata: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d URLs to %s in %s\n", snap.Len(), *out, took.Round(time.Millisecond))
	return 0
}

// load reads and renders the content folder dir (the embedded content when
// empty), with baseURL overriding site.yaml's when set. It returns the snapshot,
// the base URL in force and how long the build took, or the content's errors.
func load(dir, baseURL string, opts ...render.Option) (snap *render.Snapshot, base string, took time.Duration, err error) {
	fsys, done, err := openContent(dir)
	if err != nil {
		return nil, "", 0, err
	}
	defer done()
	if baseURL != "" {
		baseURL, _ = safeurl.Base(baseURL) // checked by parseFlags
	}
	s, snap, rep := render.Load(fsys, baseURL, opts...)
	if err := rep.Err(); err != nil {
		return nil, "", 0, err
	}
	return snap, s.Config.BaseURL, rep.BuildTime, nil
}

func envDuration(name string, def time.Duration) time.Duration {
	if v := os.Getenv(name); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			return d
		}
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func healthcheck(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := defaultAddr()
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	url := fl.String("url", "http://"+addr+"/healthz", "address to check")
	timeout := fl.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	client := &http.Client{Timeout: *timeout}
	resp, err := client.Get(*url)
	if err != nil {
		fmt.Fprintf(stderr, "strata healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "strata healthcheck: %s answered %s\n", *url, resp.Status)
		return 1
	}
	return 0
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		return "localhost:" + port
	}
	return addr
}
