package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestTransferEncodingRefused checks, over raw TCP, that a request with both
// Content-Length and Transfer-Encoding (and one with a chunked body alone) gets
// 400 and its connection closed: the request pipelined after it, which a proxy
// framing by Content-Length would have read as part of the body, is never answered.
func TestTransferEncodingRefused(t *testing.T) {
	ts, _ := newTestServer(t)
	addr := ts.Listener.Addr().String()
	smuggled := "GET /glossary HTTP/1.1\r\nHost: x\r\n\r\n"
	for _, c := range []struct{ name, head, body string }{
		{"CL+TE", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"},
		{"TE+CL", "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n", "0\r\n\r\n"},
		{"TE", "Transfer-Encoding: chunked\r\n", "3\r\nabc\r\n0\r\n\r\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
			raw := "GET / HTTP/1.1\r\nHost: x\r\n" + c.head + "\r\n" + c.body + smuggled
			if _, err := io.WriteString(conn, raw); err != nil {
				t.Fatal(err)
			}
			br := bufio.NewReader(conn)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 400 || !resp.Close {
				t.Errorf("status %d, Connection: close %v; want 400 and close", resp.StatusCode, resp.Close)
			}
			if resp.Header.Get("Content-Security-Policy") == "" {
				t.Error("the 400 lacks the security headers")
			}
			// The server closes the connection: the next read ends, with no second answer.
			if rest, err := io.ReadAll(br); err != nil && !errors.Is(err, net.ErrClosed) && !strings.Contains(err.Error(), "reset") {
				t.Errorf("after the 400: %v", err)
			} else if len(rest) > 0 {
				t.Errorf("answered the smuggled request: %.60q", rest)
			}
		})
	}
	// An ordinary request on a kept-alive connection is unaffected.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /glossary HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(conn)
	for i := range 2 {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("pipelined request %d: %v", i, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("pipelined request %d: %d", i, resp.StatusCode)
		}
	}
}

// TestRequestIDLogged checks that an X-Request-Id is logged at most maxRequestID
// bytes long and with printable ASCII only, by slog's JSONHandler and by a
// JSONLogger.
func TestRequestIDLogged(t *testing.T) {
	for name, newLogger := range map[string]func(io.Writer) *slog.Logger{
		"slog":       func(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) },
		"JSONLogger": JSONLogger,
	} {
		t.Run(name, func(t *testing.T) { testRequestIDLogged(t, newLogger) })
	}
}

func testRequestIDLogged(t *testing.T, newLogger func(io.Writer) *slog.Logger) {
	var logs lockedBuffer
	srv := New(fixtureSnapshot(t), Options{Logger: newLogger(&logs)})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ids := map[string]string{
		"abc-123":                    "abc-123",
		strings.Repeat("x", 100_000): strings.Repeat("x", maxRequestID),
		"tab\there\xff\xfe":          "tab?here??",
		"caf\u00e9":                  "caf??",
	}
	for id := range ids {
		req, _ := http.NewRequest("GET", ts.URL+"/", nil)
		req.Header.Set("X-Request-Id", id)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	logged := map[string]bool{}
	for line := range strings.Lines(logs.String()) {
		var rec struct{ ID string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %.80q: %v", line, err)
		}
		logged[rec.ID] = true
	}
	for id, want := range ids {
		if !logged[want] {
			t.Errorf("id %.20q: %.20q not logged; logged %d ids", id, want, len(logged))
		}
	}
}
