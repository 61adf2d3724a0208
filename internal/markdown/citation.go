package markdown

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/strata-health/strata/internal/cite"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// citationParser reads Pandoc citations as the Pandoc manual's "Citation syntax"
// defines them: bracketed groups of items separated by semicolons, each with an
// optional prefix, "-" to suppress the author, a key, a locator and a suffix
// ([see @doe99, pp. 33-35 and *passim*; -@smith04, chap. 1]); author-in-text
// citations (@smith04, @smith04 [p. 33]); braced keys (@{https://x.org/a?b}) and
// braced locators ([@smith{ii, A, D-Z}, suffix], [@smith, {pp. iv, vi-xi} suffix]);
// and citations that wrap onto following lines. A bracket that holds an @key but
// does not read as a citation is reported, so that no citation is left as raw text.
type citationParser struct {
	engine *Engine
}

var _ parser.InlineParser = citationParser{}

// maxCitation bounds how far a bracket is searched for its end (citations are short;
// this keeps a paragraph of unmatched brackets linear).
const maxCitation = 4096

// Trigger implements parser.InlineParser.
func (citationParser) Trigger() []byte { return []byte{'[', '@'} }

// Parse implements parser.InlineParser. It returns nil for anything that is not a
// citation, so that the link parser can try it.
func (cp citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	if line[0] == '@' {
		return cp.inText(block, pc, line, seg)
	}
	return cp.bracketed(block, pc, seg)
}

// source is citation text read from a block, with the source offset of each byte
// (a citation can span lines, and lines need not be contiguous in the source).
type source struct {
	text []byte
	offs []int
}

func (s *source) add(c byte, off int) {
	if c == '\n' || c == '\r' {
		c = ' '
	}
	s.text = append(s.text, c)
	s.offs = append(s.offs, off)
}

// off returns the source offset of byte i of the text.
func (s *source) off(i int) int {
	if i < len(s.offs) {
		return s.offs[i]
	}
	if len(s.offs) > 0 {
		return s.offs[len(s.offs)-1]
	}
	return 0
}

// readBracket reads from the '[' at the reader's position to its matching ']',
// across lines. It returns the text between them and how many bytes the whole
// bracket takes; ok is false when the bracket is not closed in the block (or
// within maxCitation bytes). The reader's position is left unchanged.
func readBracket(block text.Reader) (inner source, n int, ok bool) {
	line0, pos0 := block.Position()
	defer block.SetPosition(line0, pos0)
	depth := 0
	for n < maxCitation {
		line, seg := block.PeekLine()
		if line == nil {
			return source{}, 0, false
		}
		for i := 0; i < len(line) && n < maxCitation; i++ {
			c := line[i]
			n++
			switch c {
			case '\\':
				if i+1 < len(line) && line[i+1] != '\n' {
					inner.add(c, seg.Start+i)
					i++
					n++
					c = line[i]
				}
			case '[':
				depth++
				if depth == 1 {
					continue
				}
			case ']':
				depth--
				if depth == 0 {
					return inner, n, true
				}
			}
			inner.add(c, seg.Start+i)
		}
		block.AdvanceLine()
	}
	return source{}, 0, false
}

// bracketed parses [prefix @key locator suffix; ...].
func (cp citationParser) bracketed(block text.Reader, pc parser.Context, seg text.Segment) ast.Node {
	inner, n, closed := readBracket(block)
	if !closed {
		line, _ := block.PeekLine()
		if rest := strings.TrimPrefix(string(line[1:]), "-"); strings.HasPrefix(rest, "@") {
			pageOf(pc).problem(seg.Start, "citation %q is not closed with ]", strings.TrimSpace(string(line)))
		}
		return nil
	}
	p := pageOf(pc)
	if keyStart(inner.text, 0) < 0 {
		if t := strings.TrimPrefix(string(inner.text), "-"); strings.HasPrefix(t, "@") {
			p.problem(seg.Start, "[%s] is not a citation: write the key right after @ (@doe99, or @{key} for other characters), or \\@ for an at sign", inner.text)
		}
		return nil // no @key: a link or plain brackets
	}
	items, err := cp.parseItems(inner)
	if err != nil {
		p.problem(err.offset, "%s", err.msg)
		return nil
	}
	// A link's text such as [@handle](url) is left to the link parser.
	after, _ := peekAfter(block, n)
	if after == '(' {
		return nil
	}
	c := cp.newCitation(p, seg.Start, items)
	block.Advance(n)
	return c
}

