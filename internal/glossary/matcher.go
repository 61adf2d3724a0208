// Package glossary finds glossary terms in running text.
//
// A Matcher is built once per site from every term's name and aliases. It scans a
// text in one pass with an Aho-Corasick automaton, so the cost of matching grows
// with the length of the text, not with the number of terms. The rules are those of
// the authors' contract: case-insensitive whole words, longest match first,
// abbreviations written in capitals match only in capitals, regular English plurals
// match, runs of white space (line breaks included) inside a multi-word term match a
// single space, and curly and straight apostrophes are the same.
package glossary

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Entry is one term as the matcher sees it: the slug it links to and every name
// (the term itself and its aliases) that refers to it.
type Entry struct {
	Slug  string
	Names []string
}

// Match is one occurrence of a term in a text, as byte offsets into that text.
type Match struct {
	Start, End int
	Slug       string
}

// pattern is one name, or one plural form of a name, in normalized form.
type pattern struct {
	slug string
	// exact is the name as written, for abbreviations that match only in capitals;
	// empty for names that match in any case.
	exact string
	size  int // length in bytes of the normalized form
	// alt is the next pattern with the same normalized form, or -1: "BMD"
	// (capitals only) and "bmd" (any case) end at the same state.
	alt int32
}

// node is a state of the automaton. Edges are kept sparse, sorted by byte.
type node struct {
	edges []edge
	fail  int32
	// out is the pattern that ends here, or -1.
	out int32
	// next is the nearest state on the failure chain that has an output, or -1.
	next int32
}

type edge struct {
	b  byte
	to int32
}

// Matcher finds the terms of one glossary in texts. It is safe for concurrent use.
type Matcher struct {
	nodes    []node
	root     [256]int32 // dense transitions out of the root
	patterns []pattern
}

// NewMatcher builds the automaton for entries. Names that normalize to nothing are
// ignored; where two entries share a name, the first one wins (the loader reports
// shared names as errors before it gets here).
func NewMatcher(entries []Entry) *Matcher {
	m := &Matcher{nodes: []node{{out: -1, next: -1}}}
	seen := map[string]bool{}
	for _, e := range entries {
		for _, name := range e.Names {
			// Decide on the name as forms writes it: " BMDs " is an abbreviation
			// like "BMDs", whose trailing s a raw trailing space would hide.
			name = strings.Join(strings.Fields(name), " ")
			abbrev := isAbbreviation(name)
			for _, form := range forms(name) {
				key := normalizeName(form)
				p := pattern{slug: e.Slug, size: len(key), alt: -1}
				if abbrev {
					p.exact = form
				}
				if key == "" || seen[key+"\x00"+p.exact] {
					continue
				}
				seen[key+"\x00"+p.exact] = true
				m.patterns = append(m.patterns, p)
				m.add(key, int32(len(m.patterns)-1))
			}
		}
	}
	m.link()
	return m
}

// add inserts key into the trie, ending at pattern index p. Where a pattern of
// another entry already ends there, that entry keeps the name; a second pattern of
// the same entry (its "bmd" beside its "BMD") is kept as an alternative.
func (m *Matcher) add(key string, p int32) {
	var s int32
	for i := 0; i < len(key); i++ {
		b := key[i]
		n := &m.nodes[s]
		j, found := slices.BinarySearchFunc(n.edges, b, func(e edge, b byte) int { return cmp.Compare(e.b, b) })
		if found {
			s = n.edges[j].to
			continue
		}
		to := int32(len(m.nodes))
		n.edges = slices.Insert(n.edges, j, edge{b, to})
		m.nodes = append(m.nodes, node{out: -1, next: -1})
		s = to
	}
	if m.nodes[s].out < 0 {
		m.nodes[s].out = p
		return
	}
	q := m.nodes[s].out
	if m.patterns[q].slug != m.patterns[p].slug {
		return
	}
	for m.patterns[q].alt >= 0 {
		q = m.patterns[q].alt
	}
	m.patterns[q].alt = p
}

// link computes failure links breadth first and fills the dense root table.
func (m *Matcher) link() {
	queue := make([]int32, 0, len(m.nodes))
	for _, e := range m.nodes[0].edges {
		m.nodes[e.to].fail = 0
		queue = append(queue, e.to)
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, e := range m.nodes[s].edges {
			f := m.nodes[s].fail
			for {
				if t, ok := m.step(f, e.b); ok {
					m.nodes[e.to].fail = t
					break
				}
				if f == 0 {
					m.nodes[e.to].fail = 0
					break
				}
				f = m.nodes[f].fail
			}
			fs := m.nodes[e.to].fail
			if m.nodes[fs].out >= 0 {
				m.nodes[e.to].next = fs
			} else {
				m.nodes[e.to].next = m.nodes[fs].next
			}
			queue = append(queue, e.to)
		}
	}
	for b := range m.root {
		m.root[b] = 0
		if t, ok := m.step(0, byte(b)); ok {
			m.root[b] = t
		}
	}
}

