package site

import (
	"testing"

	"github.com/strata-health/strata/internal/diag"
)

// FuzzFrontMatter feeds arbitrary files to the front-matter splitter and the strict
// YAML decoder: they must never panic, and every diagnostic must name the file
// and a line inside it.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\ntitle: x\nreviewed: 2026-01-01\n---\n## Body\n"))
	f.Add([]byte("---\r\nterm: Bone\r\naliases: [BMD]\r\n---\r\nText.\r\n"))
	f.Add([]byte("---\na: &a [x, *a]\n---\n"))
	f.Add([]byte("---\nterm: [unclosed\n---\n"))
	f.Add([]byte("no front matter"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntopics: !!binary aGVsbG8=\n---\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, ok := splitFrontMatter(src)
		if !ok {
			return
		}
		if fm.bodyAt < 0 || fm.bodyAt > len(src) || string(src[fm.bodyAt:]) != string(fm.body) {
			t.Fatalf("body offset %d does not point at the body", fm.bodyAt)
		}
		var list diag.List
		var meta termMeta
		decodeYAML(&list, "glossary/x.md", fm.yaml, fm.yamlLine, &meta)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, d := range list.Items() {
			if d.File != "glossary/x.md" || d.Line < 1 || d.Line > lines+1 {
				t.Fatalf("diagnostic outside the file: %v (file has %d lines)", d, lines)
			}
		}
	})
}
