// Package corpus generates content folders in Strata's format (see
// ../shared/design/CONTENT.md) for benchmarks: articles with three tiers of
// realistic Markdown (headings, lists, tables with captions, callouts, Pandoc
// citations with a references.yaml, glossary terms in the text) and a glossary. The
// output depends only on the article count, the term count and the seed.
package corpus

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"
)

// Corpus is a generated content folder: every file's path (slash-separated,
// relative to the content root) and bytes.
type Corpus struct {
	Files map[string][]byte
	// Articles are the article slugs, in generation order.
	Articles []string
	// TierFiles are the tier files of each article, for the Hugo site.
	TierFiles []TierFile
	// topicsUsed are the topics some article lists.
	topicsUsed map[string]bool
}

// TierFile is one article tier as Hugo sees it.
type TierFile struct {
	Article, Tier, Title string
	Body                 []byte
}

// Write writes every file under dir and returns the number of bytes written.
func (c *Corpus) Write(dir string) (int, error) {
	total := 0
	for _, name := range slices.Sorted(maps.Keys(c.Files)) {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return total, err
		}
		if err := os.WriteFile(file, c.Files[name], 0o644); err != nil {
			return total, err
		}
		total += len(c.Files[name])
	}
	return total, nil
}

// FS is the corpus as an in-memory file system, for site.Load and render.Build.
func (c *Corpus) FS() fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range c.Files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// gterm is a generated glossary term.
type gterm struct {
	slug, name string
	aliases    []string
	abbrev     string // an upper-case abbreviation alias, or ""
}

var (
	prefixes = []string{"osteo", "cardio", "neuro", "hepato", "nephro", "gastro", "dermato", "hemato", "immuno", "endo",
		"myo", "pneumo", "angio", "arthro", "chondro", "cyto", "fibro", "glyco", "lipo", "lympho", "thyro", "adeno",
		"broncho", "cerebro", "colo", "entero", "erythro", "histo", "leuko", "macro"}
	roots = []string{"blast", "clast", "cyte", "genesis", "lysis", "trophin", "kinase", "statin", "mab", "tide",
		"plasia", "pathy", "emia", "itis", "oma", "ase", "gen", "lin", "phage", "sorb"}
	qualifiers = []string{"renal", "hepatic", "systemic", "chronic", "acute", "cortical", "trabecular", "serum",
		"urinary", "plasma", "peripheral", "central", "basal", "mucosal", "vascular", "dietary", "oral", "topical"}
	heads = []string{"marker", "index", "threshold", "pathway", "receptor", "response", "turnover", "clearance",
		"ratio", "deficit", "reserve", "signal", "load", "balance", "profile"}
	topics = []string{"Bone health", "Breast cancer", "Kidney health", "Heart health", "Nutrition", "Exercise",
		"Medicines", "Diabetes", "Lung health", "Skin care", "Sleep", "Mental health", "Pregnancy", "Older adults",
		"Arthritis", "Cancer care", "Eye health", "Hormones", "Pain", "Digestive health"}
	families = []string{"Smith", "Nguyen", "Garcia", "Okafor", "Müller", "Rossi", "Tanaka", "Kowalski", "Haddad",
		"Johansson", "Patel", "O'Brien", "Dubois", "Silva", "Kim", "Cohen", "Novak", "Eriksen", "Ahmed", "Lopez"}
	givens    = []string{"A.", "B. K.", "C.", "D. M.", "E.", "F. R.", "G.", "H. L.", "J.", "K. S.", "L.", "M. T."}
	journals  = []string{"Journal of Clinical Practice", "Annals of Internal Medicine Reports", "Bone", "Clinical Nutrition", "The Lancet Regional Health", "BMJ Open", "Osteoporosis International", "Journal of Bone and Mineral Research"}
	reviewers = []string{"", "", "A. Reviewer, MD", "B. Checker, RN, PhD", "C. Editor, PharmD"}
	// Plain words for the fundamentals tier: short, common, low reading grade.
	plainSubjects = []string{"Your body", "Your care team", "This medicine", "A healthy diet", "Daily walking",
		"Good sleep", "Your doctor", "A blood test", "Your nurse", "Regular checkups"}
	plainVerbs = []string{"can help", "may change", "helps keep", "can slow", "works to protect", "can show",
		"may lower", "can raise", "helps you track", "can support"}
	plainObjects = []string{"your bones strong", "how you feel", "your energy", "the way cells grow",
		"your risk of a fall", "how well you heal", "the balance in your body", "your blood levels",
		"what your body needs", "how fast things change"}
	techSubjects = []string{"Longitudinal cohort data", "Randomized controlled evidence", "Mechanistic studies",
		"Pooled analyses", "Observational registries", "Pharmacokinetic modelling", "Histomorphometric findings",
		"Meta-analytic estimates", "Prospective surveillance", "Biomarker substudies"}
	techVerbs = []string{"indicate", "suggest", "demonstrate", "support", "characterize", "quantify", "question",
		"refine", "contextualize", "corroborate"}
	techObjects = []string{"a dose-dependent attenuation of resorptive activity", "heterogeneous treatment effects across subgroups",
		"a clinically meaningful reduction in fracture incidence", "sustained modulation of remodelling kinetics",
		"an association that persists after multivariable adjustment", "a plateau in response beyond twelve months",
		"considerable inter-individual variability in baseline risk", "the limited generalizability of earlier trials",
		"a favourable benefit–risk profile in selected populations", "that adherence mediates much of the observed effect"}
	questions = []string{"What is happening in the body?", "Why does this matter?", "What can I do?",
		"What should I ask my care team?", "How is it measured?", "What changes over time?", "Who is most at risk?",
		"What do the tests show?", "How do treatments work?", "What are the side effects?"}
	sectionsIntermediate = []string{"How the process works", "Measuring the change", "Treatment options",
		"Lifestyle factors", "Monitoring and follow-up", "Risks and benefits", "Practical considerations"}
	sectionsAcademic = []string{"Pathophysiology", "Epidemiology", "Diagnostic assessment", "Pharmacological management",
		"Non-pharmacological interventions", "Evidence synthesis", "Controversies and open questions", "Implications for practice"}
	callouts = []string{"KEY", "NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"}
)

