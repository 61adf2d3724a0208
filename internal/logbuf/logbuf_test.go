package logbuf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// countingWriter records each Write it gets.
type countingWriter struct {
	mu     sync.Mutex
	writes []string
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes = append(c.writes, string(p))
	return len(p), nil
}

func (c *countingWriter) get() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.writes...)
}

// TestBuffersLines checks that many lines cost few writes, that no line is split
// or lost, and that Close passes on the rest.
func TestBuffersLines(t *testing.T) {
	out := &countingWriter{}
	w := New(out, 1024, time.Hour)
	var want strings.Builder
	for i := range 200 {
		line := fmt.Sprintf("line %03d of the access log\n", i)
		want.WriteString(line)
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(out.get()); n == 0 || n > 10 {
		t.Errorf("200 lines of 27 bytes through a 1 KB buffer made %d writes, want 6 or so", n)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(out.get(), "")
	if got != want.String() {
		t.Fatalf("the output differs from the lines written:\n%q", got)
	}
	for _, chunk := range out.get() {
		if !strings.HasSuffix(chunk, "\n") {
			t.Errorf("a write ends inside a line: %q", chunk)
		}
	}
}

// TestFlushesOnTime checks that a line waits at most about the interval.
func TestFlushesOnTime(t *testing.T) {
	out := &countingWriter{}
	w := New(out, 1<<16, 20*time.Millisecond)
	defer w.Close()
	_, _ = w.Write([]byte("one line\n"))
	deadline := time.Now().Add(5 * time.Second)
	for len(out.get()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the line was not passed on within 5 s with a 20 ms interval")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestLargeWrite checks that a write larger than the buffer goes out whole, after
// what was buffered before it.
func TestLargeWrite(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, 16, time.Hour)
	_, _ = w.Write([]byte("small\n"))
	big := strings.Repeat("x", 100) + "\n"
	if n, err := w.Write([]byte(big)); err != nil || n != len(big) {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "small\n"+big {
		t.Errorf("output %q", out.String())
	}
}

// TestConcurrentWrites checks that lines written from many goroutines all arrive
// whole (run with -race).
func TestConcurrentWrites(t *testing.T) {
	out := &countingWriter{}
	w := New(out, 512, time.Millisecond)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				_, _ = fmt.Fprintf(w, "goroutine %d line %d\n", g, i)
			}
		})
	}
	wg.Wait()
	_ = w.Close()
	lines := strings.Split(strings.TrimSuffix(strings.Join(out.get(), ""), "\n"), "\n")
	if len(lines) != 800 {
		t.Fatalf("%d lines arrived, want 800", len(lines))
	}
	for _, l := range lines {
		var g, i int
		if _, err := fmt.Sscanf(l, "goroutine %d line %d", &g, &i); err != nil {
			t.Fatalf("a broken line: %q", l)
		}
	}
}
