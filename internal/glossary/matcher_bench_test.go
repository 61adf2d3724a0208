package glossary

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// articleDir holds the seed article whose three tiers are the benchmark text.
const articleDir = "../../content/articles/bone-preservation-aromatase-inhibition"

// realTerms are ten terms that occur in the seed article (BMD as an abbreviation
// that must match only in capitals).
var realTerms = []Entry{
	entry("bone", "bone"),
	entry("osteoclast", "osteoclast"),
	entry("bone-loss", "bone loss"),
	entry("bone-mineral-density", "bone mineral density"),
	entry("bmd", "BMD"),
	entry("estrogen", "estrogen"),
	entry("denosumab", "denosumab"),
	entry("rankl", "RANKL"),
	entry("sclerostin", "sclerostin"),
	entry("aromatase-inhibitor", "aromatase inhibitor"),
}

// articleText reads the fundamentals, intermediate and academic tiers of the seed
// article, concatenated.
func articleText(b *testing.B) string {
	b.Helper()
	var sb strings.Builder
	for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
		data, err := os.ReadFile(filepath.Join(articleDir, tier+".md"))
		if err != nil {
			b.Fatalf("benchmark text missing: %v", err)
		}
		sb.Write(data)
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// benchGlossaries returns the ten real terms and a glossary of n terms: the same
// ten followed by n-10 deterministic pseudo-words of one to three words. The
// pseudo-words are built from English-like syllables, so they share prefixes with
// the words of text (as real glossary terms do), but neither they nor their plurals
// occur anywhere in text, even inside a word.
func benchGlossaries(text string, n int) (small, large []Entry) {
	lower := strings.ToLower(text)
	rng := rand.New(rand.NewPCG(2024, 10))
	const consonants, vowels = "bcdfghklmnprstvz", "aeiou"
	word := func() string {
		var w strings.Builder
		for range 2 + rng.IntN(3) {
			w.WriteByte(consonants[rng.IntN(len(consonants))])
			w.WriteByte(vowels[rng.IntN(len(vowels))])
			if rng.IntN(3) == 0 {
				w.WriteByte(consonants[rng.IntN(len(consonants))])
			}
		}
		return w.String()
	}
	large = slices.Clone(realTerms)
	seen := map[string]bool{}
	for len(large) < n {
		words := make([]string, 1+rng.IntN(3))
		for i := range words {
			words[i] = word()
		}
		term := strings.Join(words, " ")
		if seen[term] || strings.Contains(lower, term) || strings.Contains(lower, Plural(term)) {
			continue
		}
		seen[term] = true
		large = append(large, Entry{Slug: "pseudo-" + strings.ReplaceAll(term, " ", "-"), Names: []string{term}})
	}
	return slices.Clone(realTerms), large
}

// BenchmarkFind measures Find on the seed article with the ten real terms and with
// those ten among 10,000. Both glossaries give the same matches (checked before
// timing), so the difference is the cost of the larger automaton alone.
func BenchmarkFind(b *testing.B) {
	text := articleText(b)
	small, large := benchGlossaries(text, 10000)
	want := NewMatcher(small).Find(text)
	if len(want) == 0 {
		b.Fatal("no term of the small glossary found in the article")
	}
	for _, c := range []struct {
		name    string
		entries []Entry
	}{
		{"terms=10", small},
		{"terms=10000", large},
	} {
		m := NewMatcher(c.entries)
		if got := m.Find(text); !slices.Equal(got, want) {
			b.Fatalf("%s: %d matches, want the %d of the small glossary", c.name, len(got), len(want))
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				m.Find(text)
			}
		})
	}
}

// BenchmarkNewMatcher measures building the automaton for 10,000 terms.
func BenchmarkNewMatcher(b *testing.B) {
	_, large := benchGlossaries(articleText(b), 10000)
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(large)
	}
}