// New generates n articles and m glossary terms from seed. Article i depends
// only on seed, i and the glossary, so a smaller corpus is a prefix of a larger
// one with the same seed and terms.
func New(n, m int, seed uint64) *Corpus {
	c := &Corpus{Files: map[string][]byte{}, topicsUsed: map[string]bool{}}
	c.Files["site.yaml"] = []byte(`title: Strata Benchmark Library
description: A generated corpus of tiered health articles for measuring Strata.
base_url: http://localhost:8080
language: en
review_interval: 12 months
disclaimer: >
  Generated text for benchmarks only: not health advice.
`)
	terms := genTerms(m, seed)
	for i, t := range terms {
		r := rand.New(rand.NewPCG(seed, 1<<32+uint64(i)))
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\nterm: %s\n", yamlString(t.name))
		if len(t.aliases) > 0 {
			fmt.Fprintf(&b, "aliases: [%s]\n", strings.Join(mapStrings(t.aliases, yamlString), ", "))
		}
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "technical: %s\n", yamlString(fmt.Sprintf("A %s measured by %s assay; reference ranges vary by laboratory and population.", pick(r, heads), pick(r, []string{"immunometric", "colorimetric", "chromatographic", "densitometric"}))))
		}
		if len(terms) > 1 {
			var rel []string
			for range 1 + r.IntN(3) {
				o := terms[r.IntN(len(terms))].slug
				if o != t.slug && !slices.Contains(rel, o) {
					rel = append(rel, o)
				}
			}
			if len(rel) > 0 {
				fmt.Fprintf(&b, "related: [%s]\n", strings.Join(rel, ", "))
			}
		}
		b.WriteString("---\n")
		fmt.Fprintf(&b, "%s is something doctors check to learn about %s. It %s %s.\n\n", capitalize(t.name), pick(r, plainObjects), pick(r, plainVerbs), pick(r, plainObjects))
		fmt.Fprintf(&b, "Doctors look at %s when they check %s. %s\n", t.name, pick(r, plainObjects), plainSentence(r, []gterm{t}))
		c.Files["glossary/"+t.slug+".md"] = b.Bytes()
	}
	for i := range n {
		c.article(i, seed, terms)
	}
	// A description for every topic in use (a topic file no article uses would
	// be a warning).
	for i, name := range topics {
		if !c.topicsUsed[name] {
			continue
		}
		r := rand.New(rand.NewPCG(seed, 3<<32+uint64(i)))
		use := []gterm{terms[r.IntN(len(terms))], terms[r.IntN(len(terms))]}
		c.Files["topics/"+topicSlug(name)+".md"] = fmt.Appendf(nil, "---\nname: %s\n---\n%s\n\n%s\n",
			yamlString(name), paragraph(r, plainSentence, 2, use), paragraph(r, mixedSentence, 3, use))
	}
	return c
}

