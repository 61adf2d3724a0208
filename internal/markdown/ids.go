package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// headingIDs gives headings ids made from their text ("How does estrogen protect
// bone?" -> "how-does-estrogen-protect-bone"), unique on the page: a repeated one
// gets -1, -2 and so on. It implements parser.IDs.
type headingIDs struct {
	used map[string]bool
}

// HeadingIDs returns the parser.IDs that gives a page's headings their ids, with
// the reserved ids taken already: for code that reads an author's Markdown outside
// the Engine (search) and must name sections as the page does.
func HeadingIDs(reserved ...string) parser.IDs {
	ids := &headingIDs{used: map[string]bool{}}
	for _, id := range reserved {
		ids.used[id] = true
	}
	return ids
}

// Generate implements parser.IDs.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Anchor(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// Anchor turns heading text into an id: lower-cased letters and digits, with single
// hyphens for everything between them.
func Anchor(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else if r != '\'' && r != '\u2019' {
			dash = true
		}
	}
	return b.String()
}
