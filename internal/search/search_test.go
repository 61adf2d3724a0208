package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// corpus is a small set of documents about bones. Each word the tests look for is
// placed so that exactly the documents named in the tests have it.
func corpus() []Doc {
	return []Doc{
		{ID: "term:osteoclast", Kind: KindTerm, Title: "Osteoclast", URL: "/glossary/osteoclast",
			Summary: "An osteoclast is a cell that breaks down old bone.",
			Body:    "An osteoclast is a cell that breaks down old bone so it can be replaced. Estrogen keeps these cells in check."},
		{ID: "term:osteoblast", Kind: KindTerm, Title: "Osteoblast", URL: "/glossary/osteoblast",
			Summary: "An osteoblast is a cell that builds new bone.",
			Body:    "An osteoblast is a cell that builds new bone. Exercise helps these cells."},
		{ID: "term:bone-mineral-density", Kind: KindTerm, Title: "Bone mineral density", Aliases: []string{"BMD", "bone density"},
			URL:     "/glossary/bone-mineral-density",
			Summary: "Bone mineral density is how much mineral is packed into your bone.",
			Body:    "Bone mineral density is how much mineral is packed into your bone. When it drops, bones break more easily."},
		{ID: "term:bone-loss", Kind: KindTerm, Title: "Bone loss", URL: "/glossary/bone-loss",
			Summary: "Bone loss is a slow thinning of bone.",
			Body:    "Bone loss is a slow thinning of bone over the years."},
		{ID: "tier:bone-health/fundamentals", Kind: KindTier, Title: "Bone health", URL: "/articles/bone-health/fundamentals",
			Tier: "fundamentals", TierName: "Fundamentals", Summary: "How bone renews itself.",
			Body: "Your skeleton is alive. Old bone is broken down by osteoclasts and new bone is laid down by other cells.",
			Sections: []Section{{Anchor: "why-bones-thin", Heading: "Why bones thin",
				Text: "After menopause, bone loss speeds up because estrogen falls. A scan measures your BMD to see how strong your bones are."}}},
		{ID: "tier:bone-health/intermediate", Kind: KindTier, Title: "Bone health", URL: "/articles/bone-health/intermediate",
			Tier: "intermediate", TierName: "Intermediate", Summary: "Remodeling in more detail.",
			Body: "Remodeling balances resorption and formation. A single osteoclast can resorb a large pit. When resorption wins, the loss of bone shows up as falling bone mineral density on a DXA scan."},
		{ID: "tier:bone-health/academic", Kind: KindTier, Title: "Bone health", URL: "/articles/bone-health/academic",
			Tier: "academic", TierName: "Academic", Summary: "Molecular control of remodeling.",
			Body: "RANKL drives osteoclastogenesis, and sclerostin restrains Wnt signaling in osteoblast precursors.",
			Sections: []Section{{Anchor: "markers", Heading: "Turnover markers",
				Text: "Serum CTX reflects resorption, while PINP reflects formation."}}},
		{ID: "tier:exercise/fundamentals", Kind: KindTier, Title: "Exercise for strong bones", URL: "/articles/exercise/fundamentals",
			Tier: "fundamentals", TierName: "Fundamentals", Summary: "Moving helps bones.",
			Body: "Walking and lifting weights load the skeleton. The bone responds by getting denser, which slows the loss that comes with age."},
	}
}

var (
	testIndexOnce sync.Once
	testIndex     *Index
	testIndexErr  error
)

func index(t testing.TB) *Index {
	t.Helper()
	testIndexOnce.Do(func() { testIndex, testIndexErr = Build(corpus(), nil) })
	if testIndexErr != nil {
		t.Fatal(testIndexErr)
	}
	return testIndex
}

