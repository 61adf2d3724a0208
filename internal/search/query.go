package search

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// sanitize makes q safe to search and to echo: invalid UTF-8, control and format
// characters become spaces, curly double quotes straight ones, runs of spaces one
// space. It reports ErrQueryTooLong past MaxQueryRunes characters (returning the
// first MaxQueryRunes), and ErrEmptyQuery when there is no letter or digit.
func sanitize(q string) (string, error) {
	// Cut a huge query early; it is too long whatever it holds.
	tooLong := false
	if n := utf8.RuneCountInString(q); n > 4*MaxQueryRunes {
		q = string([]rune(q)[:4*MaxQueryRunes])
		tooLong = true
	}
	var b strings.Builder
	b.Grow(len(q))
	space := true // drop leading spaces
	words := false
	for i, w := 0, 0; i < len(q); i += w {
		r, size := utf8.DecodeRuneInString(q[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1, unicode.IsSpace(r), unicode.IsControl(r), unicode.In(r, unicode.Cf, unicode.Co, unicode.Cs):
			r = ' '
		case r == '\u201c' || r == '\u201d' || r == '\u201e' || r == '\u00ab' || r == '\u00bb':
			r = '"'
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
			if isWordRune(r) {
				words = true
			}
		}
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), " ")
	if tooLong || utf8.RuneCountInString(out) > MaxQueryRunes {
		return string([]rune(out)[:MaxQueryRunes]), ErrQueryTooLong
	}
	if !words {
		return out, ErrEmptyQuery
	}
	return out, nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// words returns text with everything but words turned into spaces: letters, digits
// and marks, and an apostrophe between two letters, stay.
func words(text string) string {
	r := []rune(text)
	for i, c := range r {
		if isWordRune(c) || unicode.IsMark(c) {
			continue
		}
		if (c == '\'' || c == '\u2019') && i > 0 && i+1 < len(r) && isWordRune(r[i-1]) && isWordRune(r[i+1]) {
			continue
		}
		r[i] = ' '
	}
	return string(r)
}

// token is a query word after analysis.
type token struct {
	term  string // the analyzed (lower-cased, stemmed) term
	runes int    // length of the word as typed
}

// analyze splits text into words (letters, digits and marks; an apostrophe inside a
// word stays) and analyzes them as the index does. Stop words are left out.
func (ix *Index) analyze(text string) []token {
	src := []byte(words(text))
	stream := ix.analyzer.Analyze(src)
	out := make([]token, 0, len(stream))
	for _, t := range stream {
		if len(t.Term) == 0 {
			continue
		}
		out = append(out, token{term: string(t.Term), runes: utf8.RuneCount(src[t.Start:t.End])})
	}
	return out
}

// key is the synonym-table key of a name: its analyzed terms, space-separated.
func (ix *Index) key(name string) string { return joinTerms(ix.analyze(name)) }

// parsed is a query made ready for bleve.
type parsed struct {
	clauses []query.Query // all of which should match
	exact   []query.Query // the same, but with phrases matched exactly, for locations
	fuzzy   bool          // a word was widened to similar spellings
	names   []string      // keys of the glossary names typed
}

// questionWords are the words of a question that English stop-word lists keep
// ("can", "how", "when") and that say nothing of what is looked for: in "can I
// drink alcohol" only "drink" and "alcohol" are searched. They are left out of
// words typed outside quotes; a quoted phrase keeps them.
var questionWords = []string{"can", "will", "shall", "may", "might", "must", "how", "why", "when", "where",
	"whether", "much", "many", "please", "tell", "anything", "something", "ok", "okay"}

// parse turns a sanitized query into clauses.
//
// Text in double quotes is a phrase (an unclosed quote runs to the end). Outside
// quotes, each word is a clause, except that a run of words naming a glossary term
// (its name or an alias) is one clause matching any of the term's names, and
// question words (see questionWords) are left out.
func (ix *Index) parse(q string) (p parsed) {
	seen := map[string]bool{} // a word or phrase repeated is searched once
	add := func(key string, build func(fast bool) query.Query) {
		if !seen[key] {
			seen[key] = true
			p.clauses = append(p.clauses, build(true))
			p.exact = append(p.exact, build(false))
		}
	}
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		toks := ix.analyze(part)
		if len(toks) == 0 {
			continue
		}
		if i%2 == 1 { // quoted
			key := joinTerms(toks)
			if names := ix.syn.lookup(key); names != nil {
				add("n:"+namesKey(names), func(fast bool) query.Query { return ix.namesClause(names, fast) })
				p.names = append(p.names, key)
			} else if len(toks) == 1 {
				add("t:"+key, func(bool) query.Query { return termClause(key, 1) })
			} else {
				add("p:"+key, func(fast bool) query.Query { return ix.phraseClause(part, fast) })
			}
			continue
		}
		toks = slices.DeleteFunc(toks, func(t token) bool { return ix.question[t.term] })
		for j := 0; j < len(toks); {
			n, names := ix.syn.longest(toks[j:])
			if n > 0 {
				add("n:"+namesKey(names), func(fast bool) query.Query { return ix.namesClause(names, fast) })
				p.names = append(p.names, joinTerms(toks[j:j+n]))
				j += n
				continue
			}
			t := toks[j]
			var c query.Query
			add("w:"+t.term, func(bool) query.Query {
				if c == nil {
					var widened bool
					c, widened = ix.wordClause(t)
					p.fuzzy = p.fuzzy || widened
				}
				return c
			})
			j++
		}
	}
	return p
}

