package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestDo checks that every item is done exactly once, that no more goroutines
// than GOMAXPROCS start, and that each reuses its own scratch value.
func TestDo(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		done := make([]atomic.Int32, n)
		var starts atomic.Int32
		var mu sync.Mutex
		owner := map[int]*int{} // item -> the scratch value it was given
		Do(n, func() *int { starts.Add(1); return new(int) }, func(w *int, i int) {
			*w++ // only this goroutine touches w: the race detector would see otherwise
			done[i].Add(1)
			mu.Lock()
			owner[i] = w
			mu.Unlock()
		})
		for i := range done {
			if c := done[i].Load(); c != 1 {
				t.Errorf("n=%d: item %d done %d times", n, i, c)
			}
		}
		if s := int(starts.Load()); s > runtime.GOMAXPROCS(0) || (n > 0 && s == 0) || (n == 0 && s != 0) {
			t.Errorf("n=%d: %d goroutines started", n, s)
		}
		total := 0
		seen := map[*int]bool{}
		for _, w := range owner {
			if !seen[w] {
				seen[w] = true
				total += *w
			}
		}
		if total != n {
			t.Errorf("n=%d: the scratch values counted %d items", n, total)
		}
	}
}

// TestFor checks that For does every item once.
func TestFor(t *testing.T) {
	var sum atomic.Int64
	For(100, func(i int) { sum.Add(int64(i)) })
	if s := sum.Load(); s != 4950 {
		t.Errorf("sum = %d, want 4950", s)
	}
}
