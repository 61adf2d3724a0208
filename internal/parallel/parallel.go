// Package parallel runs independent pieces of work (the articles of a build) on
// every processor.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls do(w, i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// returns when every call has returned. Each goroutine calls start once and
// passes what it returns to each of its calls: scratch memory that one goroutine
// reuses from item to item. Items are taken in order, so callers that store
// result i at index i get the results of a sequential loop.
func Do[W any](n int, start func() W, do func(w W, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			w := start()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(w, i)
			}
		})
	}
	wg.Wait()
}

// For calls do(i) for every i in [0, n), as Do without scratch memory.
func For(n int, do func(i int)) {
	Do(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { do(i) })
}