func namesKey(names []synName) string {
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = n.key
	}
	return strings.Join(keys, "|")
}

func joinTerms(toks []token) string {
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.term
	}
	return strings.Join(terms, " ")
}

// Fuzzy matching.
const (
	fuzzyMinRunes = 5   // shorter words are matched only as typed
	fuzzyTwoRunes = 8   // words this long may be 2 edits away
	fuzzyMaxTerms = 8   // at most this many close spellings per word
	fuzzyBoost    = 0.7 // a close spelling counts less than the word as typed
)

// wordClause matches one query word in every text field; a word not in the index
// also matches the closest indexed words.
func (ix *Index) wordClause(t token) (query.Query, bool) {
	if ix.vocab.has(t.term) || t.runes < fuzzyMinRunes {
		return termClause(t.term, 1), false
	}
	maxd := 1
	if t.runes >= fuzzyTwoRunes {
		maxd = 2
	}
	close := ix.vocab.closest(t.term, maxd, fuzzyMaxTerms)
	if len(close) == 0 {
		return termClause(t.term, 1), false
	}
	qs := make([]query.Query, 0, len(close))
	for _, c := range close {
		qs = append(qs, termClause(c, fuzzyBoost))
	}
	return bleve.NewDisjunctionQuery(qs...), true
}

// termClause matches an analyzed term in every text field.
func termClause(term string, boost float64) query.Query {
	qs := make([]query.Query, 0, len(textFields))
	for _, f := range textFields {
		tq := bleve.NewTermQuery(term)
		tq.SetField(f.name)
		tq.SetBoost(f.boost * boost)
		qs = append(qs, tq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phraseClause matches a phrase in every text field. The fast clause matches the
// body by its word pairs (see fPairs), which is almost always the same and much
// faster; the exact one, which gives the places of the words, by its words'
// positions.
func (ix *Index) phraseClause(text string, fast bool) query.Query {
	text = words(text)
	qs := make([]query.Query, 0, len(textFields))
	for _, f := range textFields {
		if f.name == fBody && fast {
			// A phrase without two neighbouring words that are not stop words ("loss
			// of bone") is matched exactly.
			var pq []query.Query
			for _, t := range ix.pairs.Analyze([]byte(text)) {
				tq := bleve.NewTermQuery(string(t.Term))
				tq.SetField(fPairs)
				pq = append(pq, tq)
			}
			if len(pq) > 0 {
				c := bleve.NewConjunctionQuery(pq...)
				c.SetBoost(f.boost)
				qs = append(qs, c)
				continue
			}
		}
		pq := bleve.NewMatchPhraseQuery(text)
		pq.SetField(f.name)
		pq.SetBoost(f.boost)
		qs = append(qs, pq)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// namesClause matches any of a term's names.
func (ix *Index) namesClause(names []synName, fast bool) query.Query {
	qs := make([]query.Query, 0, len(names))
	for _, n := range names {
		if n.words == 1 {
			qs = append(qs, termClause(n.key, 1))
		} else {
			qs = append(qs, ix.phraseClause(n.text, fast))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// synonymTable maps the analyzed form of every name to all the names it stands for.
type synonymTable struct {
	byKey  map[string][]synName
	maxLen int // most words in a key
}

// synName is one name of a synonym group.
type synName struct {
	text  string // as written
	key   string // analyzed terms
	words int    // number of analyzed terms
}

func (s *synonymTable) lookup(key string) []synName { return s.byKey[key] }

// longest finds the longest run of toks from the start that is a name, and returns
// its length in tokens (0 when none) and the names it stands for.
func (s *synonymTable) longest(toks []token) (int, []synName) {
	for n := min(len(toks), s.maxLen); n > 0; n-- {
		if names := s.byKey[joinTerms(toks[:n])]; names != nil {
			return n, names
		}
	}
	return 0, nil
}

// buildNames fills the synonym table, the names for Suggest and the completions.
func (ix *Index) buildNames(docs []Doc, extra Synonyms) {
	var groups [][]string
	for i := range docs {
		d := &docs[i]
		if d.Kind != KindTerm {
			continue
		}
		groups = append(groups, append([]string{d.Title}, d.Aliases...))
		for _, n := range append([]string{d.Title}, d.Aliases...) {
			if norm := normalize(n); norm != "" {
				ix.names = append(ix.names, nameEntry{norm: norm, text: n, term: d.Title, url: d.URL})
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		groups = append(groups, append([]string{k}, extra[k]...))
	}
	// Each key stands for every name of every group it is in.
	ix.syn.byKey = map[string][]synName{}
	for _, g := range groups {
		var names []synName
		for _, text := range g {
			key := ix.key(text)
			if key == "" || slices.ContainsFunc(names, func(n synName) bool { return n.key == key }) {
				continue
			}
			names = append(names, synName{text: text, key: key, words: strings.Count(key, " ") + 1})
		}
		if len(names) < 2 {
			continue // a name alone adds nothing to a plain search
		}
		for _, n := range names {
			merged := ix.syn.byKey[n.key]
			for _, m := range names {
				if !slices.ContainsFunc(merged, func(o synName) bool { return o.key == m.key }) {
					merged = append(merged, m)
				}
			}
			ix.syn.byKey[n.key] = merged
			ix.syn.maxLen = max(ix.syn.maxLen, n.words)
		}
	}
	ix.buildCompletions()
}
