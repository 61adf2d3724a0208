package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/strata-health/strata/internal/editdist"
)

// vocabulary is every term in the index, for matching misspelled words.
type vocabulary struct {
	set   map[string]int // term -> documents with it (the most of any field)
	byLen [][]vocabWord  // by length in runes
}

type vocabWord struct {
	text  string
	runes []rune
}

func readVocabulary(b bleve.Index) (vocabulary, error) {
	v := vocabulary{set: map[string]int{}}
	for _, f := range textFields {
		d, err := b.FieldDict(f.name)
		if err != nil {
			return v, err
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return v, err
			}
			if e == nil {
				break
			}
			v.set[e.Term] = max(v.set[e.Term], int(e.Count))
		}
		if err := d.Close(); err != nil {
			return v, err
		}
	}
	for t := range v.set {
		r := []rune(t)
		for len(v.byLen) <= len(r) {
			v.byLen = append(v.byLen, nil)
		}
		v.byLen[len(r)] = append(v.byLen[len(r)], vocabWord{t, r})
	}
	return v, nil
}

func (v vocabulary) has(term string) bool { _, ok := v.set[term]; return ok }

// closest returns up to limit terms at the smallest edit distance from term that is
// at most maxd, the most common first. Terms with digits are not widened.
func (v vocabulary) closest(term string, maxd, limit int) []string {
	if strings.IndexFunc(term, unicode.IsDigit) >= 0 {
		return nil
	}
	r := []rune(term)
	best := maxd
	var out []string
	for l := max(1, len(r)-maxd); l <= len(r)+maxd && l < len(v.byLen); l++ {
		for _, w := range v.byLen[l] {
			d := editdist.Distance(r, w.runes, best)
			if d > best {
				continue
			}
			if d < best {
				best, out = d, out[:0]
			}
			out = append(out, w.text)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(v.set[b], v.set[a]), cmp.Compare(a, b))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// nameEntry is a glossary name or alias.
type nameEntry struct {
	norm string // normalized: lower case, words separated by one space
	text string // as written
	term string // the entry's name
	url  string
}

// normalize lower-cases s and separates its words (runs of letters and digits) by
// one space.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isWordRune(r) || unicode.IsMark(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}

// MaxSuggestions is the most names Suggest returns.
const MaxSuggestions = 5

// Suggest returns the names of glossary entries that look like q, best first, for a
// "Did you mean" line when a search finds nothing: entries whose name or alias is
// spelled within a few edits of q ("osteoclats" -> "Osteoclast"), begins with q, or
// has a word close to a word of q. It returns at most MaxSuggestions names, nil for
// a query that Search would refuse.
func (ix *Index) Suggest(q string) []string {
	q, err := sanitize(Normalize(q))
	if err != nil {
		return nil
	}
	nq := normalize(q)
	if nq == "" {
		return nil
	}
	qr := []rune(nq)
	qwords := strings.Fields(nq)
	best := map[string]int{}
	for _, n := range ix.names {
		s, ok := suggestScore(qr, qwords, n.norm)
		if !ok {
			continue
		}
		if old, seen := best[n.term]; !seen || s < old {
			best[n.term] = s
		}
	}
	out := make([]string, 0, len(best))
	for t := range best {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(best[a], best[b]), cmp.Compare(strings.ToLower(a), strings.ToLower(b)))
	})
	if len(out) > MaxSuggestions {
		out = out[:MaxSuggestions]
	}
	return out
}

// suggestEdits is how many edits Suggest allows in a word of n letters.
func suggestEdits(n int) int {
	switch {
	case n <= 2:
		return 0
	case n <= 4:
		return 1
	case n <= 7:
		return 2
	}
	return 3
}

// suggestScore ranks a name against a query: lower is better.
func suggestScore(q []rune, qwords []string, name string) (int, bool) {
	if string(q) == name {
		return 0, true
	}
	nr := []rune(name)
	maxd := suggestEdits(len(q))
	if d := editdist.Distance(q, nr, maxd); d <= maxd {
		return 1 + 2*d, true // 3, 5, 7
	}
	if len(q) >= 3 && strings.HasPrefix(name, string(q)) {
		return 4, true
	}
	best, ok := 0, false
	for _, nw := range strings.Fields(name) {
		nwr := []rune(nw)
		for _, qw := range qwords {
			qwr := []rune(qw)
			if len(qwr) < 4 {
				continue
			}
			md := suggestEdits(len(qwr))
			d := editdist.Distance(qwr, nwr, md)
			if d > md {
				if !strings.HasPrefix(nw, qw) {
					continue
				}
				d = md
			}
			if s := 8 + d; !ok || s < best {
				best, ok = s, true
			}
		}
	}
	return best, ok
}

// Completion is a glossary name for a type-ahead list.
type Completion struct {
	// Text is the name or alias that matched, as written ("BMD").
	Text string
	// Term is the entry's name: Text itself unless Text is an alias.
	Term string
	// URL is the entry's address.
	URL string
}

// completionKey is a normalized name, or its tail from one of its words on.
type completionKey struct {
	key   string
	entry int  // index in Index.names
	inner bool // the key starts at a later word of the name
}

// MaxCompletions is the most completions Complete returns.
const MaxCompletions = 50

func (ix *Index) buildCompletions() {
	for i, n := range ix.names {
		ix.complete = append(ix.complete, completionKey{key: n.norm, entry: i})
		for j := 0; j < len(n.norm); j++ {
			if n.norm[j] == ' ' {
				ix.complete = append(ix.complete, completionKey{key: n.norm[j+1:], entry: i, inner: true})
			}
		}
	}
	slices.SortFunc(ix.complete, func(a, b completionKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.entry, b.entry))
	})
}

// Complete returns up to n glossary names and aliases that begin with prefix, for
// type-ahead: names whose first word starts the match come first, then names with a
// later word that does ("density" completes to "Bone mineral density"), each in
// alphabetical order. Case, hyphens and spacing do not matter. n <= 0 means 10; n is
// at most MaxCompletions. It returns nil for a prefix without letters or digits.
func (ix *Index) Complete(prefix string, n int) []Completion {
	if n <= 0 {
		n = 10
	}
	n = min(n, MaxCompletions)
	if utf8.RuneCountInString(prefix) > MaxQueryRunes {
		return nil
	}
	p := normalize(strings.ToValidUTF8(prefix, " "))
	if p == "" {
		return nil
	}
	// A separator typed after the last word means that word is whole.
	if last, _ := utf8.DecodeLastRuneInString(prefix); last != utf8.RuneError && !isWordRune(last) && !unicode.IsMark(last) {
		p += " "
	}
	var out []Completion
	seen := map[int]bool{}
	for _, inner := range []bool{false, true} {
		i, _ := slices.BinarySearchFunc(ix.complete, p, func(k completionKey, p string) int { return strings.Compare(k.key, p) })
		for ; i < len(ix.complete) && strings.HasPrefix(ix.complete[i].key, p) && len(out) < n; i++ {
			k := ix.complete[i]
			if k.inner != inner || seen[k.entry] {
				continue
			}
			seen[k.entry] = true
			e := ix.names[k.entry]
			out = append(out, Completion{Text: e.text, Term: e.term, URL: e.url})
		}
	}
	return out
}
