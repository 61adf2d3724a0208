package logbuf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
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

// TestFlushesOnTime checks that a buffered line is passed on once the interval has
// passed, and not before (in a synctest bubble, whose clock moves only when every
// goroutine in it waits).
func TestFlushesOnTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &countingWriter{}
		w := New(out, 1<<16, 20*time.Millisecond)
		defer w.Close()
		_, _ = w.Write([]byte("one line\n"))
		time.Sleep(19 * time.Millisecond)
		synctest.Wait()
		if n := len(out.get()); n != 0 {
			t.Fatalf("%d writes before the interval, want 0", n)
		}
		time.Sleep(time.Millisecond)
		synctest.Wait()
		if got := out.get(); len(got) != 1 || got[0] != "one line\n" {
			t.Fatalf("after the interval: %q, want the line", got)
		}
	})
}

// TestCloseTwice checks that a second Close neither panics nor loses a line
// written between the two.
func TestCloseTwice(t *testing.T) {
	var out bytes.Buffer
	w := New(&out, 1024, time.Hour)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte("late line\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if out.String() != "late line\n" {
		t.Fatalf("output %q", out.String())
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
