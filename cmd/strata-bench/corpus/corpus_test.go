package corpus

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// TestCorpusChecks checks that a generated corpus has no errors (what strata check
// reports) and uses every feature of the format.
func TestCorpusChecks(t *testing.T) {
	c := New(25, 60, 1)
	fsys := c.FS()
	s, list := site.Load(fsys)
	_, built := render.Build(s, fsys, render.WithoutCompression())
	for _, d := range append(list.Items(), built.Items()...) {
		if d.Severity == diag.Error {
			t.Errorf("%s", d)
		}
	}
	if len(s.Articles) != 25 || len(s.Terms) != 60 {
		t.Errorf("%d articles and %d terms, want 25 and 60", len(s.Articles), len(s.Terms))
	}
	if len(s.Topics) < 10 {
		t.Errorf("%d topics, want most of the %d", len(s.Topics), len(topics))
	}
	for _, tp := range s.Topics {
		if tp.Doc.File == "" || tp.Description == "" || len(tp.Articles) == 0 {
			t.Errorf("topic %s: file %q, description %q, %d articles", tp.Slug, tp.Doc.File, tp.Description, len(tp.Articles))
		}
	}
	var all strings.Builder
	for _, name := range slices.Sorted(maps.Keys(c.Files)) {
		all.Write(c.Files[name])
	}
	for _, feature := range []string{"> [!SUMMARY]", "> [!KEY]", "\nTable: ", "|---|", "[@", "; @", ", p. ", "](glossary:", "## ", "### ", "\n- ", "\n1. ", "```r", "aliases: [", "](/articles/"} {
		if !strings.Contains(all.String(), feature) {
			t.Errorf("no %q anywhere in the corpus", feature)
		}
	}
}

// TestCorpusDeterministic checks that the same arguments give the same bytes, and
// that a smaller corpus's articles are those of a larger one with the same seed.
func TestCorpusDeterministic(t *testing.T) {
	a, b := New(10, 40, 5), New(10, 40, 5)
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Fatal("two corpora from the same seed differ")
	}
	big := New(20, 40, 5)
	for name, data := range a.Files {
		if strings.HasSuffix(name, "index.md") || !strings.HasPrefix(name, "articles/") {
			continue
		}
		if !bytes.Equal(big.Files[name], data) {
			t.Errorf("%s differs between 10 and 20 articles", name)
		}
	}
	if New(10, 40, 6).Files["articles/"+a.Articles[0]+"/academic.md"] != nil {
		t.Error("another seed gives the same first article")
	}
}
