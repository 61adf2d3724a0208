package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestEventStreams checks that the live preview's event streams are bounded, and
// that CloseStreams ends every open one (so that a shutdown need not wait for the
// tabs to close).
func TestEventStreams(t *testing.T) {
	srv := New(fixtureSnapshot(t), Options{LiveReload: true})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	var open []*http.Response
	for range maxStreams {
		resp, err := http.Get(ts.URL + "/_strata/events")
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", len(open), resp.StatusCode)
		}
		open = append(open, resp)
	}
	if resp, _ := do(t, "GET", ts.URL+"/_strata/events", nil); resp.StatusCode != 503 {
		t.Errorf("one stream too many: %d, want 503", resp.StatusCode)
	}
	srv.CloseStreams()
	for i, resp := range open {
		if _, err := io.ReadAll(resp.Body); err != nil {
			t.Errorf("stream %d: %v", i, err)
		}
		resp.Body.Close()
	}
	if n := srv.live.streams.Load(); n != 0 {
		t.Errorf("%d streams still counted after they ended", n)
	}
}
