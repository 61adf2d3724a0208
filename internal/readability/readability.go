// Package readability measures the reading level of English prose.
//
// Analyze takes plain text (paragraphs separated by blank lines; the caller has
// already removed headings, code, tables and reference lists) and returns the counts
// behind the classic readability formulas together with the formulas themselves:
// Flesch-Kincaid grade level, Flesch reading ease and SMOG, plus an estimated
// reading time. Level turns a grade into the plain words Strata shows to readers,
// as in "about 4 min, plain language"; Sentences scores sentence by sentence.
//
// The counts follow these rules:
//
//   - A word is a run of letters or digits. Apostrophes (straight ' or curly ’)
//     and hyphens inside a run keep it one word ("don't", "body’s",
//     "weight-bearing"), as do a decimal point or thousands separator between
//     digits ("2.5", "1,000") and the dots of a short dotted abbreviation ("e.g").
//     Punctuation and symbols such as "%", "+", "—" or "∞" are not words.
//   - A sentence ends at ".", "!", "?" or an ellipsis ("…" or "...") followed by
//     white space or the end of the text. A full stop does not end a sentence
//     inside a number (2.5) or after a common abbreviation (e.g., i.e., Dr.,
//     vs., Fig., approx., cf.); after "etc." and "et al." it does only when a
//     capital letter follows.
//   - A paragraph, and a list item (a line starting with "-", "*", "+", "•" or
//     "1." / "1)"), ends any sentence left open, so an item without terminal
//     punctuation counts as a sentence. A single line break inside a paragraph is
//     a soft wrap when the next line starts with a lower-case letter or the line
//     ends with a comma, semicolon, bracket or dash; otherwise it ends an open
//     sentence too (plain lists without markers).
//   - Syllables are counted per word by Syllables; words of three or more
//     syllables are polysyllables (the SMOG count).
package readability

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// WordsPerMinute is the reading speed used for Stats.ReadingMinutes.
const WordsPerMinute = 200

// Stats holds the counts and scores for a text.
type Stats struct {
	// Words, Sentences, Syllables and PolySyllables (words of three or more
	// syllables) are the raw counts behind the scores.
	Words, Sentences, Syllables, PolySyllables int
	// FleschKincaidGrade is the Flesch-Kincaid grade level (a US school grade;
	// it can be negative for very simple text). FleschReadingEase is the Flesch
	// reading-ease score (higher is easier; extreme text falls outside 0–100).
	// SMOG is McLaughlin's SMOG grade. All three are 0 for empty text.
	FleschKincaidGrade, FleschReadingEase, SMOG float64
	// ReadingMinutes is Words at WordsPerMinute, rounded up: at least 1 for any
	// text with words and 0 for empty text.
	ReadingMinutes int
}

// Analyze counts the words, sentences and syllables of text and computes the
// readability scores from them. Empty text (or text without words) gives the zero
// Stats.
func Analyze(text string) Stats {
	var a Analyzer
	return a.Analyze(text)
}

// Analyzer is Analyze with a memory of the words it has counted, so that analysing
// many texts with one Analyzer counts the syllables of each distinct word once.
// The zero value is ready; it is not safe for concurrent use.
type Analyzer struct {
	syllables map[string]int // token -> syllables
}

// Analyze is the package's Analyze, remembering words.
func (a *Analyzer) Analyze(text string) Stats {
	if a.syllables == nil {
		a.syllables = map[string]int{}
	}
	var words, sentences, syllables, poly int
	for _, block := range splitBlocks(text) {
		for _, sentence := range splitSentences(block) {
			tokens := tokenize(sentence)
			if len(tokens) == 0 {
				continue
			}
			sentences++
			for _, tok := range tokens {
				n, ok := a.syllables[tok]
				if !ok {
					n = tokenSyllables(tok)
					a.syllables[strings.Clone(tok)] = n
				}
				words++
				syllables += n
				if n >= 3 {
					poly++
				}
			}
		}
	}
	return fromCounts(words, sentences, syllables, poly)
}

