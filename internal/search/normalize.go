package search

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize is the one normalisation of a query, used by Search and Suggest and
// as the key of a result cache: compatibility composition (NFKC: fullwidth
// "ＢＭＤ" is "BMD", the ligature "ﬁ" is "fi", a decomposed "é" is one letter),
// then Unicode case folding, then NFKC again (folding can undo it), and runs of
// white space made one space, trimmed. Two queries that Normalize maps to the same
// string get the same results.
func Normalize(q string) string {
	q = norm.NFKC.String(q)
	q = cases.Fold().String(q) // a Caser keeps state: one per call
	q = norm.NFKC.String(q)
	return strings.Join(strings.Fields(q), " ")
}
