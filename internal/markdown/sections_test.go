package markdown

import (
	"slices"
	"testing"
)

// TestSections checks the text that search indexes: what a reader sees, split at
// headings with their ids on the page, without citations, callout markers, table
// caption prefixes or raw HTML.
func TestSections(t *testing.T) {
	src := []byte(`Intro with a citation [@a] and a [glossary link](glossary:bone) about bone density.

> [!KEY]
> Callouts keep their text.

## How *does* it work?

Paragraph one
continues here.

- a list item

Table: Markers

| Test | Meaning |
| ---- | ------- |
| DXA  | density |

<div>raw html</div>

![A diagram of bone](remodelling.svg "Remodelling")

## References

## How does it work?

Last.

Table: not a caption.
`)
	p := pageFor(t, "")
	p.CollectSections = true
	p.Reserve("references")
	New(testGlossary()).Render(src, p)
	want := []Section{
		{Text: "Intro with a citation and a glossary link about bone density.\n\nCallouts keep their text."},
		{Anchor: "how-does-it-work", Heading: "How does it work?",
			Text: "Paragraph one continues here.\n\na list item\n\nMarkers\n\nTest Meaning\n\nDXA density\n\nA diagram of bone"},
		{Anchor: "references-1", Heading: "References"},
		{Anchor: "how-does-it-work-1", Heading: "How does it work?", Text: "Last.\n\nTable: not a caption."},
	}
	if !slices.Equal(p.Sections, want) {
		t.Errorf("sections\n%q\nwant\n%q", p.Sections, want)
	}

	q := pageFor(t, "")
	New(testGlossary()).Render(src, q)
	if q.Sections != nil {
		t.Errorf("sections collected without CollectSections: %q", q.Sections)
	}
}
