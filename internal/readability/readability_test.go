package readability

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// dictionaryWords are English words with their syllable counts as given by the
// hyphenation and pronunciation of a standard American dictionary. Each count was
// also checked against the CMU Pronouncing Dictionary; where the two differ (every,
// fire, hour, interesting, chocolate, vegetable, temperature, especially,
// dementia) the dictionary's hyphenation is used and the word is marked "varies".
// Medical words absent from CMU (bisphosphonate, denosumab, aromatase, osteo-
// words, microbiome, probiotic, resorption, sclerostin, cytokine, glycoprotein)
// follow dictionary hyphenation.
var dictionaryWords = []struct {
	word string
	want int
}{
	// The brief's examples and the classic exceptions.
	{"osteoporosis", 6}, {"bisphosphonate", 4}, {"estrogen", 3}, {"denosumab", 4},
	{"calcium", 3}, {"vitamin", 3}, {"the", 1}, {"table", 2}, {"little", 2},
	{"wanted", 2}, {"baked", 1}, {"every", 2 /* varies: ev·ery */}, {"area", 3},
	{"idea", 3}, {"beautiful", 3}, {"fire", 1 /* varies */}, {"business", 2},
	{"people", 2}, {"create", 2}, {"being", 2}, {"science", 2}, {"medicine", 3},
	{"hour", 1 /* varies */},
	// Everyday words.
	{"a", 1}, {"cat", 1}, {"water", 2}, {"apple", 2}, {"simple", 2}, {"family", 3},
	{"different", 3}, {"important", 3}, {"because", 2}, {"something", 2},
	{"someone", 2}, {"everyone", 3}, {"another", 3}, {"together", 3},
	{"question", 2}, {"language", 2}, {"example", 3}, {"interesting", 4 /* varies */},
	{"education", 4}, {"university", 5}, {"television", 4}, {"understand", 3},
	{"computer", 3}, {"chocolate", 3 /* varies */}, {"vegetable", 4 /* varies */},
	{"temperature", 4 /* varies */}, {"usually", 4}, {"actually", 4},
	{"especially", 4 /* varies */}, {"naturally", 4}, {"definitely", 4},
	{"probably", 3}, {"quiet", 2}, {"poem", 2}, {"lion", 2}, {"diet", 2},
	{"client", 2}, {"period", 3}, {"serious", 3}, {"radio", 3}, {"video", 3},
	{"piano", 3}, {"violence", 3}, {"biology", 4}, {"ocean", 2}, {"region", 2},
	{"religion", 3}, {"patient", 2}, {"ancient", 2}, {"efficient", 3}, {"nation", 2},
	{"vision", 2}, {"delicious", 3}, {"various", 3}, {"previous", 3}, {"obvious", 3},
	{"happiness", 3}, {"careful", 2}, {"completely", 3}, {"likely", 2},
	{"statement", 2}, {"lifestyle", 2}, {"guidelines", 2}, {"therefore", 2},
	{"sometimes", 2}, {"queue", 1}, {"tissue", 2}, {"continue", 3}, {"value", 2},
	{"fatigue", 2}, {"technique", 2}, {"unique", 2}, {"league", 1}, {"tongue", 1},
	{"doing", 2}, {"going", 2}, {"studying", 3}, {"player", 2}, {"beyond", 2},
	{"layer", 2}, {"royal", 2}, {"employer", 3}, {"type", 1}, {"style", 1},
	{"rhythm", 2}, {"mechanism", 4}, {"organism", 4}, {"enthusiasm", 5},
	{"simply", 2}, {"possibly", 3}, {"evaluate", 4}, {"situation", 4},
	{"individual", 5}, {"actual", 3}, {"gradual", 3}, {"influence", 3}, {"fluent", 2},
	{"cruel", 2}, {"museum", 3}, {"nucleus", 3}, {"react", 2}, {"reaction", 3},
	{"reinforce", 3}, {"cooperate", 4}, {"coordinate", 4}, {"preexisting", 4},
	{"fluid", 2}, {"genuine", 3}, {"continuous", 4},
	// Endings: -ed, -es, -le.
	{"walked", 1}, {"called", 1}, {"needed", 2}, {"reduced", 2}, {"increased", 2},
	{"based", 1}, {"played", 1}, {"studied", 2}, {"handled", 2}, {"changes", 2},
	{"places", 2}, {"boxes", 2}, {"makes", 1}, {"bones", 1}, {"tables", 2},
	{"horses", 2}, {"judges", 2}, {"hopes", 1}, {"recipe", 3}, {"diabetes", 4},
	{"experience", 4}, {"audience", 3}, {"society", 4}, {"variety", 4},
	{"anxiety", 4}, {"nutrient", 3}, {"barrier", 3}, {"earlier", 3}, {"easier", 3},
	{"social", 2}, {"special", 2}, {"potential", 3}, {"initial", 3},
	{"physician", 3}, {"association", 5}, {"appreciate", 4}, {"material", 4},
	{"bacteria", 4}, {"median", 3}, {"trial", 2}, {"giant", 2}, {"diagnosis", 4},
	{"compliance", 3}, {"media", 3}, {"dementia", 3 /* varies */}, {"anemia", 4},
	{"insomnia", 4},
	// Health and the seed article's vocabulary.
	{"menopause", 3}, {"hormone", 2}, {"fracture", 2}, {"mineral", 3},
	{"density", 3}, {"skeletal", 3}, {"exercise", 3}, {"inhibitor", 4},
	{"aromatase", 4}, {"osteoblast", 4}, {"osteoclast", 4}, {"osteocyte", 4},
	{"homeostasis", 5}, {"metabolism", 5}, {"microbiome", 4}, {"probiotic", 4},
	{"inflammation", 4}, {"resorption", 3}, {"sclerostin", 3}, {"cytokine", 3},
	{"glycoprotein", 4}, {"supplement", 3}, {"magnesium", 4}, {"potassium", 4},
	{"sodium", 3}, {"protein", 2}, {"cardiovascular", 6}, {"therapy", 3},
	{"surgery", 3}, {"treatment", 2}, {"evidence", 3}, {"research", 2},
	{"clinical", 3}, {"symptom", 2}, {"tumor", 2}, {"cancer", 2}, {"breast", 1},
	{"alcohol", 3}, {"smoking", 2}, {"walking", 2}, {"weight", 1}, {"strength", 1},
	{"muscle", 2}, {"healthy", 2}, {"nutrition", 3}, {"dairy", 2}, {"yogurt", 2},
	{"calories", 3}, {"caffeine", 2}, {"quality", 3}, {"frequency", 3},
	{"adequate", 3}, {"ambiguous", 4},
	// Short words with silent letters.
	{"eye", 1}, {"eyes", 1}, {"maybe", 2}, {"naive", 2}, {"whole", 1}, {"whale", 1},
	{"shoe", 1}, {"does", 1}, {"goes", 1},
	// Words the rules still get wrong, found by comparing with CMUdict; kept so
	// that the figure above stays a measurement.
	{"italian", 3}, {"civilian", 3}, {"genealogy", 5}, {"parliament", 3},
	{"pavilion", 3}, {"filename", 2}, {"salespeople", 3},
}

