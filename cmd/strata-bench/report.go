package main

import (
	"fmt"
	"strings"
	"time"
)

// writeReport prints the results as Markdown, for README's Performance section.
func (r *runner) writeReport() {
	w := r.report
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	mode := "run"
	if r.cfg.quick {
		mode = "run -quick"
	}
	p("Measured with `go run ./cmd/strata-bench %s` on %s.\n\n", mode, time.Now().UTC().Format("2006-01-02 15:04 MST"))
	p("Machine: %s. Load average when the report was written: %s (other work on the machine makes every figure noisier).\n\n",
		strings.Join(r.machine, "; "), loadavg())

	if len(r.startups) > 0 {
		p("**Start-up and memory** of `strata serve -content DIR` (generated corpus: %d glossary terms, seed %d; median of %d runs; start = process start, ready = `/readyz` answers 200 and every page is served; complete = the compressed variants and the search index, built after ready, are in place and `/search` answers 200):\n\n",
			r.cfg.terms, r.cfg.seed, r.cfg.repeat)
		p("| articles | URLs | start to ready | CPU time to ready | RSS when ready | start to complete | peak RSS (VmHWM) | RSS when complete | snapshot (all codings) |\n")
		p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		var xs, ready, cpu, hwm, done, snap []float64
		for _, s := range r.startups {
			p("| %s | %s | %s | %s | %.1f MB | %s | %.1f MB | %.1f MB | %.1f MB |\n", thousands(s.N), thousands(int(s.Resources)), fmtDur(s.Ready),
				fmtDur(s.CPU), float64(s.RSS)/1024, fmtDur(s.Complete), float64(s.CompleteHWM)/1024, float64(s.CompleteRSS)/1024, s.SnapshotBytes/1e6)
			xs = append(xs, float64(s.N))
			ready = append(ready, float64(s.Ready)/1e6)
			cpu = append(cpu, float64(s.CPU)/1e6)
			done = append(done, float64(s.Complete)/1e6)
			hwm = append(hwm, float64(s.CompleteHWM)/1024)
			snap = append(snap, s.SnapshotBytes/1e6)
		}
		if len(xs) >= 2 {
			rv, rb, _ := linearity(xs, ready)
			cv, cb, _ := linearity(xs, cpu)
			dv, db, _ := linearity(xs, done)
			hv, hb, _ := linearity(xs, hwm)
			sv, sb, _ := linearity(xs, snap)
			p("\nPer article (least-squares slope): **%.2f ms** to ready (%.2f ms of CPU time), %.2f ms to complete, **%.3f MB** peak RSS, %.3f MB of snapshot.\n", rb, cb, db, hb, sb)
			p("Start-up time: %s. CPU time: %s. Time to complete: %s. Peak RSS: %s. Snapshot: %s. (Wall time follows the machine's load; CPU time is the steadier measure of the work.)\n", rv, cv, dv, hv, sv)
		}
		p("\n")
	}

	if len(r.serving) > 0 {
		p("**Serving** `%s` of the %s-article corpus (%s bytes br, %s gzip, %s identity) at %d connections, keep-alive, %s measured after %s of warm-up, load from %s on the same machine; each server's median of %d rounds, and the ratios the median of the rounds' ratios (servers measured one after the other in each round):\n\n",
			r.servePg, thousands(r.cfg.serveN), thousands(r.pageSize["br"]), thousands(r.pageSize["gzip"]), thousands(r.pageSize[""]), r.cfg.conns, r.cfg.duration, r.cfg.warmup, r.loadTool, r.cfg.rounds)
		p("| server | coding | requests/s | p50 | p99 | server CPU per request | vs fair ceiling | vs nginx (same headers) |\n|---|---|---:|---:|---:|---:|---:|---:|\n")
		for _, coding := range []string{"br", "gzip"} {
			for _, s := range r.serving {
				if s.Coding != coding {
					continue
				}
				ratio := func(other string) string {
					if x := r.ratio(s.Server, other, coding); x > 0 {
						return fmt.Sprintf("%.2f×", x)
					}
					return "–"
				}
				p("| %s | %s | %s | %s | %s | %.1f µs | %s | %s |\n", s.Server, coding, thousands(int(s.RPS+0.5)), fmtDur(s.P50), fmtDur(s.P99),
					s.cpuPerRequest(), ratio(ceilingName), ratio("nginx"))
			}
		}
		var hs []string
		for _, name := range []string{"Strata", ceilingName, "nginx"} {
			if h, ok := r.headers[name]; ok {
				hs = append(hs, fmt.Sprintf("%s %d bytes in %d fields", name, h.Bytes, h.Fields))
			}
		}
		p("\nResponse header (br; status line, fields, blank line): %s. The fair ceiling is net/http with strata serve's http.Server settings, "+
			"writing the page from memory with the same header fields and values as Strata (the run stops if they differ) and answering a matching If-None-Match with 304; "+
			"it has no router, access log or metrics and picks the coding by substring. "+
			"nginx sends the same security headers and Cache-Control (add_header ... always), its own ETag, and logs every request (access_log), as Strata does (JSON, to a file).\n\n",
			strings.Join(hs, ", "))
	}

	if b := r.build; b != nil {
		p("**Static export** of %s articles (median of %d runs after one warm-up; wall time of the whole command):\n\n", thousands(b.N), r.cfg.repeat)
		p("| tool | time | CPU time | HTML pages written | what else |\n|---|---:|---:|---:|---|\n")
		p("| `strata build` | %s | %s | %s | `.gz` and `.br` of every file, search fallback, reference exports, JSON, feeds (%s files in all) |\n",
			fmtDur(b.Strata), fmtDur(median(b.StrataCPU)), thousands(b.StrataPages), thousands(b.StrataFiles))
		p("| `strata build -compress=false` | %s | %s | %s | the same without the `.gz` and `.br` siblings of pages (%s files in all) |\n",
			fmtDur(b.Plain), fmtDur(median(b.PlainCPU)), thousands(b.StrataPages), thousands(b.PlainFiles))
		if b.Hugo > 0 {
			p("| Hugo %s (same tier Markdown and glossary, trivial layout) | %s | %s | %s | RSS and sitemap; no compression, no glossary linking or citations |\n",
				b.HugoVersion, fmtDur(b.Hugo), fmtDur(median(b.HugoCPU)), thousands(b.HugoPages))
			p("\nLike for like (HTML only, as Hugo writes it), `strata build -compress=false` takes **%.2f×** Hugo's time (%.2f× its CPU time); with the compressed siblings, %.2f× (%.2f×).\n",
				b.Plain.Seconds()/b.Hugo.Seconds(), median(b.PlainCPU).Seconds()/median(b.HugoCPU).Seconds(),
				b.Strata.Seconds()/b.Hugo.Seconds(), median(b.StrataCPU).Seconds()/median(b.HugoCPU).Seconds())
		}
		p("\n")
	}

	if len(r.allocRows) > 0 {
		p("**Request path** (`go test -run '^$' -bench 'Serve|Handler|Middleware' -benchmem ./internal/server`; the fixture's academic tier, Accept-Encoding as named; Handler/* is the whole handler, which answers snapshot URLs before the router; Middleware/* is the router that takes every other request, its middleware added one at a time, br):\n\n")
		p("| benchmark | ns/op | B/op | allocs/op |\n|---|---:|---:|---:|\n")
		for _, a := range r.allocRows {
			p("| %s | %.0f | %d | %d |\n", a.Name, a.NsOp, a.BytesOp, a.Allocs)
		}
		p("\n")
	}
	r.targets(p)
	if len(r.notes) > 0 {
		p("\nNotes:\n\n")
		for _, n := range r.notes {
			p("- %s\n", n)
		}
	}
}

