package render

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/strata-health/strata/cmd/strata-bench/corpus"
	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/site"
)

// benchSites are the seed content and a generated corpus of 100 articles and 300
// glossary terms (the same generator as strata-bench corpus -seed 1).
func benchSites(b testing.TB) []struct {
	name string
	fsys fs.FS
} {
	return []struct {
		name string
		fsys fs.FS
	}{
		{"seed", content.FS},
		{"corpus100", corpus100()},
	}
}

var corpus100 = sync.OnceValue(func() fs.FS { return corpus.New(100, 300, 1).FS() })

// BenchmarkBuild measures render.Build (site.Load not included) with and without
// the compressed variants.
func BenchmarkBuild(b *testing.B) {
	for _, s := range benchSites(b) {
		st, list := site.Load(s.fsys)
		if err := list.Err(); err != nil {
			b.Fatalf("%s: %v", s.name, err)
		}
		for _, compress := range []bool{true, false} {
			var opts []Option
			name := s.name + "/compress"
			if !compress {
				opts = append(opts, WithoutCompression())
				name = s.name + "/identity"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				var urls int
				for b.Loop() {
					snap, _ := Build(st, s.fsys, opts...)
					urls = len(snap.Paths())
				}
				b.ReportMetric(float64(urls), "urls")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(urls)/1e3, "µs/url")
			})
		}
	}
}

// BenchmarkLoad measures site.Load on the generated corpus.
func BenchmarkLoad(b *testing.B) {
	fsys := corpus100()
	b.ReportAllocs()
	for b.Loop() {
		site.Load(fsys)
	}
}

// compressionSample is every HTML page of the generated corpus's first ten articles
// (the whole article and its tiers), as served.
func compressionSample(b *testing.B) [][]byte {
	st, _ := site.Load(corpus100())
	snap, _ := Build(st, corpus100(), WithoutCompression())
	var out [][]byte
	for _, p := range snap.Paths() {
		r, _ := snap.Lookup(p)
		if strings.HasPrefix(p, "/articles/") && strings.HasPrefix(r.ContentType, "text/html") {
			out = append(out, r.Body.Data)
			if len(out) == 40 {
				break
			}
		}
	}
	return out
}

// BenchmarkCompress measures gzip and brotli at several levels on article pages:
// time per page and the compressed size as a share of the original (ratio), to
// choose the levels the snapshot uses.
func BenchmarkCompress(b *testing.B) {
	pages := compressionSample(b)
	total := 0
	for _, p := range pages {
		total += len(p)
	}
	run := func(name string, compress func(dst *bytes.Buffer, src []byte)) {
		b.Run(name, func(b *testing.B) {
			// The thread's CPU time, beside the wall time: on a busy machine it is
			// the steadier figure.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var dst bytes.Buffer
			out := 0
			cpu := threadCPU()
			for b.Loop() {
				out = 0
				for _, p := range pages {
					dst.Reset()
					compress(&dst, p)
					out += dst.Len()
				}
			}
			cpu = threadCPU() - cpu
			b.SetBytes(int64(total))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pages))/1e3, "µs/page")
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N)/float64(len(pages))/1e3, "cpu-µs/page")
			}
			b.ReportMetric(float64(out)/float64(total), "ratio")
		})
	}
	for _, level := range []int{6, 9} {
		run(fmt.Sprintf("gzip-%d/new", level), func(dst *bytes.Buffer, src []byte) {
			zw, _ := gzip.NewWriterLevel(dst, level)
			_, _ = zw.Write(src)
			_ = zw.Close()
		})
		zw, _ := gzip.NewWriterLevel(nil, level)
		run(fmt.Sprintf("gzip-%d/reused", level), func(dst *bytes.Buffer, src []byte) {
			zw.Reset(dst)
			_, _ = zw.Write(src)
			_ = zw.Close()
		})
	}
	for _, level := range []int{4, 5, 6, 7, 9, 11} {
		run(fmt.Sprintf("brotli-%d/new", level), func(dst *bytes.Buffer, src []byte) {
			bw := brotli.NewWriterLevel(dst, level)
			_, _ = bw.Write(src)
			_ = bw.Close()
		})
		bw := brotli.NewWriterLevel(nil, level)
		run(fmt.Sprintf("brotli-%d/reused", level), func(dst *bytes.Buffer, src []byte) {
			bw.Reset(dst)
			_, _ = bw.Write(src)
			_ = bw.Close()
		})
		bw16 := brotli.NewWriterOptions(nil, brotli.WriterOptions{Quality: level, LGWin: 16})
		run(fmt.Sprintf("brotli-%d/reused-window16", level), func(dst *bytes.Buffer, src []byte) {
			bw16.Reset(dst)
			_, _ = bw16.Write(src)
			_ = bw16.Close()
		})
		run(fmt.Sprintf("brotli-%d/fitted-window", level), func(dst *bytes.Buffer, src []byte) {
			bw := brotli.NewWriterOptions(dst, brotli.WriterOptions{Quality: level, LGWin: fittedWindow(len(src))})
			_, _ = bw.Write(src)
			_ = bw.Close()
		})
	}
}