// coreWords must always be exact: the brief's own examples and the rules they
// stand for.
var coreWords = map[string]int{
	"osteoporosis": 6, "bisphosphonate": 4, "estrogen": 3, "denosumab": 4,
	"calcium": 3, "vitamin": 3, "the": 1, "table": 2, "little": 2, "wanted": 2,
	"baked": 1, "every": 2, "area": 3, "idea": 3, "beautiful": 3, "fire": 1,
	"business": 2, "people": 2, "create": 2, "being": 2, "science": 2,
	"medicine": 3, "hour": 1, "makes": 1, "boxes": 2, "studying": 3,
}

func TestSyllablesDictionaryAccuracy(t *testing.T) {
	if len(dictionaryWords) < 80 {
		t.Fatalf("only %d dictionary words; want at least 80", len(dictionaryWords))
	}
	seen := map[string]bool{}
	exact := 0
	for _, tc := range dictionaryWords {
		if seen[tc.word] {
			t.Errorf("duplicate word %q in the list", tc.word)
		}
		seen[tc.word] = true
		got := Syllables(tc.word)
		if got == tc.want {
			exact++
		} else {
			t.Logf("miss: Syllables(%q) = %d, dictionary %d", tc.word, got, tc.want)
		}
	}
	accuracy := float64(exact) / float64(len(dictionaryWords))
	t.Logf("syllable accuracy: %d/%d exact = %.1f%%", exact, len(dictionaryWords), 100*accuracy)
	if accuracy < 0.95 {
		t.Errorf("accuracy %.1f%% is below 95%%", 100*accuracy)
	}
}

