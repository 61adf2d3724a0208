package render

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/markdown"
	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/site"
)

// WithExplain lists, in Report.Explain, the sentences that make a page hard to
// read: those of each tier's reading path above the tier's target, and those of
// glossary plain definitions above readability.PlainGrade (strata check -explain).
func WithExplain() Option { return func(b *builder) { b.explain = true } }

// plainTier reports whether a tier is written in plain language: its target is at
// or below readability.PlainGrade. Its pages show [!PLAIN] restatements and close
// [!ORIGINAL] blocks.
func plainTier(t site.Tier) bool { return t.MaxGrade > 0 && t.MaxGrade <= readability.PlainGrade }

// passage is running text of a tier page with the document it comes from.
type passage struct {
	doc   site.Doc
	at    int // where the document's text starts in doc.Source: doc.BodyAt, or the summary's place in the front matter
	block markdown.Block
}

// readingPath splits the running text of a tier page into its reading path — what
// a reader meets going down the page without opening anything: the lede, then the
// tier's and the closing section's text outside original-wording disclosures —
// and the original wording inside them. Headings, callout labels, tables, code,
// the reference list and "Terms on this page" are left out, as readability
// expects.
func readingPath(lede passage, prose []passage) (path, original []passage) {
	if lede.block.Text != "" {
		path = append(path, lede)
	}
	for _, p := range prose {
		if p.block.Original {
			original = append(original, p)
		} else {
			path = append(path, p)
		}
	}
	return path, original
}

// passageText joins passages into one text, a paragraph each, for readability to
// score.
func passageText(ps []passage) string {
	var text strings.Builder
	for _, p := range ps {
		text.WriteString(p.block.Text)
		text.WriteString("\n\n")
	}
	return text.String()
}

// ledePassage is a tier page's lede: the tier's summary, or else the article's
// description, placed in the front matter that sets it.
func ledePassage(a *site.Article, t site.TierDoc) passage {
	doc, text := t.Doc, t.Summary
	if text == "" {
		doc, text = a.Index, a.Description
	}
	at := bytes.Index(doc.Source[:min(doc.BodyAt, len(doc.Source))], []byte(text))
	return passage{doc: doc, at: max(at, 0), block: markdown.TextBlock(text)}
}

// hardSentences returns a diagnostic for each sentence of ps graded above target,
// worst first.
func hardSentences(analyzer *readability.Analyzer, ps []passage, target float64) []diag.Diagnostic {
	type hard struct {
		d     diag.Diagnostic
		grade float64
	}
	var out []hard
	for _, p := range ps {
		for _, s := range analyzer.Sentences(p.block.Text) {
			g := s.Stats.FleschKincaidGrade
			if g <= target {
				continue
			}
			line, col := diag.Position(p.doc.Source, p.at+p.block.Offset(s.Start))
			out = append(out, hard{grade: g, d: diag.Diagnostic{File: p.doc.File, Line: line, Col: col, Severity: diag.Warning,
				Message: fmt.Sprintf("grade %.1f (target %g): %q", g, target, shorten(s.Text, 100))}})
		}
	}
	slices.SortStableFunc(out, func(x, y hard) int { return cmp.Compare(y.grade, x.grade) })
	ds := make([]diag.Diagnostic, len(out))
	for i, h := range out {
		ds[i] = h.d
	}
	return ds
}

// explainGlossary lists the sentences of plain definitions above PlainGrade.
func (b *builder) explainGlossary() []diag.Diagnostic {
	var ps []passage
	for _, t := range b.site.Terms {
		page := &markdown.Page{NoAutoLink: true}
		b.engine.Render([]byte(t.Definition), page)
		at := t.Doc.BodyAt + max(bytes.Index(t.Doc.Body, []byte(t.Definition)), 0)
		for _, blk := range page.Prose {
			ps = append(ps, passage{doc: t.Doc, at: at, block: blk})
		}
	}
	return hardSentences(&b.work.analyzer, ps, readability.PlainGrade)
}

// shorten cuts s to at most n runes, ending it with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimRight(string(r[:n-1]), " ,;:") + "…"
}
