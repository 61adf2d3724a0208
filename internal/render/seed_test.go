package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
)

// seedSentences reads testdata/seed-sentences.txt: the seed article's sentences
// by tier ("closing" for index.md's closing section).
func seedSentences(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile("testdata/seed-sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	tier := ""
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			tier = strings.Trim(line, "[]")
		default:
			out[tier] = append(out[tier], line)
		}
	}
	if len(out["fundamentals"]) < 20 || len(out["intermediate"]) < 20 || len(out["academic"]) < 20 || len(out["closing"]) < 4 {
		t.Fatalf("testdata/seed-sentences.txt holds too few sentences: %d, %d, %d, %d",
			len(out["fundamentals"]), len(out["intermediate"]), len(out["academic"]), len(out["closing"]))
	}
	return out
}

var spaceBeforePunct = regexp.MustCompile(`\s+([.,;:)])`)

// normal collapses white space, and the space left before punctuation where a
// citation number was taken out.
func normal(s string) string {
	return spaceBeforePunct.ReplaceAllString(strings.Join(strings.Fields(s), " "), "$1")
}

// articleText is the text of the article on a page — the tier or tiers and the
// closing section, headings included — without pop-up definitions or citation
// numbers.
func articleText(doc *goquery.Document) string {
	doc.Find(".term-tip, sup.cite").Remove()
	var b strings.Builder
	doc.Find(".tier-body, section.tier, .closing").Each(func(_ int, s *goquery.Selection) {
		b.WriteString(s.Text())
		b.WriteString("\n")
	})
	return normal(b.String())
}

// TestSeedSentences fails if a sentence of the seed article goes missing from
// its tier page, from the whole-article page or from search, and checks that the
// Fundamentals page's reading path meets its target.
func TestSeedSentences(t *testing.T) {
	seed := seedSentences(t)
	s, list := site.Load(content.FS)
	snap, built := Build(s, content.FS, WithoutCompression(), WithoutSearch())
	if list.HasErrors() || built.HasErrors() {
		t.Fatal(list.Items(), built.Items())
	}
	const slug = "bone-preservation-aromatase-inhibition"
	a, ok := s.Article(slug)
	if !ok {
		t.Fatal("no seed article")
	}
	indexed := map[string]string{}
	for _, d := range snap.Dynamic.docs {
		if d.Kind != search.KindTier {
			continue
		}
		text := d.Body
		for _, sec := range d.Sections {
			text += "\n" + sec.Heading + "\n" + sec.Text
		}
		indexed[d.Tier] = normal(text)
	}
	whole := articleText(page(t, snap, ArticleURL(slug)))
	for _, tier := range a.Tiers {
		key := tier.Tier.Key
		text := articleText(page(t, snap, TierURL(slug, key)))
		for _, sentence := range append(seed[key], seed["closing"]...) {
			if !strings.Contains(text, normal(sentence)) {
				t.Errorf("the %s page lacks the seed's sentence %q", key, sentence)
			}
		}
		for _, sentence := range seed[key] {
			if !strings.Contains(whole, normal(sentence)) {
				t.Errorf("the whole-article page lacks the seed's %s sentence %q", key, sentence)
			}
			if !strings.Contains(indexed[key], normal(sentence)) {
				t.Errorf("search's %s document lacks the seed's sentence %q", key, sentence)
			}
		}
	}
	for _, sentence := range seed["closing"] {
		if !strings.Contains(whole, normal(sentence)) {
			t.Errorf("the whole-article page lacks the seed's closing sentence %q", sentence)
		}
	}
	for _, r := range built.Readability {
		if r.Tier.Key == "fundamentals" {
			t.Logf("fundamentals reading path: grade %.2f, %d words, %d sentences; original wording: grade %.2f, %d words",
				r.Stats.FleschKincaidGrade, r.Stats.Words, r.Stats.Sentences, r.Original.FleschKincaidGrade, r.Original.Words)
			if r.Stats.FleschKincaidGrade > r.Tier.MaxGrade {
				t.Errorf("the Fundamentals reading path is at grade %.1f, above its target of %g", r.Stats.FleschKincaidGrade, r.Tier.MaxGrade)
			}
		}
	}
}