func search(t *testing.T, q string, opts Options) Results {
	t.Helper()
	r, err := index(t).Search(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return r
}

func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// marked returns the marked fragments' text, lower-cased.
func marked(frags []Fragment) []string {
	var out []string
	for _, f := range frags {
		if f.Match {
			out = append(out, strings.ToLower(f.Text))
		}
	}
	return out
}

func joined(frags []Fragment) string {
	var b strings.Builder
	for _, f := range frags {
		b.WriteString(f.Text)
	}
	return b.String()
}

func wantIDs(t *testing.T, q string, got []Hit, want ...string) {
	t.Helper()
	g := ids(got)
	slices.Sort(g)
	slices.Sort(want)
	if !slices.Equal(g, want) {
		t.Errorf("%q found %v, want %v", q, g, want)
	}
}

func TestStemming(t *testing.T) {
	r := search(t, "osteoclasts", Options{})
	wantIDs(t, "osteoclasts", r.Terms, "term:osteoclast")
	// The tiers say "osteoclasts" and "osteoclast".
	wantIDs(t, "osteoclasts", r.Tiers, "tier:bone-health/fundamentals", "tier:bone-health/intermediate")
	if r.Fuzzy {
		t.Error("an indexed word was widened to other spellings")
	}
	for _, h := range r.Hits() {
		for _, m := range marked(h.Snippet) {
			if m != "osteoclast" && m != "osteoclasts" {
				t.Errorf("%s: marked %q", h.ID, m)
			}
		}
	}
}

func TestFuzzy(t *testing.T) {
	r := search(t, "osteoclats", Options{})
	wantIDs(t, "osteoclats", r.Terms, "term:osteoclast")
	wantIDs(t, "osteoclats", r.Tiers, "tier:bone-health/fundamentals", "tier:bone-health/intermediate")
	if !r.Fuzzy {
		t.Error("Fuzzy is false")
	}
	if m := marked(r.Terms[0].TitleMarked); !slices.Equal(m, []string{"osteoclast"}) {
		t.Errorf("title marks %v", m)
	}

	// A correctly spelled word is not widened: osteoclast is one letter from
	// osteoblast.
	r = search(t, "osteoclast", Options{})
	wantIDs(t, "osteoclast", r.Terms, "term:osteoclast")

	// Two edits in a long word.
	r = search(t, "ostoeblst", Options{}) // a swap and a missing letter
	wantIDs(t, "ostoeblst", r.Terms, "term:osteoblast")

	// Words under 5 letters are taken as typed.
	r = search(t, "bnoe", Options{})
	if r.Total != 0 {
		t.Errorf("bnoe found %v %v", ids(r.Terms), ids(r.Tiers))
	}
}

func TestPhrase(t *testing.T) {
	// "loss of bone" and "bone ... loss" are not the phrase.
	r := search(t, `"bone loss"`, Options{})
	wantIDs(t, "phrase", r.Terms, "term:bone-loss")
	wantIDs(t, "phrase", r.Tiers, "tier:bone-health/fundamentals")
	if m := marked(r.Tiers[0].Snippet); !slices.Equal(m, []string{"bone loss"}) {
		t.Errorf("phrase marks %v, want one mark of the phrase", m)
	}
	// Without quotes, any order.
	r = search(t, "bone loss", Options{})
	wantIDs(t, "words", r.Tiers, "tier:bone-health/fundamentals", "tier:bone-health/intermediate", "tier:exercise/fundamentals")
	// Curly quotes and an unclosed quote are quotes too.
	r = search(t, "\u201cbone loss\u201d", Options{})
	wantIDs(t, "curly", r.Tiers, "tier:bone-health/fundamentals")
	r = search(t, `"bone loss`, Options{})
	wantIDs(t, "unclosed", r.Tiers, "tier:bone-health/fundamentals")
	// Punctuation inside quotes separates words, as outside.
	r = search(t, `"bone:loss"`, Options{})
	wantIDs(t, "bone:loss", r.Tiers, "tier:bone-health/fundamentals")
	// A stop word inside a phrase holds its place.
	r = search(t, `"loss of bone"`, Options{})
	wantIDs(t, "loss of bone", r.Tiers, "tier:bone-health/intermediate")
	if m := marked(r.Tiers[0].Snippet); !slices.Equal(m, []string{"loss", "bone"}) {
		t.Errorf("loss of bone: marks %v", m)
	}
}

func TestSynonyms(t *testing.T) {
	// fundamentals says "BMD"; intermediate says "bone mineral density".
	both := []string{"tier:bone-health/fundamentals", "tier:bone-health/intermediate"}
	for _, q := range []string{"BMD", "bmd", "bone mineral density", "Bone density", `"bone mineral density"`} {
		r := search(t, q, Options{})
		wantIDs(t, q, r.Tiers, both...)
		wantIDs(t, q, r.Terms, "term:bone-mineral-density")
	}
	r := search(t, "BMD", Options{})
	for _, h := range r.Tiers {
		m := marked(h.Snippet)
		if len(m) != 1 || (m[0] != "bmd" && m[0] != "bone mineral density") {
			t.Errorf("%s: marks %v, want the name in one mark", h.ID, m)
		}
	}
	// A name and another word.
	r = search(t, "BMD scan", Options{})
	wantIDs(t, "BMD scan", r.Tiers, both...)
	r = search(t, "BMD menopause", Options{})
	wantIDs(t, "BMD menopause", r.Tiers, "tier:bone-health/fundamentals")

	// Extra synonyms from the caller, both ways.
	ix, err := Build(corpus(), Synonyms{"skeleton": {"skeleton", "bones"}})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err = ix.Search(context.Background(), "skeleton", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Tiers) < 3 { // skeleton: 2 tiers; bones: fundamentals and exercise
		t.Errorf("skeleton with bones as synonym found %v", ids(r.Tiers))
	}
}

func TestAlias(t *testing.T) {
	r := search(t, "BMD", Options{})
	if len(r.Terms) != 1 {
		t.Fatalf("terms %v", ids(r.Terms))
	}
	h := r.Terms[0]
	if h.Title != "Bone mineral density" || h.URL != "/glossary/bone-mineral-density" || h.Summary == "" || len(h.Snippet) == 0 {
		t.Errorf("hit %+v", h)
	}
	for q, want := range map[string]string{"bmd": "BMD", "BONE-DENSITY": "bone density", "bone mineral density": "", "mineral": ""} {
		r := search(t, q, Options{})
		if len(r.Terms) == 0 || r.Terms[0].Alias != want {
			t.Errorf("%q: Alias %q, want %q", q, r.Terms[0].Alias, want)
		}
	}
}

func TestTierFilter(t *testing.T) {
	r := search(t, "bone", Options{Tier: "fundamentals"})
	wantIDs(t, "bone/fundamentals", r.Tiers, "tier:bone-health/fundamentals", "tier:exercise/fundamentals")
	if len(r.Terms) == 0 {
		t.Error("glossary entries were filtered out by a tier")
	}
	if r.TierTotal != 2 {
		t.Errorf("TierTotal %d", r.TierTotal)
	}
	_, err := index(t).Search(context.Background(), "bone", Options{Tier: "expert"})
	if !errors.Is(err, ErrUnknownTier) {
		t.Errorf("unknown tier: %v", err)
	}
}

func TestOrderAndLimits(t *testing.T) {
	r := search(t, "bone", Options{})
	if len(r.Terms) == 0 || len(r.Tiers) == 0 {
		t.Fatalf("terms %v tiers %v", ids(r.Terms), ids(r.Tiers))
	}
	for _, h := range r.Terms {
		if h.Kind != KindTerm {
			t.Errorf("%s among terms", h.ID)
		}
	}
	for _, h := range r.Tiers {
		if h.Kind != KindTier || h.Tier == "" || h.TierName == "" {
			t.Errorf("tier hit %+v", h)
		}
	}
	all := r.Hits()
	if len(all) != len(r.Terms)+len(r.Tiers) || all[0].Kind != KindTerm || all[len(all)-1].Kind != KindTier {
		t.Errorf("Hits() %v", ids(all))
	}
	for i := 1; i < len(r.Tiers); i++ {
		if r.Tiers[i].Score > r.Tiers[i-1].Score {
			t.Errorf("tiers not best first: %v", ids(r.Tiers))
		}
	}
	// The entry named by the query comes first.
	r = search(t, "bone loss", Options{})
	if r.Terms[0].ID != "term:bone-loss" {
		t.Errorf("bone loss: terms %v", ids(r.Terms))
	}

	r = search(t, "bone", Options{Limit: 1, TermLimit: 2})
	if len(r.Tiers) != 1 || len(r.Terms) != 2 || r.Total != r.TierTotal+r.TermTotal || r.TierTotal < 4 {
		t.Errorf("limits: %d tiers, %d terms, totals %d+%d=%d", len(r.Tiers), len(r.Terms), r.TermTotal, r.TierTotal, r.Total)
	}
	r = search(t, "bone", Options{TermLimit: -1})
	if len(r.Terms) != 0 || len(r.Tiers) == 0 {
		t.Errorf("TermLimit -1: %v %v", ids(r.Terms), ids(r.Tiers))
	}
}

func TestSnippet(t *testing.T) {
	r := search(t, "resorption formation", Options{Tier: "academic"})
	if len(r.Tiers) != 1 {
		t.Fatalf("tiers %v", ids(r.Tiers))
	}
	h := r.Tiers[0]
	// Both words are only in the section.
	if h.URL != "/articles/bone-health/academic#markers" || h.Section != "Turnover markers" {
		t.Errorf("URL %q section %q", h.URL, h.Section)
	}
	if got, want := marked(h.Snippet), []string{"resorption", "formation"}; !slices.Equal(got, want) {
		t.Errorf("marks %v, want %v", got, want)
	}
	if got := joined(h.Snippet); !strings.Contains(got, "Serum CTX reflects resorption, while PINP reflects formation.") {
		t.Errorf("snippet %q", got)
	}
	for _, f := range h.Snippet {
		if f.Text == "" {
			t.Error("empty fragment")
		}
	}

	// A match before the first heading has no anchor.
	r = search(t, "osteoclastogenesis", Options{})
	if h := r.Tiers[0]; h.URL != "/articles/bone-health/academic" || h.Section != "" {
		t.Errorf("URL %q section %q", h.URL, h.Section)
	}

	// Text is never HTML: the caller escapes it. Markup in a document comes back as
	// text, marked like any other word.
	ix, err := Build([]Doc{{ID: "x", Kind: KindTier, Tier: "fundamentals", Title: "<b>Bold</b>", URL: "/x",
		Body: strings.Repeat("Filler words before. ", 30) + "The <em>osteoclast</em> & friends. " + strings.Repeat("Filler words after. ", 30)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), "osteoclast", Options{})
	if err != nil || len(res.Tiers) != 1 {
		t.Fatalf("%v %v", err, res)
	}
	s := res.Tiers[0].Snippet
	if got := joined(s); !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "<em>osteoclast</em> & friends") {
		t.Errorf("snippet %q", got)
	}
	if got := marked(s); !slices.Equal(got, []string{"osteoclast"}) {
		t.Errorf("marks %v", got)
	}
	if n := utf8.RuneCountInString(joined(s)); n > SnippetRunes+10 {
		t.Errorf("snippet of %d runes", n)
	}
}

func TestAnyWord(t *testing.T) {
	r := search(t, "osteoclast zebra", Options{})
	if !r.AnyWord || len(r.Terms) == 0 || r.Terms[0].ID != "term:osteoclast" {
		t.Errorf("AnyWord %v terms %v", r.AnyWord, ids(r.Terms))
	}
	r = search(t, "zebra giraffe", Options{})
	if r.AnyWord || r.Total != 0 {
		t.Errorf("no match: AnyWord %v total %d", r.AnyWord, r.Total)
	}
	// Only words too common to search: no error, no results.
	r = search(t, "the and of", Options{})
	if r.Total != 0 {
		t.Errorf("stop words found %d", r.Total)
	}
}

func TestHostileInput(t *testing.T) {
	long := strings.Repeat("osteoclast ", 1000)
	cases := []struct {
		q    string
		want error // nil: any result, no error
	}{
		{"", ErrEmptyQuery},
		{"   \t\n ", ErrEmptyQuery},
		{long, ErrQueryTooLong},
		{strings.Repeat("é", MaxQueryRunes+1), ErrQueryTooLong},
		{strings.Repeat("é", MaxQueryRunes), nil},
		{"\xff\xfe", ErrEmptyQuery},
		{"osteo\xffclast", nil},
		{"+-~^:*", ErrEmptyQuery},
		{`"" "`, ErrEmptyQuery},
		{"<script>alert(1)</script>", nil},
		{"field:value", nil},
		{"title:osteoclast", nil},
		{"/.*/", ErrEmptyQuery},
		{"/osteo.*/", nil},
		{"osteo* OR bone~2 AND +density^5", nil},
		{"\x00\x01\x1b[31m", nil},
		{"\x00\x01\x1b", ErrEmptyQuery},
		{"\u200b\u202e", ErrEmptyQuery},
		{"bone\u202eloss", nil},
		{strings.Repeat(`"a `, 60), nil},
		{strings.Repeat("ab ", 66), nil},
	}
	ix := index(t)
	for _, c := range cases {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Search(%.40q) panicked: %v", c.q, p)
				}
			}()
			for _, tier := range []string{"", "academic"} {
				r, err := ix.Search(context.Background(), c.q, Options{Tier: tier})
				if c.want != nil {
					if !errors.Is(err, c.want) {
						t.Errorf("Search(%.40q): %v, want %v", c.q, err, c.want)
					}
					var qe *QueryError
					if !errors.As(err, &qe) || qe.Message == "" || qe.Code == "" {
						t.Errorf("Search(%.40q): %v is not a *QueryError", c.q, err)
					}
				} else if err != nil {
					t.Errorf("Search(%.40q): %v", c.q, err)
				}
				if !utf8.ValidString(r.Query) || utf8.RuneCountInString(r.Query) > MaxQueryRunes {
					t.Errorf("Search(%.40q): Query %.40q", c.q, r.Query)
				}
				for _, h := range r.Hits() {
					for _, f := range append(h.Snippet, h.TitleMarked...) {
						if !utf8.ValidString(f.Text) {
							t.Errorf("Search(%.40q): invalid UTF-8 in %q", c.q, f.Text)
						}
					}
				}
			}
			_ = ix.Suggest(c.q)
			_ = ix.Complete(c.q, 5)
		}()
	}
	// Query syntax is plain words: a field name is a word, not a field.
	r := search(t, "title:osteoclast", Options{})
	if len(r.Terms) == 0 || r.Terms[0].ID != "term:osteoclast" || !r.AnyWord {
		t.Errorf("title:osteoclast: %v (AnyWord %v)", ids(r.Terms), r.AnyWord)
	}
	// HTML in the query is searched as words and comes back as text.
	r = search(t, "<script>alert(1)</script>", Options{})
	if r.Query != "<script>alert(1)</script>" || r.Total != 0 {
		t.Errorf("script: %q, %d hits", r.Query, r.Total)
	}
	// Invalid bytes are spaces.
	r = search(t, "osteo\xffclast", Options{})
	if r.Query != "osteo clast" {
		t.Errorf("Query %q", r.Query)
	}
	// A cancelled context is the context's error, not a query error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Search(ctx, "bone", Options{})
	var qe *QueryError
	if err == nil || errors.As(err, &qe) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	ix := index(t)
	cases := map[string]string{
		"osteoclats":     "Osteoclast",
		"osteoclast":     "Osteoclast",
		"Osteoblsat":     "Osteoblast",
		"bmd":            "Bone mineral density",
		"bnoe loss":      "Bone loss",
		"mineral densty": "Bone mineral density",
		"dens":           "Bone mineral density", // a word starts with it
	}
	for q, want := range cases {
		got := ix.Suggest(q)
		if !slices.Contains(got, want) {
			t.Errorf("Suggest(%q) = %v, want %q in it", q, got, want)
		}
		if len(got) > MaxSuggestions {
			t.Errorf("Suggest(%q): %d names", q, len(got))
		}
	}
	if got := ix.Suggest("osteoclats"); got[0] != "Osteoclast" {
		t.Errorf("Suggest(osteoclats) = %v, want Osteoclast first", got)
	}
	for _, q := range []string{"", "+-", "zebra", strings.Repeat("x", 500)} {
		if got := ix.Suggest(q); len(got) != 0 {
			t.Errorf("Suggest(%.20q) = %v", q, got)
		}
	}
}

