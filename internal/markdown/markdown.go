// Package markdown turns the authors' Markdown into HTML fragments.
//
// It is goldmark with GitHub tables and the extensions of the content format:
// callouts (> [!KEY]), original-wording disclosures (> [!ORIGINAL]) and plain
// restatements for plain-language tiers (> [!PLAIN]), table captions (a "Table:
// ..." paragraph before a table), figures, Pandoc citations ([@key]), glossary links (automatic on first use, and
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

	"github.com/google/safehtml"
	"github.com/google/safehtml/uncheckedconversions"
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
	// Plain and Technical are the definitions as inline HTML (RenderInline), for
	// pop-ups. Technical may be empty.
	Plain, Technical safehtml.HTML
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
			parser.WithInlineParsers(util.Prioritized(citationParser{engine: e}, 150)),
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
	// Author names a reference's authors for an author-in-text citation (@key says),
	// as AMA does in running text: "Doe", "Doe and Roe", "Doe et al". Nil shows the
	// number alone.
	Author func(key string) string
	// Assets maps a figure's file name to its URL.
	Assets map[string]string
	// Plain marks a page of a plain-language tier: [!PLAIN] restatements are shown
	// and their [!ORIGINAL] blocks are closed disclosures. Without it, a [!PLAIN]
	// block is left out and the [!ORIGINAL] after it is shown as ordinary text.
	Plain bool
	// NoAutoLink turns automatic glossary linking off (explicit links still work).
	NoAutoLink bool
	// Base is the URL folder that relative link targets are resolved against
	// ("/articles/x/"); relative targets are rewritten to root-relative ones.
	Base string
	// CollectSections fills Sections, for search.
	CollectSections bool

	// Results.

	// Terms are the glossary slugs used on the page, in order of first use.
	Terms []string
	// Citations maps a reference number to the ids of the places that cite it.
	Citations map[int][]string
	// Headings are the section headings in order.
	Headings []Heading
	// Prose is the running text (no headings, code, tables or citations), one
	// block a paragraph or list item, in order, of every document rendered onto
	// the page.
	Prose []Block
	// Links are the page's links to other pages of the site, in order.
	Links []Link
	// Figures are the names of the Assets the page shows, in order of first use.
	Figures []string
	// Sections are the text of the documents split at their headings, with
	// CollectSections.
	Sections []Section
	// EditorNotes counts the editor's notes (> [!EDITOR]) rendered on the page.
	EditorNotes int

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

// Block is one paragraph or list item of running text.
type Block struct {
	Text string
	// Original is true inside an [!ORIGINAL] disclosure: text a reader sees only
	// after opening it.
	Original bool
	// spans map Text back to the document's source: each is where a run of
	// Text starts, in Text and in the source.
	spans []span
}

type span struct{ text, src int }

// TextBlock is a Block of running text that is its own source (a summary from
// front matter).
func TextBlock(text string) Block { return Block{Text: text, spans: []span{{0, 0}}} }

// Offset returns the byte offset in the document's source of the byte at i in
// b.Text (or of the nearest text before it, where the two differ).
func (b Block) Offset(i int) int {
	if len(b.spans) == 0 {
		return 0
	}
	best := b.spans[0]
	for _, s := range b.spans[1:] {
		if s.text > i {
			break
		}
		best = s
	}
	return best.src + i - best.text
}

var pageKey = parser.NewContextKey()

// Doc is a Markdown document parsed once, to be rendered onto one page or more (a
// tier on its own page and in the whole article). Parsing numbers its citations,
// resolves its figures and links and finds every use of a glossary term; what
// differs from page to page (heading levels and ids, which uses of a term are
// linked, citation ids) is decided each time it is rendered. A Doc is not safe for
// concurrent use.
type Doc struct {
	src      []byte
	root     ast.Node
	levels   map[*ast.Heading]int // each heading's level as written
	problems []Problem
}

// Problems returns the problems found in the document, by byte offset.
func (d *Doc) Problems() []Problem { return d.problems }

// Parse parses src for pages that share p's Cite, Assets, Base and NoAutoLink:
// citations are numbered in the order documents are parsed.
func (e *Engine) Parse(src []byte, p *Page) *Doc {
	p.init()
	p.problems = nil
	// Ids given while parsing are replaced by the page's own when rendering.
	ctx := parser.NewContext(parser.WithIDs(HeadingIDs()))
	ctx.Set(pageKey, p)
	d := &Doc{src: src, root: e.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx)), levels: map[*ast.Heading]int{}}
	d.problems, p.problems = p.problems, nil
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			d.levels[h] = h.Level
		}
		return ast.WalkContinue, nil
	})
	return d
}

