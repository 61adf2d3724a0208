package render

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/safehtml"
	"github.com/strata-health/strata/internal/markdown"
	"github.com/strata-health/strata/internal/parallel"
	"github.com/strata-health/strata/internal/site"
	"github.com/strata-health/strata/web"
)

// The library's index pages: the home page, topics, articles A–Z, the glossary
// split by letter when it is large, related articles and the sitemap index. Every
// list is bounded or paginated, so that no index page grows with the library.
//
// URLs of list pages never share a folder with the items they list, so no slug
// can collide with them: page n of the articles A–Z is /articles-a-z/n (not
// /articles/n: "2" is a valid article slug), a letter of the glossary is
// /glossary-a-z/{letter} (not /glossary/{letter}: "a" is a valid term slug).
// Page n of a topic is /topics/{slug}/n, under the topic's own address, where
// nothing else lives but its feed.

// limits bound the lists of the index pages.
type limits struct {
	homeTopics      int // topics on the home page, before "All N topics"
	topicsPerPage   int // topics on a page of /topics
	homeRecent      int // recently updated articles on the home page
	articlesPerPage int // articles A–Z, a page
	topicPerPage    int // a topic's articles, a page (each with its levels and status)
	glossaryWhole   int // terms the glossary shows on one page; past that it is split by letter
	glossaryPerPage int // terms on a page of one letter
	related         int // related articles at the end of an article
	topicFeed       int // entries of a topic's Atom feed
	sitemapURLs     int // URLs in one sitemap file (the protocol's limit is 50,000)
	sitemapBytes    int // bytes of one sitemap file (the protocol's limit is 50 MB)
}

// defaultLimits keep every index page under 30 KB brotli-compressed at 5,000
// articles and 10,000 terms (see TestIndexPagesStaySmall and the README).
var defaultLimits = limits{
	homeTopics:      40,
	topicsPerPage:   200,
	homeRecent:      8,
	articlesPerPage: 200,
	topicPerPage:    50,
	glossaryWhole:   500,
	glossaryPerPage: 200,
	related:         5,
	topicFeed:       50,
	sitemapURLs:     50000,
	sitemapBytes:    50 << 20,
}

// IndexPageBudget is the most an index page may weigh, brotli-compressed: the
// fundamentals page budget.
const IndexPageBudget = 30 << 10

// IsIndexPage tells the index pages, the lists that grow with the library
// (home, topics, a topic's pages, articles A–Z, the glossary's index pages),
// from the other URLs.
func IsIndexPage(urlPath string) bool {
	switch {
	case urlPath == "/", urlPath == "/topics", urlPath == "/articles", urlPath == "/glossary":
		return true
	case strings.HasPrefix(urlPath, "/topics/"), strings.HasPrefix(urlPath, "/topics-a-z/"), strings.HasPrefix(urlPath, "/articles-a-z/"),
		strings.HasPrefix(urlPath, "/glossary-a-z/"):
		return !strings.HasSuffix(urlPath, ".xml") && !strings.HasSuffix(urlPath, ".json")
	}
	return false
}

// TopicURL is the permanent address of a topic.
func TopicURL(slug string) string { return "/topics/" + slug }

// TopicsPageURL is the address of page n (from 1) of the list of topics.
func TopicsPageURL(n int) string {
	if n <= 1 {
		return "/topics"
	}
	return "/topics-a-z/" + strconv.Itoa(n)
}

// TopicPageURL is the address of page n (from 1) of a topic's articles.
func TopicPageURL(slug string, n int) string {
	if n <= 1 {
		return TopicURL(slug)
	}
	return TopicURL(slug) + "/" + strconv.Itoa(n)
}

// TopicFeedURL is the address of a topic's Atom feed.
func TopicFeedURL(slug string) string { return TopicURL(slug) + "/feed.xml" }

// ArticlesPageURL is the address of page n (from 1) of the articles A–Z.
func ArticlesPageURL(n int) string {
	if n <= 1 {
		return "/articles"
	}
	return "/articles-a-z/" + strconv.Itoa(n)
}

