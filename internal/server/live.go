package server

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"sync"
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
}

func newLiveReload() *liveReload {
	return &liveReload{changed: make(chan struct{}), problems: []string{}}
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

// events streams "version" and "problems" events until the client goes away.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
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