// topicSlug is a topic's address, as Strata makes it from the name.
func topicSlug(name string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), "-")
}

// genTerms makes m distinct glossary terms: one-word compounds first, then
// qualified two-word terms; about a quarter have an upper-case abbreviation alias.
func genTerms(m int, seed uint64) []gterm {
	r := rand.New(rand.NewPCG(seed, 0))
	var out []gterm
	used := map[string]bool{} // names and aliases, lower case
	var singles []string
	for _, p := range prefixes {
		for _, s := range roots {
			singles = append(singles, p+s)
		}
	}
	r.Shuffle(len(singles), func(i, j int) { singles[i], singles[j] = singles[j], singles[i] })
	add := func(name string) {
		lower := strings.ToLower(name)
		if used[lower] {
			return
		}
		used[lower] = true
		t := gterm{slug: strings.ReplaceAll(lower, " ", "-"), name: name}
		if r.IntN(4) == 0 {
			var ab strings.Builder
			for _, w := range strings.Fields(name) {
				ab.WriteString(strings.ToUpper(w[:2]))
			}
			ab.WriteString(strings.ToUpper(name[len(name)-1:]))
			a := ab.String()
			if !used[strings.ToLower(a)] {
				used[strings.ToLower(a)] = true
				t.abbrev = a
				t.aliases = append(t.aliases, a)
			}
		}
		out = append(out, t)
	}
	for _, s := range singles {
		if len(out) == m {
			return out
		}
		add(s)
	}
	for len(out) < m {
		add(pick(r, qualifiers) + " " + pick(r, singles) + " " + pick(r, heads))
	}
	return out
}

type ref struct {
	id, family, given, title, journal string
	year                              int
}