// GlossaryLetterURL is the address of page n (from 1) of one letter of a glossary
// split by letter; key is "a" to "z", or "other" for names that do not start with
// a letter.
func GlossaryLetterURL(key string, n int) string {
	if n <= 1 {
		return "/glossary-a-z/" + key
	}
	return "/glossary-a-z/" + key + "/" + strconv.Itoa(n)
}

// initial is the letter a name is listed under ("#" when it does not start with a
// letter) and the key of that letter in ids and URLs.
func initial(name string) (letter, key string) {
	r := []rune(strings.TrimSpace(name))
	if len(r) == 0 || !unicode.IsLetter(r[0]) {
		return "#", "other"
	}
	l := strings.ToUpper(string(r[0]))
	return l, strings.ToLower(l)
}

// articleStatus is an article's review status as its content records it, for
// the lists of articles. It is the one place lists read the review fields.
func articleStatus(a *site.Article) web.Status {
	if a.IsReviewed() {
		return web.Status{Label: "Last reviewed", Date: date(a.Reviewed), By: strings.Join(names(a.Reviewers), "; ")}
	}
	return web.Status{Label: "Last updated", Date: date(a.Updated), Unreviewed: true}
}

// articleUpdated is when an article last changed, as far as its content says: it
// orders "Recently updated", the topic feeds and the sitemap's lastmod.
func articleUpdated(a *site.Article) time.Time {
	if a.Updated.After(a.Reviewed) {
		return a.Updated
	}
	return a.Reviewed
}

// card is an article in a list. Its link leads to the first tier, Fundamentals:
// where a patient starts.
func (b *builder) card(a *site.Article, full bool) web.ArticleCard {
	c := web.ArticleCard{Title: a.Title, URL: TierURL(a.Slug, b.site.Tiers[0].Key)}
	if full {
		c.Description = a.Description
		c.Tiers = b.tierLinks[a.Slug]
		c.Status = articleStatus(a)
	}
	return c
}

// byTitle returns the articles sorted A–Z, ignoring case.
func byTitle(list []*site.Article) []*site.Article {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(x, y *site.Article) int {
		return cmp.Or(strings.Compare(strings.ToLower(x.Title), strings.ToLower(y.Title)), strings.Compare(x.Slug, y.Slug))
	})
	return out
}

// pages is how many pages n items take at per a page (at least one).
func pages(n, per int) int { return max(1, (n+per-1)/per) }

// pagerFor links the pages of a list; url gives the address of page n.
func pagerFor(label string, count, current int, url func(int) string) web.Pager {
	p := web.Pager{Label: label}
	if count <= 1 {
		return p
	}
	for n := 1; n <= count; n++ {
		p.Pages = append(p.Pages, web.PageLink{Number: n, URL: url(n), Current: n == current})
	}
	if current > 1 {
		p.Prev = url(current - 1)
	}
	if current < count {
		p.Next = url(current + 1)
	}
	return p
}

// pageTitle adds "page n of m" to the title of a paginated page.
func pageTitle(title string, n, count int) string {
	if count <= 1 {
		return title
	}
	return title + " (page " + strconv.Itoa(n) + " of " + strconv.Itoa(count) + ")"
}

// topicSummaries describes topics for lists.
func (b *builder) topicSummaries(topics []*site.Topic) []web.TopicSummary {
	out := make([]web.TopicSummary, 0, len(topics))
	for _, t := range topics {
		s := web.TopicSummary{Name: t.Name, URL: TopicURL(t.Slug), Count: len(t.Articles)}
		if t.Description != "" {
			s.Description = plainText(b.engine.RenderInline(t.Description))
		}
		out = append(out, s)
	}
	return out
}

// topicLinks links an article's topics.
func (b *builder) topicLinks(a *site.Article) []web.TopicLink {
	var out []web.TopicLink
	for _, slug := range a.TopicSlugs {
		if t, ok := b.site.Topic(slug); ok {
			out = append(out, web.TopicLink{Name: t.Name, URL: TopicURL(slug)})
		}
	}
	return out
}

