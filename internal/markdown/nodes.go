package markdown

import (
	"github.com/google/safehtml"
	"github.com/strata-health/strata/internal/cite"
	"github.com/yuin/goldmark/ast"
)

// KindCallout is the kind of Callout nodes.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a GitHub-style alert block: > [!KEY], [!NOTE], [!TIP], [!IMPORTANT],
// [!WARNING] or [!CAUTION], and Strata's [!SUMMARY] ("In short") and [!EDITOR]
// ("Editor's note": the site's editors speaking, not the adapted source). Strata's
// [!PLAIN] and [!ORIGINAL] are not callouts once transformed: see Plain and
// Original.
type Callout struct {
	ast.BaseBlock
	Variant string // lower case: key, summary, note, tip, important, warning, caution, editor
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Variant": n.Variant}, nil)
}

// calloutTitles are the labels shown on callouts, by type.
var calloutTitles = map[string]string{
	"key":       "Key takeaway",
	"summary":   "In short",
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
	"editor":    "Editor's note",
	// plain and original become Plain and Original nodes; they are here so that
	// the marker is known.
	"plain":    "",
	"original": "",
}

// KindFigure is the kind of Figure nodes.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is an image alone in its paragraph, shown with its title as caption.
type Figure struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (n *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (n *Figure) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// KindCitation is the kind of Citation nodes.
var KindCitation = ast.NewNodeKind("Citation")

// Citation is a Pandoc citation: a bracketed group such as [see @a, p. 12; @b], or
// an author-in-text citation (@a, @a [p. 12]).
type Citation struct {
	ast.BaseInline
	Items  []CitationItem
	ID     string // unique on the page, the target of back-links; set for each page
	InText bool   // author-in-text: the author's name is part of the sentence
}

// CitationItem is one key of a citation with its number, locator, prefix and suffix.
type CitationItem struct {
	Key            string
	Offset         int // of the key in the source
	Number         int // 0 when the key is unknown
	Locator        cite.Locator
	Prefix, Suffix safehtml.HTML // inline
	SuppressAuthor bool          // -@key
	Author         string        // the name an author-in-text citation shows
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// KindTermLink is the kind of TermLink nodes.
var KindTermLink = ast.NewNodeKind("TermLink")

// TermLink links text to a glossary entry and carries the definition shown in its
// pop-up.
type TermLink struct {
	ast.BaseInline
	Slug string
	URL  string
	// Auto is set on a use found in the text, unset on an explicit glossary: link.
	Auto bool

	// Set for each page the node is rendered on:

	// Linked is unset where the use is shown as plain text: an automatic use that
	// is not the first on the page, or on the term's own page.
	Linked     bool
	Definition safehtml.HTML // inline
	TipID      string        // id of the pop-up element
	AnchorID   string        // id of the link itself on the term's first use on the page, or ""
}

// Kind implements ast.Node.
func (n *TermLink) Kind() ast.NodeKind { return KindTermLink }

// Dump implements ast.Node.
func (n *TermLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Slug": n.Slug}, nil)
}

// KindOriginal is the kind of Original nodes.
var KindOriginal = ast.NewNodeKind("Original")

// Original is an original-wording disclosure (> [!ORIGINAL]): a source's own
// wording kept beside the plain-language text that restates it, shown as a closed
// <details> element ("Original wording") that the reader opens.
type Original struct {
	ast.BaseBlock
	// Paired is true when the original follows a [!PLAIN] restatement.
	Paired bool
	// Disclosure is decided for each page: a paired original is a disclosure on
	// plain pages only, and ordinary text elsewhere; any other always is.
	Disclosure bool
}

// Kind implements ast.Node.
func (n *Original) Kind() ast.NodeKind { return KindOriginal }

// Dump implements ast.Node.
func (n *Original) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// KindPlain is the kind of Plain nodes.
var KindPlain = ast.NewNodeKind("Plain")

// Plain is a plain-language restatement for plain-language pages only
// (> [!PLAIN]), followed by the [!ORIGINAL] it restates.
type Plain struct {
	ast.BaseBlock
	// Paired is true when its [!ORIGINAL] follows.
	Paired bool
	// Shown is decided for each page: on plain pages (and, unpaired, on all).
	Shown bool
}

// Kind implements ast.Node.
func (n *Plain) Kind() ast.NodeKind { return KindPlain }

// Dump implements ast.Node.
func (n *Plain) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