func TestComplete(t *testing.T) {
	ix := index(t)
	got := ix.Complete("OSTEO", 10)
	if len(got) != 2 || got[0].Text != "Osteoblast" || got[1].Text != "Osteoclast" || got[1].URL != "/glossary/osteoclast" {
		t.Errorf("OSTEO: %+v", got)
	}
	got = ix.Complete("bm", 10)
	if len(got) != 1 || got[0] != (Completion{Text: "BMD", Term: "Bone mineral density", URL: "/glossary/bone-mineral-density"}) {
		t.Errorf("bm: %+v", got)
	}
	// Whole names first, then names with a later word that starts with the prefix.
	got = ix.Complete("bone", 10)
	var texts []string
	for _, c := range got {
		texts = append(texts, c.Text)
	}
	if want := []string{"bone density", "Bone loss", "Bone mineral density"}; !slices.Equal(texts, want) {
		t.Errorf("bone: %v, want %v", texts, want)
	}
	got = ix.Complete("dens", 10)
	if len(got) != 2 || got[0].Term != "Bone mineral density" {
		t.Errorf("dens: %+v", got)
	}
	// A space after a word: the word is whole.
	if got := ix.Complete("bone ", 10); len(got) != 3 {
		t.Errorf("'bone ': %+v", got)
	}
	if got := ix.Complete("bones", 10); len(got) != 0 {
		t.Errorf("bones: %+v", got)
	}
	if got := ix.Complete("bone-mineral", 10); len(got) != 1 {
		t.Errorf("bone-mineral: %+v", got)
	}
	if got := ix.Complete("o", 1); len(got) != 1 {
		t.Errorf("n=1: %+v", got)
	}
	for _, p := range []string{"", "  ", "\xff", "*"} {
		if got := ix.Complete(p, 10); got != nil {
			t.Errorf("Complete(%q) = %+v", p, got)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	bad := [][]Doc{
		{{Kind: KindTerm, Title: "No ID"}},
		{{ID: "a", Kind: KindTerm}, {ID: "a", Kind: KindTerm}},
		{{ID: "a", Kind: "page"}},
		{{ID: "a", Kind: KindTier}},
	}
	for _, docs := range bad {
		if ix, err := Build(docs, nil); err == nil {
			ix.Close()
			t.Errorf("Build(%+v) succeeded", docs)
		}
	}
	ix, err := Build(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r, err := ix.Search(context.Background(), "bone", Options{})
	if err != nil || r.Total != 0 {
		t.Errorf("empty index: %v %v", r, err)
	}
}

func TestClose(t *testing.T) {
	ix, err := Build(corpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := ix.Search(context.Background(), "bone", Options{}); !errors.Is(err, ErrClosed) {
		t.Errorf("Search after Close: %v", err)
	}
	if len(ix.Suggest("osteoclats")) == 0 || len(ix.Complete("bone", 3)) == 0 {
		t.Error("Suggest or Complete after Close found nothing")
	}
}

func TestConcurrentSearches(t *testing.T) {
	ix := index(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, q := range []string{"osteoclats", "BMD", `"bone loss"`, "bone", "zebra bone"} {
				if _, err := ix.Search(context.Background(), q, Options{Tier: []string{"", "fundamentals"}[i%2]}); err != nil {
					t.Error(err)
				}
				ix.Suggest(q)
				ix.Complete(q, 5)
			}
		})
	}
	wg.Wait()
}

func TestPairsFilter(t *testing.T) {
	ix := index(t)
	var got []string
	for _, tok := range ix.pairs.Analyze([]byte("Loss of bone mineral density, bones' loss")) {
		got = append(got, string(tok.Term))
	}
	// "of" is a stop word: no pair spans it.
	if want := []string{"bone miner", "miner densiti", "densiti bone", "bone loss"}; !slices.Equal(got, want) {
		t.Errorf("pairs %q, want %q", got, want)
	}
}

func TestBuildCopiesDocs(t *testing.T) {
	docs := corpus()
	ix, err := Build(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i := range docs {
		docs[i] = Doc{}
	}
	r, err := ix.Search(context.Background(), "osteoclast", Options{})
	if err != nil || len(r.Terms) == 0 || r.Terms[0].Title != "Osteoclast" || len(r.Terms[0].Snippet) == 0 {
		t.Errorf("after the caller's docs changed: %v %+v", err, r.Terms)
	}
}

// FuzzSearch checks that no query makes Search, Suggest or Complete panic or fail
// with anything but a *QueryError. Run with go test -fuzz FuzzSearch.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"osteoclats", `"bone loss`, "BMD scan", "\xff\xfe", "+-~^:*", "<script>alert(1)</script>",
		"field:value", "/.*/", `"`, "bone\u202e\u200bloss", "ﬁnd ǅ İ", "bone-mineral\tdensity"} {
		f.Add(q, "")
		f.Add(q, "fundamentals")
	}
	ix, err := Build(corpus(), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q, tier string) {
		r, err := ix.Search(context.Background(), q, Options{Tier: tier})
		var qe *QueryError
		if err != nil && !errors.As(err, &qe) {
			t.Fatalf("Search(%q, %q): %v", q, tier, err)
		}
		if !utf8.ValidString(r.Query) || utf8.RuneCountInString(r.Query) > MaxQueryRunes {
			t.Fatalf("Search(%q): Query %q", q, r.Query)
		}
		for _, h := range r.Hits() {
			for _, fr := range append(h.Snippet, h.TitleMarked...) {
				if fr.Text == "" || !utf8.ValidString(fr.Text) {
					t.Fatalf("Search(%q): fragment %q", q, fr.Text)
				}
			}
		}
		ix.Suggest(q)
		for _, c := range ix.Complete(q, 5) {
			if c.Text == "" {
				t.Fatalf("Complete(%q): %+v", q, c)
			}
		}
	})
}

