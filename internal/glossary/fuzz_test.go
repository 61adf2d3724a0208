package glossary

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that matching arbitrary text never panics and that every match
// lies inside the text, in order and without overlaps, and (in valid UTF-8) on
// rune boundaries.
func FuzzFind(f *testing.F) {
	m := NewMatcher([]Entry{
		{Slug: "bone", Names: []string{"bone"}},
		{Slug: "bone-loss", Names: []string{"bone loss"}},
		{Slug: "bmd", Names: []string{"Bone mineral density", "BMD"}},
		{Slug: "paget", Names: []string{"Paget's disease"}},
		{Slug: "wnt", Names: []string{"Wnt/β-catenin signaling"}},
	})
	for _, s := range []string{"Bone loss lowers BMD.", "bone\n  mineral density", "Paget’s disease", "İstanbul bone", "\xff\xfebone", "Wnt/β-catenin signaling", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, mt := range m.Find(text) {
			if mt.Start < end || mt.End <= mt.Start || mt.End > len(text) {
				t.Fatalf("bad match %+v in %q", mt, text)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[mt.Start]) || (mt.End < len(text) && !utf8.RuneStart(text[mt.End]))) {
				t.Fatalf("match %+v splits a rune in %q", mt, text)
			}
			end = mt.End
		}
	})
}
