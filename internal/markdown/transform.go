package markdown

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer applies the content format's block and inline extensions to a parsed
// document: callouts, table captions, figures and their addresses, glossary links
// (every use of a term: which ones a page links is decided when it is rendered)
// and site link targets.
type transformer struct {
	engine *Engine
}

var _ parser.ASTTransformer = (*transformer)(nil)

var calloutRE = regexp.MustCompile(`^\[!([A-Za-z]+)\]\s*$`)

const captionPrefix = "Table:"

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	p := pageOf(pc)
	safety(doc, src, p)
	var callouts, tables, paragraphs, images []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindBlockquote:
			callouts = append(callouts, n)
		case east.KindTable:
			tables = append(tables, n)
		case ast.KindParagraph:
			paragraphs = append(paragraphs, n)
		case ast.KindImage:
			images = append(images, n)
		}
		return ast.WalkContinue, nil
	})
	var originals []*Original
	var plains []*Plain
	markers := map[ast.Node]int{}
	for _, n := range callouts {
		c, at := t.callout(n.(*ast.Blockquote), src, p)
		switch c := c.(type) {
		case *Original:
			originals = append(originals, c)
			markers[c] = at
		case *Plain:
			plains = append(plains, c)
			markers[c] = at
		}
	}
	restatements(originals, plains, markers, p)
	for _, n := range tables {
		caption(n.(*east.Table), src)
	}
	for _, n := range paragraphs {
		figure(n.(*ast.Paragraph), src)
	}
	for _, n := range images {
		t.image(n.(*ast.Image), src, p)
	}
	t.link(doc, src, p)
}

// callout turns a blockquote whose first line is [!TYPE] into a Callout, or an
// Original for [!ORIGINAL]. It returns the new node (nil when bq stays a
// blockquote) and the offset of its marker line.
func (t *transformer) callout(bq *ast.Blockquote, src []byte, p *Page) (ast.Node, int) {
	para, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok || para.Lines().Len() == 0 {
		return nil, 0
	}
	first := para.Lines().At(0)
	m := calloutRE.FindSubmatch(segValue(first, src))
	if m == nil {
		return nil, 0
	}
	typ := strings.ToLower(string(m[1]))
	if _, known := calloutTitles[typ]; !known {
		p.problem(first.Start, "unknown callout type [!%s] (use KEY, SUMMARY, EDITOR, NOTE, TIP, IMPORTANT, WARNING, CAUTION, PLAIN or ORIGINAL)", m[1])
		return nil, 0
	}
	// Drop the inline nodes of the marker line.
	for c := para.FirstChild(); c != nil; {
		next := c.NextSibling()
		tx, isText := c.(*ast.Text)
		if !isText || tx.Segment.Start >= first.Stop {
			break
		}
		para.RemoveChild(para, c)
		c = next
	}
	if para.ChildCount() == 0 {
		bq.RemoveChild(bq, para)
	}
	var co ast.Node
	switch typ {
	case "original":
		co = &Original{}
	case "plain":
		co = &Plain{}
	default:
		co = &Callout{Variant: typ}
	}
	for c := bq.FirstChild(); c != nil; {
		next := c.NextSibling()
		co.AppendChild(co, c)
		c = next
	}
	bq.Parent().ReplaceChild(bq.Parent(), bq, co)
	return co, first.Start
}

// restatements checks the plain-language construct and pairs its blocks. An
// [!ORIGINAL] block keeps a source's wording right after the plain text that
// restates it. A [!PLAIN] block is a restatement meant only for plain-language
// tiers (text shared by every tier, such as index.md's closing section),
// followed by its [!ORIGINAL]; other callouts (an editor's note) may sit between
// the two. Which page shows what is decided when the document is placed on a
// page (see Page.Plain).
func restatements(originals []*Original, plains []*Plain, markers map[ast.Node]int, p *Page) {
	for _, o := range originals {
		switch prev := o.PreviousSibling(); {
		case prev == nil, prev.Kind() == ast.KindHeading, prev.Kind() == ast.KindThematicBreak, prev.Kind() == KindOriginal:
			p.problem(markers[o], "[!ORIGINAL] must come right after the plain-language text that restates it")
		}
	}
	for _, pl := range plains {
		next := pl.NextSibling()
		for next != nil && next.Kind() == KindCallout {
			next = next.NextSibling()
		}
		o, paired := next.(*Original)
		if !paired {
			p.problem(markers[pl], "[!PLAIN] must be followed by the [!ORIGINAL] block that it restates")
			continue
		}
		pl.Paired, o.Paired = true, true
	}
}