func TestSyllablesCore(t *testing.T) {
	for w, want := range coreWords {
		if got := Syllables(w); got != want {
			t.Errorf("Syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestSyllablesChoices(t *testing.T) {
	tests := []struct {
		word string
		want int
		why  string
	}{
		{"", 0, "empty"},
		{"—", 0, "symbol only"},
		{"∞", 0, "symbol only"},
		{"Table", 2, "capitalised word"},
		{"(table),", 2, "punctuation around the word is ignored"},
		{"weight-bearing", 3, "hyphenated: sum of parts"},
		{"well-being", 3, "hyphenated: sum of parts"},
		{"co-receptors", 4, "hyphenated: sum of parts"},
		{"don't", 1, "apostrophe ignored"},
		{"body’s", 2, "curly apostrophe ignored"},
		{"body's", 2, "straight apostrophe ignored"},
		{"isn't", 2, "n't after a consonant is a syllable"},
		{"couldn’t", 2, "n't after a consonant is a syllable"},
		{"can't", 1, "n't after a vowel is not"},
		{"BMD", 3, "initialism read letter by letter"},
		{"BTMs", 3, "plural s after an initialism adds nothing"},
		{"WHO", 5, "W is double-u"},
		{"RANKL", 2, "known acronym read as a word"},
		{"COVID-19", 4, "acronym plus number"},
		{"IMPORTANT", 3, "long capitals read as a word"},
		{"e.g.", 2, "dotted abbreviation read letter by letter"},
		{"7", 2, "seven"},
		{"2.5", 3, "two point five"},
		{"1,000", 3, "one thousand"},
		{"2026", 5, "twenty twenty-six"},
		{"1999", 5, "nineteen ninety-nine"},
		{"2005", 4, "two thousand five"},
		{"LRP5", 4, "L-R-P five"},
		{"21st", 3, "twenty-one; ordinal ending adds nothing"},
		{"β-catenin", 5, "beta + catenin"},
		{"Wnt", 1, "no vowel: one syllable"},
		{"café", 2, "accented final e is not silent"},
		{"naïve", 2, "diaeresis starts a syllable"},
		{"centre", 2, "consonant + re ending"},
		{"hundred", 2, "consonant + red"},
	}
	for _, tc := range tests {
		if got := Syllables(tc.word); got != tc.want {
			t.Errorf("Syllables(%q) = %d, want %d (%s)", tc.word, got, tc.want, tc.why)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestFormulasFromCounts(t *testing.T) {
	// Worked example: 100 words, 5 sentences, 130 syllables.
	s := fromCounts(100, 5, 130, 0)
	if want := 0.39*20 + 11.8*1.3 - 15.59; !near(s.FleschKincaidGrade, want) || !near(s.FleschKincaidGrade, 7.55) {
		t.Errorf("FK grade = %v, want 7.55", s.FleschKincaidGrade)
	}
	if !near(s.FleschReadingEase, 76.555) {
		t.Errorf("reading ease = %v, want 76.555 (206.835 - 20.3 - 109.98)", s.FleschReadingEase)
	}
	if s.ReadingMinutes != 1 {
		t.Errorf("minutes = %d, want 1", s.ReadingMinutes)
	}

	// SMOG: 30 polysyllables in 30 sentences -> 1.0430*sqrt(30) + 3.1291.
	s = fromCounts(300, 30, 450, 30)
	if want := 1.0430*math.Sqrt(30) + 3.1291; !near(s.SMOG, want) || math.Abs(s.SMOG-8.84) > 0.005 {
		t.Errorf("SMOG = %v, want %v (about 8.84)", s.SMOG, want)
	}
	// SMOG with no polysyllables is the constant.
	if s := fromCounts(10, 2, 12, 0); !near(s.SMOG, 3.1291) {
		t.Errorf("SMOG without polysyllables = %v, want 3.1291", s.SMOG)
	}

	// Reading time: words / 200, rounded up.
	for _, tc := range []struct{ words, minutes int }{{1, 1}, {199, 1}, {200, 1}, {201, 2}, {800, 4}, {801, 5}} {
		if got := fromCounts(tc.words, 1, tc.words, 0).ReadingMinutes; got != tc.minutes {
			t.Errorf("%d words: minutes = %d, want %d", tc.words, got, tc.minutes)
		}
	}
	// No words: zero Stats, no NaN.
	if s := fromCounts(0, 0, 0, 0); s != (Stats{}) {
		t.Errorf("fromCounts(0...) = %+v, want zero", s)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	for _, text := range []string{"", "   \n\n  ", "— ∞ … %", "#"} {
		s := Analyze(text)
		if s != (Stats{}) {
			t.Errorf("Analyze(%q) = %+v, want zero Stats", text, s)
		}
		for _, f := range []float64{s.FleschKincaidGrade, s.FleschReadingEase, s.SMOG} {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				t.Errorf("Analyze(%q) has NaN/Inf: %+v", text, s)
			}
		}
	}
}

func TestAnalyzeCatSatOnTheMat(t *testing.T) {
	s := Analyze("The cat sat on the mat.")
	if s.Words != 6 || s.Sentences != 1 || s.Syllables != 6 || s.PolySyllables != 0 {
		t.Fatalf("counts = %+v, want 6 words, 1 sentence, 6 syllables", s)
	}
	if !near(s.FleschKincaidGrade, 0.39*6+11.8*1-15.59) || s.FleschKincaidGrade >= 1 {
		t.Errorf("FK grade = %v, want -1.45", s.FleschKincaidGrade)
	}
	if s.ReadingMinutes != 1 {
		t.Errorf("minutes = %d, want 1", s.ReadingMinutes)
	}
	if got := Level(s.FleschKincaidGrade); got != "plain language" {
		t.Errorf("Level = %q", got)
	}
}

// seedDir holds the seed article, whose three tiers are real Strata text.
const seedDir = "../../content/articles/bone-preservation-aromatase-inhibition"

var (
	citationRE = regexp.MustCompile(`\s*\[@[^\]]*\]`)
	frontRE    = regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
)

// plainSeedText turns a tier's Markdown into the plain text Analyze expects, the
// way the caller does: no front matter, headings, tables, table captions or
// callout markers, citations or emphasis markers.
func plainSeedText(t *testing.T, tier string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedDir, tier+".md"))
	if err != nil {
		t.Fatal(err)
	}
	text := frontRE.ReplaceAllString(strings.ReplaceAll(string(b), "\r\n", "\n"), "")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "|") ||
			strings.HasPrefix(trimmed, "Table:") || strings.HasPrefix(trimmed, "> [!") {
			continue
		}
		if rest, ok := strings.CutPrefix(trimmed, ">"); ok {
			trimmed = strings.TrimSpace(rest)
		}
		trimmed = citationRE.ReplaceAllString(trimmed, "")
		trimmed = strings.ReplaceAll(trimmed, "**", "")
		out = append(out, trimmed)
	}
	return strings.Join(out, "\n")
}

func TestAnalyzeDenseAcademicSentence(t *testing.T) {
	text := plainSeedText(t, "academic")
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n\n")
	s := Analyze(first)
	t.Logf("academic first paragraph: %d words, %d sentences, %d syllables, FK %.1f", s.Words, s.Sentences, s.Syllables, s.FleschKincaidGrade)
	if s.Sentences != 3 {
		t.Errorf("sentences = %d, want 3", s.Sentences)
	}
	if s.FleschKincaidGrade <= 16 {
		t.Errorf("FK grade = %.2f, want > 16", s.FleschKincaidGrade)
	}
	if got := Level(s.FleschKincaidGrade); got != "technical" {
		t.Errorf("Level = %q, want technical", got)
	}
}

func TestSeedTiers(t *testing.T) {
	for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
		s := Analyze(plainSeedText(t, tier))
		t.Logf("%-12s FK %5.1f  ease %5.1f  SMOG %4.1f  %4d words  %3d sentences  %4d syllables  %3d polysyllables  %d min, %s",
			tier, s.FleschKincaidGrade, s.FleschReadingEase, s.SMOG, s.Words, s.Sentences, s.Syllables, s.PolySyllables,
			s.ReadingMinutes, Level(s.FleschKincaidGrade))
		if s.Words < 100 || s.Sentences < 5 || s.ReadingMinutes < 1 {
			t.Errorf("%s: implausible counts %+v", tier, s)
		}
		// The seed's intermediate tier is known to be dense (about grade 19 by the
		// npm flesch-kincaid and syllable packages). The fundamentals file holds
		// both its plain text and the seed's wording (in [!ORIGINAL] blocks): its
		// reading path is measured by the render package's tests.
		if tier == "intermediate" && s.FleschKincaidGrade <= 16 {
			t.Errorf("intermediate FK = %.1f, want > 16 (the seed is known to be dense)", s.FleschKincaidGrade)
		}
	}
}

func TestSentenceSplitting(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"simple", "One. Two! Three? Four.", 4},
		{"no final punctuation", "A sentence without a full stop", 1},
		{"decimals", "Take 2.5 mg daily. The dose is 0.75 of that.", 2},
		{"abbreviations", "Dr. Smith saw it, e.g. in bone. It works vs. placebo (Fig. 2). Approx. 5 of them i.e. few.", 3},
		{"et al. mid-sentence", "Smith et al. (2020) found it. Jones agreed.", 2},
		{"et al. at the end", "This was shown by Smith et al. The effect is large.", 2},
		{"etc. mid-sentence", "Calcium, vitamin D, etc. are needed.", 1},
		{"ellipsis", "It slowly fades… Then it returns.", 2},
		{"ellipsis mid-sentence", "It slowly… fades away.", 1},
		{"three dots", "Wait... Then go.", 2},
		{"closing quote", "He said “stop.” Then he left.", 2},
		{"exclamation and question", "Really?! Yes.", 2},
		{"list items", "Key components include:\n\n- Calcium and vitamin D\n- Weight-bearing exercise\n- Resistance training", 4},
		{"numbered list", "Steps:\n1. Eat well\n2. Walk daily", 3},
		{"paragraphs without punctuation", "First paragraph\n\nSecond paragraph", 2},
		{"soft wrap", "This sentence is wrapped\nover two lines. And this one\ncontinues too.", 2},
		{"plain list lines", "Bring:\nWater\nShoes", 3},
		{"url", "See example.com for more. Then stop.", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Analyze(tc.text).Sentences; got != tc.want {
				var parts []string
				for _, b := range splitBlocks(tc.text) {
					parts = append(parts, splitSentences(b)...)
				}
				t.Errorf("sentences = %d, want %d; split: %q", got, tc.want, parts)
			}
		})
	}
}

