package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Section is a stretch of a page's text as a reader sees it, for search: the text
// under one heading, or before the first (with no Anchor and no Heading).
type Section struct {
	Anchor  string // the heading's id on the page
	Heading string
	// Text holds paragraphs, list items, table captions and rows, code, callouts
	// and figures' alt text, a blank line between blocks; citations, callout
	// markers and raw HTML are left out, link text is kept.
	Text string
}

// sections splits the text of a transformed document at its headings.
func sections(doc ast.Node, src []byte) []Section {
	var out []Section
	cur := Section{}
	var text strings.Builder
	block := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			text.WriteString(s)
			text.WriteString("\n\n")
		}
	}
	flush := func() {
		cur.Text = strings.TrimSpace(text.String())
		text.Reset()
		if cur.Anchor != "" || cur.Text != "" {
			out = append(out, cur)
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading:
			flush()
			id, _ := n.AttributeString("id")
			anchor, _ := id.([]byte)
			cur = Section{Anchor: string(anchor), Heading: strings.TrimSpace(plainText(n, src))}
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock, KindFigure:
			// One space between words, where a citation or a line break was.
			block(strings.Join(strings.Fields(plainText(n, src)), " "))
			return ast.WalkSkipChildren, nil
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			var code strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				code.Write(segValue(n.Lines().At(i), src))
			}
			block(code.String())
			return ast.WalkSkipChildren, nil
		case ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case east.KindTable:
			if c, ok := n.AttributeString(captionAttr); ok {
				block(c.(string))
			}
		case east.KindTableHeader, east.KindTableRow:
			var row []string
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				row = append(row, strings.TrimSpace(plainText(c, src)))
			}
			block(strings.Join(row, " "))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	flush()
	return out
}
