package glossary

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hit is an expected match: the slug, the exact bytes of the original text it
// covers, and its byte offset in that text. End is implied by start+len(text).
type hit struct {
	slug  string
	text  string
	start int
}

func (h hit) String() string { return fmt.Sprintf("%s %q@%d", h.slug, h.text, h.start) }

type findCase struct {
	name    string
	entries []Entry
	text    string
	want    []hit // nil: no match at all
}

// entry is shorthand for an Entry with a slug and its names.
func entry(slug string, names ...string) Entry { return Entry{Slug: slug, Names: names} }

// hits turns matches into hits, reading each match's text out of the original text,
// so a wrong Start or End shows up as wrong text.
func hits(t *testing.T, text string, ms []Match) []hit {
	t.Helper()
	var out []hit
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("match %+v out of range for text of %d bytes", m, len(text))
		}
		out = append(out, hit{m.Slug, text[m.Start:m.End], m.Start})
	}
	return out
}

func runFindCases(t *testing.T, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := hits(t, c.text, NewMatcher(c.entries).Find(c.text))
			if !slices.Equal(got, c.want) {
				t.Errorf("Find(%q)\n got  %v\n want %v", c.text, got, c.want)
			}
		})
	}
}

// boneGlossary is the glossary of the example in the authors' contract.
var boneGlossary = []Entry{
	entry("bone", "bone"),
	entry("bone-loss", "bone loss"),
	entry("bone-mineral-density", "bone mineral density", "BMD"),
}

// TestFindWholeWordsCaseInsensitive checks that names match whatever their case,
// but only as whole words: not inside a longer word, with a hyphen, punctuation or
// white space (but not a letter or digit, ASCII or not) as a boundary.
func TestFindWholeWordsCaseInsensitive(t *testing.T) {
	bone := []Entry{entry("bone", "bone")}
	runFindCases(t, []findCase{
		{"capitalized multi-word", []Entry{entry("bone-loss", "bone loss")}, "Bone loss is common.",
			[]hit{{"bone-loss", "Bone loss", 0}}},
		{"all capitals for a name that is not an abbreviation", []Entry{entry("bone-loss", "Bone loss")}, "BONE LOSS",
			[]hit{{"bone-loss", "BONE LOSS", 0}}},
		{"not at the end of a longer word", bone, "A trombone solo.", nil},
		{"not at the start of a longer word", bone, "Bonelike tissue.", nil},
		{"not in the middle of a longer word", bone, "jawbones", nil},
		{"plural of the term", bone, "Weak bones break.", []hit{{"bone", "bones", 5}}},
		{"hyphen after the term", []Entry{entry("inhibitor", "inhibitor")}, "inhibitor-associated bone loss",
			[]hit{{"inhibitor", "inhibitor", 0}}},
		{"hyphen before the term", []Entry{entry("inhibitor", "inhibitor")}, "aromatase-inhibitor",
			[]hit{{"inhibitor", "inhibitor", 10}}},
		{"punctuation around the term", bone, "(bone), bone; bone.",
			[]hit{{"bone", "bone", 1}, {"bone", "bone", 8}, {"bone", "bone", 14}}},
		{"a possessive apostrophe is a boundary", bone, "the bone’s matrix", []hit{{"bone", "bone", 4}}},
		{"digits are part of a word", bone, "bone2 2bone", nil},
		{"non-ASCII letter before", bone, "βbone", nil},
		{"non-ASCII letter after", bone, "boneé", nil},
		{"derived word is not a plural", []Entry{entry("osteoclast", "osteoclast")}, "osteoclastic osteoclastogenesis", nil},
	})
}

