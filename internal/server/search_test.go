package server

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
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

// TestSearchAdmission checks the queue in front of the search slots: with every
// slot taken a search waits and runs once one frees; with the queue full too it
// is refused at once with 503 and Retry-After; a search that waits past its
// deadline is refused the same way.
func TestSearchAdmission(t *testing.T) {
	ts, srv := newTestServer(t)
	for range cap(srv.searchSlots) {
		srv.searchSlots <- struct{}{}
	}
	// Queued: answered once a slot frees.
	done := make(chan int)
	go func() {
		resp, err := http.Get(ts.URL + "/search?q=germ")
		if err != nil {
			done <- 0
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	waitFor(t, func() bool { return srv.searchWaiting.Load() == 1 })
	<-srv.searchSlots
	if status := <-done; status != 200 {
		t.Errorf("queued search: %d, want 200", status)
	}
	srv.searchSlots <- struct{}{}
	// Queue full: refused at once.
	srv.searchWaiting.Add(searchQueue)
	resp, _ := do(t, "GET", ts.URL+"/search?q=soap", nil)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("search with the queue full: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	srv.searchWaiting.Add(-searchQueue)
	// Past the deadline: refused; the refusal is not remembered.
	srv.searchWait = time.Millisecond
	if resp, _ := do(t, "GET", ts.URL+"/search?q=soap", nil); resp.StatusCode != 503 {
		t.Errorf("search past its deadline: %d, want 503", resp.StatusCode)
	}
	// A search already answered needs no slot.
	if resp, _ := do(t, "GET", ts.URL+"/search?q=GERM", nil); resp.StatusCode != 200 {
		t.Errorf("remembered search with every slot taken: %d, want 200", resp.StatusCode)
	}
	for range cap(srv.searchSlots) {
		<-srv.searchSlots
	}
	if resp, _ := do(t, "GET", ts.URL+"/search?q=soap", nil); resp.StatusCode != 200 {
		t.Errorf("search after the slots freed: %d", resp.StatusCode)
	}
}

// TestSearchCache checks that differently written forms of a query share one
// answer, that the answer is the search's, and that a new index empties the cache.
func TestSearchCache(t *testing.T) {
	// A snapshot of its own: swapping closes the index swapped out.
	fsys := os.DirFS("../testdata/small-site")
	st, _ := site.Load(fsys)
	snap, _ := render.Build(st, fsys, render.WithoutSearch())
	newIndex := func() *search.Index {
		ix, err := render.SearchIndex(snap)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	srv := New(snap.WithSearch(newIndex()), Options{})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	_, plain := do(t, "GET", ts.URL+"/search?q=germ", nil)
	if !strings.Contains(string(plain), `href="/glossary/germ"`) {
		t.Fatal("germ found no glossary entry")
	}
	c := srv.cache.Load()
	if n := c.answers.Len(); n != 1 {
		t.Fatalf("%d answers cached after one search, want 1", n)
	}
	for _, q := range []string{"GERM", "ｇｅｒｍ", "  Germ  "} {
		_, body := do(t, "GET", ts.URL+"/search?q="+url.QueryEscape(q), nil)
		if !strings.Contains(string(body), `href="/glossary/germ"`) {
			t.Errorf("%q: no glossary entry", q)
		}
	}
	if n := c.answers.Len(); n != 1 {
		t.Errorf("%d answers cached for four forms of one query, want 1", n)
	}
	do(t, "GET", ts.URL+"/search?q=germ&tier=academic", nil)
	if n := c.answers.Len(); n != 2 {
		t.Errorf("%d answers cached after a filtered search, want 2", n)
	}
	// A snapshot with another index gets an empty cache.
	ix := newIndex()
	srv.Swap(snap.WithSearch(ix))
	if c2 := srv.cache.Load(); c2 == c || c2.ix != ix || c2.answers.Len() != 0 {
		t.Error("the cache was not replaced with the index")
	}
}

// TestSearchStorm checks that dozens of clients searching common words at once
// get no 503: repeated queries are answered from the cache or share a search.
func TestSearchStorm(t *testing.T) {
	ts, _ := newTestServer(t)
	words := []string{"germ", "soap", "hands", "water", "alcohol", "rub", "skin", "dry"}
	var wg sync.WaitGroup
	var refused, failed atomic.Int32
	for i := range 48 {
		wg.Go(func() {
			for j := range 20 {
				resp, err := http.Get(ts.URL + "/search?q=" + words[(i+j)%len(words)])
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 503 {
					refused.Add(1)
				} else if resp.StatusCode != 200 {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if refused.Load() != 0 || failed.Load() != 0 {
		t.Errorf("48 clients × 20 searches: %d refused, %d failed", refused.Load(), failed.Load())
	}
}

// waitFor polls cond until it holds (at most 10 s).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for a condition")
		}
		time.Sleep(time.Millisecond)
	}
}