// caption takes a "Table: ..." paragraph right before a table as its caption.
func caption(tbl *east.Table, src []byte) {
	para, ok := tbl.PreviousSibling().(*ast.Paragraph)
	if !ok || para.Lines().Len() != 1 {
		return
	}
	line := strings.TrimSpace(string(segValue(para.Lines().At(0), src)))
	c, ok := strings.CutPrefix(line, captionPrefix)
	if !ok || strings.TrimSpace(c) == "" {
		return
	}
	tbl.SetAttributeString(captionAttr, strings.TrimSpace(c))
	para.Parent().RemoveChild(para.Parent(), para)
}

const captionAttr = "strata-caption"

// figure turns a paragraph holding one image and nothing else into a Figure.
func figure(para *ast.Paragraph, src []byte) {
	var img *ast.Image
	for c := para.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Image:
			if img != nil {
				return
			}
			img = c
		case *ast.Text:
			if strings.TrimSpace(string(c.Segment.Value(src))) != "" {
				return
			}
		default:
			return
		}
	}
	if img == nil || para.Parent() == nil {
		return
	}
	f := &Figure{}
	para.Parent().ReplaceChild(para.Parent(), para, f)
	f.AppendChild(f, img)
}

// image checks alt text and resolves a figure file of the article to its URL.
func (t *transformer) image(img *ast.Image, src []byte, p *Page) {
	dest := string(img.Destination)
	if strings.TrimSpace(plainText(img, src)) == "" {
		p.problem(nodePos(img), "image %q has no alt text: describe it in the brackets, ![description](%s)", dest, dest)
	}
	if dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return
	}
	if url, ok := p.Assets[dest]; ok {
		img.Destination = []byte(url)
		if !slices.Contains(p.Figures, dest) {
			p.Figures = append(p.Figures, dest)
		}
		return
	}
	p.problem(nodePos(img), "figure %q is not a file in the article's folder", dest)
}

// link converts explicit glossary links and marks the uses of terms in the text,
// skipping headings, links, code and images.
func (t *transformer) link(n ast.Node, src []byte, p *Page) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		switch c.Kind() {
		case ast.KindHeading, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock,
			ast.KindCodeSpan, ast.KindRawHTML, ast.KindAutoLink, ast.KindImage, KindCitation, KindTermLink:
		case ast.KindLink:
			l := c.(*ast.Link)
			if slug, ok := strings.CutPrefix(string(l.Destination), "glossary:"); ok {
				t.explicit(l, slug, p)
			} else {
				siteLink(l, p)
			}
		case ast.KindText:
			var run []*ast.Text
			for ; c != nil; c = c.NextSibling() {
				tx, ok := c.(*ast.Text)
				if !ok {
					break
				}
				run = append(run, tx)
			}
			next = c
			t.autoLink(run, src, p)
		default:
			t.link(c, src, p)
		}
		c = next
	}
}

// siteLink rewrites a relative link target against the page's base.
func siteLink(l *ast.Link, p *Page) {
	dest := string(l.Destination)
	if dest == "" || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return
	}
	if !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#") && p.Base != "" {
		target, frag, _ := strings.Cut(dest, "#")
		dest = path.Join(p.Base, target)
		if frag != "" {
			dest += "#" + frag
		}
		l.Destination = []byte(dest)
	}
}

// hasScheme reports whether a link target starts with a URL scheme (https:, mailto:).
func hasScheme(dest string) bool {
	for i, r := range dest {
		switch {
		case r == ':':
			return i > 0
		case r == '/' || r == '#' || r == '?':
			return false
		}
	}
	return false
}

// explicit replaces a [text](glossary:slug) link with a TermLink.
func (t *transformer) explicit(l *ast.Link, slug string, p *Page) {
	term, ok := t.engine.glossary.Terms[slug]
	if !ok {
		p.problem(nodePos(l), "unknown glossary term %q in link (glossary:%s): there is no glossary/%s.md", slug, slug, slug)
		return
	}
	tl := t.termLink(term, false)
	for c := l.FirstChild(); c != nil; {
		next := c.NextSibling()
		tl.AppendChild(tl, c)
		c = next
	}
	l.Parent().ReplaceChild(l.Parent(), l, tl)
}

// termLink makes the link node for a use of term; auto marks a use found in the
// text rather than written as a glossary: link.
func (t *transformer) termLink(term Term, auto bool) *TermLink {
	return &TermLink{Slug: term.Slug, URL: t.engine.glossary.URL(term.Slug), Auto: auto}
}

