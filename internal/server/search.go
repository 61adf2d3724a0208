package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/web"
	"golang.org/x/sync/singleflight"
)

// Search admission. At most cap(Server.searchSlots) searches run at once; up to
// searchQueue more wait for a slot, each at most Server.searchWait, before the
// answer is 503 with Retry-After. Results are remembered (searchCacheSize per
// index, least recently used out), and identical searches arriving together run
// once: a storm of common queries costs one search each.
const (
	// searchTimeout bounds one search; a slower one answers 503.
	searchTimeout = 2 * time.Second
	// searchQueue is how many searches may wait for a slot.
	searchQueue = 64
	// searchWaitDefault is how long a search may wait for a slot.
	searchWaitDefault = time.Second
	// searchCacheSize is how many answers the cache keeps.
	searchCacheSize = 1024
)

// searchAnswer is what a search found, ready for the page; shared read-only by
// every request that the cache answers.
type searchAnswer struct {
	status      int
	message     string
	total       int
	fuzzy       bool
	anyWord     bool
	page, pages int
	terms       []web.SearchHit
	tiers       []web.SearchHit
	suggestions []string
	retryAfter  string
}

// searchCache remembers the answers of one index; a new snapshot with another
// index gets a new cache (see Server.swapped).
type searchCache struct {
	ix      *search.Index
	answers *lru.Cache[string, *searchAnswer]
	flight  singleflight.Group
}

func newSearchCache(ix *search.Index) *searchCache {
	c, _ := lru.New[string, *searchAnswer](searchCacheSize) // errors only for a size <= 0
	return &searchCache{ix: ix, answers: c}
}

// searchKey is the cache key of a search: the normalised query, the filters and
// the page.
func searchKey(q string, o search.Options) string {
	return o.Tier + "\x00" + o.Topic + "\x00" + strconv.Itoa(o.Page) + "\x00" + search.Normalize(q)
}

// search answers /search?q=...&tier=...&topic=...&page=... with a server-rendered page. Bad queries
// are 400 with a message; a search that cannot get a slot in time is 503 with
// Retry-After; nothing a query holds can reach a 500.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	d := s.snap.Load().Dynamic
	if d == nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("X-Robots-Tag", "noindex")
	q := strings.ToValidUTF8(r.URL.Query().Get("q"), "\uFFFD")
	tier := strings.ToValidUTF8(r.URL.Query().Get("tier"), "")
	topic := strings.ToValidUTF8(r.URL.Query().Get("topic"), "")
	p := web.SearchPage{Layout: d.Layout, Query: q, Tier: tier, Topic: topic, TopicOptions: d.Topics}
	if len([]rune(p.Query)) > search.MaxQueryRunes {
		p.Query = string([]rune(p.Query)[:search.MaxQueryRunes])
	}
	p.Layout.SearchQuery = p.Query
	for _, t := range d.Tiers {
		p.TierOptions = append(p.TierOptions, web.TierOption{Key: t.Key, Name: t.Name})
	}
	if d.Search == nil {
		// Pages are served while the index is still being built.
		h.Set("Retry-After", "5")
		p.Message = "Search is starting and will be ready in a few seconds. Meanwhile, every term is in the glossary, from A to Z."
		s.searchPage(w, r, p, http.StatusServiceUnavailable)
		return
	}
	if strings.TrimSpace(q) == "" {
		s.searchPage(w, r, p, http.StatusOK)
		return
	}
	opts := search.Options{Tier: tier, Topic: topic}
	if pg := r.URL.Query().Get("page"); pg != "" {
		n, err := strconv.Atoi(pg)
		if err != nil {
			n = -1 // ErrBadPage
		}
		opts.Page = n
	}
	a := s.answer(r.Context(), d.Search, q, opts)
	if a.retryAfter != "" {
		h.Set("Retry-After", a.retryAfter)
	}
	p.Message, p.Total, p.Fuzzy = a.message, a.total, a.fuzzy
	p.AnyWord, p.Page, p.Pages = a.anyWord, a.page, a.pages
	p.Terms, p.Tiers, p.Suggestions = a.terms, a.tiers, a.suggestions
	s.searchPage(w, r, p, a.status)
}

