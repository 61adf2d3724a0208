package markdown

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/safehtml"
	"github.com/strata-health/strata/internal/glossary"
)

// seedTiers reads the seed article's three tiers.
func seedTiers(b *testing.B) [][]byte {
	var out [][]byte
	for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
		src, err := os.ReadFile(filepath.Join("../../content/articles/bone-preservation-aromatase-inhibition", tier+".md"))
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, src)
	}
	return out
}

// benchGlossary is the seed's real terms plus generated ones up to n.
func benchGlossary(n int) Glossary {
	real := [][]string{{"bone"}, {"osteoclast"}, {"bone loss"}, {"bone mineral density", "BMD"}, {"estrogen"},
		{"denosumab"}, {"RANKL"}, {"sclerostin"}, {"aromatase inhibitor"}, {"osteoblast"}}
	g := Glossary{Terms: map[string]Term{}}
	var entries []glossary.Entry
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var names []string
		if i < len(real) {
			names = real[i]
		} else {
			word := func() string {
				b := make([]byte, 6+r.IntN(6))
				for j := range b {
					b[j] = byte('a' + r.IntN(26))
				}
				return string(b)
			}
			names = []string{word() + " " + word()}
		}
		slug := fmt.Sprintf("t%d", i)
		g.Terms[slug] = Term{Slug: slug, Name: names[0], Plain: safehtml.HTMLEscaped("Definition.")}
		entries = append(entries, glossary.Entry{Slug: slug, Names: names})
	}
	g.Matcher = glossary.NewMatcher(entries)
	return g
}

// BenchmarkRenderSeed renders the seed's three tiers onto one page with glossaries
// of 10 and 10,000 terms: the automaton makes linking cost independent of the
// number of terms.
func BenchmarkRenderSeed(b *testing.B) {
	tiers := seedTiers(b)
	for _, n := range []int{10, 10000} {
		e := New(benchGlossary(n))
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p := &Page{Cite: func(string) (int, bool) { return 1, true }}
				for _, t := range tiers {
					e.Render(t, p)
				}
			}
		})
	}
}
