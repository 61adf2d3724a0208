package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// profileCmd times site.Load and render.Build of a content folder in process, and
// writes CPU and heap profiles: to see where start-up goes.
func profileCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("profile", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("content", "", "content folder")
	cpu := fl.String("cpuprofile", "", "write a CPU profile of the build here")
	heap := fl.String("memprofile", "", "write a heap profile (after the build and a GC) here")
	pages := fl.Bool("pages", false, "build only what strata serve needs to be ready: the pages, without compressed variants or the search index")
	if err := fl.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(stderr, "usage: strata-bench profile -content DIR [-cpuprofile FILE] [-memprofile FILE] [-pages]")
		return 2
	}
	stop, err := startCPUProfile(*cpu)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer stop()
	fsys := os.DirFS(*dir)
	t0 := time.Now()
	s, list := site.Load(fsys)
	t1 := time.Now()
	var opts []render.Option
	if *pages {
		opts = append(opts, render.WithoutCompression(), render.WithoutSearch())
	}
	snap, built := render.Build(s, fsys, opts...)
	t2 := time.Now()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(stdout, "load %s, build %s (%d URLs, %.1f MB), %d diagnostics; heap in use %.1f MB, GC cycles %d, total allocated %.0f MB\n",
		t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), snap.Len(), float64(snap.Size())/1e6,
		len(list.Items())+len(built.Items()), float64(ms.HeapInuse)/1e6, ms.NumGC, float64(ms.TotalAlloc)/1e6)
	s, list, built = nil, nil, nil // as strata serve keeps them: not at all
	took := collectionTime(15)     // the first two also free what sync.Pools held
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(stdout, "live heap after a GC: %.1f MB in %d objects (the snapshot's bytes: %.1f MB); a full collection of it on one core: %s (median of 15)\n",
		float64(ms.HeapAlloc)/1e6, ms.HeapObjects, float64(snap.Size())/1e6, took)
	if *heap != "" {
		f, err := os.Create(*heap)
		if err == nil {
			_ = pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	runtime.KeepAlive(snap)
	return 0
}

// collectionTime is the median time of n full garbage collections on one core:
// what a collection of the live heap costs a serving process, which runs one
// whenever its requests have allocated as much again as the live heap.
func collectionTime(n int) time.Duration {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	times := make([]time.Duration, n)
	for i := range times {
		start := time.Now()
		runtime.GC()
		times[i] = time.Since(start)
	}
	slices.Sort(times)
	return times[n/2].Round(100 * time.Microsecond)
}

// startCPUProfile writes a CPU profile to file until stop is called; with an
// empty file name it does nothing.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
