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
	// built with the snapshot from the same content.
	Search *search.Index
	// Layout is the frame of a search page (stylesheet, script, site title).
	Layout web.Layout
	// Tiers are the tiers, for the search filter.
	Tiers []site.Tier
	// Fallback is the page the static export serves at /search, where there is
	// no server to search: it points to the glossary instead.
	Fallback *Resource
}

// searchIndex builds the search index and the search page's frame.
func (b *builder) searchIndex() {
	ix, err := search.Build(search.FromSite(b.site, search.SiteOptions{TermURL: TermURL, TierURL: TierURL, Reserved: pageIDs}), nil)
	if err != nil {
		b.list.Errorf("search", 0, 0, "cannot build the search index: %v", err)
		return
	}
	l := b.layout("Search", "", "")
	l.Noindex = true
	d := &Dynamic{Search: ix, Layout: l, Tiers: b.site.Tiers}

	fl := l
	var buf bytes.Buffer
	_ = web.Search(web.SearchPage{Layout: fl, Message: "Search needs the Strata server, and this copy of the site is static. " +
		"Every term is in the glossary, from A to Z."}).Render(context.Background(), &buf)
	d.Fallback = newResource(htmlType, cachePage, buf.Bytes())
	if b.comp != nil {
		b.comp.add(d.Fallback)
	}
	b.snap.Dynamic = d
}
