package search

import (
	"os"
	"github.com/strata-health/strata/internal/site"
	"runtime"
	"testing"
)

func TestZZHeap(t *testing.T) {
	docs := generated(1000)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	ix, _ := Build(docs, nil)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("heap delta %.1f MB", float64(m1.HeapAlloc-m0.HeapAlloc)/1e6)
	runtime.KeepAlive(ix)
	docs = nil
	s := seedOnly(t)
	runtime.GC()
	runtime.ReadMemStats(&m0)
	ix2, _ := Build(s, nil)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("seed heap delta %.2f MB", float64(m1.HeapAlloc-m0.HeapAlloc)/1e6)
	runtime.KeepAlive(ix2)
}

func seedOnly(t *testing.T) []Doc {
	return FromSite(mustLoad(t), SiteOptions{})
}

func mustLoad(t *testing.T) *site.Site {
	s, _ := site.Load(os.DirFS("../../content"))
	return s
}