func (c *Corpus) article(i int, seed uint64, terms []gterm) {
	r := rand.New(rand.NewPCG(seed, 2<<32+uint64(i)))
	main := terms[r.IntN(len(terms))]
	w := pick(r, qualifiers)
	slug := fmt.Sprintf("%s-%s-%04d", w, main.slug, i)
	title := fmt.Sprintf("%s %s: %s", capitalize(w), main.name, pick(r, []string{"what it means for you", "causes and care", "tests and treatment", "living well", "a practical guide"}))
	c.Articles = append(c.Articles, slug)
	dir := "articles/" + slug + "/"

	// Terms this article uses: the main one and 8 to 15 others.
	use := []gterm{main}
	for range 8 + r.IntN(8) {
		use = append(use, terms[r.IntN(len(terms))])
	}
	// References: 5 to 10.
	var refs []ref
	ids := map[string]bool{}
	for range 5 + r.IntN(6) {
		f := pick(r, families)
		year := 1995 + r.IntN(31)
		base := strings.ToLower(strings.NewReplacer("ü", "u", "'", "").Replace(f)) + fmt.Sprint(year)
		id := base
		for k := 'a'; ids[id]; k++ {
			id = base + string(k)
		}
		ids[id] = true
		refs = append(refs, ref{id: id, year: year, family: f, given: pick(r, givens), journal: pick(r, journals),
			title: fmt.Sprintf("%s of %s in %s: %s", pick(r, []string{"Effects", "Determinants", "Patterns", "Outcomes", "Predictors"}), pick(r, use).name, pick(r, []string{"adults", "older women", "cancer survivors", "a population cohort", "a randomized trial"}), pick(r, []string{"a prospective study", "a systematic review", "results at two years", "a secondary analysis"}))})
	}

	var rb bytes.Buffer
	for k, rf := range refs {
		if k > 0 {
			rb.WriteString("\n")
		}
		typ := "article-journal"
		if r.IntN(8) == 0 {
			typ = "book"
		}
		fmt.Fprintf(&rb, "- id: %s\n  type: %s\n  author:\n    - {family: %s, given: %s}\n", rf.id, typ, yamlString(rf.family), rf.given)
		if r.IntN(2) == 0 {
			fmt.Fprintf(&rb, "    - {literal: et al.}\n")
		}
		fmt.Fprintf(&rb, "  title: %s\n", yamlString(rf.title))
		if typ == "book" {
			fmt.Fprintf(&rb, "  publisher: %s\n", pick(r, []string{"Oxford University Press", "Springer", "Elsevier"}))
		} else {
			fmt.Fprintf(&rb, "  container-title: %s\n", yamlString(rf.journal))
		}
		fmt.Fprintf(&rb, "  issued: %d\n", rf.year)
		if typ != "book" && r.IntN(2) == 0 {
			fmt.Fprintf(&rb, "  volume: %d\n  issue: %d\n  page: %d-%d\n", 10+r.IntN(90), 1+r.IntN(12), 100+r.IntN(800), 900+r.IntN(100))
		}
		if r.IntN(3) == 0 {
			fmt.Fprintf(&rb, "  DOI: 10.5555/strata-bench.%d.%d\n", i, k)
		}
	}
	c.Files[dir+"references.yaml"] = rb.Bytes()

	// index.md
	var ib bytes.Buffer
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(300))
	ts := []string{pick(r, topics), pick(r, topics)}
	if ts[0] == ts[1] {
		ts = ts[:1]
	}
	for _, t := range ts {
		c.topicsUsed[t] = true
	}
	fmt.Fprintf(&ib, "---\ntitle: %s\ndescription: %s\nreviewed: %s\n", yamlString(title),
		yamlString(fmt.Sprintf("How %s affects %s, and what tests, medicines and daily habits can do about it.", main.name, pick(r, plainObjects))),
		day.Format("2006-01-02"))
	if rv := pick(r, reviewers); rv != "" {
		fmt.Fprintf(&ib, "reviewed_by: %s\n", yamlString(rv))
	}
	fmt.Fprintf(&ib, "topics: [%s]\n---\n## Reflection\n\n", strings.Join(ts, ", "))
	ib.WriteString(paragraph(r, plainSentence, 4, use) + "\n\n")
	if i > 0 {
		j := r.IntN(i)
		fmt.Fprintf(&ib, "See also [a related article](/articles/%s) and its [plain-language tier](/articles/%s/fundamentals).\n\n", c.Articles[j], c.Articles[j])
	}
	ib.WriteString(paragraph(r, plainSentence, 3, use) + "\n")
	c.Files[dir+"index.md"] = ib.Bytes()

	cited := 0
	citeNext := func() string {
		if len(refs) == 0 {
			return ""
		}
		k := cited % len(refs)
		cited++
		switch r.IntN(4) {
		case 0:
			k2 := (k + 1) % len(refs)
			if k2 != k {
				cited++
				return fmt.Sprintf(" [@%s; @%s]", refs[k].id, refs[k2].id)
			}
		case 1:
			return fmt.Sprintf(" [@%s, p. %d]", refs[k].id, 1+r.IntN(300))
		}
		return fmt.Sprintf(" [@%s]", refs[k].id)
	}

	// fundamentals.md
	var fb bytes.Buffer
	summary := fmt.Sprintf("%s %s %s.", capitalize(main.name), pick(r, plainVerbs), pick(r, plainObjects))
	fmt.Fprintf(&fb, "---\nsummary: %s\n---\n\n> [!SUMMARY]\n", yamlString(summary))
	for range 4 + r.IntN(3) {
		fmt.Fprintf(&fb, "> - %s\n", plainSentence(r, use))
	}
	fb.WriteString("\n" + paragraph(r, plainSentence, 4, use) + "\n\n")
	qs := slices.Clone(questions)
	r.Shuffle(len(qs), func(a, b int) { qs[a], qs[b] = qs[b], qs[a] })
	for s := range 3 {
		fmt.Fprintf(&fb, "## %s\n\n%s\n\n", qs[s], paragraph(r, plainSentence, 6+r.IntN(3), use))
		switch s {
		case 0:
			fmt.Fprintf(&fb, "> [!KEY]\n> %s\n\n", plainSentence(r, use))
		case 1:
			for range 3 + r.IntN(3) {
				fmt.Fprintf(&fb, "- %s\n", plainSentence(r, use))
			}
			fb.WriteString("\n")
		case 2:
			fmt.Fprintf(&fb, "> [!TIP]\n> %s\n> %s\n\n", plainSentence(r, use), plainSentence(r, use))
		}
	}
	c.Files[dir+"fundamentals.md"] = fb.Bytes()

	// intermediate.md
	var mb bytes.Buffer
	fmt.Fprintf(&mb, "---\nsummary: %s\n---\n\n", yamlString(fmt.Sprintf("How %s is measured and treated, with the evidence behind each step.", main.name)))
	mb.WriteString(paragraph(r, mixedSentence, 5, use) + citeNext() + "\n\n")
	ss := slices.Clone(sectionsIntermediate)
	r.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
	for s := range 4 {
		fmt.Fprintf(&mb, "## %s\n\n%s%s\n\n", ss[s], paragraph(r, mixedSentence, 5+r.IntN(3), use), citeNext())
		switch s {
		case 1:
			writeTable(&mb, r, use, 3+r.IntN(3))
		case 2:
			for k := range 3 + r.IntN(2) {
				fmt.Fprintf(&mb, "%d. %s\n", k+1, mixedSentence(r, use))
			}
			mb.WriteString("\n")
		case 3:
			fmt.Fprintf(&mb, "> [!%s]\n> %s%s\n\n", pick(r, callouts), mixedSentence(r, use), citeNext())
		}
		mb.WriteString(paragraph(r, mixedSentence, 3, use) + "\n\n")
	}
	c.Files[dir+"intermediate.md"] = mb.Bytes()

	// academic.md
	var ab bytes.Buffer
	ab.WriteString(paragraph(r, techSentence, 5, use) + citeNext() + "\n\n")
	ss = slices.Clone(sectionsAcademic)
	r.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
	for s := range 5 {
		fmt.Fprintf(&ab, "## %s\n\n%s%s\n\n", ss[s], paragraph(r, techSentence, 4+r.IntN(3), use), citeNext())
		if s == 1 {
			fmt.Fprintf(&ab, "### %s\n\n%s%s\n\n", pick(r, []string{"Subgroups", "Dose and duration", "Measurement error"}), paragraph(r, techSentence, 3, use), citeNext())
		}
		if s == 2 {
			writeTable(&ab, r, use, 4+r.IntN(4))
		}
		if s == 3 {
			t := pick(r, use)
			fmt.Fprintf(&ab, "The definition used here follows the glossary entry for [%s](glossary:%s).%s\n\n", t.name, t.slug, citeNext())
		}
		if s == 4 && i%10 == 0 {
			fmt.Fprintf(&ab, "```r\nfit <- glm(fracture ~ %s + age, family = binomial, data = cohort)\nsummary(fit)\n```\n\n", strings.ReplaceAll(main.slug, "-", "_"))
		}
		ab.WriteString(paragraph(r, techSentence, 4, use) + "\n\n")
	}
	// Every reference is cited somewhere, so none falls to "Further reading".
	ab.WriteString("## Sources\n\nThe evidence summarized above draws on")
	for k, rf := range refs {
		sep := ","
		if k == len(refs)-1 {
			sep = "."
		}
		fmt.Fprintf(&ab, " %s%s [@%s]%s", rf.family, pick(r, []string{"", " and colleagues"}), rf.id, sep)
	}
	ab.WriteString("\n")
	c.Files[dir+"academic.md"] = ab.Bytes()

	// The tier files as Hugo reads them: the same bodies, with a title.
	for _, t := range []struct{ key, name string }{{"fundamentals", "Fundamentals"}, {"intermediate", "Intermediate"}, {"academic", "Academic"}} {
		body := c.Files[dir+t.key+".md"]
		if bytes.HasPrefix(body, []byte("---\n")) {
			if end := bytes.Index(body[4:], []byte("\n---\n")); end >= 0 {
				body = body[4+end+5:]
			}
		}
		c.TierFiles = append(c.TierFiles, TierFile{Article: slug, Tier: t.key, Title: title + " (" + t.name + ")", Body: body})
	}
}