// fromCounts computes the scores from raw counts. It is the formula half of
// Analyze, kept separate so that the formulas can be checked against published
// worked examples. Zero words give the zero Stats; words without sentences count
// as one sentence.
func fromCounts(words, sentences, syllables, polysyllables int) Stats {
	s := Stats{Words: words, Sentences: sentences, Syllables: syllables, PolySyllables: polysyllables}
	if words <= 0 {
		return Stats{}
	}
	if sentences <= 0 {
		sentences = 1
		s.Sentences = 1
	}
	w, n, syl := float64(words), float64(sentences), float64(syllables)
	wordsPerSentence := w / n
	syllablesPerWord := syl / w
	s.FleschKincaidGrade = 0.39*wordsPerSentence + 11.8*syllablesPerWord - 15.59
	s.FleschReadingEase = 206.835 - 1.015*wordsPerSentence - 84.6*syllablesPerWord
	s.SMOG = 1.0430*math.Sqrt(float64(polysyllables)*30/n) + 3.1291
	s.ReadingMinutes = (words + WordsPerMinute - 1) / WordsPerMinute
	return s
}

// PlainGrade is the highest grade of plain language: a tier whose target is at or
// below it is a plain-language tier.
const PlainGrade = 8

// Level describes a grade level in plain words: "plain language" up to grade 8
// (PlainGrade), "some medical words" up to 12 and "technical" above. It returns ""
// for NaN.
func Level(grade float64) string {
	switch {
	case math.IsNaN(grade):
		return ""
	case grade <= PlainGrade:
		return "plain language"
	case grade <= 12:
		return "some medical words"
	default:
		return "technical"
	}
}

// Sentence is one sentence of a text, scored alone.
type Sentence struct {
	// Text is the sentence as Analyze splits it, without surrounding space.
	Text string
	// Start is the byte offset of Text in the text given to Sentences: exact
	// when the sentence is written in the text as it is (not across a line
	// break), else where its first word is.
	Start int
	Stats Stats
}

// Sentences splits text into sentences as Analyze does and scores each one, for
// finding the sentences that make a text hard to read.
func (a *Analyzer) Sentences(text string) []Sentence {
	var out []Sentence
	cursor := 0
	for _, block := range splitBlocks(text) {
		for _, s := range splitSentences(block) {
			s = strings.TrimSpace(s)
			tokens := tokenize(s)
			if len(tokens) == 0 {
				continue
			}
			start := strings.Index(text[cursor:], s)
			if start < 0 {
				start = strings.Index(text[cursor:], tokens[0])
			}
			if start >= 0 {
				cursor += start
			}
			out = append(out, Sentence{Text: s, Start: cursor, Stats: a.Analyze(s)})
		}
	}
	return out
}

// splitBlocks splits text into blocks that end any open sentence: paragraphs,
// list items and lines that (by the soft-wrap rule in the package comment) do not
// continue the line before. List markers are removed; lines in a block are joined
// with a space.
func splitBlocks(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var blocks []string
	var cur strings.Builder
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			blocks = append(blocks, cur.String())
		}
		cur.Reset()
	}
	prev := ""
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			prev = ""
			continue
		}
		if item, ok := stripListMarker(line); ok {
			flush()
			cur.WriteString(item)
			prev = item
			continue
		}
		if prev != "" && !softWrap(prev, line) {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(line)
		prev = line
	}
	flush()
	return blocks
}

// stripListMarker reports whether line is a list item and returns it without its
// marker ("- ", "* ", "+ ", "• ", "1. ", "1) ").
func stripListMarker(line string) (string, bool) {
	r, size := utf8.DecodeRuneInString(line)
	switch r {
	case '-', '*', '+', '•', '‣', '◦', '–':
		rest := line[size:]
		if rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.TrimSpace(rest), true
		}
		return line, false
	}
	i := 0
	for i < len(line) && i < 3 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && (line[i+1] == ' ' || line[i+1] == '\t') {
		return strings.TrimSpace(line[i+1:]), true
	}
	return line, false
}

// softWrap reports whether next continues the sentence of line rather than
// starting a new block.
func softWrap(line, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case ',', ';', '(', '[', '-', '–', '—', '/':
		return true
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first)
}

