package render

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
)

// withLimits sets the bounds of the index pages, for tests of pagination on small
// sites.
func withLimits(l limits) Option { return func(b *builder) { b.limits = l } }

// libraryFixture is a content folder with several topics: "Alpha" has five
// articles, "Beta" one, "Empty" only a description file; one article has no
// topic. Article i is reviewed on day i+1 of January, and uses glossary terms
// as its topic suggests, so that related articles can be predicted.
func libraryFixture(articles []fixtureArticle, terms []string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml":       {Data: []byte("title: Library\ndescription: A test library.\nbase_url: https://lib.example\n")},
		"topics/alpha.md": {Data: []byte("---\nname: Alpha\naliases: [Old alpha]\n---\nAlpha is about **the first** things.\n\nMore about alpha.\n")},
		"topics/empty.md": {Data: []byte("---\nname: Empty\n---\nNothing here yet.\n")},
	}
	for _, term := range terms {
		fsys["glossary/"+site.Slugify(term)+".md"] = &fstest.MapFile{Data: []byte("---\nterm: " + term + "\n---\n" + term + " is a test word.\n")}
	}
	for i, a := range articles {
		dir := "articles/" + a.slug + "/"
		fsys[dir+"index.md"] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\ntitle: %q\ndescription: About %s.\nreviewed: 2026-01-%02d\ntopics: [%s]\n---\n", a.title, a.title, i+1, strings.Join(a.topics, ", "))}
		body := "Some plain words about " + a.title + ". " + strings.Join(a.uses, ". ") + ".\n"
		for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
			fsys[dir+tier+".md"] = &fstest.MapFile{Data: []byte(body)}
		}
	}
	return fsys
}

type fixtureArticle struct {
	slug, title string
	topics      []string
	uses        []string // glossary terms in the text
}

var fixtureArticles = []fixtureArticle{
	{"a1", "Apple care", []string{"Alpha"}, []string{"Osteoclast"}},
	{"a2", "Apricot care", []string{"Alpha", "Beta"}, []string{"Osteoclast", "Osteoblast"}},
	{"a3", "banana care", []string{"Alpha"}, []string{"Zinc"}},
	{"a4", "Cherry care", []string{"alpha"}, nil},                      // another spelling of the same topic
	{"a5", "Date care", []string{"Old alpha"}, []string{"Osteoblast"}}, // the topic's former name
	{"a6", "Elder care", nil, []string{"Osteoclast", "Osteoblast"}},
}

var fixtureTerms = []string{"Osteoclast", "Osteoblast", "Zinc", "Anemia", "Bone"}

func buildLibrary(t *testing.T, l limits) (*Snapshot, []diag.Diagnostic) {
	t.Helper()
	fsys := libraryFixture(fixtureArticles, fixtureTerms)
	s, list := site.Load(fsys)
	snap, built := Build(s, fsys, WithoutCompression(), WithoutSearch(), withLimits(l))
	all := append(list.Items(), built.Items()...)
	for _, d := range all {
		if d.Severity == diag.Error {
			t.Fatalf("%s", d)
		}
	}
	return snap, all
}

