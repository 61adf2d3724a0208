package cite

import (
	"strings"
	"unicode"
)

// Locator is the part of a source a citation points at: a CSL locator type
// ("page", "chapter", ...) and its value ("33-35").
type Locator struct {
	Label string // CSL locator type; "page" when the text names none
	Value string
}

// locatorTerm is a CSL locator type with its AMA (short, periods stripped) forms.
type locatorTerm struct {
	label            string
	single, multiple string
}

// locatorTerms maps every way the en-US CSL locale writes a locator term (long and
// short, singular and plural, as the Pandoc manual lists them) to its CSL type and
// the short forms that AMA prints.
var locatorTerms = map[string]locatorTerm{}

func init() {
	for _, t := range []struct {
		label, single, multiple string
		forms                   []string
	}{
		{"book", "bk", "bks", []string{"book", "books", "bk.", "bks."}},
		{"chapter", "chap", "chaps", []string{"chapter", "chapters", "chap.", "chaps."}},
		{"column", "col", "cols", []string{"column", "columns", "col.", "cols."}},
		{"figure", "fig", "figs", []string{"figure", "figures", "fig.", "figs."}},
		{"folio", "fol", "fols", []string{"folio", "folios", "fol.", "fols."}},
		{"number", "no", "nos", []string{"number", "numbers", "no.", "nos."}},
		{"line", "l", "ll", []string{"line", "lines", "l.", "ll."}},
		{"note", "n", "nn", []string{"note", "notes", "n.", "nn."}},
		{"opus", "op", "opp", []string{"opus", "opera", "op.", "opp."}},
		{"page", "p", "pp", []string{"page", "pages", "p.", "pp."}},
		{"paragraph", "para", "paras", []string{"paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"}},
		{"part", "pt", "pts", []string{"part", "parts", "pt.", "pts."}},
		{"section", "sec", "secs", []string{"section", "sections", "sec.", "secs.", "§", "§§"}},
		{"sub verbo", "sv", "svv", []string{"sub verbo", "sub verbis", "s.v.", "s.vv."}},
		{"verse", "v", "vv", []string{"verse", "verses", "v.", "vv."}},
		{"volume", "vol", "vols", []string{"volume", "volumes", "vol.", "vols."}},
	} {
		for _, f := range t.forms {
			locatorTerms[f] = locatorTerm{t.label, t.single, t.multiple}
		}
	}
}

// CutLocatorTerm reads a locator term at the start of s (case-insensitive, followed
// by a space, or directly by the value for ¶ and §) and returns its CSL type and
// the rest of s.
func CutLocatorTerm(s string) (label, rest string, ok bool) {
	best := ""
	for form := range locatorTerms {
		if len(form) > len(best) && len(s) >= len(form) && strings.EqualFold(s[:len(form)], form) {
			after := s[len(form):]
			symbol := strings.HasPrefix(form, "¶") || strings.HasPrefix(form, "§")
			if after == "" || after[0] == ' ' || (symbol && !strings.HasPrefix(after, form[:2])) {
				best = form
			}
		}
	}
	if best == "" {
		return "", s, false
	}
	return locatorTerms[best].label, strings.TrimLeft(s[len(best):], " "), true
}

// ParseLocator separates a locator from the text after a citation key, as Pandoc
// does: "pp. 33-35 and *passim*" gives the page locator "33-35" and the suffix
// "and *passim*"; "chap. 1" gives chapter 1. Without a term the locator is a page
// and must be numeric ("33", "12-14", "4, 6"); after a term, roman numerals and
// letters with digits ("xi", "IV.2A") are accepted too. ok is false when s does not
// start with a locator; the caller then keeps the whole text as a suffix.
func ParseLocator(s string) (loc Locator, suffix string, ok bool) {
	s = strings.TrimLeft(s, " ")
	label, rest, hasTerm := CutLocatorTerm(s)
	if !hasTerm {
		label = "page"
	}
	// Take comma-separated values while each looks like a locator value.
	end := 0
	for i := 0; ; {
		word := strings.TrimLeft(rest[i:], " ")
		start := len(rest) - len(word)
		if j := strings.IndexAny(word, ", "); j >= 0 {
			word = word[:j]
		}
		if word == "" || !locatorValue(word, hasTerm) {
			break
		}
		end = start + len(word)
		if !strings.HasPrefix(rest[end:], ",") {
			break
		}
		i = end + 1
	}
	if end == 0 {
		return Locator{}, s, false
	}
	return Locator{Label: label, Value: rest[:end]}, strings.TrimLeft(strings.TrimPrefix(rest[end:], ","), " "), true
}

// locatorValue reports whether w looks like one locator value: it has a digit and
// no letters beyond a few (12, 33-35, 4.4.8, 7A(2)), or after an explicit term it
// may be a roman numeral or letters and digits (xi, IV.2A).
func locatorValue(w string, afterTerm bool) bool {
	digits, letters := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		case strings.ContainsRune("-–—.:()[]/&", r):
		default:
			return false
		}
	}
	if digits > 0 && letters <= 3 {
		return true
	}
	return afterTerm && (romanNumerals(w) || digits > 0)
}

// romanNumerals reports whether w is made of roman numerals and range punctuation.
func romanNumerals(w string) bool {
	letters := 0
	for _, r := range strings.ToLower(w) {
		switch {
		case strings.ContainsRune("ivxlcdm", r):
			letters++
		case strings.ContainsRune("-–().", r):
		default:
			return false
		}
	}
	return letters > 0
}

// AMA is the locator as AMA writes it after the reference number, without the
// parentheses: the short term without periods, plural for a range or a list,
// then the value with no space ("p12", "pp33-35", "chap1").
func (l Locator) AMA() string {
	v := strings.TrimSpace(l.Value)
	if v == "" {
		return ""
	}
	t, ok := locatorTerms[l.Label]
	if !ok {
		t = locatorTerms["page"]
	}
	form := t.single
	if strings.ContainsAny(v, ",&-–—") || strings.Contains(v, " and ") {
		form = t.multiple
	}
	return form + v
}
