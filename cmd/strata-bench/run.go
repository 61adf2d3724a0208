package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/strata-health/strata/cmd/strata-bench/corpus"
)

type runConfig struct {
	quick            bool
	work             string
	sizes            []int
	terms            int
	seed             uint64
	repeat, rounds   int
	serveN           int
	conns            int
	duration, warmup time.Duration
	loadgen          string
	tier             string
	parts            map[string]bool
	strataBin        string
}

func runCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(stderr)
	quick := fl.Bool("quick", false, "smaller and shorter: sizes 100,300,1000, one repeat, 3 s load tests")
	work := fl.String("work", filepath.Join(os.TempDir(), "strata-bench"), "working folder: binaries, corpora, exports, logs (corpora are kept and reused)")
	sizes := fl.String("sizes", "", "article counts for start-up and memory (default 100,1000,5000; -quick 100,300,1000)")
	terms := fl.Int("terms", 300, "glossary terms in every corpus")
	seed := fl.Uint64("seed", 1, "corpus seed")
	repeat := fl.Int("repeat", 0, "runs per start-up and build measurement, the median reported (default 3; -quick 1)")
	rounds := fl.Int("rounds", 0, "rounds of load tests (every server and coding in turn), the median reported (default 3; -quick 1)")
	serveN := fl.Int("serve-n", 1000, "articles in the corpus served in the load tests and built against Hugo")
	conns := fl.Int("c", 50, "connections in the load tests")
	duration := fl.Duration("d", 0, "measured time per load test (default 10s; -quick 3s)")
	warmup := fl.Duration("warmup", 0, "unmeasured load before each test (default 5s; -quick 2s): long enough for a server that has just built its pages to reach its steady heap")
	loadgen := fl.String("loadgen", "auto", "load generator: go (built in), wrk, or auto (wrk when installed)")
	tier := fl.String("tier", "intermediate", "the tier page requested in the load tests")
	parts := fl.String("parts", "startup,serve,build,allocs", "what to measure")
	strataBin := fl.String("strata", "", "a strata binary to measure (default: go build ./cmd/strata from this repository), e.g. an older version to compare")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	cfg := runConfig{quick: *quick, work: *work, terms: *terms, seed: *seed, repeat: *repeat, serveN: *serveN,
		conns: *conns, duration: *duration, warmup: *warmup, loadgen: *loadgen, tier: *tier, parts: map[string]bool{}, strataBin: *strataBin}
	sizeList := *sizes
	if sizeList == "" {
		sizeList = "100,1000,5000"
		if cfg.quick {
			sizeList = "100,300,1000"
		}
	}
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "strata-bench run: bad size %q\n", s)
			return 2
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	slices.Sort(cfg.sizes)
	defaults := func(d *time.Duration, full, quick time.Duration) {
		if *d == 0 {
			*d = full
			if cfg.quick {
				*d = quick
			}
		}
	}
	defaults(&cfg.duration, 10*time.Second, 3*time.Second)
	defaults(&cfg.warmup, 5*time.Second, 2*time.Second)
	if cfg.repeat == 0 {
		cfg.repeat = 3
		if cfg.quick {
			cfg.repeat = 1
		}
	}
	cfg.rounds = *rounds
	if cfg.rounds == 0 {
		cfg.rounds = 3
		if cfg.quick {
			cfg.rounds = 1
		}
	}
	for _, p := range strings.Split(*parts, ",") {
		cfg.parts[strings.TrimSpace(p)] = true
	}
	r := &runner{cfg: cfg, log: stderr}
	if err := r.run(); err != nil {
		fmt.Fprintf(stderr, "strata-bench run: %v\n", err)
		if r.report != nil {
			fmt.Fprintln(stdout, r.report.String())
		}
		return 1
	}
	fmt.Fprintln(stdout, r.report.String())
	return 0
}