// targets lists the targets with where the run stands.
func (r *runner) targets(p func(string, ...any)) {
	type row struct{ target, result, met string }
	var rows []row
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	get := func(server, coding string) *servingResult {
		for i := range r.serving {
			if r.serving[i].Server == server && r.serving[i].Coding == coding {
				return &r.serving[i]
			}
		}
		return nil
	}
	if len(r.serving) > 0 {
		for _, other := range []struct {
			name string
			min  float64
		}{{ceilingName, 0.95}, {"nginx", 1.0}} {
			var parts []string
			ok := true
			for _, c := range []string{"br", "gzip"} {
				x := r.ratio("Strata", other.name, c)
				if x == 0 {
					continue
				}
				parts = append(parts, fmt.Sprintf("%.2f× (%s)", x, c))
				ok = ok && x >= other.min
			}
			if len(parts) > 0 {
				rows = append(rows, row{fmt.Sprintf("requests/s ≥ %.2f× %s", other.min, other.name), strings.Join(parts, ", "), yes(ok)})
			}
		}
		var parts []string
		ok := true
		for _, c := range []string{"br", "gzip"} {
			if s := get("Strata", c); s != nil {
				parts = append(parts, fmt.Sprintf("%s (%s)", fmtDur(s.P99), c))
				ok = ok && s.P99 < 5*time.Millisecond
			}
		}
		rows = append(rows, row{fmt.Sprintf("p99 < 5 ms at %d connections", r.cfg.conns), strings.Join(parts, ", "), yes(ok)})
	}
	if b := r.build; b != nil && b.Hugo > 0 {
		rows = append(rows, row{"static build faster than Hugo", fmt.Sprintf("HTML only: %s vs %s (%.2f×; CPU time %.2f×); with .gz and .br: %s (%.2f×)",
			fmtDur(b.Plain), fmtDur(b.Hugo), b.Plain.Seconds()/b.Hugo.Seconds(), median(b.PlainCPU).Seconds()/median(b.HugoCPU).Seconds(),
			fmtDur(b.Strata), b.Strata.Seconds()/b.Hugo.Seconds()), yes(b.Plain < b.Hugo) + " (HTML only); " + yes(b.Strata < b.Hugo) + " (with .gz and .br)"})
	}
	for _, s := range r.startups {
		if s.N == 1000 {
			rows = append(rows, row{"1,000 articles ready in < 3 s", fmtDur(s.Ready), yes(s.Ready < 3*time.Second)})
		}
	}
	if len(r.startups) >= 3 {
		var xs, hwm []float64
		for _, s := range r.startups {
			xs = append(xs, float64(s.N))
			hwm = append(hwm, float64(s.CompleteHWM)/1024)
		}
		v, b, _ := linearity(xs, hwm)
		rows = append(rows, row{"memory linear in content", fmt.Sprintf("%.3f MB per article; %s", b, v), yes(strings.HasPrefix(v, "linear"))})
	}
	if len(r.allocRows) > 0 {
		var handlerAllocs []string
		ok := true
		for _, a := range r.allocRows {
			if name, found := strings.CutPrefix(a.Name, "Handler/jsonlog/"); found {
				handlerAllocs = append(handlerAllocs, fmt.Sprintf("%s %d", name, a.Allocs))
				ok = ok && a.Allocs == 0
			}
		}
		rows = append(rows, row{"0 allocations per request on the cached-page path",
			fmt.Sprintf("the whole Handler() with the JSON access log: %s", strings.Join(handlerAllocs, ", ")), yes(ok)})
	}
	p("**Targets**:\n\n| target | this run | met |\n|---|---|---|\n")
	for _, x := range rows {
		p("| %s | %s | %s |\n", x.target, x.result, x.met)
	}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