// answer runs a search, or finds it in the cache, or waits for the same search
// started by another request.
func (s *Server) answer(ctx context.Context, ix *search.Index, q string, opts search.Options) *searchAnswer {
	c := s.cache.Load()
	if c == nil || c.ix != ix {
		c = newSearchCache(ix) // a snapshot swapped in meanwhile: search without caching
	}
	key := searchKey(q, opts)
	if a, ok := c.answers.Get(key); ok {
		return a
	}
	ch := c.flight.DoChan(key, func() (any, error) {
		if !s.acquireSearch() {
			return &searchAnswer{status: http.StatusServiceUnavailable, retryAfter: "1",
				message: "Search is busy. Please try again in a moment."}, nil
		}
		defer func() { <-s.searchSlots }()
		a := runSearch(ix, q, opts)
		if a.status == http.StatusOK { // not refusals: an over-long query would be a big key
			c.answers.Add(key, a)
		}
		return a, nil
	})
	select {
	case res := <-ch:
		return res.Val.(*searchAnswer)
	case <-ctx.Done(): // the client went away; the answer is nobody's
		return &searchAnswer{status: http.StatusServiceUnavailable, retryAfter: "1", message: "Search was cancelled."}
	}
}

// acquireSearch takes a search slot, waiting in the queue at most s.searchWait,
// and reports whether it got one. It does not give up when the request that
// started the search goes away: others may be waiting for the same answer.
func (s *Server) acquireSearch() bool {
	select {
	case s.searchSlots <- struct{}{}:
		return true
	default:
	}
	if s.searchWaiting.Add(1) > searchQueue {
		s.searchWaiting.Add(-1)
		return false
	}
	defer s.searchWaiting.Add(-1)
	t := time.NewTimer(s.searchWait)
	defer t.Stop()
	select {
	case s.searchSlots <- struct{}{}:
		return true
	case <-t.C:
		return false
	}
}

// runSearch searches ix, with its own deadline: requests waiting for the same
// search share it (see Server.answer).
func runSearch(ix *search.Index, q string, opts search.Options) *searchAnswer {
	ctx, cancel := context.WithTimeout(context.Background(), searchTimeout)
	res, err := ix.Search(ctx, q, opts)
	cancel()
	var qe *search.QueryError
	switch {
	case errors.As(err, &qe):
		return &searchAnswer{status: http.StatusBadRequest, message: qe.Message}
	case err != nil:
		return &searchAnswer{status: http.StatusServiceUnavailable, retryAfter: "1",
			message: "Search could not finish in time. Please try again."}
	}
	a := &searchAnswer{status: http.StatusOK, total: res.Total, fuzzy: res.Fuzzy, anyWord: res.AnyWord, page: res.Page, pages: res.Pages}
	for _, hit := range res.Terms {
		a.terms = append(a.terms, webHit(hit))
	}
	for _, hit := range res.Tiers {
		a.tiers = append(a.tiers, webHit(hit))
	}
	if res.Total == 0 {
		a.suggestions = ix.Suggest(q)
	}
	return a
}

// searchPage writes a search page, never cached.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request, p web.SearchPage, status int) {
	h := w.Header()
	var buf bytes.Buffer
	if err := web.Search(p).Render(r.Context(), &buf); err != nil {
		http.Error(w, "Search is unavailable.", http.StatusServiceUnavailable)
		return
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// webHit converts a search hit for the template.
func webHit(h search.Hit) web.SearchHit {
	out := web.SearchHit{Title: h.Title, URL: h.URL, TierName: h.TierName, Section: h.Section, Summary: h.Summary}
	for _, f := range h.Snippet {
		out.Snippet = append(out.Snippet, web.Fragment{Text: f.Text, Match: f.Match})
	}
	return out
}
