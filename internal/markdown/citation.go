package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// citationParser reads Pandoc citations: [@key], [@a; @b] and [@key, p. 12].
type citationParser struct{}

var _ parser.InlineParser = citationParser{}

// Trigger implements parser.InlineParser.
func (citationParser) Trigger() []byte { return []byte{'['} }

// Parse implements parser.InlineParser. It returns nil for anything that is not a
// citation, so that the link parser can try it.
func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '@' {
		return nil
	}
	end := strings.IndexByte(string(line), ']')
	if end < 0 {
		return nil
	}
	items, ok := parseCitationItems(string(line[1:end]))
	if !ok {
		return nil
	}
	p := pageOf(pc)
	n := &Citation{}
	n.SetPos(seg.Start)
	for _, it := range items {
		if p.Cite == nil {
			p.problem(seg.Start, "citation [@%s]: this page has no references", it.Key)
		} else if num, ok := p.Cite(it.Key); ok {
			it.Number = num
		} else {
			p.problem(seg.Start, "unknown citation key %q: it is not an id in references.yaml", it.Key)
		}
		n.Items = append(n.Items, it)
	}
	block.Advance(end + 1)
	return n
}

// parseCitationItems parses "@a; @b, p. 12".
func parseCitationItems(s string) ([]CitationItem, bool) {
	var items []CitationItem
	for part := range strings.SplitSeq(s, ";") {
		part = strings.TrimSpace(part)
		key, ok := strings.CutPrefix(part, "@")
		if !ok {
			return nil, false
		}
		var locator string
		if i := strings.IndexByte(key, ','); i >= 0 {
			key, locator = key[:i], strings.TrimSpace(key[i+1:])
		}
		key = strings.TrimRight(key, " \t")
		if !validKey(key) {
			return nil, false
		}
		items = append(items, CitationItem{Key: key, Locator: locator})
	}
	return items, len(items) > 0
}

// validKey reports whether s is a citation key: it starts with a letter, digit or
// underscore and goes on with those and the punctuation Pandoc allows inside keys.
func validKey(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_':
		case i > 0 && strings.ContainsRune(":.#$%&-+?<>~/", r):
		default:
			return false
		}
	}
	return true
}