// neverTerminal are abbreviations (lower case, without the final full stop) after
// which a full stop never ends a sentence.
var neverTerminal = map[string]bool{
	"e.g": true, "i.e": true, "eg": true, "dr": true, "mr": true, "mrs": true, "ms": true,
	"prof": true, "vs": true, "fig": true, "figs": true, "approx": true, "cf": true,
	"ca": true, "vol": true, "pp": true, "incl": true, "resp": true, "viz": true,
	"eq": true, "eqs": true, "ref": true, "refs": true, "dept": true, "sr": true,
}

// maybeTerminal are abbreviations that often close a sentence: their full stop
// ends one only when a capital letter follows.
var maybeTerminal = map[string]bool{
	"etc": true, "al": true, "a.m": true, "p.m": true, "u.s": true, "u.k": true,
	"inc": true, "ltd": true, "jr": true,
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '’', '”', ')', ']', '}', '»', '*', '_':
		return true
	}
	return false
}

// splitSentences splits one block into sentences. The text after the last
// terminal punctuation, if any, is a sentence too.
func splitSentences(block string) []string {
	rs := []rune(block)
	var out []string
	start := 0
	for i := 0; i < len(rs); i++ {
		if !isTerminal(rs[i]) {
			continue
		}
		j := i
		for j < len(rs) && isTerminal(rs[j]) {
			j++
		}
		run := rs[i:j]
		k := j
		for k < len(rs) && isCloser(rs[k]) {
			k++
		}
		if k < len(rs) && !unicode.IsSpace(rs[k]) {
			i = j - 1 // inside a number, a dotted abbreviation or a URL
			continue
		}
		next := nextNonSpace(rs, k)
		boundary := true
		switch {
		case len(run) == 1 && run[0] == '.':
			abbr := strings.ToLower(wordBefore(rs, i))
			if neverTerminal[abbr] {
				boundary = false
			} else if maybeTerminal[abbr] {
				boundary = next == 0 || unicode.IsUpper(next)
			}
		case isEllipsis(run):
			boundary = next == 0 || unicode.IsUpper(next) || unicode.IsDigit(next) || isOpenQuote(next)
		}
		if !boundary {
			i = j - 1
			continue
		}
		out = append(out, string(rs[start:k]))
		start = k
		i = k - 1
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

func isEllipsis(run []rune) bool {
	for _, r := range run {
		if r == '!' || r == '?' {
			return false
		}
	}
	return len(run) > 1 || run[0] == '…'
}

func isOpenQuote(r rune) bool { return r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' }

// nextNonSpace returns the first rune at or after i that is not white space, or 0.
func nextNonSpace(rs []rune, i int) rune {
	for ; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			return rs[i]
		}
	}
	return 0
}

// wordBefore returns the letters and inner dots just before position i ("e.g" for
// "e.g." and "Dr" for "Dr.").
func wordBefore(rs []rune, i int) string {
	j := i
	for j > 0 && (unicode.IsLetter(rs[j-1]) || (rs[j-1] == '.' && j-2 >= 0 && unicode.IsLetter(rs[j-2]))) {
		j--
	}
	return string(rs[j:i])
}

// isWordRune reports whether r can make up a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// tokenize returns the words of s (see the package comment for what a word is).
func tokenize(s string) []string {
	rs := []rune(s)
	var out []string
	i := 0
	for i < len(rs) {
		if !isWordRune(rs[i]) {
			i++
			continue
		}
		start := i
		for i < len(rs) {
			if isWordRune(rs[i]) {
				i++
				continue
			}
			if i+1 < len(rs) && isWordRune(rs[i+1]) && i > start && joins(rs, start, i) {
				i++
				continue
			}
			break
		}
		out = append(out, string(rs[start:i]))
	}
	return out
}

// joins reports whether the non-word rune at rs[i], between two word runes, keeps
// the word that started at start going.
func joins(rs []rune, start, i int) bool {
	r, prev, next := rs[i], rs[i-1], rs[i+1]
	switch {
	case isApostrophe(r), isHyphen(r):
		return true
	case (r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(next):
		return true
	case r == '.' && unicode.IsLetter(prev) && unicode.IsLetter(next):
		// Dotted abbreviations such as e.g, i.e, U.S: single letters between dots.
		return (i-1 == start || rs[i-2] == '.') && (i+2 >= len(rs) || !isWordRune(rs[i+2]))
	}
	return false
}
