package editdist

import (
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// TestDistance checks known distances, including a swap of neighbours, and that
// a distance over the bound is reported as bound+1.
func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		bound int
		want  int
	}{
		{"term", "term", 3, 0},
		{"trem", "term", 3, 1},      // a swap counts once
		{"kitten", "sitting", 5, 3}, // Levenshtein's own example
		{"ostéoclast", "osteoclast", 3, 1},
		{"", "abc", 5, 3},
		{"abcdef", "uvwxyz", 2, 3}, // over the bound
		{"a", "abcdef", 2, 3},      // lengths alone exceed it
	} {
		if got := Distance([]rune(c.a), []rune(c.b), c.bound); got != c.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.bound, got, c.want)
		}
	}
}

// FuzzDistance compares Distance with bleve's Levenshtein distance, written by
// others: a swap of neighbours (2 Levenshtein edits) costs 1 here, so Distance is
// at most Levenshtein's and at least half of it. Bleve counts bytes, so the
// comparison is made on ASCII text, where bytes are runes.
func FuzzDistance(f *testing.F) {
	f.Add("term", "trem")
	f.Add("osteoclast", "osteoblast")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 40 || len(b) > 40 || !ascii(a) || !ascii(b) {
			return
		}
		ra, rb := []rune(a), []rune(b)
		lev := search.LevenshteinDistance(a, b)
		got := Distance(ra, rb, 100)
		if got > lev || got < (lev+1)/2 {
			t.Fatalf("Distance(%q, %q) = %d, Levenshtein %d", a, b, got, lev)
		}
	})
}

func ascii(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
