package server

import (
	"strings"
	"testing"
)

// TestSearchTopic checks the topic filter over HTTP: a topic's articles are
// found, the topic is selected in the form, and an unknown topic is a 400.
func TestSearchTopic(t *testing.T) {
	ts, _ := newTestServer(t)
	resp, body := do(t, "GET", ts.URL+"/search?q=soap&topic=hygiene", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `href="/articles/hand-washing/`) {
		t.Errorf("soap in hygiene: %d, no article result", resp.StatusCode)
	}
	if !strings.Contains(string(body), `<option value="hygiene" selected>`) {
		t.Error("the topic is not selected in the form")
	}
	for _, c := range []struct {
		rawQuery string
		want     int
	}{
		{"q=soap&topic=no-such-topic", 400},
		{"q=soap&topic=" + strings.Repeat("a", 5000), 400},
		{"q=soap&topic=%ff", 200}, // invalid UTF-8 is dropped, as in tier: no filter
	} {
		if resp, _ := do(t, "GET", ts.URL+"/search?"+c.rawQuery, nil); resp.StatusCode != c.want {
			t.Errorf("%.40s: status %d, want %d", c.rawQuery, resp.StatusCode, c.want)
		}
	}
	// The topic page offers a search of its articles.
	resp, body = do(t, "GET", ts.URL+"/topics/hygiene", nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `<input type="hidden" name="topic" value="hygiene">`) {
		t.Errorf("/topics/hygiene: %d, no search of the topic", resp.StatusCode)
	}
}
