package markdown

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders the extension nodes, and tables, images and code blocks in
// the engine's own way: captions and header scopes on tables, figures, classes
// instead of style attributes (the site's CSP allows no inline styles).
type htmlRenderer struct{}

// codeFormatter writes chroma tokens with CSS classes; the classes' colours are in
// the site's stylesheet (see CodeCSS).
var codeFormatter = chromahtml.New(chromahtml.WithClasses(true))

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.callout)
	reg.Register(KindOriginal, r.original)
	reg.Register(KindPlain, r.plain)
	reg.Register(KindFigure, r.figure)
	reg.Register(KindCitation, r.citation)
	reg.Register(KindTermLink, r.termLink)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTableCell, r.tableCell)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindFencedCodeBlock, r.fencedCode)
}

func (r *htmlRenderer) callout(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	c := n.(*Callout)
	if entering && c.Variant == "editor" {
		// Named for screen readers, so that the site's own voice is told apart
		// from the adapted text before it is read.
		fmt.Fprintf(w, "<div class=\"callout callout-editor\" role=\"note\" aria-label=\"%s\">\n<p class=\"callout-title\">%[1]s</p>\n", html.EscapeString(calloutTitles[c.Variant]))
	} else if entering {
		fmt.Fprintf(w, "<div class=\"callout callout-%s\" role=\"note\">\n<p class=\"callout-title\">%s</p>\n", c.Variant, calloutTitles[c.Variant])
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

// original draws an original-wording disclosure: closed until the reader opens it,
// by keyboard or pointer, without JavaScript. On a page where it is not a
// disclosure its content is drawn as it is.
func (r *htmlRenderer) original(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch {
	case !n.(*Original).Disclosure:
	case entering:
		w.WriteString("<details class=\"original\">\n<summary>Original wording</summary>\n")
	default:
		w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}

// plain draws a plain-language restatement's content as it is, on the pages that
// show it.
func (r *htmlRenderer) plain(_ util.BufWriter, _ []byte, n ast.Node, _ bool) (ast.WalkStatus, error) {
	if !n.(*Plain).Shown {
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) figure(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	img := n.FirstChild().(*ast.Image)
	w.WriteString("<figure>\n")
	writeImage(w, src, img, false)
	if len(img.Title) > 0 {
		fmt.Fprintf(w, "\n<figcaption>%s</figcaption>", html.EscapeString(string(img.Title)))
	}
	w.WriteString("\n</figure>\n")
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) image(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeImage(w, src, n.(*ast.Image), true)
	}
	return ast.WalkSkipChildren, nil
}

func writeImage(w util.BufWriter, src []byte, img *ast.Image, withTitle bool) {
	dest := img.Destination
	if ghtml.IsDangerousURL(dest) {
		dest = nil
	}
	fmt.Fprintf(w, `<img src="%s" alt="%s"`, html.EscapeString(string(util.URLEscape(dest, true))), html.EscapeString(plainText(img, src)))
	if withTitle && len(img.Title) > 0 {
		fmt.Fprintf(w, ` title="%s"`, html.EscapeString(string(img.Title)))
	}
	w.WriteString(` loading="lazy" decoding="async">`)
}

// citation draws a citation in numbered AMA style: superscript reference numbers,
// each with its locator in AMA form (2(p33)); ranges of three or more numbers
// collapse (1-3). A prefix or suffix is running text around the numbers ("see<sup>1</sup>
// and <em>passim</em>"), since superscript words are hard to read: an item with a
// prefix starts a new superscript and one with a suffix ends it, and the parts
// are separated by semicolons. An author-in-text
// citation shows the authors' names before the number ("Doe and Roe<sup>2</sup>").
// Suppressing the author (-@key) changes nothing: numbered AMA names no author.
func (r *htmlRenderer) citation(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c := n.(*Citation)
	if c.InText {
		it := c.Items[0]
		name := it.Author
		if name == "" {
			name = it.Key
		}
		w.WriteString(html.EscapeString(name))
		fmt.Fprintf(w, `<sup class="cite" id="%s">`, c.ID)
		writeCiteNumber(w, it)
		w.WriteString("</sup>")
		if it.Suffix.String() != "" {
			w.WriteString(" " + it.Suffix.String())
		}
		return ast.WalkContinue, nil
	}
	// Runs of items share one superscript; an item with a prefix starts a run, and
	// one with a suffix ends it.
	var runs [][]CitationItem
	for i, it := range c.Items {
		if i == 0 || it.Prefix.String() != "" || c.Items[i-1].Suffix.String() != "" {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], it)
	}
	if len(runs) == 1 && runs[0][0].Prefix.String() == "" && runs[0][len(runs[0])-1].Suffix.String() == "" {
		fmt.Fprintf(w, `<sup class="cite" id="%s">`, c.ID)
		writeCiteGroups(w, runs[0])
		w.WriteString("</sup>")
		return ast.WalkContinue, nil
	}
	fmt.Fprintf(w, `<span class="cite-text" id="%s">`, c.ID)
	for i, run := range runs {
		if i > 0 {
			w.WriteString("; ")
		}
		w.WriteString(run[0].Prefix.String())
		w.WriteString(`<sup class="cite">`)
		writeCiteGroups(w, run)
		w.WriteString("</sup>")
		if s := run[len(run)-1].Suffix.String(); s != "" {
			w.WriteString(" " + s)
		}
	}
	w.WriteString("</span>")
	return ast.WalkContinue, nil
}

// writeCiteGroups writes the numbers of items, sorted, with ranges.
func writeCiteGroups(w util.BufWriter, items []CitationItem) {
	for i, group := range citationGroups(items) {
		if i > 0 {
			w.WriteString(",")
		}
		writeCiteNumber(w, group[0])
		if len(group) > 1 {
			w.WriteString("&#8209;")
			writeCiteNumber(w, group[len(group)-1])
		}
	}
}

func writeCiteNumber(w util.BufWriter, it CitationItem) {
	if it.Number == 0 {
		w.WriteString("?")
		return
	}
	n := strconv.Itoa(it.Number)
	fmt.Fprintf(w, `<a href="#ref-%s" aria-label="Reference %s">%s</a>`, n, n, n)
	if loc := it.Locator.AMA(); loc != "" {
		fmt.Fprintf(w, "(%s)", html.EscapeString(loc))
	}
}

// citationGroups orders a citation's items by number and collapses runs of three or
// more consecutive numbers without locators into ranges (1-3), as AMA style does.
func citationGroups(items []CitationItem) [][]CitationItem {
	sorted := make([]CitationItem, 0, len(items))
	seen := map[int]bool{}
	for _, it := range items {
		if it.Number != 0 && seen[it.Number] && it.Locator.Value == "" {
			continue
		}
		seen[it.Number] = true
		sorted = append(sorted, it)
	}
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && sorted[j].Number < sorted[j-1].Number; j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var groups [][]CitationItem
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && sorted[i].Number != 0 && sorted[j].Locator.Value == "" && sorted[j-1].Locator.Value == "" &&
			sorted[j].Number == sorted[j-1].Number+1 {
			j++
		}
		if j-i >= 3 {
			groups = append(groups, sorted[i:j])
		} else {
			for k := i; k < j; k++ {
				groups = append(groups, sorted[k:k+1])
			}
		}
		i = j
	}
	return groups
}

func (r *htmlRenderer) termLink(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	t := n.(*TermLink)
	if !t.Linked {
		return ast.WalkContinue, nil
	}
	if entering {
		fmt.Fprintf(w, `<a class="term" href="%s" aria-describedby="%s"`, html.EscapeString(t.URL), t.TipID)
		if t.AnchorID != "" {
			fmt.Fprintf(w, ` id="%s"`, t.AnchorID)
		}
		w.WriteString(">")
	} else {
		fmt.Fprintf(w, `</a><span class="term-tip" role="tooltip" id="%s" hidden>%s</span>`, t.TipID, t.Definition.String())
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) table(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</table>\n</div>\n")
		return ast.WalkContinue, nil
	}
	c, _ := n.AttributeString(captionAttr)
	caption, _ := c.(string)
	if caption != "" {
		fmt.Fprintf(w, "<div class=\"table-scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">\n<table>\n<caption>%s</caption>\n",
			html.EscapeString(caption), html.EscapeString(caption))
	} else {
		w.WriteString("<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\">\n<table>\n")
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) tableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag, attrs := "td", ""
	if n.Parent().Kind() == east.KindTableHeader {
		tag, attrs = "th", ` scope="col"`
	} else if entering {
		if label := columnHeader(n, src); label != "" {
			attrs = ` data-label="` + html.EscapeString(label) + `"`
		}
	}
	if n.Alignment != east.AlignNone {
		attrs += ` class="align-` + n.Alignment.String() + `"`
	}
	if entering {
		fmt.Fprintf(w, "<%s%s>", tag, attrs)
	} else {
		fmt.Fprintf(w, "</%s>\n", tag)
	}
	return ast.WalkContinue, nil
}

// columnHeader is the plain text of the header of a body cell's column, which the
// stylesheet shows above the cell when a phone stacks the table's rows.
func columnHeader(cell *east.TableCell, src []byte) string {
	col := 0
	for c := cell.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		col++
	}
	row := cell.Parent()
	if row == nil || row.Parent() == nil {
		return ""
	}
	header := row.Parent().FirstChild()
	if header == nil || header.Kind() != east.KindTableHeader {
		return ""
	}
	h := header.FirstChild()
	for ; h != nil && col > 0; col-- {
		h = h.NextSibling()
	}
	if h == nil {
		return ""
	}
	return strings.TrimSpace(plainText(h, src))
}

func (r *htmlRenderer) fencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		code.Write(segValue(n.Lines().At(i), src))
	}
	lang := string(n.Language(src))
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexers.Get(lang)
	}
	if lexer == nil {
		fmt.Fprintf(w, "<pre class=\"code\"><code>%s</code></pre>\n", html.EscapeString(code.String()))
		return ast.WalkSkipChildren, nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
	if err != nil {
		fmt.Fprintf(w, "<pre class=\"code\"><code>%s</code></pre>\n", html.EscapeString(code.String()))
		return ast.WalkSkipChildren, nil
	}
	if err := codeFormatter.Format(w, codeStyle, it); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}