func TestWordCounting(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The body’s natural bone-remodeling process.", []string{"The", "body’s", "natural", "bone-remodeling", "process"}},
		{"don't won't it's", []string{"don't", "won't", "it's"}},
		{"Wnt/β-catenin signaling", []string{"Wnt", "β-catenin", "signaling"}},
		{"LRP5 and LRP6 co-receptors", []string{"LRP5", "and", "LRP6", "co-receptors"}},
		{"about 2.5 mg, 1,000 IU or 50% — ∞ + =", []string{"about", "2.5", "mg", "1,000", "IU", "or", "50"}},
		{"(e.g. β-glucuronidase)", []string{"e.g", "β-glucuronidase"}},
		{"“gut-bone axis.”", []string{"gut-bone", "axis"}},
		{"patients’ bones - and -- more", []string{"patients", "bones", "and", "more"}},
		{"N-terminal telopeptide (NTX)", []string{"N-terminal", "telopeptide", "NTX"}},
	}
	for _, tc := range tests {
		got := tokenize(tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
		}
		if n := Analyze(tc.text).Words; n != len(tc.want) {
			t.Errorf("Analyze(%q).Words = %d, want %d", tc.text, n, len(tc.want))
		}
	}
}

func TestOddInput(t *testing.T) {
	for _, text := range []string{
		"n't", "'", "-", "e.", "...", "…", "!?", "a-", "-a", "’s", "x’", "٣٤ items", "１２３",
		"12345678901234567890", "1.2.3", "1,2,3", "5th 21st 2nd", "ÀÉÎÕÜ", "naïve café",
		"e\u0301", "\u0301", "日本語のテキスト。", "ALLCAPSWORDHERE", "A.B.C.D.", "\r\n\r\n",
	} {
		s := Analyze(text)
		if s.Words < 0 || s.Sentences > s.Words || (s.Words > 0 && s.Syllables < s.Words) {
			t.Errorf("Analyze(%q) = %+v: inconsistent counts", text, s)
		}
		for _, f := range []float64{s.FleschKincaidGrade, s.FleschReadingEase, s.SMOG} {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				t.Errorf("Analyze(%q) = %+v: NaN/Inf", text, s)
			}
		}
		if n := Syllables(text); n < 0 {
			t.Errorf("Syllables(%q) = %d", text, n)
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, seed := range []string{"The cat sat on the mat.", "Dr. Smith, e.g. 2.5 mg… Then stop!", "- item\n- item two", "β-catenin’s LRP5 co-receptors"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := Analyze(text)
		if s.Sentences > s.Words || (s.Words > 0 && (s.Sentences == 0 || s.Syllables < s.Words || s.ReadingMinutes < 1)) {
			t.Errorf("Analyze(%q) = %+v: inconsistent counts", text, s)
		}
		if math.IsNaN(s.FleschKincaidGrade) || math.IsNaN(s.SMOG) || math.IsNaN(s.FleschReadingEase) {
			t.Errorf("Analyze(%q) = %+v: NaN", text, s)
		}
	})
}