// home builds the front page: topics first, then the articles updated last, then
// the ways into the whole library. It never lists every article.
func (b *builder) home() {
	c := b.site.Config
	l := b.layout("", c.Description, "/")
	p := web.HomePage{Layout: l, Description: c.Description, TermCount: len(b.site.Terms),
		ArticleCount: len(b.site.Articles), TopicCount: len(b.site.Topics)}
	p.Topics = b.topicSummaries(b.site.Topics[:min(len(b.site.Topics), b.limits.homeTopics)])
	recent := slices.Clone(b.site.Articles)
	slices.SortStableFunc(recent, func(x, y *site.Article) int { return articleUpdated(y).Compare(articleUpdated(x)) })
	for _, a := range recent[:min(len(recent), b.limits.homeRecent)] {
		p.Recent = append(p.Recent, b.card(a, true))
	}
	b.add("/", web.Home(p))
}

// topics builds /topics and every topic's pages and feed.
func (b *builder) topics() {
	summaries := b.topicSummaries(b.site.Topics)
	per := b.limits.topicsPerPage
	count := pages(len(summaries), per)
	for n := 1; n <= count; n++ {
		url := TopicsPageURL(n)
		part := summaries[min((n-1)*per, len(summaries)):min(n*per, len(summaries))]
		l := b.layout(pageTitle("Topics", n, count), "Every topic of "+b.site.Config.Title+", A–Z, with its articles.", url)
		l.Section = "topics"
		l.JSONLD = b.collectionJSONLD("Topics", url, func(yield func(name, url string) bool) {
			for _, s := range part {
				if !yield(s.Name, s.URL) {
					return
				}
			}
		})
		b.add(url, web.Topics(web.TopicsPage{Layout: l, Topics: part, Pager: pagerFor("Pages of topics", count, n, TopicsPageURL)}))
	}
	for _, t := range b.site.Topics {
		b.topic(t)
	}
}

// topic builds the pages of one topic, its feed, and redirects from its aliases.
func (b *builder) topic(t *site.Topic) {
	var description safehtml.HTML
	if t.Doc.File != "" && len(bytes.TrimSpace(t.Doc.Body)) > 0 {
		page := &markdown.Page{Base: "/topics/"}
		page.Reserve(pageIDs...)
		html, problems := b.engine.Render(t.Doc.Body, page)
		b.report(t.Doc, problems)
		b.out.links = append(b.out.links, docLinks{doc: t.Doc, page: TopicURL(t.Slug), links: page.Links})
		description = html
	}
	articles := byTitle(t.Articles)
	per := b.limits.topicPerPage
	count := pages(len(articles), per)
	for n := 1; n <= count; n++ {
		url := TopicPageURL(t.Slug, n)
		part := articles[min((n-1)*per, len(articles)):min(n*per, len(articles))]
		l := b.layout(pageTitle(t.Name, n, count), "Articles on "+t.Name+" at three reading levels.", url)
		l.Section = "topics"
		l.JSONLD = b.collectionJSONLD(t.Name, url, func(yield func(name, url string) bool) {
			for _, a := range part {
				if !yield(a.Title, TierURL(a.Slug, b.site.Tiers[0].Key)) {
					return
				}
			}
		})
		p := web.TopicPage{Layout: l, Slug: t.Slug, Name: t.Name, Count: len(articles),
			Pager: pagerFor("Pages of "+t.Name, count, n, func(n int) string { return TopicPageURL(t.Slug, n) })}
		if n == 1 {
			p.Description = description
		}
		if b.site.Config.BaseURL != "" {
			p.FeedURL = TopicFeedURL(t.Slug)
		}
		for _, a := range part {
			p.Articles = append(p.Articles, b.card(a, true))
		}
		b.add(url, web.Topic(p))
	}
	for _, name := range t.Aliases {
		if as := site.Slugify(name); as != "" && as != t.Slug {
			if target, ok := b.site.TopicAliasTarget(as); ok && target == t.Slug {
				b.out.redirects[TopicURL(as)] = TopicURL(t.Slug)
			}
		}
	}
	b.topicFeed(t)
}

