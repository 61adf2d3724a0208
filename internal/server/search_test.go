package server

import (
	"net/url"
	"strings"
	"testing"
)

// TestSearch checks the search page over HTTP: results with marked words, the tier
// filter, the empty state, and bad input answered with 200 or 400, escaped, never 5xx.
func TestSearch(t *testing.T) {
	ts, _ := newTestServer(t)
	get := func(rawQuery string) (int, string, string) {
		resp, body := do(t, "GET", ts.URL+"/search?"+rawQuery, nil)
		return resp.StatusCode, string(body), resp.Header.Get("X-Robots-Tag")
	}
	status, body, robots := get("q=" + url.QueryEscape("germs"))
	if status != 200 || robots != "noindex" {
		t.Fatalf("search: %d, X-Robots-Tag %q", status, robots)
	}
	if !strings.Contains(body, `<a href="/glossary/germ">Germ</a>`) {
		t.Error("the glossary entry is not among the results")
	}
	if !strings.Contains(body, "<mark>") || !strings.Contains(body, `href="/articles/hand-washing/`) {
		t.Error("no article result with marked words")
	}
	if !strings.Contains(body, `<meta name="robots" content="noindex">`) {
		t.Error("search pages are not noindex")
	}
	// Typo tolerance and synonyms (an alias finds its term).
	for _, q := range []string{"surfactnt", "microbe", "ABHR"} {
		if _, body, _ := get("q=" + url.QueryEscape(q)); !strings.Contains(body, "result") || strings.Contains(body, "Nothing matched") {
			t.Errorf("%q found nothing", q)
		}
	}
	// The tier filter.
	_, body, _ = get("q=soap&tier=academic")
	if strings.Contains(body, `href="/articles/hand-washing/fundamentals`) {
		t.Error("the academic filter let a fundamentals result through")
	}
	// Pages with only some of the words say so.
	if _, body, _ := get("q=zzqqxx+soap"); !strings.Contains(body, "No page has all your words") || !strings.Contains(body, `href="/articles/hand-washing/`) {
		t.Error("a search matching some of its words does not say so, or finds nothing")
	}
	// The empty state suggests glossary terms.
	_, body, _ = get("q=zzzzqqq")
	if !strings.Contains(body, "Nothing matched") {
		t.Error("no empty state")
	}
	// Bad input.
	for _, c := range []struct {
		rawQuery string
		want     int
	}{
		{"", 200},
		{"q=", 200},
		{"q=" + strings.Repeat("bone+", 100), 400},
		{"q=%ff%fe", 400},
		{"q=%2B-%3A%5E~*", 400},
		{"q=" + url.QueryEscape("<script>alert(1)</script>"), 200},
		{"q=soap&tier=expert", 400},
		{"q=soap&page=0", 200},
		{"q=soap&page=2", 200},
		{"q=soap&page=-1", 400},
		{"q=soap&page=two", 400},
		{"q=soap&page=99999999999999999999", 400},
		{"q=%zz", 200},
		{"q=" + strings.Repeat("a", 100000), 400},
	} {
		status, body, _ := get(c.rawQuery)
		if status != c.want {
			t.Errorf("%.40q: status %d, want %d", c.rawQuery, status, c.want)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("%.40q: the query is not escaped", c.rawQuery)
		}
	}
}

// TestSearchOverload checks that searches beyond the limit answer 503 with
// Retry-After instead of queueing.
func TestSearchOverload(t *testing.T) {
	ts, srv := newTestServer(t)
	for range cap(srv.searchSlots) {
		srv.searchSlots <- struct{}{}
	}
	resp, _ := do(t, "GET", ts.URL+"/search?q=germ", nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("overloaded search: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	<-srv.searchSlots
	if resp, _ := do(t, "GET", ts.URL+"/search?q=germ", nil); resp.StatusCode != 200 {
		t.Errorf("search after a slot freed: %d", resp.StatusCode)
	}
}
