package render

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/strata-health/strata/cmd/strata-bench/corpus"
	"github.com/strata-health/strata/internal/site"
)

// The generated corpus of the library tests: enough articles for a full page of
// the articles A–Z and enough terms for the glossary to be split; small enough
// to build in a few seconds. With -short (CI's run under the race detector) it
// is smaller, and the glossary is still split.
var libraryCorpus = sync.OnceValues(func() (*site.Site, *Snapshot) {
	articles, terms := 250, 1000
	if testing.Short() {
		articles, terms = 60, 600
	}
	fsys := corpus.New(articles, terms, 1).FS()
	s, _ := site.Load(fsys)
	snap, _ := Build(s, fsys, WithoutCompression(), WithoutSearch())
	return s, snap
})

// TestIndexPagesStaySmall checks that every index page of the generated corpus
// is within the budget, and that the bounds make it so at any size: a page
// holding fewer entries than its bound is judged by its size per entry, scaled
// to the bound (an overestimate: the page's fixed part is counted again for
// every entry, and brotli does better on longer lists of the same shape).
func TestIndexPagesStaySmall(t *testing.T) {
	s, snap := libraryCorpus()
	if len(s.Terms) <= defaultLimits.glossaryWhole {
		t.Fatalf("the corpus has %d terms: its glossary would not be split", len(s.Terms))
	}
	checked, largest, largestPage := 0, 0, ""
	for _, p := range snap.Paths() {
		if !IsIndexPage(p) {
			continue
		}
		r, _ := snap.Lookup(p)
		var buf bytes.Buffer
		bw := brotli.NewWriterLevel(&buf, brotliLevel)
		_, _ = bw.Write(r.Body.Data)
		_ = bw.Close()
		size := buf.Len()
		entries, bound := 0, 0
		switch {
		case strings.HasPrefix(p, "/topics/"):
			entries, bound = bytes.Count(r.Body.Data, []byte(`<li class="article-card">`)), defaultLimits.topicPerPage
		case p == "/articles" || strings.HasPrefix(p, "/articles-a-z/"):
			entries, bound = bytes.Count(r.Body.Data, []byte(`<li><a href="/articles/`)), defaultLimits.articlesPerPage
		case strings.HasPrefix(p, "/glossary-a-z/"):
			entries, bound = bytes.Count(r.Body.Data, []byte(`<dt>`)), defaultLimits.glossaryPerPage
		}
		if entries > bound {
			t.Errorf("%s: %d entries, above the bound of %d", p, entries, bound)
		}
		projected := size
		if entries > 0 && entries < bound {
			projected = size * bound / entries
		}
		if size > IndexPageBudget || projected > IndexPageBudget {
			t.Errorf("%s: %d bytes brotli with %d entries, %d at the bound of %d: over %d", p, size, entries, projected, bound, IndexPageBudget)
		}
		if projected > largest {
			largest, largestPage = projected, p
		}
		checked++
	}
	t.Logf("%d index pages; the largest, at its bound: %s, %d bytes brotli", checked, largestPage, largest)
	if checked < 10 {
		t.Errorf("only %d index pages", checked)
	}
}

var hrefRE = regexp.MustCompile(`href="(/[^"#?]*)`)

// TestCrawl follows links from the home page, as a crawler would: every article
// tier and every glossary entry is reached, and every article within three
// clicks.
func TestCrawl(t *testing.T) {
	s, snap := libraryCorpus()
	depth := map[string]int{"/": 0}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		r, ok := snap.Lookup(p)
		if !ok {
			if _, redirect := snap.Redirect(p); !redirect && !strings.HasPrefix(p, "/search") {
				t.Errorf("a link leads to %s, which does not exist", p)
			}
			continue
		}
		if !strings.HasPrefix(r.ContentType, "text/html") {
			continue
		}
		for _, m := range hrefRE.FindAllSubmatch(r.Body.Data, -1) {
			next := string(m[1])
			if _, seen := depth[next]; !seen {
				depth[next] = depth[p] + 1
				queue = append(queue, next)
			}
		}
	}
	for _, a := range s.Articles {
		first := -1
		for _, u := range []string{ArticleURL(a.Slug), TierURL(a.Slug, "fundamentals"), TierURL(a.Slug, "intermediate"), TierURL(a.Slug, "academic")} {
			d, ok := depth[u]
			if !ok {
				t.Errorf("%s is not reached from the home page", u)
				continue
			}
			if first < 0 || d < first {
				first = d
			}
		}
		if first > 3 {
			t.Errorf("%s is %d clicks from the home page", a.Slug, first)
		}
	}
	for _, term := range s.Terms {
		if _, ok := depth[TermURL(term.Slug)]; !ok {
			t.Errorf("%s is not reached from the home page", TermURL(term.Slug))
		}
	}
	for _, topic := range s.Topics {
		if d := depth[TopicURL(topic.Slug)]; d != 1 && len(s.Topics) <= defaultLimits.homeTopics {
			t.Errorf("topic %s is %d clicks from the home page", topic.Slug, d)
		}
	}
}
