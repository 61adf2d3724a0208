package render

import (
	"regexp"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/site"
)

// Report is what a build found out about its content, apart from the pages: the
// problems to fix (its List, sorted by file and line), the reading level of every
// tier page, and how long the build took. It is for authors (strata check) and
// operators (logs, metrics); nothing in it is served.
type Report struct {
	diag.List
	// BuildTime is how long Build took.
	BuildTime time.Duration
	// Readability has the reading-level figures of every article tier, in the
	// order of the articles and their tiers.
	Readability []TierReadability
	// Explain lists the sentences above their reading-grade target (see
	// WithExplain): the glossary's, then each tier page's, worst first within each.
	Explain []diag.Diagnostic
}

// TierReadability is the reading level of one article tier's page.
type TierReadability struct {
	File    string
	Article string
	Tier    site.Tier
	// Stats are the page's reading path: the lede, then the tier's and the
	// closing section's running text outside original-wording disclosures.
	Stats readability.Stats
	// Original is the original wording inside the page's disclosures (zero when
	// there is none).
	Original readability.Stats
	// EditorNotes counts the editor's notes on the tier's page (its text and the
	// closing section); TierNotes those in the tier file alone.
	EditorNotes, TierNotes int
}

// tierReading is a tier page's reading level, measured as the page was rendered
// (its reading time is on the page), with its reading path when WithExplain
// asks for the sentences that make it hard.
type tierReading struct {
	TierReadability
	path []passage
}

// articleCitations are the citation numbers an article's pages gave its
// references, by reference id.
type articleCitations struct {
	article *site.Article
	numbers map[string]int
}

// check is the pass after rendering: it reads what the pages made (their links,
// reading paths, citations and glossary uses), not the Markdown, and returns the
// report with every problem of the build.
func (b *builder) check() *Report {
	rep := &Report{List: b.out.problems}
	b.checkLinks(&rep.List)
	b.checkReading(rep)
	for _, c := range b.out.citations {
		for _, r := range c.article.References {
			if _, cited := c.numbers[r.ID]; !cited {
				pos := c.article.RefPos[r.ID]
				rep.Warnf(pos.File, pos.Line, pos.Col, "reference %q is never cited; it is listed under \"Also listed, not cited in the text\"", r.ID)
			}
		}
	}
	for _, t := range b.site.Terms {
		if b.site.Skipped == 0 && len(b.uses[t.Slug]) == 0 {
			rep.Warnf(t.Pos.File, t.Pos.Line, t.Pos.Col, "glossary term %q is not used in any article", t.Name)
		}
	}
	return rep
}

// checkReading reports each tier page's reading level, warns where it misses
// the tier's target, and with WithExplain lists the sentences that make it so.
func (b *builder) checkReading(rep *Report) {
	if b.explain {
		rep.Explain = b.explainGlossary()
	}
	for _, r := range b.out.readings {
		rep.Readability = append(rep.Readability, r.TierReadability)
		if target := r.Tier.MaxGrade; target > 0 && r.Stats.FleschKincaidGrade > target {
			rep.Warnf(r.File, 1, 1, "reading grade %.1f (Flesch-Kincaid) of the %s page's reading path is above its target of %g",
				r.Stats.FleschKincaidGrade, r.Tier.Name, target)
		}
		if b.explain && r.Tier.MaxGrade > 0 {
			rep.Explain = append(rep.Explain, hardSentences(&b.work.analyzer, r.path, r.Tier.MaxGrade)...)
		}
	}
}

var idRE = regexp.MustCompile(`\sid="([^"]+)"`)

// checkLinks reports links to pages, figures or anchors that do not exist.
func (b *builder) checkLinks(list *diag.List) {
	ids := map[string]map[string]bool{}
	idsOf := func(page string) map[string]bool {
		if m, ok := ids[page]; ok {
			return m
		}
		m := map[string]bool{}
		if r, ok := b.snap.resources[page]; ok && strings.HasPrefix(r.ContentType, "text/html") {
			for _, sub := range idRE.FindAllSubmatch(r.Body.Data, -1) {
				m[string(sub[1])] = true
			}
		}
		ids[page] = m
		return m
	}
	for _, d := range b.out.links {
		for _, l := range d.links {
			target, frag, _ := strings.Cut(l.Target, "#")
			target, _, _ = strings.Cut(target, "?")
			if target == "" {
				target = d.page
			}
			line, col := diag.Position(d.doc.Source, d.doc.BodyAt+l.Offset)
			if _, ok := b.snap.resources[target]; !ok {
				if _, redirected := b.snap.redirects[target]; !redirected {
					list.Errorf(d.doc.File, line, col, "broken link: there is no page %s", target)
					continue
				}
			}
			if frag != "" && !idsOf(target)[frag] {
				list.Errorf(d.doc.File, line, col, "broken link: %s has no anchor #%s", target, frag)
			}
		}
	}
}