// TestPages walks every page of a search with small pages: each hit is on exactly
// one page, and Pages counts them.
func TestPages(t *testing.T) {
	first := search(t, "bone", Options{Limit: 2, TermLimit: 1})
	want := max((first.TierTotal+1)/2, first.TermTotal)
	if first.Page != 1 || first.Pages != want || first.Pages < 3 {
		t.Fatalf("page %d of %d, want 1 of %d (%d terms, %d tiers)", first.Page, first.Pages, want, first.TermTotal, first.TierTotal)
	}
	seen := map[string]int{}
	for page := 1; page <= first.Pages+1; page++ {
		r := search(t, "bone", Options{Limit: 2, TermLimit: 1, Page: page})
		if r.Page != page || r.Pages != first.Pages || r.Total != first.Total {
			t.Errorf("page %d: says page %d of %d, total %d", page, r.Page, r.Pages, r.Total)
		}
		if page > first.Pages && len(r.Hits()) > 0 {
			t.Errorf("page %d after the last has hits %v", page, ids(r.Hits()))
		}
		for _, h := range r.Hits() {
			seen[h.ID]++
		}
	}
	if len(seen) != first.Total {
		t.Errorf("the pages hold %d different hits, want all %d: %v", len(seen), first.Total, seen)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s is on %d pages", id, n)
		}
	}
	for _, p := range []int{-1, MaxPage + 1} {
		if _, err := index(t).Search(context.Background(), "bone", Options{Page: p}); !errors.Is(err, ErrBadPage) {
			t.Errorf("page %d: error %v, want ErrBadPage", p, err)
		}
	}
}

