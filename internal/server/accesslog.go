package server

import (
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/strata-health/strata/internal/logbuf"
)

// JSONLogger returns a logger that writes JSON lines to w, as
// slog.New(slog.NewJSONHandler(w, nil)) does, and whose access-log lines a Server
// writes by itself: the same bytes (TestJSONAccessLine checks them against
// slog's), made without slog's general machinery, which cost more than the rest
// of a page request's own work (BenchmarkHandler). A *logbuf.Writer, which takes
// one Write at a time already, is written to as it is; any other w through a lock.
func JSONLogger(w io.Writer) *slog.Logger {
	if _, ok := w.(*logbuf.Writer); !ok {
		w = &lockedWriter{w: w}
	}
	return slog.New(&jsonHandler{JSONHandler: slog.NewJSONHandler(w, nil), out: w})
}

// jsonHandler is slog's JSONHandler and the writer it writes to, for the server's
// access log to write its lines to the same writer (see JSONLogger). A handler
// made from it by WithAttrs or WithGroup is slog's own.
type jsonHandler struct {
	*slog.JSONHandler
	out io.Writer // takes one Write at a time, each a whole line
}

// lockedWriter lets slog's lines and the access log's share a writer: one
// Write at a time, each a whole line.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// lineBuffers hold access-log lines while they are made, so that logging a
// request allocates nothing.
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// logRequest writes the access-log line of a request, which ended at end:
// method, path, status, body bytes, duration and, when the proxy in front sent
// one, its X-Request-Id (an id made here would mark nothing but this one line).
// It allocates nothing, with a JSONLogger or, without the id, with any other
// (slog keeps up to five attributes inline).
func (s *Server) logRequest(r *http.Request, status, bytes int, end time.Time, elapsed time.Duration) {
	if s.opts.Logger == nil {
		return
	}
	id := requestHeader(r, "X-Request-Id")
	if id != "" {
		id = requestID(id)
	}
	if s.jsonLog != nil {
		bp := lineBuffers.Get().(*[]byte)
		*bp = appendAccessLine((*bp)[:0], end, r.Method, r.URL.Path, status, bytes, elapsed, id)
		_, _ = s.jsonLog.out.Write(*bp)
		lineBuffers.Put(bp)
		return
	}
	h, ctx := s.opts.Logger.Handler(), r.Context()
	if !h.Enabled(ctx, slog.LevelInfo) {
		return
	}
	rec := slog.NewRecord(end, slog.LevelInfo, "request", 0)
	rec.AddAttrs(slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", status),
		slog.Int("bytes", bytes), slog.Duration("duration", elapsed))
	if id != "" {
		rec.AddAttrs(slog.String("id", id))
	}
	_ = h.Handle(ctx, rec)
}

// appendAccessLine appends the access-log line that slog's JSONHandler writes for
// logRequest's record.
func appendAccessLine(b []byte, t time.Time, method, path string, status, bytes int, elapsed time.Duration, id string) []byte {
	b = append(b, `{"time":"`...)
	b = appendTime(b, t)
	b = append(b, `","level":"INFO","msg":"request","method":"`...)
	b = appendJSONString(b, method)
	b = append(b, `","path":"`...)
	b = appendJSONString(b, path)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, `,"bytes":`...)
	b = strconv.AppendInt(b, int64(bytes), 10)
	b = append(b, `,"duration":`...)
	b = strconv.AppendInt(b, int64(elapsed), 10)
	if id != "" {
		b = append(b, `,"id":"`...)
		b = appendJSONString(b, id)
		b = append(b, '"')
	}
	return append(b, "}\n"...)
}

// secondText is the text of one second as time.RFC3339 writes it, cut where
// the fraction of a second goes.
type secondText struct {
	unix       int64
	loc        *time.Location
	date, zone []byte // "2006-01-02T15:04:05" and "Z" or "-07:00"
}

// lastSecond is the second of the latest access-log line, whose text the lines
// of that second share.
var lastSecond atomic.Pointer[secondText]

// appendTime appends t as t.AppendFormat(b, time.RFC3339Nano) does, formatting
// the date, time and zone once a second: formatting them took longer than the
// rest of the line.
func appendTime(b []byte, t time.Time) []byte {
	sec := lastSecond.Load()
	if sec == nil || sec.unix != t.Unix() || sec.loc != t.Location() {
		whole := t.Truncate(time.Second).AppendFormat(nil, time.RFC3339)
		if y := t.Year(); y < 1 || y > 9999 || len(whole) < 20 {
			return t.AppendFormat(b, time.RFC3339Nano)
		}
		sec = &secondText{unix: t.Unix(), loc: t.Location(), date: whole[:19], zone: whole[19:]}
		lastSecond.Store(sec)
	}
	b = append(b, sec.date...)
	if ns := t.Nanosecond(); ns != 0 {
		var frac [10]byte // "." and nine digits, of which trailing zeros are dropped
		frac[0] = '.'
		for i := 9; i > 0; i-- {
			frac[i] = byte('0' + ns%10)
			ns /= 10
		}
		n := len(frac)
		for frac[n-1] == '0' {
			n--
		}
		b = append(b, frac[:n]...)
	}
	return append(b, sec.zone...)
}

// appendJSONString appends s escaped as slog's JSONHandler escapes strings (as
// encoding/json does, without escaping <, > and &): quotes, backslashes and
// control bytes escaped, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\' {
			i++
			continue
		}
		var esc string
		size := 1
		switch c {
		case '"':
			esc = `\"`
		case '\\':
			esc = `\\`
		case '\n':
			esc = `\n`
		case '\r':
			esc = `\r`
		case '\t':
			esc = `\t`
		default:
			if c < utf8.RuneSelf { // a control byte
				b = append(append(b, s[start:i]...), '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
				i++
				start = i
				continue
			}
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				esc = `\ufffd`
			case r == '\u2028':
				esc = `\u2028`
			case r == '\u2029':
				esc = `\u2029`
			default:
				i += size
				continue
			}
		}
		b = append(append(b, s[start:i]...), esc...)
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// maxRequestID is the most bytes of an X-Request-Id that are logged.
const maxRequestID = 128

// requestID is an X-Request-Id as it is logged: at most maxRequestID bytes, every
// byte that is not printable ASCII made "?". Ids that need neither, nearly all, are
// returned as they are, without allocating.
func requestID(id string) string {
	if len(id) > maxRequestID {
		id = id[:maxRequestID]
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] > 0x7e {
			b := []byte(id)
			for j := i; j < len(b); j++ {
				if b[j] < 0x20 || b[j] > 0x7e {
					b[j] = '?'
				}
			}
			return string(b)
		}
	}
	return id
}