// topicFeed writes a topic's Atom feed: its articles updated last, newest first.
func (b *builder) topicFeed(t *site.Topic) {
	base := b.site.Config.BaseURL
	if base == "" {
		return
	}
	articles := slices.Clone(t.Articles)
	slices.SortStableFunc(articles, func(x, y *site.Article) int { return articleUpdated(y).Compare(articleUpdated(x)) })
	articles = articles[:min(len(articles), b.limits.topicFeed)]
	feed := atomFeed{
		NS:      "http://www.w3.org/2005/Atom",
		Title:   t.Name + " · " + b.site.Config.Title,
		ID:      base + TopicURL(t.Slug),
		Links:   []atomLink{{Href: base + TopicURL(t.Slug)}, {Href: base + TopicFeedURL(t.Slug), Rel: "self"}},
		Author:  atomAuthor{Name: b.site.Config.Title},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
	}
	if len(articles) > 0 {
		feed.Updated = articleUpdated(articles[0]).Format(time.RFC3339)
	}
	for _, a := range articles {
		feed.Entries = append(feed.Entries, atomEntry{Title: a.Title, ID: base + ArticleURL(a.Slug),
			Link: atomLink{Href: base + ArticleURL(a.Slug)}, Updated: articleUpdated(a).Format(time.RFC3339), Summary: a.Description})
	}
	b.addXML(TopicFeedURL(t.Slug), "application/atom+xml; charset=utf-8", feed)
}

// collectionJSONLD describes a list page as a schema.org CollectionPage whose
// main entity is the ItemList of what it lists.
func (b *builder) collectionJSONLD(name, url string, items func(yield func(name, url string) bool)) ld {
	c := b.site.Config
	var list []ld
	for n, u := range items {
		list = append(list, ld{"@type": "ListItem", "position": len(list) + 1, "name": n, "url": c.BaseURL + u})
	}
	page := ld{"@context": "https://schema.org", "@type": "CollectionPage", "name": name, "inLanguage": c.Language,
		"mainEntity": ld{"@type": "ItemList", "numberOfItems": len(list), "itemListElement": list}}
	if c.BaseURL != "" {
		page["url"] = c.BaseURL + url
	}
	return page
}

// articlesAZ builds the articles A–Z: pages of articlesPerPage titles with a
// letter navigation that links each letter to the page and place it starts.
func (b *builder) articlesAZ() {
	articles := byTitle(b.site.Articles)
	per := b.limits.articlesPerPage
	count := pages(len(articles), per)
	var letters []web.LetterLink
	for i, a := range articles {
		letter, key := initial(a.Title)
		if len(letters) == 0 || letters[len(letters)-1].Letter != letter {
			letters = append(letters, web.LetterLink{Letter: letter, URL: ArticlesPageURL(i/per+1) + "#letter-" + key})
		}
	}
	for n := 1; n <= count; n++ {
		url := ArticlesPageURL(n)
		part := articles[min((n-1)*per, len(articles)):min(n*per, len(articles))]
		l := b.layout(pageTitle("Articles A–Z", n, count), "Every article of "+b.site.Config.Title+", A–Z.", url)
		l.Section = "articles"
		p := web.ArticlesPage{Layout: l, Count: len(articles), Letters: letters,
			Pager: pagerFor("Pages of articles A–Z", count, n, ArticlesPageURL)}
		for _, a := range part {
			letter, key := initial(a.Title)
			if len(p.Groups) == 0 || p.Groups[len(p.Groups)-1].Letter != letter {
				p.Groups = append(p.Groups, web.ArticleGroup{Letter: letter, ID: "letter-" + key})
			}
			g := &p.Groups[len(p.Groups)-1]
			g.Articles = append(g.Articles, b.card(a, false))
		}
		p.Layout.JSONLD = b.collectionJSONLD("Articles A–Z", url, func(yield func(name, url string) bool) {
			for _, a := range part {
				if !yield(a.Title, TierURL(a.Slug, b.site.Tiers[0].Key)) {
					return
				}
			}
		})
		b.add(url, web.Articles(p))
	}
}