// TestFindLongestLeftmostNonOverlapping checks the choice among overlapping
// candidates: the leftmost wins, at one start the longest wins, and matches never
// overlap. The first case is the example of the authors' contract.
func TestFindLongestLeftmostNonOverlapping(t *testing.T) {
	runFindCases(t, []findCase{
		{"contract example", boneGlossary, "Bone loss lowers bone mineral density (BMD) in bone.",
			[]hit{
				{"bone-loss", "Bone loss", 0},
				{"bone-mineral-density", "bone mineral density", 17},
				{"bone-mineral-density", "BMD", 39},
				{"bone", "bone", 47},
			}},
		{"plural of the longer term wins over the shorter term", boneGlossary, "The bone losses mount",
			[]hit{{"bone-loss", "bone losses", 4}}},
		{"adjacent matches", boneGlossary, "bone bone", []hit{{"bone", "bone", 0}, {"bone", "bone", 5}}},
		{"leftmost wins over a longer overlapping match to its right",
			[]Entry{entry("bone-mineral", "bone mineral"), entry("mineral-density", "mineral density")},
			"bone mineral density", []hit{{"bone-mineral", "bone mineral", 0}}},
		{"longest at the leftmost start, the overlapping one to the right is dropped",
			[]Entry{entry("aromatase", "aromatase"), entry("aromatase-inhibitor", "aromatase inhibitor"), entry("inhibitor-therapy", "inhibitor therapy")},
			"aromatase inhibitor therapy", []hit{{"aromatase-inhibitor", "aromatase inhibitor", 0}}},
		{"a shorter term inside a failed longer one is found through a failure link",
			[]Entry{entry("bone-mineral-density", "bone mineral density"), entry("mineral", "mineral")},
			"bone mineral content", []hit{{"mineral", "mineral", 5}}},
		{"a shorter term ending where a longer one fails its boundary",
			[]Entry{entry("inhibitor", "inhibitor"), entry("aromatase-inhibitor", "aromatase inhibitor")},
			"nonaromatase inhibitor", []hit{{"inhibitor", "inhibitor", 13}}},
		{"a suffix found through a failure link does not start mid-word",
			[]Entry{entry("bone", "bone"), entry("one-loss", "one loss")},
			"bone loss", []hit{{"bone", "bone", 0}}},
	})
}

// TestFindShorterMatchWhenLongestFailsBoundary checks that when the longest
// candidate at a position is not a whole word, a shorter one at the same start that
// is still matches.
func TestFindShorterMatchWhenLongestFailsBoundary(t *testing.T) {
	runFindCases(t, []findCase{
		{"bone lossy", boneGlossary[:2], "bone lossy", []hit{{"bone", "bone", 0}}},
		{"bone mineral densityx", boneGlossary, "bone mineral densityx", []hit{{"bone", "bone", 0}}},
		{"longer abbreviation in lower case falls back to the name",
			[]Entry{entry("bone", "bone"), entry("bone-ct", "BONE CT")},
			"bone ct", []hit{{"bone", "bone", 0}}},
	})
}