func writeTable(b *bytes.Buffer, r *rand.Rand, use []gterm, rows int) {
	fmt.Fprintf(b, "Table: %s by %s\n\n", capitalize(pick(r, heads)), pick(r, []string{"treatment", "stage", "age group", "test"}))
	b.WriteString("| Measure | Typical value | Change at 12 months | Notes |\n|---|---:|---:|---|\n")
	for range rows {
		fmt.Fprintf(b, "| %s | %d.%d | %+d%% | %s |\n", capitalize(pick(r, use).name), r.IntN(200), r.IntN(10), r.IntN(40)-20, pick(r, []string{"fasting sample", "morning sample", "by DXA", "repeat if abnormal", "—"}))
	}
	b.WriteString("\n")
}

// paragraph joins n sentences made by gen, wrapping lines at about 100 columns.
func paragraph(r *rand.Rand, gen func(*rand.Rand, []gterm) string, n int, use []gterm) string {
	var b strings.Builder
	col := 0
	for range n {
		s := gen(r, use)
		for _, w := range strings.Fields(s) {
			if col > 0 && col+len(w) > 100 {
				b.WriteString("\n")
				col = 0
			} else if col > 0 {
				b.WriteString(" ")
				col++
			}
			b.WriteString(w)
			col += len(w)
		}
	}
	return b.String()
}

