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
		"[see @a, pp. 33-35 and *passim*; @b, chap. 1] [-@c] @a [p. 33] says [@{x y}, p. 3]\n",
		"[@a{ii, A, D-Z}, with a suffix] [@a, {pp. iv, vi-xi, (xv)-(xvii)} with suffix] [@a{}, 99]\n",
		"> Across [see\n> @a, p.\n> 4].\n",
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
		if strings.Contains(strings.ToLower(html.String()), "<script") {
			t.Fatalf("raw HTML came through: %s", html)
		}
		if utf8.ValidString(src) && !utf8.ValidString(html.String()) {
			t.Fatal("valid input gave invalid UTF-8 output")
		}
	})
}

// FuzzParseKey checks that the key reader never panics and that every unbraced key
// it accepts follows the Pandoc manual's rules: a letter, digit or _ first and last,
// and punctuation only singly between them.
func FuzzParseKey(f *testing.F) {
	for _, s := range []string{"@a", "@Foo_bar.baz.", "@Foo_bar--baz", "@{x y}", "@a:b/c-d", "@{https://x.org/?a=1&b=2}", "@ a", "@é.t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.HasPrefix(s, "@") {
			return
		}
		key, end, ok := parseKey([]byte(s), 0)
		if !ok {
			return
		}
		if end > len(s) || key == "" {
			t.Fatalf("parseKey(%q) = %q, %d", s, key, end)
		}
		if strings.HasPrefix(s, "@{") {
			return
		}
		first, _ := utf8.DecodeRuneInString(key)
		last, _ := utf8.DecodeLastRuneInString(key)
		if !keyChar(first) || !keyChar(last) {
			t.Fatalf("key %q from %q does not start and end with a letter, digit or _", key, s)
		}
		for i := 0; i+1 < len(key); i++ {
			if !keyChar(rune(key[i])) && key[i] < utf8.RuneSelf && !keyChar(rune(key[i+1])) && key[i+1] < utf8.RuneSelf &&
				!(key[i+1] == '/' && (key[i] == ':' || key[i] == '/')) {
				t.Fatalf("key %q from %q has doubled punctuation", key, s)
			}
		}
	})
}
