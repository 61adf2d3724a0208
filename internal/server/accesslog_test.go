package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/logbuf"
)

// TestJSONAccessLine checks that the access-log lines a JSONLogger gets are the
// bytes slog's JSONHandler writes for the same record, whatever the method, path
// and id hold: every ASCII byte, bytes of invalid UTF-8, runes JSON escapes and
// runes it leaves alone.
func TestJSONAccessLine(t *testing.T) {
	texts := []string{"", "GET", "/articles/a/b", `a"b\c`, "</script>&amp;", "caf\u00e9", "\U0001F600", "\u2028x\u2029",
		"\ufffd", "\xff", "a\xe2\x82", "\xed\xa0\x80", "tab\there\r\n"}
	for c := range 0x80 {
		texts = append(texts, "x"+string(rune(c))+"y")
	}
	times := []time.Time{time.Now(), time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC), time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("", 3600))}
	var want bytes.Buffer
	h := slog.NewJSONHandler(&want, nil)
	for i, text := range texts {
		tm := times[i%len(times)]
		status, n, d := []int{200, 304, 404}[i%3], i*1000, time.Duration(i)*time.Microsecond
		for _, id := range []string{"", text} {
			want.Reset()
			rec := slog.NewRecord(tm, slog.LevelInfo, "request", 0)
			rec.AddAttrs(slog.String("method", text), slog.String("path", text), slog.Int("status", status),
				slog.Int("bytes", n), slog.Duration("duration", d))
			if id != "" {
				rec.AddAttrs(slog.String("id", id))
			}
			if err := h.Handle(context.Background(), rec); err != nil {
				t.Fatal(err)
			}
			if got := appendAccessLine(nil, tm, text, text, status, n, d, id); string(got) != want.String() {
				t.Errorf("%q, id %q:\n got %s\nwant %s", text, id, got, want.Bytes())
			}
		}
	}
}

// TestJSONLoggerSharesWriter logs requests and other events at once through one
// JSONLogger: every write must be one whole JSON line (the writer is a plain
// writeRecorder, so the race detector reports writes that are not one at a time).
func TestJSONLoggerSharesWriter(t *testing.T) {
	var out writeRecorder
	logConcurrently(t, JSONLogger(&out))
	for _, w := range out.writes {
		if !strings.HasSuffix(w, "}\n") || strings.Count(w, "\n") != 1 {
			t.Fatalf("write %q is not one line", w)
		}
	}
	checkLines(t, strings.Join(out.writes, ""))
}

// TestJSONLoggerOverLogbuf does the same through a logbuf.Writer, which
// JSONLogger writes to without a lock of its own: logbuf's must keep the lines
// whole and one at a time (the race detector watches the writeRecorder behind it).
func TestJSONLoggerOverLogbuf(t *testing.T) {
	var out writeRecorder
	buf := logbuf.New(&out, 1<<10, time.Millisecond) // small: lines pass on while others are written
	logConcurrently(t, JSONLogger(buf))
	if err := buf.Close(); err != nil {
		t.Fatal(err)
	}
	checkLines(t, strings.Join(out.writes, ""))
}

// concurrentLines is how many request lines and how many other lines
// logConcurrently writes.
const concurrentLines = 50

// logConcurrently logs requests through the handler and other events through
// logger, all at once.
func logConcurrently(t *testing.T, logger *slog.Logger) {
	h := New(fixtureSnapshot(t), Options{Logger: logger}).Handler()
	var wg sync.WaitGroup
	for i := range concurrentLines {
		wg.Go(func() {
			r := httptest.NewRequest(http.MethodGet, benchPage, nil)
			r.Header.Set("X-Request-Id", "req-"+string(rune('a'+i%26)))
			h.ServeHTTP(httptest.NewRecorder(), r)
		})
		wg.Go(func() { logger.Info("event", "i", i) })
	}
	wg.Wait()
}

// checkLines checks that out is logConcurrently's lines, each whole JSON.
func checkLines(t *testing.T, out string) {
	t.Helper()
	lines := strings.SplitAfter(out, "\n")
	if last := lines[len(lines)-1]; last != "" {
		t.Fatalf("output ends in %q, not a newline", last)
	}
	lines = lines[:len(lines)-1]
	if len(lines) != 2*concurrentLines {
		t.Fatalf("%d lines, want %d", len(lines), 2*concurrentLines)
	}
	msgs := map[string]int{}
	for _, l := range lines {
		var rec struct{ Msg, Path, ID string }
		if json.Unmarshal([]byte(l), &rec) != nil {
			t.Fatalf("line %q is not JSON", l)
		}
		msgs[rec.Msg]++
		if rec.Msg == "request" && (rec.Path != benchPage || !strings.HasPrefix(rec.ID, "req-")) {
			t.Errorf("request line %q: path or id missing", l)
		}
	}
	if msgs["request"] != concurrentLines || msgs["event"] != concurrentLines {
		t.Errorf("lines by message: %v, want %d of each", msgs, concurrentLines)
	}
}

// writeRecorder keeps every write; it is not safe for concurrent use.
type writeRecorder struct{ writes []string }

func (w *writeRecorder) Write(p []byte) (int, error) {
	w.writes = append(w.writes, string(p))
	return len(p), nil
}

// TestAppendTime checks appendTime against time's own RFC 3339 formatting, in
// one second and across seconds, zones and years, each fraction of a second
// from none to nine digits, and times in the order a busy server logs them
// (several goroutines, the same second, then the next).
func TestAppendTime(t *testing.T) {
	zones := []*time.Location{time.UTC, time.Local, time.FixedZone("", -(3*3600 + 30*60)), time.FixedZone("CET", 3600)}
	base := []time.Time{time.Date(2026, 12, 2, 23, 59, 59, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-1, 6, 1, 0, 0, 0, 0, time.UTC), time.Now()}
	fractions := []int{0, 1, 10, 120, 999, 1_000, 500_000, 999_999, 1_000_000, 100_000_000, 123_456_789, 999_999_999}
	for _, b := range base {
		for _, zone := range zones {
			for _, ns := range fractions {
				for _, step := range []time.Duration{0, time.Duration(ns), time.Second} {
					tm := b.In(zone).Truncate(time.Second).Add(step)
					if got, want := string(appendTime([]byte("x"), tm)), "x"+tm.Format(time.RFC3339Nano); got != want {
						t.Errorf("appendTime(%v) = %q, want %q", tm, got, want)
					}
				}
			}
		}
	}
	// A zone that changes its offset between two seconds: the second's text
	// must not be reused for the other offset.
	summer := time.FixedZone("S", 7200)
	a := time.Date(2026, 3, 29, 1, 0, 0, 5, time.FixedZone("W", 3600))
	for _, tm := range []time.Time{a, a.In(summer), a} {
		if got, want := string(appendTime(nil, tm)), tm.Format(time.RFC3339Nano); got != want {
			t.Errorf("appendTime(%v) = %q, want %q", tm, got, want)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			now := time.Now()
			for i := range 2000 {
				tm := now.Add(time.Duration(i*g) * time.Millisecond)
				if got, want := string(appendTime(nil, tm)), tm.Format(time.RFC3339Nano); got != want {
					t.Errorf("appendTime(%v) = %q, want %q", tm, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
