package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender feeds arbitrary Markdown to the whole pipeline with every extension:
// it must never panic, problems must point inside the document, and raw HTML must
// never come through.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"> [!KEY]\n> Bone loss [@a].\n",
		"Table: Caption\n\n| a | b |\n|---|---|\n| BMD | x |\n",
		"![alt](remodelling.svg \"Caption\")\n",
		"[@a; @b, p. 12] [@nope] [x](glossary:bone) [y](glossary:none)\n",
		"## Bone\n\nbone\nmineral density, osteoclasts, Paget’s disease\n",
		"```go\nfunc x() {}\n```\n",
		"<script>alert(1)</script>\n",
		"[@",
		"> [!\n",
		"Plain.\n\n> [!ORIGINAL]\n> > [!KEY]\n> > Original.\n",
		"> [!PLAIN]\n> > [!PLAIN]\n> > x\n> > [!ORIGINAL]\n\n> [!NOTE]\n> n\n\n> [!ORIGINAL]\n> - a\n",
	} {
		f.Add(s)
	}
	e := New(testGlossary())
	f.Fuzz(func(t *testing.T, src string) {
		p := pageFor(t, "")
		p.Plain = len(src)%2 == 0
		html, problems := e.Render([]byte(src), p)
		for _, b := range p.Prose {
			if off := b.Offset(len(b.Text)); off < 0 || off > len(src) {
				t.Fatalf("prose block %q ends at offset %d outside the document of %d bytes", b.Text, off, len(src))
			}
		}
		for _, pr := range problems {
			if pr.Offset < 0 || pr.Offset > len(src) {
				t.Fatalf("problem offset %d outside the document of %d bytes: %s", pr.Offset, len(src), pr.Message)
			}
		}
		if strings.Contains(strings.ToLower(string(html)), "<script") {
			t.Fatalf("raw HTML came through: %s", html)
		}
		if utf8.ValidString(src) && !utf8.Valid(html) {
			t.Fatal("valid input gave invalid UTF-8 output")
		}
	})
}

// FuzzCitationItems checks that the citation parser never panics and that every
// key it accepts is a valid key.
func FuzzCitationItems(f *testing.F) {
	for _, s := range []string{"@a", "@a; @b", "@a, p. 12", "@ a", "@a;;@b", "@coleman2008; @eastell2006, p. 12", "@a:b/c-d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		items, ok := parseCitationItems(s)
		if !ok {
			return
		}
		for _, it := range items {
			if !validKey(it.Key) {
				t.Fatalf("accepted an invalid key %q from %q", it.Key, s)
			}
		}
	})
}