// peekAfter returns the byte that follows the next n bytes of the reader.
func peekAfter(block text.Reader, n int) (byte, bool) {
	line0, pos0 := block.Position()
	defer block.SetPosition(line0, pos0)
	block.Advance(n)
	line, _ := block.PeekLine()
	if len(line) == 0 {
		return 0, false
	}
	return line[0], true
}

// inText parses an author-in-text citation: @key, optionally followed by a
// bracketed locator and suffix ("@smith04 [p. 33] says").
func (cp citationParser) inText(block text.Reader, pc parser.Context, line []byte, seg text.Segment) ast.Node {
	if prev := block.PrecendingCharacter(); unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == '_' {
		return nil // an e-mail address, not a citation
	}
	key, end, ok := parseKey(line, 0)
	if !ok {
		return nil // "@ " or "@!" is text
	}
	p := pageOf(pc)
	it := CitationItem{Key: key, Offset: seg.Start + 1}
	n := end
	// "@key [locator, suffix]": a space or a line break, then a bracket with no
	// citation in it.
	line0, pos0 := block.Position()
	block.Advance(end)
	if skip := spaceBeforeBracket(block); skip > 0 {
		block.Advance(skip)
		inner, m, closed := readBracket(block)
		after, _ := peekAfter(block, m)
		if closed && keyStart(inner.text, 0) < 0 && after != '(' && after != '[' {
			cp.locatorAndSuffix(&it, string(inner.text), false)
			n = end + skip + m
		}
	}
	block.SetPosition(line0, pos0)
	c := cp.newCitation(p, seg.Start, []CitationItem{it})
	c.InText = true
	block.Advance(n)
	return c
}

// spaceBeforeBracket returns how many bytes of white space (at most one line
// break) come before a "[" at the reader's position, or 0 if no "[" follows them.
// The reader's position is left unchanged.
func spaceBeforeBracket(block text.Reader) int {
	line0, pos0 := block.Position()
	defer block.SetPosition(line0, pos0)
	n, breaks := 0, 0
	for {
		line, _ := block.PeekLine()
		if len(line) == 0 {
			return 0
		}
		switch line[0] {
		case ' ', '\t':
		case '\n', '\r':
			if breaks++; breaks > 1 {
				return 0
			}
		case '[':
			return n
		default:
			return 0
		}
		n++
		block.Advance(1)
	}
}

// newCitation numbers the items of a citation at offset; where each reference
// is cited is recorded for each page it is rendered on.
func (cp citationParser) newCitation(p *Page, offset int, items []CitationItem) *Citation {
	c := &Citation{}
	c.SetPos(offset)
	for _, it := range items {
		switch {
		case p.Cite == nil:
			p.problem(it.Offset, "citation @%s: this page has no references", it.Key)
		default:
			if num, ok := p.Cite(it.Key); ok {
				it.Number = num
				if p.Author != nil {
					it.Author = p.Author(it.Key)
				}
			} else {
				p.problem(it.Offset, "unknown citation key %q: it is not an id in references.yaml", it.Key)
			}
		}
		c.Items = append(c.Items, it)
	}
	return c
}

// citeError is a malformed citation at a source offset.
type citeError struct {
	offset int
	msg    string
}

// parseItems parses the items of a bracketed citation, split at top-level semicolons.
func (cp citationParser) parseItems(src source) ([]CitationItem, *citeError) {
	var items []CitationItem
	s := src.text
	start, depth := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			switch s[i] {
			case '\\':
				i++
				continue
			case '{', '[':
				depth++
				continue
			case '}', ']':
				depth--
				continue
			case ';':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		it, err := cp.parseItem(src, start, i)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
		start = i + 1
	}
	return items, nil
}

// parseItem parses one item, s.text[from:to]: prefix, "-", @key, locator, suffix.
func (cp citationParser) parseItem(src source, from, to int) (CitationItem, *citeError) {
	s := src.text[:to]
	at := keyStart(s, from)
	if at < 0 {
		return CitationItem{}, &citeError{src.off(from), fmt.Sprintf("citation item %q has no @key", strings.TrimSpace(string(s[from:])))}
	}
	key, end, ok := parseKey(s, at)
	if !ok {
		return CitationItem{}, &citeError{src.off(at), fmt.Sprintf("%q is not a citation key (write @{...} for keys with other characters)", firstWord(s[at:]))}
	}
	it := CitationItem{Key: key, Offset: src.off(at + 1)}
	prefix := s[from:at]
	if len(prefix) > 0 && prefix[len(prefix)-1] == '-' {
		it.SuppressAuthor = true
		prefix = prefix[:len(prefix)-1]
	}
	if p := strings.TrimSpace(string(prefix)); p != "" {
		it.Prefix = cp.engine.RenderInline(p)
	}
	cp.locatorAndSuffix(&it, string(s[end:]), true)
	return it, nil
}

