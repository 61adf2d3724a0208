// Package markdown turns the authors' Markdown into HTML fragments.
//
// It is goldmark with GitHub tables and the extensions of the content format:
// callouts (> [!KEY]), table captions (a "Table: ..." paragraph before a table),
// figures, Pandoc citations ([@key]), glossary links (automatic on first use, and
// explicit [text](glossary:slug)), heading ids, and code highlighted by chroma with
// CSS classes. Raw HTML is never rendered.
//
// An Engine is built once per site and is safe for concurrent use. Each Render call
// takes a Page, which carries the state that spans the documents shown on one web
// page (which glossary terms were already linked, heading ids, citation back-links)
// and collects what the documents used.
package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/strata-health/strata/internal/glossary"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Term is what the pipeline needs of a glossary entry.
type Term struct {
	Slug string
	Name string
	// Plain and Technical are the definitions as inline HTML, for pop-ups. Technical
	// may be empty.
	Plain, Technical string
}

// Glossary is the site's glossary as the pipeline sees it.
type Glossary struct {
	Terms   map[string]Term // by slug
	Matcher *glossary.Matcher
	// URL returns the address of a term's entry.
	URL func(slug string) string
}

// Engine renders Markdown documents. Build one with New.
type Engine struct {
	md       goldmark.Markdown
	glossary Glossary
}

// New returns an engine that links the terms of g.
func New(g Glossary) *Engine {
	if g.URL == nil {
		g.URL = func(slug string) string { return "/glossary/" + slug }
	}
	e := &Engine{glossary: g}
	e.md = goldmark.New(
		goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithInlineParsers(util.Prioritized(citationParser{}, 150)),
			parser.WithASTTransformers(util.Prioritized(&transformer{engine: e}, 100)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&htmlRenderer{}, 100)),
		),
	)
	return e
}

// Problem is something wrong in a document, at a byte offset of its source.
type Problem struct {
	Offset  int
	Message string
	// Warning marks a problem the page can be shown with (something was left out).
	Warning bool
}

// Link is a link to a page of the site: a root-relative target such as
// "/articles/x/academic#section" or a fragment "#section", at a byte offset of the
// document that holds it.
type Link struct {
	Target string
	Offset int
}

// Heading is a section heading of a rendered page, for its table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Page is the state shared by the documents rendered onto one web page. Set the
// options before the first Render; read the results after the last.
type Page struct {
	// Technical makes glossary pop-ups show technical definitions where a term has one.
	Technical bool
	// Self is the slug of a glossary term that must not be linked (its own page).
	Self string
	// HeadingShift is added to every heading level (a tier's ## becomes <h3> when the
	// tier is a section of a longer page).
	HeadingShift int
	// Cite numbers a citation key; ok is false for an unknown key. Nil means
	// citations are errors.
	Cite func(key string) (n int, ok bool)
	// Assets maps a figure's file name to its URL.
	Assets map[string]string
	// NoAutoLink turns automatic glossary linking off (explicit links still work).
	NoAutoLink bool
	// Base is the URL folder that relative link targets are resolved against
	// ("/articles/x/"); relative targets are rewritten to root-relative ones.
	Base string

	// Results.

	// Terms are the glossary slugs used on the page, in order of first use.
	Terms []string
	// Citations maps a reference number to the ids of the places that cite it.
	Citations map[int][]string
	// Headings are the section headings in order.
	Headings []Heading
	// Prose is the running text (no headings, code or tables), one block a paragraph.
	Prose strings.Builder
	// Links are the page's links to other pages of the site, in order.
	Links []Link
	// Figures are the names of the Assets the page shows, in order of first use.
	Figures []string

	ids      parser.IDs
	linked   map[string]bool
	tips     int
	cites    int
	problems []Problem
}

// Reserve marks ids that the page's own markup uses, so headings do not take them.
func (p *Page) Reserve(ids ...string) {
	p.init()
	for _, id := range ids {
		p.ids.Put([]byte(id))
	}
}

func (p *Page) init() {
	if p.ids == nil {
		p.ids = HeadingIDs()
		p.linked = map[string]bool{}
		p.Citations = map[int][]string{}
	}
}

func (p *Page) problem(offset int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Offset: offset, Message: fmt.Sprintf(format, args...)})
}

func (p *Page) warn(offset int, format string, args ...any) {
	p.problems = append(p.problems, Problem{Offset: offset, Message: fmt.Sprintf(format, args...), Warning: true})
}

var pageKey = parser.NewContextKey()

// Render converts one document onto page p. The problems are the document's own.
func (e *Engine) Render(src []byte, p *Page) ([]byte, []Problem) {
	p.init()
	p.problems = nil
	ctx := parser.NewContext(parser.WithIDs(p.ids))
	ctx.Set(pageKey, p)
	doc := e.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var buf bytes.Buffer
	if err := e.md.Renderer().Render(&buf, src, doc); err != nil {
		p.problem(0, "rendering failed: %v", err)
	}
	return buf.Bytes(), p.problems
}

// RenderInline converts a short Markdown text (a definition) to inline HTML: the
// paragraph tags are removed and glossary terms are not linked.
func (e *Engine) RenderInline(src string) string {
	out, _ := e.Render([]byte(src), &Page{NoAutoLink: true})
	out = bytes.TrimSpace(out)
	out = bytes.TrimPrefix(out, []byte("<p>"))
	out = bytes.TrimSuffix(out, []byte("</p>"))
	return string(out)
}

// pageOf returns the Page carried by a parser context.
func pageOf(pc parser.Context) *Page { return pc.Get(pageKey).(*Page) }

// nodePos returns a byte offset in the source for n, for problem reports.
func nodePos(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if p := c.Pos(); p >= 0 {
			return p
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
		if t, ok := c.FirstChild().(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}