func TestTopicPages(t *testing.T) {
	l := defaultLimits
	l.topicPerPage = 2
	snap, diags := buildLibrary(t, l)

	// A topic file that no article uses is a warning, at the file.
	var warned bool
	for _, d := range diags {
		if d.File == "topics/empty.md" && d.Severity == diag.Warning && strings.Contains(d.Message, "no article") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning for topics/empty.md: %v", diags)
	}

	// /topics: A–Z with counts; spellings and the former name are one topic.
	got := texts(page(t, snap, "/topics").Find(".topic-list li"))
	want := []string{"Alpha 5 articles Alpha is about the first things.", "Beta 1 article", "Empty 0 articles Nothing here yet."}
	if !slices.Equal(got, want) {
		t.Errorf("/topics lists %q, want %q", got, want)
	}

	// Alpha's five articles on pages of two: 2, 2, 1, A–Z ignoring case.
	var titles []string
	for n, want := range []int{2, 2, 1} {
		doc := page(t, snap, TopicPageURL("alpha", n+1))
		cards := doc.Find(".article-card")
		if cards.Length() != want {
			t.Errorf("page %d has %d articles, want %d", n+1, cards.Length(), want)
		}
		titles = append(titles, texts(cards.Find("h2"))...)
		pager := attrs(doc.Find(".pager a:not([rel])"), "href")
		if !slices.Equal(pager, []string{"/topics/alpha", "/topics/alpha/2", "/topics/alpha/3"}) {
			t.Errorf("page %d: pager %q", n+1, pager)
		}
		if cur := attrs(doc.Find(`.pager a[aria-current="page"]`), "href"); len(cur) != 1 || cur[0] != TopicPageURL("alpha", n+1) {
			t.Errorf("page %d: current %q", n+1, cur)
		}
		prev, next := doc.Find(`.pager a[rel="prev"]`).Length(), doc.Find(`.pager a[rel="next"]`).Length()
		if (prev == 1) != (n > 0) || (next == 1) != (n < 2) {
			t.Errorf("page %d: prev %d, next %d", n+1, prev, next)
		}
		if (doc.Find(".topic-description").Length() == 1) != (n == 0) {
			t.Errorf("page %d: the description is on the first page only", n+1)
		}
	}
	if want := []string{"Apple care", "Apricot care", "banana care", "Cherry care", "Date care"}; !slices.Equal(titles, want) {
		t.Errorf("alpha's articles %q, want %q", titles, want)
	}
	for _, p := range []string{"/topics/alpha/1", "/topics/alpha/4", "/topics/alpha/0", "/topics/beta/2"} {
		if _, ok := snap.Lookup(p); ok {
			t.Errorf("%s exists", p)
		}
	}
	if to, ok := snap.Redirect("/topics/old-alpha"); !ok || to != "/topics/alpha" {
		t.Errorf("the former name redirects to %q, %v", to, ok)
	}

	// A topic of one article: its card leads to Fundamentals, lists the three
	// levels with their reading time, and the review status.
	doc := page(t, snap, "/topics/beta")
	card := doc.Find(".article-card")
	if card.Length() != 1 || doc.Find(".pager").Length() != 0 {
		t.Fatalf("beta: %d cards, %d pagers", card.Length(), doc.Find(".pager").Length())
	}
	if href := card.Find("h2 a").AttrOr("href", ""); href != "/articles/a2/fundamentals" {
		t.Errorf("beta's article links to %s", href)
	}
	if n := card.Find(".card-tiers li").Length(); n != 3 || card.Find(".tier-time").Length() != 3 || card.Find(".start-here").Length() != 1 {
		t.Errorf("beta's card: %d tiers, %d times", n, card.Find(".tier-time").Length())
	}
	if st := texts(card.Find(".review")); len(st) != 1 || st[0] != "Last updated 2 January 2026 · not yet clinically reviewed" {
		t.Errorf("beta's status %q", st)
	}

	// An empty topic has a page that says so.
	if !strings.Contains(page(t, snap, "/topics/empty").Text(), "No article is on this topic yet") {
		t.Error("the empty topic's page does not say it is empty")
	}

	// JSON-LD: a CollectionPage whose ItemList has the page's articles.
	var data struct {
		Type string `json:"@type"`
		Main struct {
			Items []struct {
				Position int    `json:"position"`
				URL      string `json:"url"`
			} `json:"itemListElement"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal([]byte(page(t, snap, "/topics/alpha/3").Find(`script[type="application/ld+json"]`).Text()), &data); err != nil {
		t.Fatal(err)
	}
	if data.Type != "CollectionPage" || len(data.Main.Items) != 1 || data.Main.Items[0].URL != "https://lib.example/articles/a5/fundamentals" {
		t.Errorf("JSON-LD %+v", data)
	}

	// The article page links its topics; the feed has the topic's articles, newest first.
	if links := attrs(page(t, snap, "/articles/a2/academic").Find(".topics a"), "href"); !slices.Equal(links, []string{"/topics/alpha", "/topics/beta"}) {
		t.Errorf("a2's topics link to %q", links)
	}
	var feed atomFeed
	r, _ := snap.Lookup(TopicFeedURL("alpha"))
	if err := xml.Unmarshal(r.Body.Data, &feed); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range feed.Entries {
		ids = append(ids, strings.TrimPrefix(e.ID, "https://lib.example/articles/"))
	}
	if !slices.Equal(ids, []string{"a5", "a4", "a3", "a2", "a1"}) {
		t.Errorf("feed entries %q", ids)
	}
}

func TestArticlesAZ(t *testing.T) {
	for _, c := range []struct {
		per   int
		pages []int // articles on each page
	}{
		{per: 6, pages: []int{6}},    // exactly one full page
		{per: 3, pages: []int{3, 3}}, // two full pages
		{per: 4, pages: []int{4, 2}},
		{per: 100, pages: []int{6}},
	} {
		l := defaultLimits
		l.articlesPerPage = c.per
		snap, _ := buildLibrary(t, l)
		var titles []string
		for n, want := range c.pages {
			doc := page(t, snap, ArticlesPageURL(n+1))
			links := doc.Find(".a-z a")
			if links.Length() != want {
				t.Errorf("per %d, page %d: %d articles, want %d", c.per, n+1, links.Length(), want)
			}
			titles = append(titles, texts(links)...)
			if got := doc.Find(".pager li").Length(); (got > 0) != (len(c.pages) > 1) {
				t.Errorf("per %d, page %d: pager with %d entries", c.per, n+1, got)
			}
			for _, href := range attrs(links, "href") {
				if !strings.HasSuffix(href, "/fundamentals") {
					t.Errorf("an article links to %s, not its Fundamentals level", href)
				}
			}
			// Every letter leads to the page and section where it starts.
			for _, href := range attrs(doc.Find(".letters a"), "href") {
				p, frag, _ := strings.Cut(href, "#")
				if page(t, snap, p).Find("#"+frag).Length() != 1 {
					t.Errorf("letter link %s leads nowhere", href)
				}
			}
		}
		if want := []string{"Apple care", "Apricot care", "banana care", "Cherry care", "Date care", "Elder care"}; !slices.Equal(titles, want) {
			t.Errorf("per %d: %q", c.per, titles)
		}
		for _, p := range []string{"/articles-a-z/1", ArticlesPageURL(len(c.pages) + 1)} {
			if _, ok := snap.Lookup(p); ok {
				t.Errorf("per %d: %s exists", c.per, p)
			}
		}
	}
}

func TestGlossarySplit(t *testing.T) {
	// Whole: one page and a JSON array.
	snap, _ := buildLibrary(t, defaultLimits)
	if n := page(t, snap, "/glossary").Find("dt").Length(); n != len(fixtureTerms) {
		t.Errorf("whole glossary: %d entries", n)
	}
	r, _ := snap.Lookup("/glossary.json")
	var all []TermJSON
	if err := json.Unmarshal(r.Body.Data, &all); err != nil || len(all) != len(fixtureTerms) {
		t.Errorf("whole glossary.json: %d entries, %v", len(all), err)
	}

	// Split: letters A, B, O (two pages of one... three), Z.
	l := defaultLimits
	l.glossaryWhole, l.glossaryPerPage = 4, 1
	snap, _ = buildLibrary(t, l)
	doc := page(t, snap, "/glossary")
	nav := attrs(doc.Find(".letters a"), "href")
	if want := []string{"/glossary-a-z/a", "/glossary-a-z/b", "/glossary-a-z/o", "/glossary-a-z/z"}; !slices.Equal(nav, want) {
		t.Errorf("letters %q, want %q", nav, want)
	}
	if got := texts(doc.Find(".letter-counts li")); !slices.Equal(got, []string{"A 1 term", "B 1 term", "O 2 terms", "Z 1 term"}) {
		t.Errorf("letter counts %q", got)
	}
	o2 := page(t, snap, "/glossary-a-z/o/2")
	if got := texts(o2.Find("dt")); !slices.Equal(got, []string{"Osteoclast"}) {
		t.Errorf("O, page 2: %q", got)
	}
	if cur := attrs(o2.Find(`.letters a[aria-current="page"]`), "href"); !slices.Equal(cur, []string{"/glossary-a-z/o"}) {
		t.Errorf("O, page 2: current letter %q", cur)
	}
	for _, p := range []string{"/glossary-a-z/o/3", "/glossary-a-z/o/1", "/glossary-a-z/a/2"} {
		if _, ok := snap.Lookup(p); ok {
			t.Errorf("%s exists", p)
		}
	}

	// glossary.json lists its parts; together they are the whole glossary.
	r, _ = snap.Lookup("/glossary.json")
	var index GlossaryIndexJSON
	if err := json.Unmarshal(r.Body.Data, &index); err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, p := range index.Parts {
		part, ok := snap.Lookup(strings.TrimPrefix(p.URL, "https://lib.example"))
		if !ok {
			t.Fatalf("part %s missing", p.URL)
		}
		var terms []TermJSON
		if err := json.Unmarshal(part.Body.Data, &terms); err != nil || len(terms) != p.Count {
			t.Fatalf("part %s: %d terms, %v", p.URL, len(terms), err)
		}
		for _, t := range terms {
			slugs = append(slugs, t.Slug)
		}
	}
	if want := []string{"anemia", "bone", "osteoblast", "osteoclast", "zinc"}; index.Terms != 5 || !slices.Equal(slugs, want) {
		t.Errorf("glossary.json parts hold %q (terms %d), want %q", slugs, index.Terms, want)
	}
}

func TestRelatedArticles(t *testing.T) {
	l := defaultLimits
	l.related = 3
	snap, _ := buildLibrary(t, l)
	related := func(slug string) []string {
		var out []string
		for _, href := range attrs(page(t, snap, ArticleURL(slug)).Find("#related-articles a"), "href") {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(href, "/articles/"), "/fundamentals"))
		}
		return out
	}
	// a2 shares Alpha with a1, a3, a4, a5 (3 points each) and two terms with a6,
	// one with a1 and a5 (1 each): a1 and a5 (4), then a3 and a4 (3) by title.
	if got := related("a2"); !slices.Equal(got, []string{"a1", "a5", "a3"}) {
		t.Errorf("a2: related %q", got)
	}
	// a6 has no topic: the articles sharing its two terms, most shared first.
	if got := related("a6"); !slices.Equal(got, []string{"a2", "a1", "a5"}) {
		t.Errorf("a6: related %q", got)
	}
	// The same on every tier page, and never the article itself.
	for _, tier := range []string{"fundamentals", "academic"} {
		if got := attrs(page(t, snap, TierURL("a2", tier)).Find("#related-articles a"), "href"); len(got) != 3 || slices.Contains(got, "/articles/a2/fundamentals") {
			t.Errorf("a2/%s: related %q", tier, got)
		}
	}
	for _, p := range snap.Paths() {
		r, _ := snap.Lookup(p)
		if strings.Contains(string(r.Body.Data), "strata:related-articles") {
			t.Errorf("%s still has the marker", p)
		}
		// The list went in whole, and the rest of the page after it.
		if strings.HasPrefix(p, "/articles/") && r.ContentType == htmlType {
			html := strings.TrimSpace(string(r.Body.Data))
			if !strings.HasSuffix(html, "</html>") || strings.Count(html, `id="related-articles"`) != 1 ||
				!strings.Contains(html, `</nav><p class="back-to-top">`) {
				t.Errorf("%s: the related articles did not go in cleanly: …%s", p, html[max(0, len(html)-300):])
			}
		}
	}
}

func TestSitemapIndex(t *testing.T) {
	snap, _ := buildLibrary(t, defaultLimits)
	r, _ := snap.Lookup("/sitemap.xml")
	var one urlset
	if err := xml.Unmarshal(r.Body.Data, &one); err != nil || len(one.URLs) == 0 {
		t.Fatalf("a small site has one sitemap: %v, %d URLs", err, len(one.URLs))
	}

	l := defaultLimits
	l.sitemapURLs = 7
	snap, _ = buildLibrary(t, l)
	r, _ = snap.Lookup("/sitemap.xml")
	var index sitemapIndex
	if err := xml.Unmarshal(r.Body.Data, &index); err != nil || index.XMLName.Local != "sitemapindex" {
		t.Fatalf("/sitemap.xml is not an index: %v\n%s", err, r.Body.Data)
	}
	var locs []string
	for _, sm := range index.Sitemaps {
		child, ok := snap.Lookup(strings.TrimPrefix(sm.Loc, "https://lib.example"))
		if !ok {
			t.Fatalf("no %s", sm.Loc)
		}
		var set urlset
		if err := xml.Unmarshal(child.Body.Data, &set); err != nil || len(set.URLs) > 7 {
			t.Fatalf("%s: %v, %d URLs", sm.Loc, err, len(set.URLs))
		}
		for _, u := range set.URLs {
			locs = append(locs, u.Loc)
		}
	}
	var want []string
	for _, u := range one.URLs {
		want = append(want, u.Loc)
	}
	if !slices.Equal(locs, want) {
		t.Errorf("the sitemaps list %d URLs, the single sitemap %d", len(locs), len(want))
	}
	robots, _ := snap.Lookup("/robots.txt")
	if !strings.Contains(string(robots.Body.Data), "Sitemap: https://lib.example/sitemap.xml\n") {
		t.Errorf("robots.txt: %s", robots.Body.Data)
	}
}

// TestTopicDiagnostics checks the problems a topic can have, at their file and line.
func TestTopicDiagnostics(t *testing.T) {
	fsys := libraryFixture(fixtureArticles[:1], fixtureTerms)
	fsys["articles/a1/index.md"].Data = []byte("---\ntitle: A\ndescription: D.\nreviewed: 2026-01-01\ntopics: [Alpha, \"!!!\"]\n---\n")
	fsys["topics/Not a slug.md"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["topics/notes.txt"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["topics/beta.md"] = &fstest.MapFile{Data: []byte("---\nname: Beta\naliases: [Old alpha]\n---\nB.\n")}
	_, list := site.Load(fsys)
	var got []string
	for _, d := range list.Items() {
		if strings.HasPrefix(d.File, "topics/") || strings.Contains(d.Message, "topic") {
			got = append(got, d.String())
		}
	}
	want := []string{
		`articles/a1/index.md:5:17: error: topic "!!!" has no letters or digits: it cannot have an address`,
		`topics/Not a slug.md: error: file name "Not a slug" is not a slug (lower case letters, digits and hyphens)`,
		`topics/notes.txt: error: unexpected file: topic descriptions are topics/<slug>.md`,
		`topics/beta.md:3:11: error: "Old alpha" is already a name or alias of topics/alpha.md`,
		`topics/empty.md:2:7: warning: topic "Empty" has a description file but no article lists it under topics:`,
		`topics/beta.md:2:7: warning: topic "Beta" has a description file but no article lists it under topics:`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestSearchByTopic checks that the search index knows each tier's topics.
func TestSearchByTopic(t *testing.T) {
	fsys := libraryFixture(fixtureArticles, fixtureTerms)
	s, _ := site.Load(fsys)
	snap, _ := Build(s, fsys, WithoutCompression())
	defer snap.Dynamic.Search.Close()
	res, err := snap.Dynamic.Search.Search(context.Background(), "care", search.Options{Topic: "beta"})
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, h := range res.Tiers {
		urls = append(urls, h.URL)
	}
	slices.Sort(urls)
	if want := []string{"/articles/a2/academic", "/articles/a2/fundamentals", "/articles/a2/intermediate"}; !slices.Equal(urls, want) {
		t.Errorf("care in beta: %q, want %q", urls, want)
	}
	if got := attrs(page(t, snap, "/topics").Find("a"), "href"); len(got) == 0 {
		t.Error("no links on /topics")
	}
	var options []string
	for _, o := range snap.Dynamic.Topics {
		options = append(options, o.Key)
	}
	if want := []string{"alpha", "beta"}; !slices.Equal(options, want) {
		t.Errorf("the search page's topics %q, want %q", options, want)
	}
}

func TestTopicsPagination(t *testing.T) {
	l := defaultLimits
	l.topicsPerPage = 2
	snap, _ := buildLibrary(t, l)
	var names []string
	for n := 1; n <= 2; n++ {
		doc := page(t, snap, TopicsPageURL(n))
		names = append(names, texts(doc.Find(".topic-list > li > a"))...)
		if pager := attrs(doc.Find(".pager a:not([rel])"), "href"); !slices.Equal(pager, []string{"/topics", "/topics-a-z/2"}) {
			t.Errorf("page %d: pager %q", n, pager)
		}
	}
	if !slices.Equal(names, []string{"Alpha", "Beta", "Empty"}) {
		t.Errorf("topics %q", names)
	}
	for _, p := range []string{"/topics-a-z/1", "/topics-a-z/3"} {
		if _, ok := snap.Lookup(p); ok {
			t.Errorf("%s exists", p)
		}
	}
}

// TestHome checks that the home page is bounded: a few topics with a link to
// all of them, the articles updated last, and the ways into the whole library.
func TestHome(t *testing.T) {
	l := defaultLimits
	l.homeTopics, l.homeRecent = 2, 3
	snap, _ := buildLibrary(t, l)
	doc := page(t, snap, "/")
	if got := texts(doc.Find(".topic-list > li > a")); !slices.Equal(got, []string{"Alpha", "Beta"}) {
		t.Errorf("home topics %q", got)
	}
	if doc.Find(`a[href="/topics"]:contains("All 3 topics")`).Length() != 1 {
		t.Error("no link to all 3 topics")
	}
	// The three reviewed last, newest first, each leading to its Fundamentals level.
	if got := attrs(doc.Find(".article-card h3 a"), "href"); !slices.Equal(got, []string{"/articles/a6/fundamentals", "/articles/a5/fundamentals", "/articles/a4/fundamentals"}) {
		t.Errorf("recently updated %q", got)
	}
	for _, href := range []string{"/articles", "/topics", "/glossary"} {
		if doc.Find(`.browse a[href="`+href+`"]`).Length() != 1 {
			t.Errorf("the home page does not link to %s", href)
		}
	}
}
