package render

import (
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/site"
)

// Machine-readable companions of the pages: robots.txt, sitemap.xml and an Atom
// feed of the articles, newest review first. The sitemap and feed need absolute
// URLs, so they are made only when site.yaml sets base_url.

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	NS      string      `xml:"xmlns,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

func (b *builder) feeds() {
	base := b.site.Config.BaseURL
	robots := "User-agent: *\nAllow: /\n"
	if base != "" {
		robots += "Sitemap: " + base + "/sitemap.xml\n"
	}
	b.put("/robots.txt", "text/plain; charset=utf-8", cachePage, []byte(robots))
	if base == "" {
		return
	}

	b.sitemaps(base)

	articles := slices.Clone(b.site.Articles)
	slices.SortStableFunc(articles, func(x, y *site.Article) int { return y.Updated.Compare(x.Updated) })
	feed := atomFeed{
		NS:     "http://www.w3.org/2005/Atom",
		Title:  b.site.Config.Title,
		ID:     base + "/",
		Links:  []atomLink{{Href: base + "/"}, {Href: base + "/feed.xml", Rel: "self"}},
		Author: atomAuthor{Name: b.site.Config.Title},
	}
	for _, a := range articles {
		feed.Entries = append(feed.Entries, atomEntry{
			Title:   a.Title,
			ID:      base + ArticleURL(a.Slug),
			Link:    atomLink{Href: base + ArticleURL(a.Slug)},
			Updated: a.Updated.Format(time.RFC3339),
			Summary: a.Description,
		})
	}
	feed.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	if len(articles) > 0 {
		feed.Updated = articles[0].Updated.Format(time.RFC3339)
	}
	b.addXML("/feed.xml", "application/atom+xml; charset=utf-8", feed)
}

// articleOf returns the article a page belongs to, if any.
func (b *builder) articleOf(urlPath string) *site.Article {
	rest, ok := strings.CutPrefix(urlPath, "/articles/")
	if !ok {
		return nil
	}
	slug, _, _ := strings.Cut(rest, "/")
	a, _ := b.site.Article(slug)
	return a
}

func (b *builder) addXML(urlPath, contentType string, v any) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		b.out.problems.Errorf(urlPath, 0, 0, "cannot encode: %v", err)
		return
	}
	b.put(urlPath, contentType, cachePage, append([]byte(xml.Header), append(out, '\n')...))
}
