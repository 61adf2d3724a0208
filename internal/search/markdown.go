package search

import (
	"regexp"
	"strings"

	"github.com/strata-health/strata/internal/markdown"
	"github.com/strata-health/strata/internal/site"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// SiteOptions tell FromSite the addresses of the pages.
type SiteOptions struct {
	// TermURL is the address of a glossary entry (render.TermURL).
	TermURL func(slug string) string
	// TierURL is the address of an article at one tier (render.TierURL).
	TierURL func(article, tier string) string
	// Reserved are the ids that the tier page's template uses itself, which headings
	// cannot take (render's pageIDs), so that section anchors are the page's own.
	Reserved []string
}

// FromSite makes the documents of a loaded site: one per glossary entry (its name,
// aliases, plain-language definition as Summary, the rest of its text as Body, and
// the technical definition as a section anchored at "technical") and one per
// article tier (the article's title, the tier's summary, or the article's
// description when the tier has none, and the tier's text with a section per
// heading). The closing text shared by all tiers (index.md) is left out: it would
// make every tier of an article match alike.
//
// Use it as search.Build(search.FromSite(s, opts), nil).
func FromSite(s *site.Site, o SiteOptions) []Doc {
	if o.TermURL == nil {
		o.TermURL = func(slug string) string { return "/glossary/" + slug }
	}
	if o.TierURL == nil {
		o.TierURL = func(article, tier string) string { return "/articles/" + article + "/" + tier }
	}
	docs := make([]Doc, 0, len(s.Terms)+3*len(s.Articles))
	for _, t := range s.Terms {
		def, _ := MarkdownText([]byte(t.Definition))
		body, secs := MarkdownText(t.Doc.Body)
		var b strings.Builder
		b.WriteString(body)
		for _, sec := range secs {
			b.WriteString("\n\n" + sec.Heading + "\n\n" + sec.Text)
		}
		d := Doc{
			ID: "term:" + t.Slug, Kind: KindTerm, Title: t.Name, Aliases: t.Aliases,
			URL: o.TermURL(t.Slug), Summary: def, Body: b.String(),
		}
		if t.Technical != "" {
			tech, _ := MarkdownText([]byte(t.Technical))
			d.Sections = []Section{{Anchor: "technical", Heading: "For clinicians", Text: tech}}
		}
		docs = append(docs, d)
	}
	for _, a := range s.Articles {
		for _, t := range a.Tiers {
			body, secs := MarkdownText(t.Body, o.Reserved...)
			summary := t.Summary
			if summary == "" {
				summary = a.Description
			}
			docs = append(docs, Doc{
				ID: "tier:" + a.Slug + "/" + t.Tier.Key, Kind: KindTier, Title: a.Title,
				URL: o.TierURL(a.Slug, t.Tier.Key), Tier: t.Tier.Key, TierName: t.Tier.Name,
				Summary: summary, Body: body, Sections: secs, Topics: a.TopicSlugs,
			})
		}
	}
	return docs
}

var mdParser = goldmark.New(
	goldmark.WithExtensions(extension.Table),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
).Parser()

// Citations ([@key], [@a; @b, p. 3]) and callout markers ([!KEY]) are shown as
// numbers and boxes, not as text.
var markupRE = regexp.MustCompile(`[ \t]*\[@[^\]\n]*\]|\[![A-Za-z]+\][ \t]*`)

// MarkdownText returns the plain text of an author's Markdown document (without
// front matter), as a reader sees it: the text before the first heading, then a
// section per heading, each with the heading's id on the page. The ids are made as
// the page makes them (markdown.Anchor, then -1, -2 for repeats), with reserved ids
// taken already. Paragraphs, list items and table rows are separated by blank
// lines; citations, callout markers, raw HTML and link targets are left out; link
// and image text is kept.
func MarkdownText(src []byte, reserved ...string) (body string, sections []Section) {
	ids := markdown.HeadingIDs(reserved...)
	doc := mdParser.Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(ids))))
	var cur strings.Builder
	flush := func() string {
		s := strings.TrimSpace(markupRE.ReplaceAllString(cur.String(), ""))
		cur.Reset()
		return s
	}
	var heading *Section
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if heading == nil {
				body = flush()
			} else {
				heading.Text = flush()
				sections = append(sections, *heading)
			}
			heading = &Section{Heading: strings.TrimSpace(markupRE.ReplaceAllString(inlineText(n, src), ""))}
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					heading.Anchor = string(b)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			cur.WriteString(inlineText(n, src))
			cur.WriteString("\n\n")
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				cur.Write(seg.Value(src))
			}
			cur.WriteString("\n\n")
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		switch n.Kind() {
		case east.KindTableRow, east.KindTableHeader:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				cur.WriteString(inlineText(c, src))
				cur.WriteString(" ")
			}
			cur.WriteString("\n\n")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if heading == nil {
		body = flush()
	} else {
		heading.Text = flush()
		sections = append(sections, *heading)
	}
	return body, sections
}

// inlineText is the text of a block's inlines, soft line breaks as spaces.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
