package render

import (
	"bytes"
	"context"
	"strings"

	"github.com/strata-health/strata/internal/markdown"

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

	// docs are the documents to index, made from the text the pages show while
	// they were rendered; kept until the index is built.
	docs []search.Doc
}

// SearchIndex builds the full-text index of snap, a snapshot built WithoutSearch
// (see Snapshot.WithSearch), from the text its pages show.
func SearchIndex(snap *Snapshot) (*search.Index, error) {
	var docs []search.Doc
	if snap.Dynamic != nil {
		docs = snap.Dynamic.docs
	}
	return search.Build(docs, nil)
}

// WithSearch returns a copy of s that searches ix. The copy no longer holds the
// documents the index was built from.
func (s *Snapshot) WithSearch(ix *search.Index) *Snapshot {
	out := *s
	var d Dynamic
	if s.Dynamic != nil {
		d = *s.Dynamic
	}
	d.Search = ix
	d.docs = nil
	out.Dynamic = &d
	return &out
}

// termDoc is the search document of a glossary entry: its name and aliases, its
// plain definition as the summary, the rest of its text, and its technical
// definition as a section anchored at "technical".
func termDoc(t *site.Term, mt markdown.Term, rest []markdown.Section) search.Doc {
	body, secs := searchSections(rest)
	var b strings.Builder
	b.WriteString(body)
	for _, sec := range secs {
		b.WriteString("\n\n" + sec.Heading + "\n\n" + sec.Text)
	}
	d := search.Doc{ID: "term:" + t.Slug, Kind: search.KindTerm, Title: t.Name, Aliases: t.Aliases,
		URL: TermURL(t.Slug), Summary: plainText(mt.Plain), Body: strings.TrimSpace(b.String())}
	if mt.Technical.String() != "" {
		d.Sections = []search.Section{{Anchor: "technical", Heading: "For clinicians", Text: plainText(mt.Technical)}}
	}
	return d
}

// tierDoc is the search document of an article tier: the article's title, the
// tier's summary (or the article's description), and the text of the tier's page
// with a section per heading. The closing text that every tier shows is left
// out: it would make every tier of an article match alike.
func tierDoc(a *site.Article, t site.TierDoc, text []markdown.Section) search.Doc {
	body, secs := searchSections(text)
	summary := t.Summary
	if summary == "" {
		summary = a.Description
	}
	return search.Doc{ID: "tier:" + a.Slug + "/" + t.Tier.Key, Kind: search.KindTier, Title: a.Title,
		URL: TierURL(a.Slug, t.Tier.Key), Tier: t.Tier.Key, TierName: t.Tier.Name,
		Summary: summary, Body: body, Sections: secs, Topics: a.TopicSlugs}
}

// searchSections splits a page's text into the text before its first heading
// and a search section per heading.
func searchSections(text []markdown.Section) (body string, secs []search.Section) {
	for _, s := range text {
		if s.Anchor == "" && s.Heading == "" {
			body = s.Text
			continue
		}
		secs = append(secs, search.Section{Anchor: s.Anchor, Heading: s.Heading, Text: s.Text})
	}
	return body, secs
}

// dynamic builds the search page's frame, the static export's stand-in for it and,
// unless the build is WithoutSearch, the search index.
func (b *builder) dynamic() {
	l := b.layout("Search", "", "")
	l.Noindex = true
	l.Section = "search" // the page's own search form stands in for the header's
	d := &Dynamic{Layout: l, Tiers: b.site.Tiers, docs: append(b.out.termDocs, b.out.tierDocs...)}
	for _, t := range b.site.Topics {
		if len(t.Articles) > 0 { // the others have nothing to search
			d.Topics = append(d.Topics, web.TierOption{Key: t.Slug, Name: t.Name})
		}
	}
	if b.search {
		ix, err := search.Build(d.docs, nil)
		if err != nil {
			b.out.problems.Errorf("search", 0, 0, "cannot build the search index: %v", err)
		}
		d.Search, d.docs = ix, nil
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