// TestFindAbbreviationsOnlyInCapitals checks that names written in capitals (BMD,
// CTX, RANKL) match only in capitals, plural s included, while the other names of
// the same term still match in any case.
func TestFindAbbreviationsOnlyInCapitals(t *testing.T) {
	g := []Entry{
		entry("bone-mineral-density", "bone mineral density", "BMD"),
		entry("ctx", "C-terminal telopeptide", "CTX"),
		entry("rankl", "receptor activator of nuclear factor kappa-B ligand", "RANKL"),
	}
	runFindCases(t, []findCase{
		{"BMD", g, "BMD", []hit{{"bone-mineral-density", "BMD", 0}}},
		{"bmd", g, "low bmd", nil},
		{"Bmd", g, "Bmd is low", nil},
		{"bMD", g, "bMD", nil},
		{"BMDs plural", g, "serial BMDs", []hit{{"bone-mineral-density", "BMDs", 7}}},
		{"bmds plural in lower case", g, "serial bmds", nil},
		{"BMD possessive", g, "BMD’s trend", []hit{{"bone-mineral-density", "BMD", 0}}},
		{"CTX and RANKL", g, "CTX and RANKL", []hit{{"ctx", "CTX", 0}, {"rankl", "RANKL", 8}}},
		{"an entry with the same letters as an abbreviation and as an any-case alias",
			[]Entry{entry("bone-mineral-density", "bone mineral density", "BMD", "bmd")},
			"the bmd value, the BMD value, the Bmd value",
			[]hit{{"bone-mineral-density", "bmd", 4}, {"bone-mineral-density", "BMD", 19}, {"bone-mineral-density", "Bmd", 34}}},
		{"ctx and rankl in other cases", g, "ctx, Ctx, rankl, Rankl, rANKL", nil},
		{"slash boundary", g, "RANKL/OPG", []hit{{"rankl", "RANKL", 0}}},
		{"CTXs plural", g, "serum CTXs", []hit{{"ctx", "CTXs", 6}}},
		{"abbreviation inside a word", g, "XBMD BMDX", nil},
		{"plural abbreviation name with trailing white space, in capitals", []Entry{entry("aromatase-inhibitor", "AIs ")}, "AIs",
			[]hit{{"aromatase-inhibitor", "AIs", 0}}},
		{"plural abbreviation name with trailing white space, in lower case", []Entry{entry("aromatase-inhibitor", "AIs ")}, "ais", nil},
		{"full name in title case", g, "Bone Mineral Density", []hit{{"bone-mineral-density", "Bone Mineral Density", 0}}},
		{"full name with a hyphen in capitals", g, "C-TERMINAL TELOPEPTIDE", []hit{{"ctx", "C-TERMINAL TELOPEPTIDE", 0}}},
	})
}

// TestFindRegularPlurals checks that the regular English plural of a name matches
// (s, es after s/x/z/ch/sh, ies after consonant+y, plain s after vowel+y), and that
// wrong plurals do not.
func TestFindRegularPlurals(t *testing.T) {
	g := []Entry{
		entry("osteoclast", "osteoclast"),
		entry("bisphosphonate", "bisphosphonate"),
		entry("remodeling-process", "process"),
		entry("therapy", "therapy"),
		entry("day", "day"),
		entry("aromatase-inhibitor", "aromatase inhibitor"),
		entry("bone-mineral-density", "bone mineral density"),
		entry("pagets-disease", "Paget's disease"),
	}
	runFindCases(t, []findCase{
		{"osteoclasts", g, "osteoclasts", []hit{{"osteoclast", "osteoclasts", 0}}},
		{"Bisphosphonates", g, "Bisphosphonates", []hit{{"bisphosphonate", "Bisphosphonates", 0}}},
		{"processes", g, "processes", []hit{{"remodeling-process", "processes", 0}}},
		{"therapies", g, "therapies", []hit{{"therapy", "therapies", 0}}},
		{"days", g, "days", []hit{{"day", "days", 0}}},
		{"multi-word plural inflects the last word", g, "aromatase inhibitors",
			[]hit{{"aromatase-inhibitor", "aromatase inhibitors", 0}}},
		{"multi-word plural in y", g, "bone mineral densities", []hit{{"bone-mineral-density", "bone mineral densities", 0}}},
		{"plural with an apostrophe in the name", g, "Paget’s diseases", []hit{{"pagets-disease", "Paget’s diseases", 0}}},
		{"therapys is not a plural", g, "therapys", nil},
		{"daies is not a plural", g, "daies", nil},
		{"processs is not a plural", g, "processs", nil},
		{"osteoclastes is not a plural", g, "osteoclastes", nil},
	})
}

