package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Run with:
//
//	go test ./internal/search/ -run '^$' -bench .
//
// (about a minute on 2 cores; add -benchtime 3000x with -bench Search for steadier
// percentiles). The Build benchmarks report wall and CPU ms per build; the Search
// benchmarks report the median and 99th-percentile wall time of one Search over a
// mix of queries (p50-µs, p99-µs) and the CPU time per Search (cpu-µs/op), which
// other work on the machine disturbs less. "1000" is a generated site of 1,000 articles
// (3,000 tiers of about 600 words) and 60 glossary entries. The "memonly"
// variants use bleve.NewMemOnly for comparison; on the 1,000-article site they
// take minutes and run only with SEARCH_BENCH_MEMONLY=1.

var medicalWords = strings.Fields(`osteoclast osteoclasts osteoblast osteoblasts osteocyte bone bones
	resorption formation remodeling density mineral estrogen aromatase inhibitor inhibitors denosumab
	bisphosphonate bisphosphonates zoledronic acid fracture fractures calcium vitamin collagen sclerostin
	RANKL osteoprotegerin cortical trabecular marrow microbiome inflammation cytokine hormone menopause
	osteoporosis osteopenia DXA scan turnover marker markers telopeptide phosphatase parathyroid kidney
	absorption exercise resistance training weight-bearing nutrition protein signaling pathway receptor
	ligand matrix mineralization hydroxyapatite fragility hip spine vertebral wrist therapy treatment dose
	infusion injection tablet risk patients clinicians trial cohort placebo efficacy adherence jaw
	osteonecrosis hypocalcemia`)

var commonWords = strings.Fields(`the a of and to in is that for with as by on this can may are be it
	from which their more over time when your how body cells help new old also during after between each
	these other both most many some people years level levels change changes work works support slow fast
	high low lower higher keep make makes build break down strong weak healthy daily long short important
	early later often rarely usually together balance process effect effects role study studies evidence
	result results show shows suggest`)

// phrases are fixed phrases the generated text uses.
var phrases = []string{"bone loss", "estrogen levels", "fracture risk", "bone turnover", "vitamin D", "resistance training"}

// names are glossary names with aliases that the generated text uses.
var names = [][]string{
	{"Bone mineral density", "BMD", "bone density"},
	{"C-terminal telopeptide", "CTX"},
	{"Receptor activator of nuclear factor kappa-B ligand", "RANKL"},
	{"Aromatase inhibitor", "AI"},
	{"Dual-energy X-ray absorptiometry", "DXA", "DEXA"},
	{"Gut microbiome", "gut microbiota"},
}

