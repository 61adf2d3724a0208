package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/web"
)

// searchTimeout bounds one search; a slower one answers 503.
const searchTimeout = 2 * time.Second

// search answers /search?q=...&tier=...&topic=... with a server-rendered page. At most
// cap(s.searchSlots) searches run at once; beyond that the answer is 503 with
// Retry-After rather than a queue without bound. Bad queries are 400 with a
// message; nothing a query holds can reach a 500.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	d := s.snap.Load().Dynamic
	if d == nil {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("X-Robots-Tag", "noindex")
	select {
	case s.searchSlots <- struct{}{}:
		defer func() { <-s.searchSlots }()
	default:
		h.Set("Retry-After", "1")
		http.Error(w, "Search is busy. Please try again in a moment.", http.StatusServiceUnavailable)
		return
	}
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
	status := http.StatusOK
	if d.Search == nil {
		// Pages are served while the index is still being built.
		h.Set("Retry-After", "5")
		p.Message = "Search is starting and will be ready in a few seconds. Meanwhile, every term is in the glossary, from A to Z."
		s.searchPage(w, r, p, http.StatusServiceUnavailable)
		return
	}
	if strings.TrimSpace(q) != "" {
		ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
		opts := search.Options{Tier: tier, Topic: topic}
		if pg := r.URL.Query().Get("page"); pg != "" {
			n, err := strconv.Atoi(pg)
			if err != nil {
				n = -1 // ErrBadPage
			}
			opts.Page = n
		}
		res, err := d.Search.Search(ctx, q, opts)
		cancel()
		var qe *search.QueryError
		switch {
		case errors.As(err, &qe):
			status, p.Message = http.StatusBadRequest, qe.Message
		case err != nil:
			h.Set("Retry-After", "1")
			status, p.Message = http.StatusServiceUnavailable, "Search could not finish in time. Please try again."
		default:
			p.Total, p.Fuzzy, p.AnyWord, p.Page, p.Pages = res.Total, res.Fuzzy, res.AnyWord, res.Page, res.Pages
			for _, hit := range res.Terms {
				p.Terms = append(p.Terms, webHit(hit))
			}
			for _, hit := range res.Tiers {
				p.Tiers = append(p.Tiers, webHit(hit))
			}
			if res.Total == 0 {
				p.Suggestions = d.Search.Suggest(q)
			}
		}
	}
	s.searchPage(w, r, p, status)
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
