// Package web holds the templ components that draw every page of the site, and the
// view models they take. The components know nothing of HTTP or of how content is
// loaded: internal/render fills the models.
package web

import "github.com/strata-health/strata/internal/cite"

// Layout is what every page's frame needs.
type Layout struct {
	Lang          string
	SiteTitle     string
	Disclaimer    string
	Title         string // the page's own title; empty on the home page
	Description   string
	Canonical     string // absolute URL, or empty
	Feed          bool   // the site has an Atom feed at /feed.xml (it has a base URL)
	StylesheetURL string
	ScriptURL     string
	IconURL       string
	LiveReloadURL string // the live-preview script, in watch mode only
	Section       string // "home" or "glossary" on those pages: marks the header link as the current page
	Noindex       bool
	SearchQuery   string // the query shown in the header's search box
	// Meta are extra <meta> tags: Open Graph and Highwire citation_* tags.
	Meta []Meta
	// JSONLD is schema.org data about the page, written as application/ld+json.
	JSONLD any
}

// Meta is one <meta> tag: Name (name=...) or Property (property=..., Open Graph).
type Meta struct {
	Name, Property, Content string
}

// Download is a file offered for download.
type Download struct {
	Label string
	URL   string
	Type  string // MIME type
}

// FullTitle is the text of the <title> element.
func (l Layout) FullTitle() string {
	if l.Title == "" {
		return l.SiteTitle
	}
	return l.Title + " · " + l.SiteTitle
}

// TierLink is one entry of the tier navigation.
type TierLink struct {
	Key         string
	Name        string
	Audience    string
	Summary     string
	URL         string
	ReadingTime string // "about 4 min read"
	Current     bool
}

// Reference is one entry of a reference list.
type Reference struct {
	Number    int
	ID        string // the anchor of the entry
	AMA       cite.AMA
	Backlinks []string // ids of the places on the page that cite it
}

// TermUse is a glossary term used on a page, with its definition.
type TermUse struct {
	Name       string
	URL        string
	Definition string // inline HTML
}

// Section is a tier shown as a section of the full article.
type Section struct {
	ID       string
	Name     string
	Audience string
	Body     string // HTML
}

// Heading is an entry of a page's "On this page" list.
type Heading struct {
	ID   string
	Text string
}

// ArticlePage is an article shown whole (all tiers) or at one tier.
type ArticlePage struct {
	Layout
	Slug           string
	ArticleTitle   string
	Summary        string
	Reviewed       Date
	NextReview     Date
	ReviewedBy     string
	Topics         []string
	Tiers          []TierLink
	FullURL        string
	Full           bool      // all tiers on one page
	Tier           *TierLink // the tier shown, when not Full
	Sections       []Section // the tiers shown (one on a tier page)
	Contents       []Heading
	Next           *TierLink // the next deeper tier, on a tier page
	Closing        string    // HTML
	References     []Reference
	FurtherReading []Reference
	Terms          []TermUse
	// Citation is the page's own citation, for "Cite this page".
	Citation PageCitation
	// Downloads are the reference list in BibTeX, RIS and CSL-JSON.
	Downloads []Download
}

// PageCitation is a page's own citation in AMA style: Text up to the accessed
// date, which the reader's browser fills in, then URL; and the page's record for
// reference managers.
type PageCitation struct {
	Text      string
	URL       string
	Downloads []Download // BibTeX, RIS and CSL-JSON
}

// Date is a date as printed and as machine-readable text.
type Date struct {
	ISO  string // 2026-11-25
	Text string // 25 November 2026
}

// ArticleCard is an article on the home page.
type ArticleCard struct {
	Title       string
	Description string
	URL         string
	Tiers       []TierLink
	Reviewed    Date
}

// HomePage is the site's front page.
type HomePage struct {
	Layout
	Description string
	Articles    []ArticleCard
	TermCount   int
}

// GlossaryEntry is a term in the glossary index.
type GlossaryEntry struct {
	Name       string
	URL        string
	Definition string // inline HTML
}

// Letter is one letter's group in the glossary index.
type Letter struct {
	Letter  string
	ID      string
	Entries []GlossaryEntry
}

// GlossaryPage is the A–Z index of terms.
type GlossaryPage struct {
	Layout
	Letters []Letter
}

// TermArticleUse is an article tier that uses a term, linking to its first use.
type TermArticleUse struct {
	Article string
	Tiers   []TierUse
}

// TierUse links to a term's first use in one tier.
type TierUse struct {
	Name string
	URL  string
}

// TermPage is one glossary entry.
type TermPage struct {
	Layout
	Name      string
	Slug      string
	Permalink string
	Aliases   []string
	Plain     string // the plain-language definition, inline HTML
	More      string // further paragraphs, HTML
	Technical string // inline HTML, may be empty
	Related   []GlossaryEntry
	UsedIn    []TermArticleUse
}

// ErrorPage is the not-found page.
type ErrorPage struct {
	Layout
	Heading string
	Message string
}
