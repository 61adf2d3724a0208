package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/site"
)

// plainSite is a content folder of its own for the reading path: a plain tier
// with original-wording disclosures, and a closing section with a [!PLAIN]
// restatement that only the plain tier shows.
func plainSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.yaml":                 file("title: Plain Test\ndescription: A fixture.\nbase_url: https://test.example\nlanguage: en\nreview_interval: 12 months\n"),
		"glossary/germ.md":          file("---\nterm: Germ\n---\nA germ is a tiny living thing that can make you sick.\n"),
		"glossary/microorganism.md": file("---\nterm: Microorganism\n---\nMicroorganisms, comprising heterogeneous unicellular taxa, necessitate microscopic visualization.\n"),
		"articles/wash/index.md": file("---\ntitle: Washing\ndescription: Why soap works.\nreviewed: 2026-01-15\n---\n## Reflection\n\n" +
			"> [!PLAIN]\n> Clean hands keep you well.\n\n> [!ORIGINAL]\n> Meticulous hand hygiene constitutes an indispensable prophylactic intervention.\n"),
		"articles/wash/fundamentals.md": file("---\nsummary: \"Soap takes germs off your hands.\"\n---\n" +
			"Germs are tiny. Soap lifts them off your skin.\n\n" +
			"> [!ORIGINAL]\n> Surfactant molecules emulsify lipid membranes, facilitating microorganism detachment.\n\n" +
			"- Wash for a while.\n"),
		"articles/wash/intermediate.md": file("Soap works on germs because surfactants break their outer layers apart. Surfactants consequently disrupt the lipid membranes of numerous pathogenic organisms.\n"),
		"articles/wash/academic.md":     file("Surfactants disrupt the lipid envelopes of microorganisms.\n"),
	}
}

func buildPlain(t *testing.T, opts ...Option) (*Snapshot, *Report) {
	t.Helper()
	fsys := plainSite()
	s, list := site.Load(fsys)
	if list.HasErrors() {
		t.Fatalf("fixture does not load: %v", list.Items())
	}
	return Build(s, fsys, append([]Option{WithoutCompression(), WithoutSearch()}, opts...)...)
}

// TestReadingPath checks what each tier page's reading level is measured on: the
// lede, the tier's text and the closing section, outside closed disclosures.
func TestReadingPath(t *testing.T) {
	snap, rep := buildPlain(t)
	want := map[string]struct{ path, original string }{
		"fundamentals": {
			path:     "Soap takes germs off your hands.\n\nGerms are tiny. Soap lifts them off your skin.\n\nWash for a while.\n\nClean hands keep you well.",
			original: "Surfactant molecules emulsify lipid membranes, facilitating microorganism detachment.\n\nMeticulous hand hygiene constitutes an indispensable prophylactic intervention.",
		},
		"intermediate": {
			path: "Why soap works.\n\nSoap works on germs because surfactants break their outer layers apart. Surfactants consequently disrupt the lipid membranes of numerous pathogenic organisms.\n\nMeticulous hand hygiene constitutes an indispensable prophylactic intervention.",
		},
	}
	for _, r := range rep.Readability {
		w, ok := want[r.Tier.Key]
		if !ok {
			continue
		}
		if got := readability.Analyze(w.path); r.Stats != got {
			t.Errorf("%s reading path = %+v, want %+v (of %q)", r.Tier.Key, r.Stats, got, w.path)
		}
		if got := readability.Analyze(w.original); r.Original != got {
			t.Errorf("%s original wording = %+v, want %+v", r.Tier.Key, r.Original, got)
		}
	}

	// The plain tier's page: the original wording is a closed disclosure right
	// after its plain text, and so is the closing section's; the other tiers show
	// the closing section's original wording as ordinary text.
	fund := page(t, snap, "/articles/wash/fundamentals")
	fund.Find(".term-tip").Remove()
	if got := texts(fund.Find(".tier-body details.original:not([open]) > p")); !slices.Equal(got, []string{"Surfactant molecules emulsify lipid membranes, facilitating microorganism detachment."}) {
		t.Errorf("fundamentals disclosures hold %q", got)
	}
	if got := fund.Find(".tier-body details.original").Prev().Text(); got != "Germs are tiny. Soap lifts them off your skin." {
		t.Errorf("the disclosure follows %q, want the plain text it restates", got)
	}
	if got := texts(fund.Find(".closing > p")); !slices.Equal(got, []string{"Clean hands keep you well."}) {
		t.Errorf("fundamentals closing paragraphs = %q", got)
	}
	if got := texts(fund.Find(".closing details.original summary")); !slices.Equal(got, []string{"Original wording"}) {
		t.Errorf("fundamentals closing disclosure labels = %q", got)
	}
	inter := page(t, snap, "/articles/wash/intermediate")
	if got := texts(inter.Find(".closing > p")); !slices.Equal(got, []string{"Meticulous hand hygiene constitutes an indispensable prophylactic intervention."}) {
		t.Errorf("intermediate closing paragraphs = %q", got)
	}
	if n := inter.Find(".closing details").Length(); n != 0 {
		t.Errorf("intermediate closing has %d disclosures, want none", n)
	}
	// Glossary terms link in the plain text, before the original wording.
	if got := fund.Find(".tier-body a.term").First().Text(); got != "Germs" {
		t.Errorf("first glossary link on the plain page is %q, want Germs (in the plain text)", got)
	}
	// The tier navigation describes each tier by its reading path.
	labels := texts(fund.Find(".tier-nav .tier-time"))
	if len(labels) != 3 || !strings.HasSuffix(labels[0], ", plain language") || !strings.HasSuffix(labels[1], ", technical") {
		t.Errorf("tier labels = %q", labels)
	}
}

// TestExplain checks strata check -explain's list: each sentence above its target
// with its place in the source, worst first; and glossary plain definitions above
// grade 8.
func TestExplain(t *testing.T) {
	_, plain := buildPlain(t)
	if len(plain.Explain) != 0 {
		t.Errorf("without WithExplain: %v", plain.Explain)
	}
	_, rep := buildPlain(t, WithExplain())
	var got []string
	for _, d := range rep.Explain {
		got = append(got, d.String())
	}
	line := func(at, sentence string, target float64) string {
		return fmt.Sprintf("%s: warning: grade %.1f (target %g): %q", at, readability.Analyze(sentence).FleschKincaidGrade, target, sentence)
	}
	closing := "Meticulous hand hygiene constitutes an indispensable prophylactic intervention."
	inter := "Surfactants consequently disrupt the lipid membranes of numerous pathogenic organisms."
	if readability.Analyze(closing).FleschKincaidGrade <= readability.Analyze(inter).FleschKincaidGrade {
		t.Fatal("the fixture's closing sentence should be the hardest")
	}
	want := []string{
		// The glossary first: only the second definition is above grade 8.
		line("glossary/microorganism.md:4:1", "Microorganisms, comprising heterogeneous unicellular taxa, necessitate microscopic visualization.", 8),
		// Nothing of the fundamentals page's reading path is above its target
		// of 8. On the intermediate page (target 12), worst first: the closing
		// section's sentence, then the tier's second sentence.
		line("articles/wash/index.md:12:3", closing, 12),
		line("articles/wash/intermediate.md:1:73", inter, 12),
	}
	if !slices.Equal(got, want) {
		t.Errorf("explain:\n got: %q\nwant: %q", got, want)
	}
}
