package markdown

import (
	"strings"
	"testing"
)

// TestProseBlocks checks the running text a page collects: one block a paragraph
// or list item, marked when it is inside an original-wording disclosure, with
// offsets that lead back to the source.
func TestProseBlocks(t *testing.T) {
	src := "Osteoclasts break *old* bone\ndown.\n\n- Walk every day.\n\n> [!ORIGINAL]\n> Osteoclasts meticulously resorb bone.\n\n## Heading\n\nAfter.\n"
	e := New(testGlossary())
	p := &Page{}
	e.Render([]byte(src), p)
	want := []struct {
		text     string
		original bool
	}{
		{"Osteoclasts break old bone down.", false},
		{"Walk every day.", false},
		{"Osteoclasts meticulously resorb bone.", true},
		{"After.", false},
	}
	if len(p.Prose) != len(want) {
		t.Fatalf("got %d blocks %+v, want %d", len(p.Prose), p.Prose, len(want))
	}
	for i, w := range want {
		b := p.Prose[i]
		if b.Text != w.text || b.Original != w.original {
			t.Errorf("block %d = %q original=%v, want %q original=%v", i, b.Text, b.Original, w.text, w.original)
		}
		// Every word of the block's text is found at its offset in the source.
		for _, word := range strings.Fields(b.Text) {
			word = strings.Trim(word, ".")
			i := strings.Index(b.Text, word)
			if off := b.Offset(i); !strings.HasPrefix(src[off:], word) {
				t.Errorf("block %d: %q maps to source offset %d (%q)", i, word, off, src[off:min(len(src), off+len(word))])
			}
		}
	}
	// A second document on the same page adds its blocks after the first's.
	e.Render([]byte("Closing words."), p)
	if n := len(p.Prose); n != 5 || p.Prose[4].Text != "Closing words." || p.Prose[4].Offset(0) != 0 {
		t.Errorf("after a second document: %+v", p.Prose)
	}
}