// GlossaryPartJSON is one page of one letter of a split glossary, in
// /glossary.json: its JSON (URL) and its page (HTML).
type GlossaryPartJSON struct {
	Letter string `json:"letter"`
	Page   int    `json:"page"`
	Count  int    `json:"count"`
	URL    string `json:"url"` // the JSON of these entries
	HTML   string `json:"html"`
}

// GlossaryIndexJSON is /glossary.json of a glossary split by letter: where each
// part of the whole set is.
type GlossaryIndexJSON struct {
	Terms int                `json:"terms"`
	Parts []GlossaryPartJSON `json:"parts"`
}

// glossaryLetters builds a large glossary's index split by letter: /glossary
// lists the letters with their counts, each letter has pages of
// glossaryPerPage entries, and /glossary.json lists the JSON of each page.
func (b *builder) glossaryLetters() {
	type group struct {
		letter, key string
		terms       []*site.Term
	}
	var groups []group
	for _, t := range b.site.Terms {
		letter, key := initial(t.Name)
		if len(groups) == 0 || groups[len(groups)-1].letter != letter {
			groups = append(groups, group{letter: letter, key: key})
		}
		groups[len(groups)-1].terms = append(groups[len(groups)-1].terms, t)
	}
	per := b.limits.glossaryPerPage
	nav := make([]web.LetterLink, len(groups))
	for i, g := range groups {
		nav[i] = web.LetterLink{Letter: g.letter, URL: GlossaryLetterURL(g.key, 1), Count: len(g.terms)}
	}
	index := GlossaryIndexJSON{Terms: len(b.site.Terms)}
	for i, g := range groups {
		count := pages(len(g.terms), per)
		letterNav := slices.Clone(nav)
		letterNav[i].Current = true
		for n := 1; n <= count; n++ {
			url := GlossaryLetterURL(g.key, n)
			part := g.terms[(n-1)*per : min(n*per, len(g.terms))]
			l := b.layout(pageTitle("Glossary: "+g.letter, n, count), "Plain-language definitions of the medical words used on "+b.site.Config.Title+", "+g.letter+".", url)
			l.Section = "glossary"
			letter := web.Letter{Letter: g.letter, ID: "letter-" + g.key}
			terms := make([]TermJSON, 0, len(part))
			for _, t := range part {
				letter.Entries = append(letter.Entries, web.GlossaryEntry{Name: t.Name, URL: TermURL(t.Slug), Definition: b.terms[t.Slug].Plain})
				terms = append(terms, b.termJSON(t))
			}
			l.JSONLD = b.collectionJSONLD("Glossary: "+g.letter, url, func(yield func(name, url string) bool) {
				for _, t := range part {
					if !yield(t.Name, TermURL(t.Slug)) {
						return
					}
				}
			})
			b.add(url, web.Glossary(web.GlossaryPage{Layout: l, Heading: pageTitle("Glossary: "+g.letter, n, count), Count: len(b.site.Terms),
				Nav: letterNav, Letters: []web.Letter{letter},
				Pager: pagerFor("Pages of the letter "+g.letter, count, n, func(n int) string { return GlossaryLetterURL(g.key, n) })}))
			b.addJSON(url+".json", terms)
			index.Parts = append(index.Parts, GlossaryPartJSON{Letter: g.letter, Page: n, Count: len(part),
				URL: b.site.Config.BaseURL + url + ".json", HTML: b.site.Config.BaseURL + url})
		}
	}
	l := b.layout("Glossary", "Plain-language definitions of the medical words used on "+b.site.Config.Title+".", "/glossary")
	l.Section = "glossary"
	l.JSONLD = ld{"@context": "https://schema.org", "@type": "DefinedTermSet", "name": b.site.Config.Title + " glossary",
		"url": b.site.Config.BaseURL + "/glossary"}
	b.add("/glossary", web.Glossary(web.GlossaryPage{Layout: l, Heading: "Glossary", Count: len(b.site.Terms), Nav: nav}))
	b.addJSON("/glossary.json", index)
}