// locatorAndSuffix reads what follows a key: a braced locator ({pp. iv, vi-xi}),
// or ", locator" with Pandoc's locator terms, then the suffix. In a bracketed item
// (needComma) an unbraced locator must follow a comma; in "@key [p. 33]" it need not.
func (cp citationParser) locatorAndSuffix(it *CitationItem, rest string, needComma bool) {
	rest = strings.TrimLeft(rest, " ")
	afterComma, comma := strings.CutPrefix(rest, ",")
	if comma {
		afterComma = strings.TrimLeft(afterComma, " ")
	}
	switch {
	case strings.HasPrefix(rest, "{"):
		rest = it.bracedLocator(rest)
	case comma && strings.HasPrefix(afterComma, "{"):
		rest = it.bracedLocator(afterComma)
	case comma || !needComma:
		if !comma {
			afterComma = rest
		}
		if loc, suffix, ok := cite.ParseLocator(afterComma); ok {
			it.Locator, rest = loc, suffix
		} else {
			rest = afterComma
		}
	}
	rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), ","))
	if rest != "" {
		it.Suffix = cp.engine.RenderInline(rest)
	}
}

// bracedLocator takes the locator from "{...}" at the start of s and returns what
// follows. A term inside the braces names the locator's type, as in Pandoc.
func (it *CitationItem) bracedLocator(s string) string {
	depth := 0
	for i, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				inner := strings.TrimSpace(s[1:i])
				label, value, ok := cite.CutLocatorTerm(inner)
				if !ok {
					label = "page"
				}
				it.Locator = cite.Locator{Label: label, Value: value}
				return s[i+1:]
			}
		}
	}
	return s // unbalanced: all suffix
}

// keyStart returns the index of the first "@" from i on that starts a citation
// key: at the start or after a space, "[", or a "-" that is itself at the start or
// after a space; and followed by a key character or "{". -1 if there is none.
func keyStart(s []byte, i int) int {
	for ; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		j := i
		if j > 0 && s[j-1] == '-' {
			j--
		}
		if j > 0 && s[j-1] != ' ' && s[j-1] != '[' {
			continue
		}
		if i+1 < len(s) && (s[i+1] == '{' || keyChar(rune(s[i+1])) || s[i+1] >= utf8.RuneSelf) {
			return i
		}
	}
	return -1
}

// parseKey reads the key of the "@" at s[at]: @{anything but braces} or, as
// Pandoc's manual says, a letter, digit or _ followed by alphanumerics and single
// internal punctuation (:.#$%&-+?<>~/); a final or doubled punctuation mark ends
// the key. end is the index after the key.
func parseKey(s []byte, at int) (key string, end int, ok bool) {
	i := at + 1
	if i < len(s) && s[i] == '{' {
		close := strings.IndexByte(string(s[i:]), '}')
		if close <= 1 {
			return "", 0, false
		}
		return string(s[i+1 : i+close]), i + close + 1, true
	}
	r, size := utf8.DecodeRune(s[i:])
	if !keyChar(r) {
		return "", 0, false
	}
	i += size
	for i < len(s) {
		r, size := utf8.DecodeRune(s[i:])
		if keyChar(r) {
			i += size
			continue
		}
		next, _ := utf8.DecodeRune(s[i+size:])
		internal := strings.ContainsRune(":.#$%&-+?<>~/", r) && i+size < len(s) && keyChar(next)
		url := (r == ':' || r == '/') && next == '/'
		if !internal && !url {
			break
		}
		i += size
	}
	for s[i-1] == ':' || s[i-1] == '/' { // "@a:/" : the slashes that allow "//" end no key
		i--
	}
	return string(s[at+1 : i]), i, true
}

// keyChar reports whether r is a letter, digit or underscore.
func keyChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// firstWord returns s up to its first space.
func firstWord(s []byte) string {
	if i := strings.IndexAny(string(s), " ;"); i >= 0 {
		return string(s[:i])
	}
	return string(s)
}