// autoLink marks every use of a term found in a run of adjacent text nodes (a
// multi-word term may cross a line break between nodes).
func (t *transformer) autoLink(run []*ast.Text, src []byte, p *Page) {
	if p.NoAutoLink || t.engine.glossary.Matcher == nil || len(run) == 0 {
		return
	}
	joined, starts := runText(run, src)
	links := t.termSpans(joined)
	if len(links) == 0 {
		return
	}
	parent := run[0].Parent()
	anchor := run[0]
	for _, n := range spliceTermLinks(run, starts, links) {
		parent.InsertBefore(parent, anchor, n)
	}
	for _, tx := range run {
		parent.RemoveChild(parent, tx)
	}
}

// termSpan is a use of a glossary term found in a run's joined text: its byte
// range and the link node that will hold it.
type termSpan struct {
	start, end int
	node       *TermLink
}

// runText joins the text of a run of text nodes, each line break as '\n', and
// returns where each node starts in the joined text.
func runText(run []*ast.Text, src []byte) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(run))
	for i, tx := range run {
		starts[i] = b.Len()
		b.Write(tx.Segment.Value(src))
		if tx.SoftLineBreak() || tx.HardLineBreak() {
			b.WriteByte('\n')
		}
	}
	return b.String(), starts
}

// termSpans finds the uses of glossary terms in s, in order, each with a new
// automatic link node.
func (t *transformer) termSpans(s string) []termSpan {
	g := t.engine.glossary
	var links []termSpan
	for _, m := range g.Matcher.Find(s) {
		term, ok := g.Terms[m.Slug]
		if !ok {
			continue
		}
		links = append(links, termSpan{m.Start, m.End, t.termLink(term, true)})
	}
	return links
}

// spliceTermLinks cuts the run's text nodes at the edges of links (offsets into
// the joined text, where starts says each node begins) and returns the nodes
// that replace the run: plain pieces, and link nodes holding the pieces they
// cover (a link may span several nodes).
func spliceTermLinks(run []*ast.Text, starts []int, links []termSpan) []ast.Node {
	var out []ast.Node
	var open *TermLink
	li := 0
	for i, tx := range run {
		seg := tx.Segment
		base := starts[i]
		pos, end := base, base+seg.Len()
		// piece is the node's text from..to; the node's line break goes on its last
		// piece, unless that piece ends a link: then it follows the link.
		piece := func(from, to int, closesLink bool) *ast.Text {
			n := ast.NewTextSegment(text.NewSegment(seg.Start+from-base, seg.Start+to-base))
			n.SetRaw(tx.IsRaw())
			if to == end && !closesLink {
				n.SetSoftLineBreak(tx.SoftLineBreak())
				n.SetHardLineBreak(tx.HardLineBreak())
			}
			return n
		}
		if pos == end {
			out = append(out, piece(pos, end, false))
		}
		for pos < end {
			if li < len(links) && pos >= links[li].start {
				if open == nil {
					open = links[li].node
					out = append(out, open)
				}
				stop := min(end, links[li].end)
				closes := stop == links[li].end
				open.AppendChild(open, piece(pos, stop, closes))
				pos = stop
				if closes {
					open = nil
					li++
					if stop == end && (tx.SoftLineBreak() || tx.HardLineBreak()) {
						out = append(out, piece(end, end, false))
					}
				}
				continue
			}
			stop := end
			if li < len(links) && links[li].start < end {
				stop = links[li].start
			}
			out = append(out, piece(pos, stop, false))
			pos = stop
		}
	}
	return out
}

// plainText returns the text of n's descendants.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	textOf(n, src, &b, nil)
	return b.String()
}

// textOf writes the text of n's descendants to b and, when spans is not nil,
// records where each run of source text lands in b.
func textOf(n ast.Node, src []byte, b *strings.Builder, spans *[]span) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if spans != nil {
				*spans = append(*spans, span{text: b.Len(), src: c.Segment.Start})
			}
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
}

// prose appends the running text of doc to blocks: paragraphs and list items,
// without headings, tables, code or citations.
func prose(doc ast.Node, src []byte, blocks []Block) []Block {
	original := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.Kind() {
		case ast.KindHeading, east.KindTable, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, KindCitation, ast.KindCodeSpan:
			return ast.WalkSkipChildren, nil
		case KindPlain:
			if !n.(*Plain).Shown {
				return ast.WalkSkipChildren, nil
			}
		case KindOriginal:
			if !n.(*Original).Disclosure {
				break
			}
			if entering {
				original++
			} else {
				original--
			}
		case ast.KindParagraph, ast.KindTextBlock:
			if entering {
				var b strings.Builder
				var spans []span
				textOf(n, src, &b, &spans)
				text := strings.TrimRightFunc(b.String(), unicode.IsSpace)
				if text != "" {
					blocks = append(blocks, Block{Text: text, Original: original > 0, spans: spans})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

// segValue returns the text of a segment (Segment.Value has a pointer receiver).
func segValue(s text.Segment, src []byte) []byte { return s.Value(src) }