// pendingPage is an article page waiting for its related articles.
type pendingPage struct {
	url, slug string
	data      []byte
}

// addArticle renders an article page with a marker (web.RelatedMarker) where its
// related articles go, and keeps it until they are known: they depend on every
// article's glossary terms, found while the articles render (see finishArticles).
// The page's bytes have room for the longest list of related articles, so that
// the list goes in without a second copy of the page.
func (b *builder) addArticle(slug, urlPath string, p web.ArticlePage) {
	p.RelatedSlot = true
	buf := &b.work.page
	buf.Reset()
	if err := web.Article(p).Render(context.Background(), buf); err != nil {
		b.out.problems.Errorf(urlPath, 0, 0, "rendering the page failed: %v", err)
		return
	}
	data := make([]byte, buf.Len(), buf.Len()+b.relatedRoom)
	copy(data, buf.Bytes())
	b.out.pending = append(b.out.pending, pendingPage{url: urlPath, slug: slug, data: data})
}

// relatedRoomFor is the most bytes a list of related articles can take: the
// list's frame and the longest items.
func relatedRoomFor(s *site.Site, max int) int {
	var items []int
	for _, a := range s.Articles {
		var buf bytes.Buffer
		_ = web.RelatedArticles([]web.ArticleCard{{Title: a.Title, URL: TierURL(a.Slug, s.Tiers[0].Key)}}).Render(context.Background(), &buf)
		items = append(items, buf.Len())
	}
	slices.Sort(items)
	slices.Reverse(items)
	room := 0
	for _, n := range items[:min(len(items), max)] {
		room += n // each a whole list: the frame is counted in every one
	}
	return room
}

// finishArticles puts the related articles into the article pages, on
// GOMAXPROCS workers, and adds the pages to the snapshot.
func (b *builder) finishArticles() {
	related := b.relatedArticles()
	lists := map[string][]byte{}
	for slug, rel := range related {
		var buf bytes.Buffer
		cards := make([]web.ArticleCard, len(rel))
		for i, a := range rel {
			cards[i] = b.card(a, false)
		}
		_ = web.RelatedArticles(cards).Render(context.Background(), &buf)
		lists[slug] = buf.Bytes()
	}
	pending := b.out.pending
	out := make([]*Resource, len(pending))
	parallel.For(len(pending), func(i int) {
		p := pending[i]
		data := p.data
		if at := bytes.LastIndex(data, []byte(web.RelatedMarker)); at >= 0 {
			// In place, within the room made for it (else append copies).
			list := lists[p.slug]
			tail := len(data) - at - len(web.RelatedMarker)
			data = slices.Grow(data, max(0, len(list)-len(web.RelatedMarker)))[:at+len(list)+tail]
			copy(data[at+len(list):], p.data[at+len(web.RelatedMarker):])
			copy(data[at:], list)
		}
		out[i] = newResource(htmlType, cachePage, data)
		pending[i].data = nil
	})
	for i, p := range pending {
		b.out.resources[p.url] = out[i]
		if b.comp != nil {
			b.comp.add(out[i])
		}
	}
	b.out.pending = nil
}