func TestLevel(t *testing.T) {
	tests := []struct {
		grade float64
		want  string
	}{
		{-3, "plain language"}, {0, "plain language"}, {6, "plain language"}, {8, "plain language"},
		{8.01, "some medical words"}, {12, "some medical words"},
		{12.1, "technical"}, {16, "technical"}, {25, "technical"},
		{math.NaN(), ""},
	}
	for _, tc := range tests {
		if got := Level(tc.grade); got != tc.want {
			t.Errorf("Level(%v) = %q, want %q", tc.grade, got, tc.want)
		}
	}
}

func TestAnalyzeCounts(t *testing.T) {
	text := "Bone is living tissue. It renews itself every day!\n\n- Calcium helps\n- Exercise helps too"
	s := Analyze(text)
	// bone(1) is(1) living(2) tissue(2) | it(1) renews(2) itself(2) every(2) day(1)
	// | calcium(3) helps(1) | exercise(3) helps(1) too(1)
	if s.Words != 14 || s.Sentences != 4 || s.Syllables != 23 || s.PolySyllables != 2 {
		t.Errorf("counts = %+v, want 14 words, 4 sentences, 23 syllables, 2 polysyllables", s)
	}
	want := fromCounts(14, 4, 23, 2)
	if s != want {
		t.Errorf("Analyze = %+v, want fromCounts = %+v", s, want)
	}
}