func plainSentence(r *rand.Rand, use []gterm) string {
	switch r.IntN(4) {
	case 0:
		t := pick(r, use)
		name := t.name
		if t.abbrev != "" && r.IntN(2) == 0 {
			name = t.abbrev
		}
		return fmt.Sprintf("%s %s %s.", capitalize(name), pick(r, plainVerbs), pick(r, plainObjects))
	case 1:
		return fmt.Sprintf("%s %s %s, and %s can show it.", pick(r, plainSubjects), pick(r, plainVerbs), pick(r, plainObjects), pluralOf(pick(r, use).name))
	}
	return fmt.Sprintf("%s %s %s.", pick(r, plainSubjects), pick(r, plainVerbs), pick(r, plainObjects))
}

func mixedSentence(r *rand.Rand, use []gterm) string {
	if r.IntN(4) > 0 {
		return plainSentence(r, use)
	}
	t := pick(r, use)
	return fmt.Sprintf("Studies of %s %s %s when %s levels are followed over time.", t.name, pick(r, techVerbs), pick(r, techObjects), pick(r, use).name)
}

func techSentence(r *rand.Rand, use []gterm) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s %s %s in patients with altered %s.", pick(r, techSubjects), pick(r, techVerbs), pick(r, techObjects), pick(r, use).name)
	case 1:
		t := pick(r, use)
		name := t.name
		if t.abbrev != "" {
			name = t.abbrev
		}
		return fmt.Sprintf("Changes in %s correlate with %s (r = 0.%02d), although %s.", name, pluralOf(pick(r, use).name), 10+r.IntN(80), pick(r, techObjects))
	}
	return fmt.Sprintf("%s %s %s.", pick(r, techSubjects), pick(r, techVerbs), pick(r, techObjects))
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// pluralOf is the regular plural, as the glossary matcher recognizes it.
func pluralOf(s string) string {
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"):
		return s + "es"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func mapStrings(s []string, f func(string) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}