// TestPlural checks the exported Plural function on each regular rule, on
// abbreviations (plain s, never es) and on multi-word names (last word inflected).
func TestPlural(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"osteoclast", "osteoclasts"},
		{"bisphosphonate", "bisphosphonates"},
		{"process", "processes"},
		{"box", "boxes"},
		{"buzz", "buzzes"},
		{"branch", "branches"},
		{"rash", "rashes"},
		{"therapy", "therapies"},
		{"Therapy", "Therapies"},
		{"day", "days"},
		{"key", "keys"},
		{"boy", "boys"},
		{"BMD", "BMDs"},
		{"CTX", "CTXs"},
		{"RANKL", "RANKLs"},
		{"bone mineral density", "bone mineral densities"},
		{"aromatase inhibitor", "aromatase inhibitors"},
		{"Paget's disease", "Paget's diseases"},
	} {
		if got := Plural(c.in); got != c.want {
			t.Errorf("Plural(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFindAcrossWhiteSpace checks that a single space in a name matches any run of
// white space in the text (line breaks, tabs, no-break spaces), that white space in
// the name itself is normalized, and that offsets cover the original run.
func TestFindAcrossWhiteSpace(t *testing.T) {
	runFindCases(t, []findCase{
		{"line break and indent", boneGlossary, "bone\n  mineral density",
			[]hit{{"bone-mineral-density", "bone\n  mineral density", 0}}},
		{"tabs and CRLF mid-sentence", boneGlossary, "low bone\tmineral \r\n\tdensity.",
			[]hit{{"bone-mineral-density", "bone\tmineral \r\n\tdensity", 4}}},
		{"no-break space", boneGlossary, "bone\u00a0loss", []hit{{"bone-loss", "bone\u00a0loss", 0}}},
		{"white space runs in the name", []Entry{entry("bmd", " bone  mineral\tdensity\n")}, "bone mineral density",
			[]hit{{"bmd", "bone mineral density", 0}}},
		{"plural across a line break", boneGlossary, "bone\nlosses", []hit{{"bone-loss", "bone\nlosses", 0}}},
		{"white space before and after is not part of the match", boneGlossary, "  \n bone \n ",
			[]hit{{"bone", "bone", 4}}},
	})
}

// TestFindApostrophes checks that curly (’ ‘) and modifier (ʼ) apostrophes and the
// straight one are interchangeable in both names and text.
func TestFindApostrophes(t *testing.T) {
	straight := []Entry{entry("pagets-disease", "Paget's disease")}
	curly := []Entry{entry("pagets-disease", "Paget’s disease")}
	runFindCases(t, []findCase{
		{"straight name, curly text", straight, "In Paget’s disease,", []hit{{"pagets-disease", "Paget’s disease", 3}}},
		{"curly name, straight text", curly, "Paget's disease", []hit{{"pagets-disease", "Paget's disease", 0}}},
		{"straight name, straight text", straight, "Paget's disease", []hit{{"pagets-disease", "Paget's disease", 0}}},
		{"straight name, left single quote", straight, "Paget‘s disease", []hit{{"pagets-disease", "Paget‘s disease", 0}}},
		{"straight name, modifier apostrophe", straight, "Pagetʼs disease", []hit{{"pagets-disease", "Pagetʼs disease", 0}}},
		{"curly quotes, line break and capitals", curly, "“PAGET’S\nDISEASE”", []hit{{"pagets-disease", "PAGET’S\nDISEASE", 3}}},
	})
}

// TestFindNonASCII checks names with non-ASCII letters, and that offsets are byte
// offsets into the original text when multi-byte runes come before the match,
// including runes whose lower case has a different length in UTF-8.
func TestFindNonASCII(t *testing.T) {
	wnt := []Entry{entry("wnt-signaling", "Wnt/β-catenin signaling")}
	runFindCases(t, []findCase{
		{"Wnt/β-catenin", wnt, "The Wnt/β-catenin signaling pathway", []hit{{"wnt-signaling", "Wnt/β-catenin signaling", 4}}},
		{"Wnt/β-catenin in capitals", wnt, "WNT/Β-CATENIN SIGNALING", []hit{{"wnt-signaling", "WNT/Β-CATENIN SIGNALING", 0}}},
		{"curly quotes before", boneGlossary, "“bone loss”", []hit{{"bone-loss", "bone loss", 3}}},
		{"accented word before", boneGlossary, "café bone", []hit{{"bone", "bone", 6}}},
		{"rune whose lower case is longer (Ⱥ→ⱥ)", boneGlossary, "Ⱥ bone loss", []hit{{"bone-loss", "bone loss", 3}}},
		{"rune whose lower case is shorter (İ→i)", boneGlossary, "İİ bone loss", []hit{{"bone-loss", "bone loss", 5}}},
		{"Kelvin sign lowers to k", []Entry{entry("k", "ka")}, "\u212aA ka", []hit{{"k", "\u212aA", 0}, {"k", "ka", 5}}},
		{"invalid UTF-8 before", boneGlossary, "\xff\xfe bone", []hit{{"bone", "bone", 3}}},
	})
}

// TestFindEmpty checks that an empty matcher, a matcher whose names are all blank,
// an empty text and a text without terms all give nil.
func TestFindEmpty(t *testing.T) {
	for _, c := range []struct {
		name    string
		entries []Entry
		text    string
	}{
		{"nil entries", nil, "bone loss"},
		{"blank names", []Entry{entry("x", "", "  \n\t")}, "bone loss"},
		{"empty text", boneGlossary, ""},
		{"no term in text", boneGlossary, "Nothing to see here."},
		{"only white space", boneGlossary, " \n\t "},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := NewMatcher(c.entries).Find(c.text); got != nil {
				t.Errorf("Find(%q) = %#v, want nil", c.text, got)
			}
		})
	}
	if n := NewMatcher([]Entry{entry("x", "", "  \n\t")}).Len(); n != 0 {
		t.Errorf("Len() with blank names = %d, want 0", n)
	}
}

// TestNewMatcherDuplicateNamesFirstEntryWins checks that where two entries share a
// name (after normalization, or through a plural), the first entry gets the match.
func TestNewMatcherDuplicateNamesFirstEntryWins(t *testing.T) {
	runFindCases(t, []findCase{
		{"same name, other case and spacing",
			[]Entry{entry("first", "bone loss"), entry("second", "Bone  Loss")},
			"bone loss", []hit{{"first", "bone loss", 0}}},
		{"alias of a later entry",
			[]Entry{entry("first", "bone mineral density", "BMD"), entry("second", "bone density", "BMD")},
			"BMD and bone density", []hit{{"first", "BMD", 0}, {"second", "bone density", 8}}},
		{"plural of the first entry is the name of the second",
			[]Entry{entry("first", "bone"), entry("second", "bones")},
			"bones", []hit{{"first", "bones", 0}}},
		{"abbreviation first, the same letters in lower case later",
			[]Entry{entry("first", "BMD"), entry("second", "bmd")},
			"BMD bmd", []hit{{"first", "BMD", 0}}},
		{"lower case first, the same letters as an abbreviation later",
			[]Entry{entry("first", "bmd"), entry("second", "BMD")},
			"BMD bmd", []hit{{"first", "BMD", 0}, {"first", "bmd", 4}}},
		{"straight and curly apostrophes",
			[]Entry{entry("first", "Paget’s disease"), entry("second", "Paget's disease")},
			"Paget's disease", []hit{{"first", "Paget's disease", 0}}},
	})
}

// TestLen checks that Len counts each name and its plural once.
func TestLen(t *testing.T) {
	for _, c := range []struct {
		entries []Entry
		want    int
	}{
		{nil, 0},
		{[]Entry{entry("bone", "bone")}, 2},
		{boneGlossary, 8},
		{[]Entry{entry("a", "bone"), entry("b", "Bone")}, 2},
	} {
		if got := NewMatcher(c.entries).Len(); got != c.want {
			t.Errorf("NewMatcher(%v).Len() = %d, want %d", c.entries, got, c.want)
		}
	}
}

// TestFindConcurrent checks that one Matcher can serve many goroutines at once
// (run with -race).
func TestFindConcurrent(t *testing.T) {
	m := NewMatcher(boneGlossary)
	text := "Bone loss lowers bone mineral density (BMD) in bone."
	want := m.Find(text)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if got := m.Find(text); !slices.Equal(got, want) {
					t.Errorf("concurrent Find = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// sampleText is a paragraph in the style of the articles, for tests that need
// more than a sentence.
const sampleText = `Aromatase inhibitors lower estrogen, and bone loss follows: osteoclasts
resorb more bone than osteoblasts build, and bone mineral density (BMD) falls.
Denosumab, an antibody against RANKL, and romosozumab, which binds sclerostin,
slow the osteoclast. Serial BMDs and serum CTX track the response; a trombone
does not, nor does “bone\n   loss” escape the matcher.`

// TestFindLargeGlossaryAgreesWithSmall checks that adding 9,990 generated terms
// that do not occur in the text (sharing prefixes with real words, so the
// automaton walks deep and follows many failure links) does not change the matches
// of the 10 real terms.
func TestFindLargeGlossaryAgreesWithSmall(t *testing.T) {
	small, large := benchGlossaries(sampleText, 10000)
	want := NewMatcher(small).Find(sampleText)
	if len(want) < 10 {
		t.Fatalf("sample text gives only %d matches with the small glossary: %v", len(want), want)
	}
	got := NewMatcher(large).Find(sampleText)
	if !slices.Equal(got, want) {
		t.Errorf("large glossary:\n got  %v\n want %v", hits(t, sampleText, got), hits(t, sampleText, want))
	}
}

// fuzzGlossary holds names that exercise every rule, for the reference comparison.
var fuzzGlossary = []Entry{
	entry("bone", "bone"),
	entry("bone-loss", "bone loss"),
	entry("bone-mineral-density", "bone mineral density", "BMD"),
	entry("osteoclast", "osteoclast"),
	entry("therapy", "therapy"),
	entry("day", "day"),
	entry("process", "process"),
	entry("pagets-disease", "Paget's disease"),
	entry("wnt", "Wnt/β-catenin signaling"),
	entry("rankl", "RANKL"),
	entry("ctx", "CTX"),
	entry("inhibitor", "inhibitor"),
	entry("aromatase-inhibitor", "aromatase inhibitor"),
	entry("kelvin", "\u212a"),
	entry("one-loss", "one loss"),
}

// FuzzFindAgreesWithReference checks Find against refFind, a direct rune-by-rune
// implementation of the rules without an automaton or a normalized copy of the
// text, on arbitrary texts and one arbitrary extra name. It also checks that the
// matches are ordered, do not overlap and stand on rune boundaries.
func FuzzFindAgreesWithReference(f *testing.F) {
	for _, s := range []string{
		"Bone loss lowers bone mineral density (BMD) in bone.",
		"bone lossy", "trombone", "bones", "inhibitor-associated", "bmd Bmd BMDs",
		"bone\n  mineral density", "Paget’s disease", "“bone loss”", "Wnt/β-catenin signaling",
		"therapies days processes", "İ bone", "Ⱥ bone", sampleText,
	} {
		f.Add(s, "")
		f.Add(s, "mineral")
		f.Add(s, "BMDs")
	}
	f.Fuzz(func(t *testing.T, text, name string) {
		entries := append(slices.Clip(fuzzGlossary), entry("extra", name))
		got := NewMatcher(entries).Find(text)
		want := refFind(entries, text)
		if !slices.Equal(got, want) {
			t.Fatalf("Find(%q) with extra name %q\n got  %v\n want %v", text, name, got, want)
		}
		runeStart := map[int]bool{len(text): true}
		for i := range text { // invalid bytes count as one-byte runes, as in Find
			runeStart[i] = true
		}
		end := 0
		for _, m := range got {
			if m.Start < end || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad match order or overlap: %v", got)
			}
			end = m.End
			if !runeStart[m.Start] || !runeStart[m.End] {
				t.Fatalf("match %v splits a rune in %q", m, text)
			}
		}
	})
}

// refFind is a reference implementation of the matching rules for the fuzz test.
// It walks the original text rune by rune and, at each position that starts a
// word, tries every name and plural directly against the text.
func refFind(entries []Entry, text string) []Match {
	type form struct {
		slug  string
		key   []rune // folded: lower case, straight apostrophes, single spaces
		exact []rune // as written, for abbreviations; nil otherwise
	}
	var forms []form
	seen := map[string]bool{}
	for _, e := range entries {
		for _, name := range e.Names {
			name = strings.Join(strings.Fields(name), " ")
			if name == "" {
				continue
			}
			abbrev := refIsAbbreviation(name)
			for _, f := range []string{name, Plural(name)} {
				var key []rune
				for _, r := range f {
					key = append(key, refFold(r))
				}
				if seen[string(key)] {
					continue
				}
				seen[string(key)] = true
				fm := form{slug: e.Slug, key: key}
				if abbrev {
					fm.exact = []rune(f)
				}
				forms = append(forms, fm)
			}
		}
	}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	// matchAt returns the end of f matched at text[i:], or -1.
	matchAt := func(f form, i int) int {
		for k, want := range f.key {
			if want == ' ' {
				n := 0
				for i < len(text) {
					r, w := utf8.DecodeRuneInString(text[i:])
					if !unicode.IsSpace(r) {
						break
					}
					i += w
					n++
				}
				if n == 0 {
					return -1
				}
				continue
			}
			if i >= len(text) {
				return -1
			}
			r, w := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) || refFold(r) != want || (f.exact != nil && r != f.exact[k]) {
				return -1
			}
			i += w
		}
		if i < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[i:]); isWord(r) {
				return -1
			}
		}
		return i
	}
	var out []Match
	for i := 0; i < len(text); {
		best, slug := -1, ""
		if r, _ := utf8.DecodeLastRuneInString(text[:i]); i == 0 || !isWord(r) {
			for _, f := range forms {
				if end := matchAt(f, i); end > best {
					best, slug = end, f.slug
				}
			}
		}
		if best > i {
			out = append(out, Match{Start: i, End: best, Slug: slug})
			i = best
			continue
		}
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	return out
}

func refFold(r rune) rune {
	switch {
	case unicode.IsSpace(r):
		return ' '
	case r == '’' || r == '‘' || r == 'ʼ':
		return '\''
	}
	return unicode.ToLower(r)
}

// refIsAbbreviation: at least two letters, all capitals, optionally followed by a
// plural s.
func refIsAbbreviation(name string) bool {
	letters := []rune{}
	for _, r := range strings.TrimSuffix(name, "s") {
		if unicode.IsLetter(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) < 2 {
		return false
	}
	for _, r := range letters {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// FuzzNormalize checks that the fast path of normalizeText gives the same text as
// the general one, and that it is taken only where no rune boundary moves.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Bone Loss", "bone  loss", "bone\nloss", "body’s", "Ölçü –", "\xff", "ǅ", "İstanbul", "a\u00a0b", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		norm, ok := sameLength(text)
		want, offsets := normalizeShifting(text)
		if !ok {
			return
		}
		if norm != want {
			t.Fatalf("sameLength(%q) = %q, normalizeShifting gives %q", text, norm, want)
		}
		// Matches start and end on rune boundaries, where the offsets must not move.
		for i, o := range offsets {
			if (i == len(want) || utf8.RuneStart(want[i])) && o != i {
				t.Fatalf("sameLength took %q, but byte %d moves to %d", text, i, o)
			}
		}
	})
}