// fittedWindow is the smallest brotli window (log2, 16 to 24) that holds n bytes.
func fittedWindow(n int) int {
	w := 16
	for w < 24 && 1<<w-16 < n {
		w++
	}
	return w
}

// TestCompressedVariants checks that the parallel compressor, whose workers reuse
// their writers in whatever order the pages come, gives every resource the bytes a
// fresh writer gives, and two builds of a generated corpus are identical.
func TestCompressedVariants(t *testing.T) {
	fsys := corpus.New(20, 60, 7).FS()
	st, list := site.Load(fsys)
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	a, _ := Build(st, fsys)
	b, _ := Build(st, fsys)
	if a.Version() != b.Version() {
		t.Fatalf("versions differ: %s vs %s", a.Version(), b.Version())
	}
	withBoth := 0
	for _, p := range append(a.Paths(), "404") {
		ra, rb := a.NotFound, b.NotFound
		if p != "404" {
			ra, _ = a.Lookup(p)
			rb, _ = b.Lookup(p)
		}
		for _, v := range []struct {
			name   string
			va, vb *Variant
			fresh  func([]byte) []byte
		}{
			{"gzip", ra.Gzip, rb.Gzip, func(src []byte) []byte {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, gzipLevel)
				_, _ = zw.Write(src)
				_ = zw.Close()
				return buf.Bytes()
			}},
			{"brotli", ra.Brotli, rb.Brotli, func(src []byte) []byte {
				var buf bytes.Buffer
				bw := brotli.NewWriterLevel(&buf, brotliLevel)
				_, _ = bw.Write(src)
				_ = bw.Close()
				return buf.Bytes()
			}},
		} {
			if (v.va == nil) != (v.vb == nil) {
				t.Fatalf("%s %s: present in one build only", p, v.name)
			}
			if v.va == nil {
				continue
			}
			if !bytes.Equal(v.va.Data, v.vb.Data) || v.va.ETag != v.vb.ETag {
				t.Errorf("%s %s: differs between builds", p, v.name)
			}
			if !bytes.Equal(v.va.Data, v.fresh(ra.Body.Data)) {
				t.Errorf("%s %s: differs from a fresh writer's output", p, v.name)
			}
		}
		if ra.Gzip != nil && ra.Brotli != nil {
			withBoth++
		}
	}
	if withBoth < 100 {
		t.Errorf("only %d resources have both variants", withBoth)
	}
}

// TestParallelBuild checks that rendering the articles on several workers gives the
// snapshot, diagnostics and reading-level figures of a build on one.
func TestParallelBuild(t *testing.T) {
	fsys := corpus.New(30, 80, 3).FS()
	st, _ := site.Load(fsys)
	build := func(procs int) (*Snapshot, []string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		snap, rep := Build(st, fsys, WithoutCompression())
		var diags []string
		for _, d := range rep.Items() {
			diags = append(diags, d.String())
		}
		for _, r := range rep.Readability {
			diags = append(diags, fmt.Sprintf("%s %s %d", r.Article, r.Tier.Key, r.Stats.Words))
		}
		return snap, diags
	}
	one, oneDiags := build(1)
	many, manyDiags := build(4)
	if one.Version() != many.Version() {
		t.Errorf("snapshot versions differ: %s on one worker, %s on four", one.Version(), many.Version())
	}
	if !slices.Equal(oneDiags, manyDiags) {
		t.Errorf("diagnostics differ:\none worker:\n%s\nfour:\n%s", strings.Join(oneDiags, "\n"), strings.Join(manyDiags, "\n"))
	}
	if len(oneDiags) == 0 {
		t.Error("no diagnostics or readability figures to compare")
	}
}

// BenchmarkSearchIndex measures what the server does in the background after it
// is ready: indexing the documents the build made of its pages' text.
func BenchmarkSearchIndex(b *testing.B) {
	for _, s := range benchSites(b) {
		st, list := site.Load(s.fsys)
		if err := list.Err(); err != nil {
			b.Fatalf("%s: %v", s.name, err)
		}
		snap, _ := Build(st, s.fsys, WithoutCompression(), WithoutSearch())
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				ix, err := SearchIndex(snap)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
		})
	}
}
