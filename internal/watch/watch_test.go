package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// TestFingerprint checks that adding, changing and removing files, in sub-folders
// made after the start too, change the fingerprint, and nothing else does.
func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("one"), 0o644)
	base := Fingerprint(dir)
	if Fingerprint(dir) != base {
		t.Fatal("fingerprint changed with no change")
	}
	steps := []func(){
		func() { os.WriteFile(filepath.Join(dir, "a.md"), []byte("two!"), 0o644) },
		func() { os.MkdirAll(filepath.Join(dir, "new", "deep"), 0o755) },
		func() { os.WriteFile(filepath.Join(dir, "new", "deep", "b.md"), []byte("x"), 0o644) },
		func() { os.Remove(filepath.Join(dir, "a.md")) },
	}
	prev := base
	for i, step := range steps {
		step()
		now := Fingerprint(dir)
		if now == prev {
			t.Errorf("step %d: fingerprint did not change", i)
		}
		prev = now
	}
}

// TestPoll checks that a burst of changes is reported once, one interval after it
// settles, and not while it goes on (in a synctest bubble: the ticker's clock moves
// only when every goroutine in the bubble waits).
func TestPoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var calls atomic.Int32
		go Poll(ctx, dir, 20*time.Millisecond, func() { calls.Add(1) })
		tick := func(n int) {
			time.Sleep(time.Duration(n) * 20 * time.Millisecond)
			synctest.Wait()
		}
		tick(3)
		if n := calls.Load(); n != 0 {
			t.Fatalf("onChange called %d times with no change", n)
		}
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("x"), 0o644)
		tick(1) // seen, pending
		os.WriteFile(filepath.Join(dir, "b.md"), []byte("y"), 0o644)
		tick(1) // seen again: the burst goes on
		if n := calls.Load(); n != 0 {
			t.Fatalf("onChange called %d times during the burst", n)
		}
		tick(1) // settled for one interval
		if n := calls.Load(); n != 1 {
			t.Fatalf("onChange called %d times after the burst, want 1", n)
		}
		tick(5)
		if n := calls.Load(); n != 1 {
			t.Errorf("onChange called %d times in all, want 1", n)
		}
	})
}
