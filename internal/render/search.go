package render

import (
	"bytes"
	"context"

	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
	"github.com/strata-health/strata/web"
)

// Dynamic is what the server needs for the pages it renders per request: search.
type Dynamic struct {
	// Search is the full-text index over glossary entries and article tiers,
	// built from the same content as the pages; nil while it is being built (see
	// WithoutSearch).
	Search *search.Index
	// Layout is the frame of a search page (stylesheet, script, site title).
	Layout web.Layout
	// Tiers are the tiers, for the search filter.
	Tiers []site.Tier
	// Topics are the topics, A–Z, for the search filter.
	Topics []web.TierOption
	// Fallback is the page the static export serves at /search, where there is
	// no server to search: it points to the glossary instead.
	Fallback *Resource
}

// SearchIndex builds the full-text index of s, for a snapshot built WithoutSearch
// (see Snapshot.WithSearch).
func SearchIndex(s *site.Site) (*search.Index, error) {
	return search.Build(search.FromSite(s, search.SiteOptions{TermURL: TermURL, TierURL: TierURL, Reserved: pageIDs}), nil)
}

// WithSearch returns a copy of s that searches ix.
func (s *Snapshot) WithSearch(ix *search.Index) *Snapshot {
	out := *s
	var d Dynamic
	if s.Dynamic != nil {
		d = *s.Dynamic
	}
	d.Search = ix
	out.Dynamic = &d
	return &out
}

// dynamic builds the search page's frame, the static export's stand-in for it and,
// unless the build is WithoutSearch, the search index.
func (b *builder) dynamic() {
	l := b.layout("Search", "", "")
	l.Noindex = true
	d := &Dynamic{Layout: l, Tiers: b.site.Tiers}
	for _, t := range b.site.Topics {
		d.Topics = append(d.Topics, web.TierOption{Key: t.Slug, Name: t.Name})
	}
	if b.search {
		ix, err := SearchIndex(b.site)
		if err != nil {
			b.list.Errorf("search", 0, 0, "cannot build the search index: %v", err)
		}
		d.Search = ix
	}
	var buf bytes.Buffer
	_ = web.Search(web.SearchPage{Layout: l, Message: "Search needs the Strata server, and this copy of the site is static. " +
		"Every term is in the glossary, from A to Z."}).Render(context.Background(), &buf)
	d.Fallback = newResource(htmlType, cachePage, buf.Bytes())
	if b.comp != nil {
		b.comp.add(d.Fallback)
	}
	b.snap.Dynamic = d
}