// relatedArticles picks each article's related articles: those sharing the most
// topics (3 points each) and glossary terms (1 point each), ties broken A–Z by
// title (ignoring case) and slug, at most limits.related, none without anything in common.
func (b *builder) relatedArticles() map[string][]*site.Article {
	articles := b.site.Articles
	index := make(map[*site.Article]int, len(articles))
	for i, a := range articles {
		index[a] = i
	}
	// Which articles use each term, and which terms each article uses.
	uses := make([][]int, 0, len(b.uses))
	termsOf := make([][]int, len(articles))
	for _, slug := range slices.Sorted(maps.Keys(b.uses)) {
		var list []int
		for _, u := range b.uses[slug] {
			i, ok := index[u.article]
			// Uses are in the articles' order: an article's uses are side by side.
			if ok && (len(list) == 0 || list[len(list)-1] != i) {
				list = append(list, i)
			}
		}
		for _, i := range list {
			termsOf[i] = append(termsOf[i], len(uses))
		}
		uses = append(uses, list)
	}
	topicOf := map[string][]int{}
	for _, t := range b.site.Topics {
		for _, a := range t.Articles {
			topicOf[t.Slug] = append(topicOf[t.Slug], index[a])
		}
	}
	lower := make([]string, len(articles))
	for i, a := range articles {
		lower[i] = strings.ToLower(a.Title)
	}
	out := make(map[string][]*site.Article, len(articles))
	score := make([]int, len(articles))
	var touched, best []int
	better := func(x, y int) int {
		return cmp.Or(score[y]-score[x], strings.Compare(lower[x], lower[y]), strings.Compare(articles[x].Slug, articles[y].Slug))
	}
	for i, a := range articles {
		add := func(j, points int) {
			if j == i {
				return
			}
			if score[j] == 0 {
				touched = append(touched, j)
			}
			score[j] += points
		}
		for _, slug := range a.TopicSlugs {
			for _, j := range topicOf[slug] {
				add(j, 3)
			}
		}
		for _, t := range termsOf[i] {
			for _, j := range uses[t] {
				add(j, 1)
			}
		}
		// The best few, kept in order: a topic can have thousands of articles.
		best = best[:0]
		for _, j := range touched {
			at, _ := slices.BinarySearchFunc(best, j, better)
			if at < b.limits.related {
				best = slices.Insert(best, at, j)[:min(len(best)+1, b.limits.related)]
			}
		}
		for _, j := range best {
			out[a.Slug] = append(out[a.Slug], articles[j])
		}
		for _, j := range touched {
			score[j] = 0
		}
		touched = touched[:0]
	}
	return out
}

// sitemapIndex is a sitemap index file: the list of the sitemap files.
type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// sitemaps lists every page in /sitemap.xml, or, when they do not fit in one
// file under the protocol's limits, in /sitemaps/1.xml, /sitemaps/2.xml, ...
// with /sitemap.xml as their index (which robots.txt names either way).
func (b *builder) sitemaps(base string) {
	const ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
	// Room for the XML header and the urlset element around the entries.
	const overhead = 200
	var files []urlset
	size := 0
	for _, p := range b.snap.Paths() {
		res := b.snap.resources[p]
		if !strings.HasPrefix(res.ContentType, "text/html") {
			continue
		}
		u := sitemapURL{Loc: base + p}
		if a := b.articleOf(p); a != nil {
			u.LastMod = articleUpdated(a).Format(time.DateOnly)
		}
		// An entry's size, escaped at worst ("&" -> "&amp;"), with its tags.
		n := 5*len(u.Loc) + len(u.LastMod) + 60
		if len(files) == 0 || len(files[len(files)-1].URLs) == b.limits.sitemapURLs || size+n > b.limits.sitemapBytes-overhead {
			files = append(files, urlset{NS: ns})
			size = 0
		}
		files[len(files)-1].URLs = append(files[len(files)-1].URLs, u)
		size += n
	}
	if len(files) <= 1 {
		set := urlset{NS: ns}
		if len(files) == 1 {
			set = files[0]
		}
		b.addXML("/sitemap.xml", "application/xml; charset=utf-8", set)
		return
	}
	index := sitemapIndex{NS: ns}
	for i, f := range files {
		url := "/sitemaps/" + strconv.Itoa(i+1) + ".xml"
		b.addXML(url, "application/xml; charset=utf-8", f)
		index.Sitemaps = append(index.Sitemaps, sitemapURL{Loc: base + url})
	}
	b.addXML("/sitemap.xml", "application/xml; charset=utf-8", index)
}