func TestSentences(t *testing.T) {
	text := "Bone is alive. Estrogen, a crucial endocrine messenger, typically exerts a protective influence!\n\n- Walk every\n  day\n- Lift"
	var a Analyzer
	got := a.Sentences(text)
	want := []string{"Bone is alive.", "Estrogen, a crucial endocrine messenger, typically exerts a protective influence!", "Walk every day", "Lift"}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences %+v, want %d", len(got), got, len(want))
	}
	total := 0
	for i, s := range got {
		if s.Text != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, s.Text, want[i])
		}
		first := strings.Fields(want[i])[0]
		if !strings.HasPrefix(text[s.Start:], first) {
			t.Errorf("sentence %d starts at %d (%q), want at %q", i, s.Start, text[s.Start:], first)
		}
		if s.Stats != Analyze(s.Text) {
			t.Errorf("sentence %d stats %+v, want Analyze's %+v", i, s.Stats, Analyze(s.Text))
		}
		total += s.Stats.Words
	}
	if total != Analyze(text).Words {
		t.Errorf("sentences hold %d words, the text %d", total, Analyze(text).Words)
	}
	if got[1].Stats.FleschKincaidGrade <= got[0].Stats.FleschKincaidGrade {
		t.Errorf("the dense sentence (grade %.1f) should score above the simple one (%.1f)", got[1].Stats.FleschKincaidGrade, got[0].Stats.FleschKincaidGrade)
	}
}
