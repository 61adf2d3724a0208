package server

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/strata-health/strata/static"
)

// liveReload tells open preview pages (strata serve -watch) when the content changed
// or broke, over server-sent events.
type liveReload struct {
	mu       sync.Mutex
	version  string
	problems []string
	changed  chan struct{} // closed and replaced on every change
	streams  atomic.Int32  // event streams open
	closed   chan struct{} // closed by CloseStreams
	once     sync.Once
}

// maxStreams is how many event streams (open preview tabs) may be open at once.
const maxStreams = 32

func newLiveReload() *liveReload {
	return &liveReload{changed: make(chan struct{}), problems: []string{}, closed: make(chan struct{})}
}

// CloseStreams ends the live preview's event streams, which would otherwise keep
// http.Server.Shutdown waiting for as long as a tab is open: register it with
// http.Server.RegisterOnShutdown. It does nothing outside watch mode.
func (s *Server) CloseStreams() {
	if s.live != nil {
		s.live.once.Do(func() { close(s.live.closed) })
	}
}

// set records the state and wakes every listener.
func (l *liveReload) set(version string, problems []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if version != "" {
		l.version = version
	}
	l.problems = problems
	close(l.changed)
	l.changed = make(chan struct{})
}

func (l *liveReload) state() (string, []string, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.version, l.problems, l.changed
}

// ReportProblems shows content errors on open preview pages (and keeps serving the
// last good snapshot). An empty list clears them. It does nothing outside watch mode.
func (s *Server) ReportProblems(problems []string) {
	if s.live != nil {
		if problems == nil {
			problems = []string{}
		}
		s.live.set("", problems)
	}
}

// events streams "version" and "problems" events until the client goes away or
// the server shuts down; beyond maxStreams at once the answer is 503.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if s.live.streams.Add(1) > maxStreams {
		s.live.streams.Add(-1)
		w.Header().Set("Retry-After", "5")
		http.Error(w, "too many open preview pages", http.StatusServiceUnavailable)
		return
	}
	defer s.live.streams.Add(-1)
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // the stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	for {
		version, problems, changed := s.live.state()
		data, _ := json.Marshal(problems)
		fmt.Fprintf(w, "event: version\ndata: %s\n\nevent: problems\ndata: %s\n\n", version, data)
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.live.closed:
			return
		case <-changed:
		}
	}
}

func (s *Server) reloadScript(w http.ResponseWriter, _ *http.Request) {
	js, _ := fs.ReadFile(static.FS, "reload.js")
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(js)
}