// RenderDoc renders d onto page p.
func (e *Engine) RenderDoc(d *Doc, p *Page) (safehtml.HTML, error) {
	p.init()
	e.place(d, p)
	var buf bytes.Buffer
	err := e.md.Renderer().Render(&buf, d.src, d.root)
	return trusted(buf.String()), err
}

// trusted types the output of the Engine's renderer as HTML. It satisfies the
// type's contract (safe to insert into a page) because the renderer writes only
// what the content format allows: text and attribute values escaped, raw HTML
// left out (goldmark without html.WithUnsafe), every link and image address
// checked by internal/safeurl, figures limited to the article's own checked
// files. This is the one place the Markdown pipeline's HTML is typed.
func trusted(html string) safehtml.HTML {
	return uncheckedconversions.HTMLFromStringKnownToSatisfyTypeContract(html)
}

// Render parses one document and renders it onto page p. The problems are the
// document's own.
func (e *Engine) Render(src []byte, p *Page) (safehtml.HTML, []Problem) {
	d := e.Parse(src, p)
	out, err := e.RenderDoc(d, p)
	if err != nil {
		d.problems = append(d.problems, Problem{Message: fmt.Sprintf("rendering failed: %v", err)})
	}
	return out, d.problems
}

// place makes the decisions that depend on the page d is shown on, in reading
// order, and collects what the page uses: heading levels and ids, the first use
// of each term linked (explicit links always are) with the page's kind of
// definition, citation ids and back-links, links to site pages, and the page's
// text.
func (e *Engine) place(d *Doc, p *Page) {
	src := d.src
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Plain:
			n.Shown = p.Plain || !n.Paired
			if !n.Shown {
				return ast.WalkSkipChildren, nil
			}
		case *Original:
			n.Disclosure = p.Plain || !n.Paired
		case *ast.Heading:
			n.Level = min(d.levels[n]+p.HeadingShift, 6)
			var line []byte // the id is made from the text as written, as goldmark does
			if l := n.Lines().Len(); l > 0 {
				line = segValue(n.Lines().At(l-1), src)
			}
			id := p.ids.Generate(line, ast.KindHeading)
			n.SetAttributeString("id", id)
			p.Headings = append(p.Headings, Heading{Level: n.Level, ID: string(id), Text: plainText(n, src)})
		case *Callout:
			if n.Variant == "editor" {
				p.EditorNotes++
			}
		case *TermLink:
			e.placeTerm(n, p)
		case *Citation:
			p.cites++
			n.ID = fmt.Sprintf("cite-%d", p.cites)
			for _, it := range n.Items {
				if refs := p.Citations[it.Number]; it.Number != 0 && (len(refs) == 0 || refs[len(refs)-1] != n.ID) {
					p.Citations[it.Number] = append(refs, n.ID)
				}
			}
		case *ast.Link:
			if dest := string(n.Destination); dest != "" && !strings.HasPrefix(dest, "//") && !hasScheme(dest) {
				p.Links = append(p.Links, Link{Target: dest, Offset: nodePos(n)})
			}
		}
		return ast.WalkContinue, nil
	})
	p.Prose = prose(d.root, src, p.Prose)
	if p.CollectSections {
		p.Sections = append(p.Sections, sections(d.root, src)...)
	}
}

// placeTerm decides whether a use of a term is linked on page p: explicit links
// always are; a use found in the text is when it is the term's first on the page
// and the page is not the term's own.
func (e *Engine) placeTerm(tl *TermLink, p *Page) {
	tl.Linked = !tl.Auto || (!p.NoAutoLink && !p.linked[tl.Slug] && tl.Slug != p.Self)
	tl.TipID, tl.AnchorID, tl.Definition = "", "", safehtml.HTML{}
	if !tl.Linked {
		return
	}
	term := e.glossary.Terms[tl.Slug]
	p.tips++
	tl.TipID = fmt.Sprintf("tip-%d", p.tips)
	tl.Definition = term.Plain
	if p.Technical && term.Technical.String() != "" {
		tl.Definition = term.Technical
	}
	if !p.linked[tl.Slug] {
		p.linked[tl.Slug] = true
		p.Terms = append(p.Terms, tl.Slug)
		tl.AnchorID = "term-" + tl.Slug
	}
}

// RenderInline converts a short Markdown text (a definition) to inline HTML: the
// paragraph tags are removed and glossary terms are not linked.
func (e *Engine) RenderInline(src string) safehtml.HTML {
	out, _ := e.Render([]byte(src), &Page{NoAutoLink: true})
	inline := strings.TrimSpace(out.String())
	inline = strings.TrimPrefix(inline, "<p>")
	inline = strings.TrimSuffix(inline, "</p>")
	return trusted(inline)
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
