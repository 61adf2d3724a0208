package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
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

// TestPoll checks that a change is reported once, after it settles.
func TestPoll(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	go Poll(ctx, dir, 20*time.Millisecond, func() { calls.Add(1) })
	time.Sleep(60 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("y"), 0o644)
	deadline := time.Now().Add(2 * time.Second)
	for calls.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if n := calls.Load(); n != 1 {
		t.Errorf("onChange called %d times, want 1", n)
	}
}