// generated makes a site of n articles, deterministically.
func generated(n int) []Doc {
	rng := rand.New(rand.NewPCG(20240601, uint64(n)))
	pick := func(words []string) string { return words[rng.IntN(len(words))] }
	sentence := func() string {
		k := 8 + rng.IntN(13)
		w := make([]string, 0, k+3)
		for range k {
			switch r := rng.IntN(100); {
			case r < 3:
				w = append(w, pick(phrases))
			case r < 5:
				g := names[rng.IntN(len(names))]
				w = append(w, g[rng.IntN(len(g))])
			case r < 32:
				w = append(w, pick(medicalWords))
			default:
				w = append(w, pick(commonWords))
			}
		}
		s := strings.Join(w, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	paragraph := func() string {
		k := 4 + rng.IntN(3)
		s := make([]string, k)
		for i := range s {
			s[i] = sentence()
		}
		return strings.Join(s, " ")
	}
	var docs []Doc
	for _, g := range names {
		docs = append(docs, Doc{ID: "term:" + g[0], Kind: KindTerm, Title: g[0], Aliases: g[1:],
			URL: "/glossary/" + g[0], Summary: sentence(), Body: paragraph()})
	}
	for i, w := range medicalWords[:54] {
		docs = append(docs, Doc{ID: fmt.Sprintf("term:%d", i), Kind: KindTerm, Title: strings.ToUpper(w[:1]) + w[1:],
			URL: "/glossary/" + w, Summary: sentence(), Body: paragraph()})
	}
	tiers := []struct{ key, name string }{{"fundamentals", "Fundamentals"}, {"intermediate", "Intermediate"}, {"academic", "Academic"}}
	for a := range n {
		title := fmt.Sprintf("%s and %s %d", pick(medicalWords), pick(medicalWords), a)
		for _, t := range tiers {
			d := Doc{ID: fmt.Sprintf("tier:%d/%s", a, t.key), Kind: KindTier, Title: title,
				URL: fmt.Sprintf("/articles/a%d/%s", a, t.key), Tier: t.key, TierName: t.name, Summary: sentence()}
			var paras [6]string
			words := 0
			for i := range paras {
				paras[i] = paragraph()
				words += strings.Count(paras[i], " ") + 1
			}
			for words < 600 {
				p := paragraph()
				paras[5] += "\n\n" + p
				words += strings.Count(p, " ") + 1
			}
			d.Body = paras[0] + "\n\n" + paras[1]
			for s := range 2 {
				h := fmt.Sprintf("How does %s affect %s?", pick(medicalWords), pick(medicalWords))
				d.Sections = append(d.Sections, Section{Anchor: fmt.Sprintf("s%d", s), Heading: h,
					Text: paras[2+2*s] + "\n\n" + paras[3+2*s]})
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// benchQueries are what readers type: common words, plurals, typos, phrases,
// abbreviations, several words, nothing to find, and a long query.
var benchQueries = []string{
	"bone",
	"osteoclasts",
	"osteoclats",
	"denosumba",
	`"bone loss"`,
	`"estrogen levels"`,
	"BMD",
	"bone mineral density",
	"estrogen bone resorption",
	"how does exercise help bones",
	"zebra quantum",
	"gut microbiota",
	"vitamin D calcium absorption kidney",
	"aromatase inhibitor fracture risk treatment adherence",
	strings.Repeat("osteoporosis fracture ", 9),
}

var (
	genOnce  sync.Once
	genDocs  []Doc
	genIndex *Index
	genErr   error
)

func generatedIndex(b *testing.B) *Index {
	b.Helper()
	genOnce.Do(func() {
		genDocs = generated(1000)
		genIndex, genErr = Build(genDocs, nil)
	})
	if genErr != nil {
		b.Fatal(genErr)
	}
	return genIndex
}

// backends runs f with the index in scorch (what Build uses) and, for comparison,
// in bleve.NewMemOnly's upsidedown store. On the large corpus the second takes
// minutes, so it runs only when $SEARCH_BENCH_MEMONLY is set.
func backends(b *testing.B, large bool, f func(b *testing.B)) {
	b.Run("scorch", f)
	if large && os.Getenv("SEARCH_BENCH_MEMONLY") == "" {
		return
	}
	b.Run("memonly", func(b *testing.B) {
		memOnly = true
		defer func() { memOnly = false }()
		f(b)
	})
}

func BenchmarkBuild1000(b *testing.B) {
	docs := generated(1000)
	words := 0
	for _, d := range docs {
		words += len(strings.Fields(d.Body))
		for _, s := range d.Sections {
			words += len(strings.Fields(s.Text))
		}
	}
	backends(b, true, func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			ix, err := Build(docs, nil)
			if err != nil {
				b.Fatal(err)
			}
			ix.Close()
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
		b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/build")
		b.ReportMetric(float64(len(docs)), "docs")
		b.ReportMetric(float64(words), "words")
	})
}

// benchSearch runs the query mix round-robin and reports latency percentiles.
func benchSearch(b *testing.B, ix *Index, opts Options) {
	ctx := context.Background()
	// Warm up, and check the mix works.
	for _, q := range benchQueries {
		if _, err := ix.Search(ctx, q, opts); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
	}
	var lat []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		q := benchQueries[i%len(benchQueries)]
		i++
		t := time.Now()
		if _, err := ix.Search(ctx, q, opts); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
	p50, p99 := percentiles(lat)
	b.ReportMetric(float64(p50.Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(p99.Nanoseconds())/1e3, "p99-µs")
}

// percentiles returns the median and the 99th percentile.
func percentiles(lat []time.Duration) (p50, p99 time.Duration) {
	if len(lat) == 0 {
		return 0, 0
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return at(0.50), at(0.99)
}

func BenchmarkSearch1000(b *testing.B) {
	b.Run("scorch", func(b *testing.B) { benchSearch(b, generatedIndex(b), Options{}) })
	if os.Getenv("SEARCH_BENCH_MEMONLY") == "" {
		return
	}
	b.Run("memonly", func(b *testing.B) {
		memOnly = true
		ix, err := Build(generated(1000), nil)
		memOnly = false
		if err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
		benchSearch(b, ix, Options{})
	})
}

func BenchmarkSearch1000Tier(b *testing.B) {
	benchSearch(b, generatedIndex(b), Options{Tier: "fundamentals", Limit: 10})
}

// BenchmarkSearch1000Each reports each query of the mix alone.
func BenchmarkSearch1000Each(b *testing.B) {
	ix := generatedIndex(b)
	for _, q := range benchQueries {
		b.Run(fmt.Sprintf("%.24s", strings.ReplaceAll(q, " ", "_")), func(b *testing.B) {
			for b.Loop() {
				if _, err := ix.Search(context.Background(), q, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSuggest1000(b *testing.B) {
	ix := generatedIndex(b)
	for b.Loop() {
		ix.Suggest("osteoclats")
	}
}

func BenchmarkComplete1000(b *testing.B) {
	ix := generatedIndex(b)
	for b.Loop() {
		ix.Complete("bone m", 8)
	}
}

// TestGeneratedCorpus keeps the benchmark corpus honest: about 600 words a tier,
// and the query mix finds things in it. It is skipped in -short mode.
func TestGeneratedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 3,000-document index")
	}
	docs := generated(100)
	if docs2 := generated(100); docs2[len(docs2)-1].Body != docs[len(docs)-1].Body {
		t.Fatal("the generated corpus is not deterministic")
	}
	for _, d := range docs {
		if d.Kind != KindTier {
			continue
		}
		words := len(strings.Fields(d.Body))
		for _, s := range d.Sections {
			words += len(strings.Fields(s.Text))
		}
		if words < 600 || words > 900 {
			t.Fatalf("%s has %d words", d.ID, words)
		}
	}
	ix, err := Build(docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for _, q := range benchQueries {
		r, err := ix.Search(context.Background(), q, Options{})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if q != "zebra quantum" && r.Total == 0 {
			t.Errorf("%q found nothing", q)
		}
	}
}
