package search

import (
	"slices"
	"testing"
)

// TestNormalize checks the query normalisation on its own: compatibility forms,
// case folding, composed and decomposed letters, white space.
func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＢＭＤ", "bmd"},                          // fullwidth
		{"Osteoclast", "osteoclast"},            // case
		{"ﬁbre", "fibre"},                       // ligature
		{"cafe\u0301", "caf\u00e9"},             // decomposed é composed
		{"STRASSE straße", "strasse strasse"},   // full case folding
		{"  bone \t\u3000 loss  ", "bone loss"}, // ideographic space, runs of spaces
		{"\"bone loss\"", "\"bone loss\""},      // quotes stay for phrases
		{"ⅸ", "ix"},                             // compatibility numerals
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalizedQueries checks that differently written forms of a query find
// what the plain form finds, and suggest what it suggests.
func TestNormalizedQueries(t *testing.T) {
	base := ids(search(t, "osteoclast", Options{}).Hits())
	if len(base) == 0 {
		t.Fatal("osteoclast found nothing")
	}
	for _, q := range []string{"ＯＳＴＥＯＣＬＡＳＴ", "ｏｓｔｅｏｃｌａｓｔ", "OSTEOCLAST", "  osteoclast\u3000"} {
		if got := ids(search(t, q, Options{}).Hits()); !slices.Equal(got, base) {
			t.Errorf("%q found %v, want %v", q, got, base)
		}
	}
	if got := ids(search(t, "ＢＭＤ", Options{}).Terms); !slices.Contains(got, "term:bone-mineral-density") {
		t.Errorf("fullwidth BMD found %v", got)
	}
	if a, b := index(t).Suggest("osteoclats"), index(t).Suggest("ＯＳＴＥＯＣＬＡＴＳ"); !slices.Equal(a, b) || len(a) == 0 {
		t.Errorf("Suggest: %v for plain, %v for fullwidth", a, b)
	}
}
