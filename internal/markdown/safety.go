package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/strata-health/strata/internal/safeurl"
	"github.com/yuin/goldmark/ast"
)

// safety runs before the other transformations. It reports what the page will not
// show as warnings: raw HTML (never rendered; HTML comments are left alone
// quietly) and links or images whose address is not http, https, mailto or
// relative (the link becomes its text, the image its alt text). It reports nesting
// deeper than MaxNesting as an error.
func safety(doc *ast.Document, src []byte, p *Page) {
	var unwrap []ast.Node
	tooDeep := false
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() == ast.KindList || n.Kind() == ast.KindBlockquote {
			if !entering {
				depth--
				return ast.WalkContinue, nil
			}
			depth++
			if depth > MaxNesting && !tooDeep {
				tooDeep = true
				p.problem(nodePos(n), "lists and block quotes are nested more than %d levels deep", MaxNesting)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			var raw []byte
			for i := range n.Lines().Len() {
				raw = append(raw, segValue(n.Lines().At(i), src)...)
			}
			rawHTML(p, nodePos(n), raw)
		case *ast.RawHTML:
			var raw []byte
			for i := range n.Segments.Len() {
				raw = append(raw, segValue(n.Segments.At(i), src)...)
			}
			pos := 0
			if n.Segments.Len() > 0 {
				pos = n.Segments.At(0).Start
			}
			rawHTML(p, pos, raw)
		case *ast.Link:
			if dest := string(n.Destination); !strings.HasPrefix(dest, "glossary:") {
				if err := safeurl.Check(dest); err != nil {
					p.warn(nodePos(n), "link dropped, its text kept: %v", err)
					unwrap = append(unwrap, n)
				}
			}
		case *ast.Image:
			if err := safeurl.Check(string(n.Destination)); err != nil || bytes.HasPrefix(bytes.ToLower(n.Destination), []byte("mailto:")) {
				if err == nil {
					err = fmt.Errorf("a mailto: URL is not an image")
				}
				p.warn(nodePos(n), "image dropped, its alt text kept: %v", err)
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				if err := safeurl.Check(string(n.URL(src))); err != nil {
					p.warn(nodePos(n), "link dropped, its text kept: %v", err)
					unwrap = append(unwrap, n)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unwrap {
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// rawHTML warns about raw HTML at offset, unless it is only a comment.
func rawHTML(p *Page, offset int, raw []byte) {
	t := bytes.TrimSpace(raw)
	if bytes.HasPrefix(t, []byte("<!--")) && bytes.HasSuffix(t, []byte("-->")) {
		return
	}
	if len(t) > 40 {
		t = append(t[:37:37], "..."...)
	}
	p.warn(offset, "raw HTML is not shown to readers: %q (write it in Markdown)", t)
}
