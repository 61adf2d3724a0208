// Package web holds the templ components that draw every page of the site, and the
// view models they take. The components know nothing of HTTP or of how content is
// loaded: internal/render fills the models.
package web

import "github.com/google/safehtml"

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
	Section       string // "topics", "articles", "glossary" or "search" on those pages: marks the header link as the current page; "search" leaves out the header's search box
	Noindex       bool
	SearchQuery   string // the query shown in the header's search box
	// Meta are extra <meta> tags: Open Graph and Highwire citation_* tags.
	Meta []Meta
	// JSONLD is schema.org data about the page, written as application/ld+json.
	JSONLD any
	// CodeStylesheetURL is the code-highlighting stylesheet, on pages with
	// highlighted code only.
	CodeStylesheetURL string
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
	ID        string   // the anchor of the entry
	Citation  []Run    // the reference formatted in AMA style
	Backlinks []string // ids of the places on the page that cite it
	Status    RefStatus
}

// RefStatus is whether a reference was checked against its record, and any
// correction.
type RefStatus struct {
	Verified   bool
	Checked    string // what it was checked against: "PMID 123", "doi:10.x/y"
	CheckedOn  Date
	Correction *Correction
}

// Correction is a correction to a reference: what it says with links to its
// record, and a note.
type Correction struct {
	Runs []Run
	Note string
}

// Run is a stretch of text: plain, a title in italics, or a link.
type Run struct {
	Text   string
	Italic bool
	Link   string
}

// Provenance is what an article records about its people, dates and source.
type Provenance struct {
	Updated    Date
	Reviewed   Date     // empty unless a clinical review is recorded
	NextReview Date     // empty unless Reviewed is set
	Reviewers  []string // "Name, credentials"
	Authors    []string
	Editors    []string
	Publisher  string // the site, which publishes the article
	Source     *Source
}

// Source is the publication an article is adapted from; any field may be empty.
type Source struct {
	Title     string
	Publisher string
	URL       string
	Retrieved Date
	Note      string
}

// TermUse is a glossary term used on a page, with its definition.
type TermUse struct {
	Name       string
	URL        string
	Definition safehtml.HTML // inline
}

// Section is a tier shown as a section of the full article.
type Section struct {
	ID       string
	Name     string
	Audience string
	Body     safehtml.HTML
}

// Heading is an entry of a page's "On this page" list.
type Heading struct {
	ID   string
	Text string
}

// ArticlePage is an article shown whole (all tiers) or at one tier.
type ArticlePage struct {
	Layout
	Slug         string
	ArticleTitle string
	Summary      string
	Topics       []TopicLink
	// Provenance: what the article records about who wrote and reviewed it,
	// when, and where its text came from.
	Provenance     Provenance
	Tiers          []TierLink
	FullURL        string
	Full           bool      // all tiers on one page
	Tier           *TierLink // the tier shown, when not Full
	Sections       []Section // the tiers shown (one on a tier page)
	Contents       []Heading
	Next           *TierLink // the next deeper tier, on a tier page
	Closing        safehtml.HTML
	References     []Reference
	FurtherReading []Reference
	Terms          []TermUse
	// Citation is the page's own citation, for "Cite this page".
	Citation PageCitation
	// Downloads are the reference list in BibTeX, RIS and CSL-JSON.
	Downloads []Download
	// QR is an inline SVG QR code of the page's permanent address, printed on
	// paper only; empty without a base URL.
	QR safehtml.HTML
	// Related are a handful of articles sharing topics or glossary terms.
	Related []ArticleCard
	// RelatedSlot draws RelatedMarker instead of Related.
	RelatedSlot bool
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

// ArticleCard is an article in a list. URL is where a reader starts: the
// Fundamentals level.
type ArticleCard struct {
	Title       string
	Description string
	URL         string
	Tiers       []TierLink
	Status      Status
}

// HomePage is the site's front page: topics first, then the articles updated
// last (a bounded number), never every article.
type HomePage struct {
	Layout
	Description  string
	Topics       []TopicSummary // at most a bounded number, A–Z
	TopicCount   int            // every topic
	Recent       []ArticleCard
	ArticleCount int
	TermCount    int
}

// GlossaryEntry is a term in the glossary index.
type GlossaryEntry struct {
	Name       string
	URL        string
	Definition safehtml.HTML // inline
}

// Letter is one letter's group in the glossary index.
type Letter struct {
	Letter  string
	ID      string
	Entries []GlossaryEntry
}

// GlossaryPage is the A–Z index of terms, or, in a large glossary, one page of
// one letter of it.
type GlossaryPage struct {
	Layout
	Heading string
	Count   int // every term
	// Nav links the letters; nil when the whole glossary is on the page and the
	// letters link to its sections.
	Nav     []LetterLink
	Letters []Letter
	Pager   Pager
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
	Plain     safehtml.HTML // the plain-language definition, inline
	More      safehtml.HTML // further paragraphs
	Technical safehtml.HTML // inline, may be empty
	Related   []GlossaryEntry
	UsedIn    []TermArticleUse
}

// ErrorPage is the not-found page.
type ErrorPage struct {
	Layout
	Heading string
	Message string
}
