package web

import "github.com/google/safehtml"

// View models of the library's index pages: topics, articles A–Z, the glossary
// split by letter, and related articles.

// TopicLink is a link to a topic page.
type TopicLink struct {
	Name string
	URL  string
}

// TopicSummary is a topic in a list of topics.
type TopicSummary struct {
	Name        string
	URL         string
	Count       int    // its articles
	Description string // plain text, may be empty
}

// Status is an article's review status, as its content records it.
type Status struct {
	Label string // "Last reviewed" or "Last updated"
	Date  Date
	By    string // who reviewed it, or ""
	// Unreviewed marks an article whose content records no clinical review.
	Unreviewed bool
}

// PageLink is one page of a paginated list.
type PageLink struct {
	Number  int
	URL     string
	Current bool
}

// Pager links the pages of a paginated list; it has no pages when the list fits
// on one.
type Pager struct {
	Label      string // names the navigation for screen readers: "Pages of articles A–Z"
	Pages      []PageLink
	Prev, Next string // URLs, "" at the ends
}

// LetterLink is an entry of a letter navigation: the first place the letter is.
type LetterLink struct {
	Letter  string
	URL     string
	Count   int // the entries under the letter, where shown
	Current bool
}

// RelatedMarker is what an article page drawn with RelatedSlot holds where its
// related articles go, for the builder to replace once it knows them.
const RelatedMarker = "<!--strata:related-articles-->"

// TopicsPage lists the topics A–Z, one page of them.
type TopicsPage struct {
	Layout
	Topics []TopicSummary
	Pager  Pager
}

// TopicPage lists a topic's articles, one page of them.
type TopicPage struct {
	Layout
	Slug        string
	Name        string
	Description safehtml.HTML // may be empty
	Count       int           // all its articles, on every page
	Articles    []ArticleCard
	Pager       Pager
	FeedURL     string // its Atom feed, or "" when the site has no base_url
}

// ArticleGroup is the articles of one letter on a page of articles A–Z.
type ArticleGroup struct {
	Letter   string
	ID       string
	Articles []ArticleCard
}

// ArticlesPage is one page of the articles A–Z.
type ArticlesPage struct {
	Layout
	Count   int
	Letters []LetterLink
	Groups  []ArticleGroup
	Pager   Pager
}