// TestQuestionWords checks that the words of a question are not searched: the
// page about the thing asked for comes first.
func TestQuestionWords(t *testing.T) {
	docs := append(corpus(),
		Doc{ID: "tier:habits/intermediate", Kind: KindTier, Title: "Habits", URL: "/articles/habits/intermediate",
			Tier: "intermediate", TierName: "Intermediate", Body: "Moderation of alcohol consumption protects bone."},
		Doc{ID: "term:short-chain-fatty-acids", Kind: KindTerm, Title: "Short-chain fatty acids", URL: "/glossary/short-chain-fatty-acids",
			Summary: "They are one way the gut can affect bone. When and how they work is studied."})
	ix, err := Build(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range []string{"can I drink alcohol", "How much alcohol can I drink?", "when may I drink alcohol"} {
		r, err := ix.Search(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if hits := r.Hits(); len(hits) == 0 || hits[0].ID != "tier:habits/intermediate" || len(r.Terms) != 0 {
			t.Errorf("%q: hits %v, want the alcohol page first and no glossary entry matched by its question words", q, ids(hits))
		}
	}
	// Quoted, the words are searched as typed.
	r, err := ix.Search(context.Background(), `"can affect"`, Options{})
	if err != nil || len(r.Terms) != 1 || r.Terms[0].ID != "term:short-chain-fatty-acids" {
		t.Errorf(`"can affect": %v %v, want the entry that has the phrase`, ids(r.Hits()), err)
	}
}