type runner struct {
	cfg    runConfig
	log    io.Writer
	strata string // the strata binary
	self   string // this binary, for the fair ceiling
	report *bytes.Buffer

	machine   []string
	startups  []startupResult
	serving   []servingResult
	servePg   string
	pageSize  map[string]int        // coding -> body bytes
	headers   map[string]headerSize // server -> response header (br)
	roundRPS  map[string][]float64  // server/coding -> requests/s in each round
	build     *buildResult
	notes     []string
	loadTool  string
	allocRows []allocRow
}

func (r *runner) logf(format string, args ...any) {
	fmt.Fprintf(r.log, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func (r *runner) run() error {
	r.report = &bytes.Buffer{}
	defer func() { r.writeReport() }()
	if err := os.MkdirAll(r.cfg.work, 0o755); err != nil {
		return err
	}
	r.machine = machineInfo()
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if r.self, err = os.Executable(); err != nil {
		return err
	}
	if r.cfg.strataBin != "" {
		r.strata = r.cfg.strataBin
		r.notes = append(r.notes, "Strata binary: "+r.strata+".")
	} else {
		r.strata = filepath.Join(r.cfg.work, "bin", "strata")
		r.logf("building strata from %s into %s", root, r.strata)
		cmd := exec.Command("go", "build", "-o", r.strata, "./cmd/strata")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build ./cmd/strata: %v\n%s", err, out)
		}
	}
	if r.cfg.parts["startup"] {
		if err := r.startup(); err != nil {
			return err
		}
	}
	if r.cfg.parts["serve"] {
		if err := r.serve(); err != nil {
			return err
		}
	}
	if r.cfg.parts["build"] {
		if err := r.buildVsHugo(); err != nil {
			return err
		}
	}
	if r.cfg.parts["allocs"] {
		if err := r.allocs(root); err != nil {
			return err
		}
	}
	return nil
}

// allocRow is one benchmark of the request path.
type allocRow struct {
	Name            string
	NsOp            float64
	BytesOp, Allocs int64
}

// allocs runs the request-path benchmarks of internal/server for their
// allocation counts (the time per operation is printed too, but on a loaded machine
// the load tests say more).
func (r *runner) allocs(root string) error {
	r.logf("go test -bench 'Serve|Handler|Middleware' -benchmem ./internal/server")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "Serve|Handler|Middleware", "-benchmem", "-benchtime", "20000x", "./internal/server")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench ./internal/server: %v\n%s", err, out)
	}
	re := regexp.MustCompile(`(?m)^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		ns, _ := strconv.ParseFloat(m[2], 64)
		b, _ := strconv.ParseInt(m[3], 10, 64)
		a, _ := strconv.ParseInt(m[4], 10, 64)
		r.allocRows = append(r.allocRows, allocRow{m[1], ns, b, a})
	}
	if len(r.allocRows) == 0 {
		return fmt.Errorf("no benchmark results in:\n%s", out)
	}
	return nil
}

// moduleRoot is the folder of Strata's go.mod, from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.Contains(data, []byte("module github.com/strata-health/strata\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run strata-bench inside the Strata repository (no go.mod of github.com/strata-health/strata above the working directory)")
		}
		dir = parent
	}
}

// corpusDir returns the folder of a generated corpus of n articles, writing it
// the first time.
func (r *runner) corpusDir(n int) (string, error) {
	dir := filepath.Join(r.cfg.work, "corpus", fmt.Sprintf("n%d-t%d-s%d", n, r.cfg.terms, r.cfg.seed))
	stamp := filepath.Join(dir, ".complete")
	if _, err := os.Stat(stamp); err == nil {
		return dir, nil
	}
	_ = os.RemoveAll(dir)
	t := time.Now()
	c := corpus.New(n, r.cfg.terms, r.cfg.seed)
	if _, err := c.Write(dir); err != nil {
		return "", err
	}
	r.logf("generated %d articles, %d terms in %s (%s)", n, r.cfg.terms, dir, time.Since(t).Round(time.Millisecond))
	return dir, os.WriteFile(stamp, nil, 0o644)
}

type startupResult struct {
	N         int
	Ready     time.Duration // median
	ReadyRuns []time.Duration
	CPU       time.Duration // user+system until ready (median run)
	HWM, RSS  int64         // kB, at ready
	// Complete is the time to /search answering 200: the compressed variants and
	// the search index, built after ready, are in place. CompleteHWM is the peak
	// RSS then (kB) and CompleteRSS the RSS once the build's garbage is returned.
	Complete                 time.Duration
	CompleteHWM, CompleteRSS int64
	SnapshotBytes            float64
	BuildSeconds             float64
	Resources                float64
}

// startup measures start-to-ready and memory of strata serve for each size.
func (r *runner) startup() error {
	for _, n := range r.cfg.sizes {
		dir, err := r.corpusDir(n)
		if err != nil {
			return err
		}
		var runs []startupResult
		for i := range r.cfg.repeat {
			// A pause first, for the system to take back the memory of the run before.
			time.Sleep(2 * time.Second)
			res, err := r.startOnce(dir, n, fmt.Sprintf("startup-n%d-%d.log", n, i))
			if err != nil {
				return err
			}
			r.logf("N=%d run %d: ready in %s (CPU %s), VmHWM %.1f MB, VmRSS %.1f MB; complete in %s, VmHWM %.1f MB, VmRSS %.1f MB",
				n, i+1, res.Ready.Round(time.Millisecond), res.CPU.Round(10*time.Millisecond), float64(res.HWM)/1024, float64(res.RSS)/1024,
				res.Complete.Round(time.Millisecond), float64(res.CompleteHWM)/1024, float64(res.CompleteRSS)/1024)
			runs = append(runs, res)
		}
		slices.SortFunc(runs, func(a, b startupResult) int { return int(a.Ready - b.Ready) })
		med := runs[len(runs)/2]
		for _, x := range runs {
			med.ReadyRuns = append(med.ReadyRuns, x.Ready)
		}
		// The other figures: the median of the runs too.
		medianOf := func(f func(startupResult) int64) int64 {
			v := make([]int64, len(runs))
			for i, x := range runs {
				v[i] = f(x)
			}
			slices.Sort(v)
			return v[len(v)/2]
		}
		med.HWM = medianOf(func(x startupResult) int64 { return x.HWM })
		med.CompleteHWM = medianOf(func(x startupResult) int64 { return x.CompleteHWM })
		med.CompleteRSS = medianOf(func(x startupResult) int64 { return x.CompleteRSS })
		med.Complete = time.Duration(medianOf(func(x startupResult) int64 { return int64(x.Complete) }))
		r.startups = append(r.startups, med)
	}
	return nil
}

func (r *runner) startOnce(dir string, n int, logName string) (startupResult, error) {
	addr, err := freeAddr()
	if err != nil {
		return startupResult{}, err
	}
	metricsAddr, err := freeAddr()
	if err != nil {
		return startupResult{}, err
	}
	t0 := time.Now()
	p, err := start("strata", filepath.Join(r.cfg.work, logName), r.strata, "serve", "-content", dir, "-addr", addr,
		"-drain", "0s", "-log-format", "json", "-metrics-addr", metricsAddr)
	if err != nil {
		return startupResult{}, err
	}
	defer p.stop()
	ready, err := p.waitOK("http://"+addr+"/readyz", 10*time.Minute)
	if err != nil {
		return startupResult{}, err
	}
	res := startupResult{N: n, Ready: ready.Sub(t0), CPU: procCPU(p.cmd.Process.Pid)}
	st := procStatus(p.cmd.Process.Pid, "VmHWM", "VmRSS")
	res.HWM, res.RSS = st["VmHWM"], st["VmRSS"]
	done, err := p.waitOK("http://"+addr+"/search?q=bone", 10*time.Minute)
	if err != nil {
		return startupResult{}, err
	}
	res.Complete = done.Sub(t0)
	time.Sleep(200 * time.Millisecond) // the garbage goes back to the system just after the index is in place
	st = procStatus(p.cmd.Process.Pid, "VmHWM", "VmRSS")
	res.CompleteHWM, res.CompleteRSS = st["VmHWM"], st["VmRSS"]
	m := metrics("http://" + metricsAddr + "/metrics")
	res.SnapshotBytes, res.BuildSeconds, res.Resources = m["strata_snapshot_bytes"], m["strata_snapshot_build_seconds"], m["strata_snapshot_resources"]
	return res, nil
}

// metrics reads the gauges of a Prometheus text page.
func metrics(url string) map[string]float64 {
	out := map[string]float64{}
	resp, err := http.Get(url)
	if err != nil {
		return out
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) == 2 {
			v, err := strconv.ParseFloat(f[1], 64)
			if err == nil {
				out[f[0]] = v
			}
		}
	}
	return out
}

type servingResult struct {
	Server, Coding string
	loadResult
}

// exportDir returns a static export of the serve-n corpus, made once.
func (r *runner) exportDir() (string, time.Duration, error) {
	dir, err := r.corpusDir(r.cfg.serveN)
	if err != nil {
		return "", 0, err
	}
	out := filepath.Join(r.cfg.work, fmt.Sprintf("export-n%d", r.cfg.serveN))
	_ = os.RemoveAll(out)
	t := time.Now()
	cmd := exec.Command(r.strata, "build", "-content", dir, "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", 0, fmt.Errorf("strata build: %v\n%s", err, b)
	}
	return out, time.Since(t), nil
}

// serve load-tests a tier page on Strata, the fair ceiling and nginx.
func (r *runner) serve() error {
	dir, err := r.corpusDir(r.cfg.serveN)
	if err != nil {
		return err
	}
	export, _, err := r.exportDir()
	if err != nil {
		return err
	}
	slugs, err := os.ReadDir(filepath.Join(dir, "articles"))
	if err != nil || len(slugs) == 0 {
		return fmt.Errorf("no articles in %s", dir)
	}
	r.servePg = "/articles/" + slugs[0].Name() + "/" + r.cfg.tier
	file := filepath.Join(export, filepath.FromSlash(strings.TrimPrefix(r.servePg, "/"))+".html")
	want := map[string][]byte{}
	r.pageSize = map[string]int{}
	for coding, ext := range map[string]string{"": "", "br": ".br", "gzip": ".gz"} {
		data, err := os.ReadFile(file + ext)
		if err != nil {
			return err
		}
		want[coding] = data
		r.pageSize[coding] = len(data)
	}

	tool := r.cfg.loadgen
	wrk, _ := exec.LookPath("wrk")
	if tool == "auto" {
		tool = "go"
		if wrk != "" {
			tool = "wrk"
		}
	}
	if tool == "wrk" && wrk == "" {
		return errors.New("-loadgen wrk: wrk is not installed (apt-get install wrk)")
	}

	var servers []*benchServer
	defer func() {
		for _, s := range servers {
			s.p.stop()
		}
	}()
	// The fair ceiling: net/http with Strata's response headers.
	addr, _ := freeAddr()
	p, err := start("ceiling", filepath.Join(r.cfg.work, "ceiling.log"), r.self, "ceiling", "-addr", addr, "-dir", export, "-pages", r.servePg)
	if err != nil {
		return err
	}
	servers = append(servers, &benchServer{ceilingName, addr, p})
	if _, err := p.waitOK("http://"+addr+r.servePg, time.Minute); err != nil {
		return err
	}
	// Strata.
	addr, _ = freeAddr()
	if p, err = start("strata", filepath.Join(r.cfg.work, "strata-serve.log"), r.strata, "serve", "-content", dir, "-addr", addr,
		"-drain", "0s", "-log-format", "json"); err != nil {
		return err
	}
	servers = append(servers, &benchServer{"Strata", addr, p})
	// Measured once complete: pages compressed, search index built.
	if _, err := p.waitOK("http://"+addr+"/search?q=bone", 10*time.Minute); err != nil {
		return err
	}
	// nginx, when installed.
	if nginx, err := exec.LookPath("nginx"); err != nil {
		r.notes = append(r.notes, "nginx is not installed (apt-get install nginx libnginx-mod-http-brotli-static): no nginx figures.")
	} else {
		addr, _ = freeAddr()
		ndir := filepath.Join(r.cfg.work, "nginx")
		conf, brotli, err := nginxConfig(ndir, addr, export)
		if err != nil {
			return err
		}
		if !brotli {
			r.notes = append(r.notes, "nginx has no brotli_static module (libnginx-mod-http-brotli-static): it answers br requests with gzip or identity.")
		}
		if p, err = start("nginx", filepath.Join(ndir, "stderr.log"), nginx, "-p", ndir, "-c", conf, "-e", filepath.Join(ndir, "error.log"), "-g", "daemon off;"); err != nil {
			return err
		}
		servers = append(servers, &benchServer{"nginx", addr, p})
		if _, err := p.waitOK("http://"+addr+r.servePg, time.Minute); err != nil {
			return err
		}
	}

	if err := r.checkResponses(servers, want); err != nil {
		return err
	}
	return r.load(servers, tool, wrk, want)
}

// load runs the load tests: every coding on every server, in each round, the
// servers in turn (in reverse order every other round, so that a drift in the
// machine's load favours none), and keeps each server's median round and every
// round's requests/s (the report's ratios are of servers measured in the same
// round, one after the other).
func (r *runner) load(servers []*benchServer, tool, wrk string, want map[string][]byte) error {
	ctx := context.Background()
	all := map[string][]servingResult{}
	r.roundRPS = map[string][]float64{}
	var steal []float64 // of each load test
	for round := range r.cfg.rounds {
		order := slices.Clone(servers)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, coding := range []string{"br", "gzip"} {
			for _, s := range order {
				spec := loadSpec{Addr: s.addr, Path: r.servePg, Encoding: coding, Conns: r.cfg.conns, Warmup: r.cfg.warmup,
					Duration: r.cfg.duration, WantCoding: coding, WantLength: len(want[coding]),
					CPU: func() time.Duration { return groupCPU(s.p.cmd.Process.Pid) }}
				var res loadResult
				var err error
				before := readCPUTimes()
				if tool == "wrk" {
					res, err = wrkLoad(ctx, wrk, spec)
				} else {
					res, err = goLoad(spec)
				}
				if err != nil {
					return fmt.Errorf("%s, %s: %v", s.name, coding, err)
				}
				stolen := readCPUTimes().stolenSince(before)
				steal = append(steal, stolen)
				r.loadTool = res.Tool
				r.logf("round %d: %-16s %-4s %8.0f req/s  p50 %-8s p99 %-8s %5.1f µs CPU/request (%d requests; load average %s; %.0f%% stolen)", round+1, s.name, coding, res.RPS,
					fmtDur(res.P50), fmtDur(res.P99), res.cpuPerRequest(), res.Requests, loadavg(), 100*stolen)
				all[s.name+"/"+coding] = append(all[s.name+"/"+coding], servingResult{Server: s.name, Coding: coding, loadResult: res})
				r.roundRPS[s.name+"/"+coding] = append(r.roundRPS[s.name+"/"+coding], res.RPS)
			}
		}
	}
	if note := stealNote(steal); note != "" {
		r.notes = append(r.notes, note)
	}
	// Each server and coding: the round with the median requests/s.
	for _, coding := range []string{"br", "gzip"} {
		for _, s := range servers {
			runs := all[s.name+"/"+coding]
			slices.SortFunc(runs, func(a, b servingResult) int { return cmpFloat(a.RPS, b.RPS) })
			r.serving = append(r.serving, runs[len(runs)/2])
		}
	}
	return nil
}

// benchServer is a server under load in the serving tests.
type benchServer struct {
	name, addr string
	p          *proc
}

// checkResponses checks that every server sends the bytes of the export for each
// coding, and the fair ceiling the same header fields as Strata, and keeps the
// size of each server's header.
func (r *runner) checkResponses(servers []*benchServer, want map[string][]byte) error {
	r.headers = map[string]headerSize{}
	got := map[string]http.Header{}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, s := range servers {
		for _, coding := range []string{"br", "gzip"} {
			req, _ := http.NewRequest(http.MethodGet, "http://"+s.addr+r.servePg, nil)
			req.Header.Set("Accept-Encoding", coding)
			resp, err := client.Do(req)
			if err != nil {
				return fmt.Errorf("%s: %v", s.name, err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != coding || !bytes.Equal(body, want[coding]) {
				return fmt.Errorf("%s: %s with Accept-Encoding %s: status %d, coding %q, %d bytes; want 200, %q and the %d bytes of the export",
					s.name, r.servePg, coding, resp.StatusCode, resp.Header.Get("Content-Encoding"), len(body), coding, len(want[coding]))
			}
			got[s.name+"/"+coding] = resp.Header
			if coding == "br" {
				var hb bytes.Buffer
				_ = resp.Header.Write(&hb)
				r.headers[s.name] = headerSize{Bytes: len("HTTP/1.1 200 OK\r\n") + hb.Len() + 2, Fields: len(resp.Header)}
			}
		}
	}
	for _, coding := range []string{"br", "gzip"} {
		if d := headerDiff(got["Strata/"+coding], got[ceilingName+"/"+coding], true); d != "" {
			return fmt.Errorf("the fair ceiling does not send Strata's headers (%s): %s", coding, d)
		}
	}
	if h, ok := got["nginx/br"]; ok {
		d := headerDiff(got["Strata/br"], h, false)
		if d == "" {
			d = "the same fields"
		}
		r.notes = append(r.notes, "nginx's header fields against Strata's (br): "+d+".")
	}
	return nil
}

// ratio is the median over the rounds of a's requests/s over b's in the same
// round, for one coding; 0 when either was not measured.
func (r *runner) ratio(a, b, coding string) float64 {
	x, y := r.roundRPS[a+"/"+coding], r.roundRPS[b+"/"+coding]
	if len(x) == 0 || len(x) != len(y) {
		return 0
	}
	qs := make([]float64, len(x))
	for i := range x {
		qs[i] = x[i] / y[i]
	}
	slices.Sort(qs)
	return qs[len(qs)/2]
}

// ceilingName is the fair ceiling's name in the report.
const ceilingName = "fair ceiling"

// headerSize is the size of a response's header: the bytes of the status line,
// the fields and the blank line, and the number of fields.
type headerSize struct{ Bytes, Fields int }

// headerDiff describes how got's header fields differ from want's, Date aside:
// the names only one of them has and, when values is set, the fields whose values
// differ; "" when they are the same.
func headerDiff(want, got http.Header, values bool) string {
	var missing, extra, differ []string
	for k, v := range want {
		switch g, ok := got[k]; {
		case k == "Date":
		case !ok:
			missing = append(missing, k)
		case values && !slices.Equal(v, g):
			differ = append(differ, fmt.Sprintf("%s %q, not %q", k, g, v))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && k != "Date" {
			extra = append(extra, k)
		}
	}
	var parts []string
	for _, x := range []struct {
		what  string
		names []string
	}{{"missing", missing}, {"in addition", extra}, {"different", differ}} {
		if len(x.names) > 0 {
			slices.Sort(x.names)
			parts = append(parts, x.what+": "+strings.Join(x.names, ", "))
		}
	}
	return strings.Join(parts, "; ")
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

type buildResult struct {
	N                    int
	Strata, Hugo         time.Duration // medians
	StrataRuns, HugoRuns []time.Duration
	StrataCPU, HugoCPU   []time.Duration
	StrataPages          int
	HugoPages            int
	HugoVersion          string
	StrataFiles          int
	// Plain is strata build -compress=false: HTML without .gz and .br siblings,
	// like Hugo's output.
	Plain      time.Duration
	PlainRuns  []time.Duration
	PlainCPU   []time.Duration
	PlainFiles int
}

// buildVsHugo times strata build and hugo on the same Markdown, alternating
// them so that both see the same machine, wall time and CPU time (user and
// system, the process and its children).
func (r *runner) buildVsHugo() error {
	dir, err := r.corpusDir(r.cfg.serveN)
	if err != nil {
		return err
	}
	b := &buildResult{N: r.cfg.serveN}
	r.build = b
	out := filepath.Join(r.cfg.work, fmt.Sprintf("build-n%d", r.cfg.serveN))
	timed := func(name string, args ...string) (time.Duration, time.Duration, error) {
		_ = os.RemoveAll(out)
		// Each run starts with nothing left to write back: otherwise the dirty
		// pages of the run before (and of the load tests' access logs) are
		// flushed during this one, and charged to it.
		syscall.Sync()
		t := time.Now()
		cmd := exec.Command(name, args...)
		if data, err := cmd.CombinedOutput(); err != nil {
			return 0, 0, fmt.Errorf("%s: %v\n%s", filepath.Base(name), err, data)
		}
		return time.Since(t), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), nil
	}
	strataArgs := []string{"build", "-content", dir, "-out", out}
	hugo := findHugo()
	var hugoArgs []string
	if hugo == "" {
		r.notes = append(r.notes, "Hugo is not installed: no build comparison (go install github.com/gohugoio/hugo@v0.165.0; the binary goes to $GOPATH/bin).")
		r.logf("hugo not found: skipping the build comparison")
	} else {
		if v, err := exec.Command(hugo, "version").Output(); err == nil {
			b.HugoVersion = strings.Fields(string(v))[1]
		}
		site := filepath.Join(r.cfg.work, fmt.Sprintf("hugo-n%d", r.cfg.serveN))
		_ = os.RemoveAll(site)
		if err := writeHugoSite(site, corpus.New(r.cfg.serveN, r.cfg.terms, r.cfg.seed)); err != nil {
			return err
		}
		hugoArgs = []string{"--source", site, "--destination", out, "--quiet", "--noBuildLock"}
	}
	// One untimed run of each warms the page cache.
	for i := range r.cfg.repeat + 1 {
		d, cpu, err := timed(r.strata, strataArgs...)
		if err != nil {
			return err
		}
		if i > 0 {
			r.logf("strata build, %d articles, run %d: %s (CPU %s)", r.cfg.serveN, i, d.Round(time.Millisecond), cpu.Round(10*time.Millisecond))
			b.StrataRuns, b.StrataCPU = append(b.StrataRuns, d), append(b.StrataCPU, cpu)
		}
		b.StrataPages, b.StrataFiles = countFiles(out, ".html"), countFiles(out, "")
		if d, cpu, err = timed(r.strata, append([]string{"build", "-compress=false"}, strataArgs[1:]...)...); err != nil {
			return err
		}
		if i > 0 {
			r.logf("strata build -compress=false, %d articles, run %d: %s (CPU %s)", r.cfg.serveN, i, d.Round(time.Millisecond), cpu.Round(10*time.Millisecond))
			b.PlainRuns, b.PlainCPU = append(b.PlainRuns, d), append(b.PlainCPU, cpu)
		}
		b.PlainFiles = countFiles(out, "")
		if hugo == "" {
			continue
		}
		if d, cpu, err = timed(hugo, hugoArgs...); err != nil {
			return err
		}
		if i > 0 {
			r.logf("hugo, %d articles, run %d: %s (CPU %s)", r.cfg.serveN, i, d.Round(time.Millisecond), cpu.Round(10*time.Millisecond))
			b.HugoRuns, b.HugoCPU = append(b.HugoRuns, d), append(b.HugoCPU, cpu)
		}
		b.HugoPages = countFiles(out, ".html")
	}
	b.Strata, b.Plain = median(b.StrataRuns), median(b.PlainRuns)
	if len(b.HugoRuns) > 0 {
		b.Hugo = median(b.HugoRuns)
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func machineInfo() []string {
	cpu := "unknown"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindSubmatch(data); m != nil {
			cpu = string(m[1])
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		if m := regexp.MustCompile(`MemTotal:\s+(\d+) kB`).FindSubmatch(data); m != nil {
			kb, _ := strconv.ParseFloat(string(m[1]), 64)
			mem = fmt.Sprintf(", %.0f GiB", kb/1024/1024)
		}
	}
	out := []string{fmt.Sprintf("%d CPUs (nproc), %s%s", runtime.NumCPU(), cpu, mem)}
	if v, err := exec.Command("go", "version").Output(); err == nil {
		out = append(out, strings.TrimSpace(string(v)))
	}
	if v, err := exec.Command("nginx", "-v").CombinedOutput(); err == nil {
		out = append(out, strings.TrimSpace(string(v)))
	}
	return out
}

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	return strings.Join(f[:3], " ")
}

// cpuTimes are the machine's CPU time counters from /proc/stat, in clock ticks:
// all of them and the time stolen, the time a virtual machine's CPUs were
// ready to run and the hypervisor ran something else.
type cpuTimes struct{ total, steal uint64 }

func readCPUTimes() cpuTimes {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	var t cpuTimes
	for i, v := range f[1:] {
		n, _ := strconv.ParseUint(v, 10, 64)
		if i < 8 { // guest time is counted in user time already
			t.total += n
		}
		if i == 7 {
			t.steal = n
		}
	}
	return t
}

// stolenSince is the share of the CPU time since before that was stolen.
func (t cpuTimes) stolenSince(before cpuTimes) float64 {
	if t.total <= before.total {
		return 0
	}
	return float64(t.steal-before.steal) / float64(t.total-before.total)
}

// stealNote describes the time stolen during the load tests, when it was
// enough to matter: the servers measured in one round may have had machines of
// different speeds.
func stealNote(steal []float64) string {
	if len(steal) == 0 || slices.Max(steal) < 0.02 {
		return ""
	}
	sorted := slices.Sorted(slices.Values(steal))
	return fmt.Sprintf("The hypervisor took %.0f%% of the CPU time during the median load test and %.0f%% during the worst (steal in /proc/stat): other virtual machines were busy, and servers measured one after the other did not have the same machine.",
		100*sorted[len(sorted)/2], 100*sorted[len(sorted)-1])
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
}

// fit is the least-squares line y = a + b x and its R².
func fit(xs, ys []float64) (a, b, r2 float64) {
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
		sxx += xs[i] * xs[i]
		sxy += xs[i] * ys[i]
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return 0, 0, 0
	}
	b = (n*sxy - sx*sy) / den
	a = (sy - b*sx) / n
	mean := sy / n
	var ssTot, ssRes float64
	for i := range xs {
		ssTot += (ys[i] - mean) * (ys[i] - mean)
		e := ys[i] - (a + b*xs[i])
		ssRes += e * e
	}
	if ssTot == 0 {
		return a, b, 1
	}
	return a, b, 1 - ssRes/ssTot
}

// linearity says whether ys grows linearly with xs: the slopes of consecutive
// segments agree within 25% (so neither a flat start nor a superlinear end).
func linearity(xs, ys []float64) (string, float64, float64) {
	_, b, r2 := fit(xs, ys)
	if len(xs) < 3 {
		return "too few sizes to tell", b, r2
	}
	var slopes []float64
	for i := 1; i < len(xs); i++ {
		slopes = append(slopes, (ys[i]-ys[i-1])/(xs[i]-xs[i-1]))
	}
	lo, hi := slices.Min(slopes), slices.Max(slopes)
	var parts []string
	for _, s := range slopes {
		parts = append(parts, fmt.Sprintf("%.3g", s))
	}
	verdict := "linear"
	if lo <= 0 || hi/lo > 1.25 {
		if hi == slopes[len(slopes)-1] && hi/math.Max(lo, 1e-9) > 1.25 {
			verdict = "superlinear"
		} else {
			verdict = "not linear"
		}
	}
	return fmt.Sprintf("%s (segment slopes %s; R² %.4f)", verdict, strings.Join(parts, ", "), r2), b, r2
}