// step follows the edge labelled b out of state s, if there is one.
func (m *Matcher) step(s int32, b byte) (int32, bool) {
	edges := m.nodes[s].edges
	if len(edges) < 8 {
		for _, e := range edges {
			if e.b == b {
				return e.to, true
			}
		}
		return 0, false
	}
	// A plain binary search: slices.BinarySearchFunc with a comparison closure was
	// the largest cost of Find with a large glossary, whose nodes near the root
	// have many edges.
	lo, hi := 0, len(edges)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if edges[h].b < b {
			lo = h + 1
		} else {
			hi = h
		}
	}
	if lo < len(edges) && edges[lo].b == b {
		return edges[lo].to, true
	}
	return 0, false
}

// Len reports how many patterns (names and their plural forms) the matcher holds.
func (m *Matcher) Len() int { return len(m.patterns) }

// Find returns the non-overlapping matches in text, leftmost first and, at one
// position, longest first. Offsets are into text.
func (m *Matcher) Find(text string) []Match {
	if len(m.patterns) == 0 {
		return nil
	}
	norm, offsets := normalizeText(text)
	var found []Match
	var s int32
	for i := 0; i < len(norm); i++ {
		b := norm[i]
		for {
			if s == 0 {
				s = m.root[b]
				break
			}
			if t, ok := m.step(s, b); ok {
				s = t
				break
			}
			s = m.nodes[s].fail
		}
		o := s
		if m.nodes[o].out < 0 {
			o = m.nodes[o].next
		}
		for ; o >= 0; o = m.nodes[o].next {
			first := &m.patterns[m.nodes[o].out]
			start, end := i+1-first.size, i+1
			os, oe := start, end
			if offsets != nil {
				os, oe = offsets[start], offsets[end]
			}
			if !wordBoundary(text, os, oe) {
				continue
			}
			// The first pattern of this form that the text's letters fit wins.
			for q := m.nodes[o].out; q >= 0; q = m.patterns[q].alt {
				p := &m.patterns[q]
				if p.exact == "" || sameLetters(text[os:oe], p.exact) {
					found = append(found, Match{Start: os, End: oe, Slug: p.slug})
					break
				}
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	slices.SortFunc(found, func(a, b Match) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	out := found[:0]
	end := -1
	for _, f := range found {
		if f.Start >= end {
			out = append(out, f)
			end = f.End
		}
	}
	return out
}

// wordBoundary reports whether text[start:end] stands as whole words.
func wordBoundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWordRune(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// sameLetters compares an abbreviation as written in the text with the name,
// letters by case, ignoring differences in white space.
func sameLetters(got, want string) bool {
	return strings.Join(strings.Fields(got), " ") == want
}

// isAbbreviation reports whether a name is written in capitals (BMD, CTX, RANKL):
// such names match only in capitals. A plural s after the capitals is allowed.
func isAbbreviation(name string) bool {
	letters, upper := 0, 0
	name = strings.TrimSuffix(name, "s")
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 2 && upper == letters
}

// forms returns a name and its regular English plural.
func forms(name string) []string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return nil
	}
	return []string{name, Plural(name)}
}

// Plural returns the regular English plural of a name, inflecting its last word:
// osteoclast -> osteoclasts, matrix -> matrixes is not attempted beyond the
// regular rules (s, es after s/x/z/ch/sh, ies after a consonant and y).
func Plural(name string) string {
	if isAbbreviation(name) {
		return name + "s"
	}
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return name + "es"
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return name[:len(name)-1] + "ies"
	}
	return name + "s"
}

// normalizeName lower-cases a name and folds its apostrophes and white space.
func normalizeName(name string) string {
	norm, _ := normalizeText(name)
	return strings.TrimSpace(norm)
}

// normalizeText lower-cases text, turns every run of white space into one space and
// every apostrophe into a straight one. offsets[i] is the byte offset in text of byte
// i of the result, with one more entry for the end; offsets is nil when every byte
// keeps its offset, the common case (see sameLength).
func normalizeText(text string) (string, []int) {
	if norm, ok := sameLength(text); ok {
		return norm, nil
	}
	return normalizeShifting(text)
}

// normalizeShifting is normalizeText for any text, with its offsets.
func normalizeShifting(text string) (string, []int) {
	var b strings.Builder
	b.Grow(len(text))
	offsets := make([]int, 0, len(text)+1)
	space := false
	for i, r := range text {
		if unicode.IsSpace(r) {
			if space {
				continue
			}
			space = true
			r = ' '
		} else {
			space = false
			switch r {
			case '\u2019', '\u2018', '\u02bc':
				r = '\''
			default:
				r = unicode.ToLower(r)
			}
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			offsets = append(offsets, i)
		}
	}
	offsets = append(offsets, len(text))
	return b.String(), offsets
}

// sameLength normalizes text as normalizeText does when that changes no byte
// offset: white space comes one character at a time (a single tab or line break
// becomes a space), there is no curly apostrophe, and no letter changes length when
// lower-cased. ok is false otherwise, or for invalid UTF-8.
func sameLength(text string) (norm string, ok bool) {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
				if space {
					return "", false
				}
				space, c = true, ' '
			case 'A' <= c && c <= 'Z':
				space, c = false, c+'a'-'A'
			default:
				space = false
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r == '\u2019' || r == '\u2018' || r == '\u02bc' {
			return "", false
		}
		lower := unicode.ToLower(r)
		if utf8.RuneLen(lower) != size { // also invalid UTF-8: RuneError is 3 bytes
			return "", false
		}
		space = false
		b.WriteRune(lower)
		i += size
	}
	return b.String(), true
}
