package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/safehtml/uncheckedconversions"
	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
)

const fixture = "../testdata/small-site"

// copyFixture copies the small fixture site into a temporary folder that a test
// may change.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadDir loads and builds a content folder, returning every diagnostic.
func loadDir(dir string) (*Snapshot, []diag.Diagnostic) {
	_, snap, list := Load(os.DirFS(dir), "")
	return snap, list.Items()
}

// TestDiagnostics feeds the fixture site with one file broken per case and asserts
// the exact diagnostics, file and line first.
func TestDiagnostics(t *testing.T) {
	cases := []struct {
		name  string
		file  string // file to write (relative to the content folder)
		data  string // its new content; "" deletes it
		find  string // when set, data replaces this text in the file instead
		wants []string
	}{
		{
			name: "unknown front matter key with a typo",
			file: "articles/hand-washing/index.md", find: "reviewed: 2026", data: "reviwed: 2026",
			wants: []string{
				`articles/hand-washing/index.md:2:1: error: updated is required: the date of the last change (YYYY-MM-DD)`,
				`articles/hand-washing/index.md:4:1: error: unknown key "reviwed" (did you mean "reviewed"?)`,
				`articles/hand-washing/index.md:5:14: error: reviewed_by needs reviewed: the date of the clinical review`,
			},
		},
		{
			name: "bad date",
			file: "articles/hand-washing/index.md", find: "2026-01-15", data: "2026-13-45",
			wants: []string{`articles/hand-washing/index.md:4:11: error: reviewed: "2026-13-45" is not a date in the form YYYY-MM-DD`},
		},
		{
			name:  "missing tier file",
			file:  "articles/hand-washing/academic.md",
			wants: []string{`articles/hand-washing/academic.md: error: missing tier file: every article needs fundamentals.md, intermediate.md and academic.md`},
		},
		{
			name: "front matter never closed",
			file: "articles/hand-washing/fundamentals.md", find: "hands.\n---\n", data: "hands.\n",
			wants: []string{`articles/hand-washing/fundamentals.md:1:1: error: front matter opened with --- is never closed`},
		},
		{
			name: "unknown citation key",
			file: "articles/hand-washing/intermediate.md", find: "@jones2019;", data: "@jones2091;",
			wants: []string{`articles/hand-washing/intermediate.md:1:38: error: unknown citation key "jones2091": it is not an id in references.yaml`},
		},
		{
			name: "unknown key behind a prefix",
			file: "articles/hand-washing/intermediate.md", find: "[@jones2019;", data: "[see @doe99x, p. 4;",
			wants: []string{`articles/hand-washing/intermediate.md:1:42: error: unknown citation key "doe99x": it is not an id in references.yaml`},
		},
		{
			name: "unknown key in a citation across lines, and author-in-text",
			file: "articles/hand-washing/intermediate.md", find: "hand [@who2009, p. 12]", data: "hand [@who2009,\np. 12; @whoo2009] as @smith2002 says",
			wants: []string{
				`articles/hand-washing/intermediate.md:3:9: error: unknown citation key "whoo2009": it is not an id in references.yaml`,
				`articles/hand-washing/intermediate.md:3:23: error: unknown citation key "smith2002": it is not an id in references.yaml`,
			},
		},
		{
			name: "CSL variables from a Zotero export, a typo and a bad type",
			file: "articles/hand-washing/references.yaml", find: "  title: Never cited here\n",
			data: "  title: Never cited here\n  ISSN: 1234-5678\n  ISNB: x\n  type2: book\n  abstract: An abstract.\n  note: A note.\n  publisher-place: Geneva\n  citation-key: park2021\n  translator: Someone\n",
			wants: []string{
				`articles/hand-washing/references.yaml:41:3: error: unknown key "ISNB": it is not a CSL variable (did you mean "ISBN"?)`,
				`articles/hand-washing/references.yaml:42:3: error: unknown key "type2": it is not a CSL variable (did you mean "type"?)`,
				`articles/hand-washing/references.yaml:47:15: error: translator must be a list of names ({family: ..., given: ...} or {literal: ...})`,
			},
		},
		{
			name: "unknown explicit glossary term",
			file: "articles/hand-washing/intermediate.md", find: "glossary:hand-hygiene", data: "glossary:hand-hygeine",
			wants: []string{
				`articles/hand-washing/intermediate.md:11:5: error: unknown glossary term "hand-hygeine" in link (glossary:hand-hygeine): there is no glossary/hand-hygeine.md`,
				`glossary/hand-hygiene.md:2:7: warning: glossary term "Hand hygiene" is not used in any article`,
			},
		},
		{
			name: "image without alt text",
			file: "articles/hand-washing/fundamentals.md", find: "![Hands under a tap]", data: "![]",
			wants: []string{`articles/hand-washing/fundamentals.md:14:1: error: image "hands.svg" has no alt text: describe it in the brackets, ![description](hands.svg)`},
		},
		{
			name:  "figure file missing",
			file:  "articles/hand-washing/hands.svg",
			wants: []string{`articles/hand-washing/fundamentals.md:14:1: error: figure "hands.svg" is not a file in the article's folder`},
		},
		{
			name: "alias shared by two terms",
			file: "glossary/surfactant.md", find: "term: Surfactant\n", data: "term: Surfactant\naliases: [soap, Microbe]\n",
			wants: []string{`glossary/surfactant.md:3:17: error: "Microbe" is already a name or alias of glossary/germ.md`},
		},
		{
			name: "related term that does not exist",
			file: "glossary/hand-hygiene.md", find: "[germ,", data: "[germs,",
			wants: []string{`glossary/hand-hygiene.md:3:11: error: related term "germs" does not exist (did you mean "germ"?)`},
		},
		{
			name: "glossary entry without a definition",
			file: "glossary/surfactant.md", find: "A surfactant is", data: "## A surfactant is",
			wants: []string{`glossary/surfactant.md:5:1: error: the body must start with a paragraph: the plain-language definition`},
		},
		{
			name: "duplicate reference id and missing title",
			file: "articles/hand-washing/references.yaml", find: "- id: park2021\n  type: article-journal\n  author:\n    - {family: Park, given: F.}\n  title: Never cited here\n", data: "- id: lee2018\n  type: article-journal\n",
			wants: []string{
				`articles/hand-washing/references.yaml:35:3: error: duplicate reference id "lee2018"`,
				`articles/hand-washing/references.yaml:35:3: error: reference "lee2018" has no title`,
			},
		},
		{
			name: "invalid YAML",
			file: "glossary/germ.md", find: "aliases: [microbe]", data: "aliases: [microbe",
			// The YAML library places this error at the start of the document.
			wants: []string{
				`articles/hand-washing/academic.md:11:5: error: broken link: there is no page /glossary/germ`,
				`glossary/germ.md:2: error: invalid YAML: did not find expected ',' or ']'`,
			},
		},
		{
			name: "site settings: bad review interval",
			file: "site.yaml", find: "review_interval: 6 months", data: "review_interval: half a year",
			wants: []string{`site.yaml:5:18: error: review_interval "half a year" is not a number and a unit (days, weeks, months or years)`},
		},
		{
			name: "site settings: unknown tier",
			file: "site.yaml", find: "intermediate: {name: Deeper", data: "expert: {name: Deeper",
			wants: []string{`site.yaml:9:3: error: unknown tier "expert" (the tiers are fundamentals, intermediate and academic)`},
		},
		{
			name: "YAML alias bomb is not expanded",
			file: "glossary/germ.md", find: "aliases: [microbe]\ntechnical: A microorganism, especially one that causes disease.\nrelated: [hand-hygiene]",
			data: "related: [&a [lol,lol,lol,lol,lol,lol,lol,lol,lol], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], &g [*f,*f,*f,*f,*f,*f,*f,*f,*f], &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]]\n" +
				"aliases: [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
			wants: []string{`glossary/germ.md:3: error: cannot unmarshal !!seq into string`},
		},
		{
			name: "YAML nested too deep",
			file: "glossary/germ.md", find: "aliases: [microbe]",
			// On lines of 1,000 brackets: a longer line is refused before YAML is read.
			data: "aliases: " + strings.Repeat(strings.Repeat("[", 1000)+"\n  ", 20) + strings.Repeat(strings.Repeat("]", 1000)+"\n  ", 20),
			wants: []string{
				`articles/hand-washing/academic.md:11:5: error: broken link: there is no page /glossary/germ`,
				`glossary/germ.md:13: error: invalid YAML: exceeded max depth of 10000`,
			},
		},
		{
			name: "broken links to a page and an anchor",
			file: "articles/hand-washing/academic.md", find: "(fundamentals#when-should-i-wash) and the entry\nfor [germs](/glossary/germ)",
			data: "(fundamentals#when-to-wash) and the entry\nfor [germs](/glossary/germs)",
			wants: []string{
				`articles/hand-washing/academic.md:10:21: error: broken link: /articles/hand-washing/fundamentals has no anchor #when-to-wash`,
				`articles/hand-washing/academic.md:11:5: error: broken link: there is no page /glossary/germs`,
			},
		},
		{
			name: "tier above its reading-grade target",
			file: "site.yaml", find: "max_grade: 11", data: "max_grade: 2",
			wants: []string{`articles/hand-washing/intermediate.md:1:1: warning: reading grade 4.3 (Flesch-Kincaid) of the Deeper page's reading path is above its target of 2`},
		},
		{
			name: "unused glossary term",
			file: "glossary/unused.md", data: "---\nterm: Quokka\n---\nA small animal.\n",
			wants: []string{`glossary/unused.md:2:7: warning: glossary term "Quokka" is not used in any article`},
		},
		{
			name: "article folder that is not a slug",
			file: "articles/Bad_Slug/index.md", data: "---\ntitle: x\n---\n",
			wants: []string{`articles/Bad_Slug: error: article folder name "Bad_Slug" is not a slug (lower case letters, digits and hyphens)`},
		},
	}
	_, base := loadDir(fixture)
	var baseline []string // the fixture's own warnings, left out of every case
	for _, d := range base {
		baseline = append(baseline, d.String())
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixture(t)
			path := filepath.Join(dir, c.file)
			switch {
			case c.find != "":
				old, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(old, []byte(c.find)) {
					t.Fatalf("%s does not contain %q", c.file, c.find)
				}
				if err := os.WriteFile(path, bytes.Replace(old, []byte(c.find), []byte(c.data), 1), 0o644); err != nil {
					t.Fatal(err)
				}
			case c.data == "":
				if err := os.Remove(path); err != nil {
					t.Fatal(err)
				}
			default:
				_ = os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, diags := loadDir(dir)
			var got []string
			for _, d := range diags {
				if !slices.Contains(baseline, d.String()) {
					got = append(got, d.String())
				}
			}
			if !slices.Equal(got, c.wants) {
				t.Errorf("diagnostics:\n got: %q\nwant: %q", got, c.wants)
			}
		})
	}
}

// TestFixtureDiagnostics checks that the fixture and the embedded content load
// without errors, and warn only of the sources they list without citing.
func TestFixtureDiagnostics(t *testing.T) {
	_, diags := loadDir(fixture)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{`articles/hand-washing/references.yaml:35:3: warning: reference "park2021" is never cited; it is listed under "Also listed, not cited in the text"`}
	if !slices.Equal(got, want) {
		t.Errorf("fixture diagnostics:\n got: %q\nwant: %q", got, want)
	}
	s, list := site.Load(content.FS)
	_, built := Build(s, content.FS)
	for _, d := range append(list.Items(), built.Items()...) {
		// The seed lists sources it does not cite, its own text is denser than the
		// tiers' reading-grade targets, and nobody has reviewed it.
		if d.Severity == diag.Error || !strings.Contains(d.Message, "is never cited") && !strings.Contains(d.Message, "reading grade") &&
			!strings.Contains(d.Message, "not yet clinically reviewed") {
			t.Errorf("embedded content: unexpected diagnostic %v", d)
		}
	}
}

// page parses the HTML of one snapshot path.
func page(t *testing.T, snap *Snapshot, path string) *goquery.Document {
	t.Helper()
	res, ok := snap.Lookup(path)
	if !ok {
		t.Fatalf("no page at %s", path)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(res.Body.Data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func texts(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.Join(strings.Fields(s.Text()), " ")) })
	return out
}

func attrs(sel *goquery.Selection, name string) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { v, _ := s.Attr(name); out = append(out, v) })
	return out
}

// TestCitationNumbering checks that references are numbered by first citation in
// reading order across the whole article, that a tier page lists only what it
// cites under the same numbers, and that uncited sources are further reading.
func TestCitationNumbering(t *testing.T) {
	snap, _ := loadDir(fixture)
	full := page(t, snap, "/articles/hand-washing")
	if got, want := attrs(full.Find("ol.reference-list > li"), "value"), []string{"1", "2", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("full article reference numbers = %v, want %v", got, want)
	}
	if got := texts(full.Find("ol.reference-list > li .reference")); !strings.HasPrefix(got[0], "Smith AB, Brown C. Soap and germs. Journal of Hygiene. 2020;12(3):45-67. doi:10.1000/jh.2020.1") {
		t.Errorf("reference 1 = %q", got[0])
	}
	if got := texts(full.Find("ul.further-reading li")); len(got) != 1 || !strings.Contains(got[0], "Never cited here") {
		t.Errorf("further reading = %q", got)
	}
	// Reference 1 is cited in fundamentals, intermediate, academic and the closing.
	if got := full.Find("#ref-1 .backlinks a").Length(); got != 4 {
		t.Errorf("reference 1 has %d back-links, want 4", got)
	}
	full.Find("#ref-1 .backlinks a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if full.Find(href).Length() != 1 {
			t.Errorf("back-link %s has no single target", href)
		}
	})
	inter := page(t, snap, "/articles/hand-washing/intermediate")
	if got, want := attrs(inter.Find("ol.reference-list > li"), "value"), []string{"1", "2", "3"}; !slices.Equal(got, want) {
		t.Errorf("intermediate reference numbers = %v, want %v", got, want)
	}
	if got, want := texts(inter.Find(".tier-body sup.cite")), []string{"1,2", "3(p12)"}; !slices.Equal(got, want) {
		t.Errorf("intermediate citations = %q, want %q", got, want)
	}
	academic := page(t, snap, "/articles/hand-washing/academic")
	if got, want := texts(academic.Find(".tier-body sup.cite")), []string{"1‑4"}; !slices.Equal(got, want) {
		t.Errorf("academic citations = %q, want %q (a collapsed range)", got, want)
	}
}

// TestArticlePages checks the structure of the whole-article and tier pages.
func TestArticlePages(t *testing.T) {
	snap, _ := loadDir(fixture)
	full := page(t, snap, "/articles/hand-washing")
	if got := texts(full.Find("main h1")); !slices.Equal(got, []string{"Washing your hands"}) {
		t.Errorf("h1 = %q", got)
	}
	if got, want := attrs(full.Find("section.tier"), "id"), []string{"fundamentals", "intermediate", "academic"}; !slices.Equal(got, want) {
		t.Errorf("tier sections = %v, want %v", got, want)
	}
	// Tier headings are h3 inside the tier's h2 section.
	if got := texts(full.Find("section#fundamentals h3")); !slices.Equal(got, []string{"When should I wash?"}) {
		t.Errorf("fundamentals h3 = %q", got)
	}
	if got := texts(full.Find(".tier-nav .tier-time")); len(got) != 3 || !strings.HasPrefix(got[0], "about 1 min, ") {
		t.Errorf("reading times = %q", got)
	}
	if got := texts(full.Find(".tier-nav .tier-name")); !slices.Equal(got, []string{"Fundamentals", "Deeper", "Academic"}) {
		t.Errorf("tier names = %q (site.yaml renames intermediate)", got)
	}
	if full.Find(`.tier-all a[aria-current="page"]`).Length() != 1 {
		t.Error("the whole-article link is not marked current")
	}
	if got := texts(full.Find(".review time")); !slices.Equal(got, []string{"15 January 2026", "15 July 2026"}) {
		t.Errorf("review dates = %q (next review is reviewed + 6 months)", got)
	}

	fund := page(t, snap, "/articles/hand-washing/fundamentals")
	if got := attrs(fund.Find(`.tier-nav a[aria-current="page"]`), "href"); !slices.Equal(got, []string{"/articles/hand-washing/fundamentals"}) {
		t.Errorf("current tier = %v", got)
	}
	if got := attrs(fund.Find(".go-deeper a"), "href"); !slices.Equal(got, []string{"/articles/hand-washing/intermediate"}) {
		t.Errorf("go deeper = %v", got)
	}
	if got := texts(fund.Find(".tier-body h2")); !slices.Equal(got, []string{"When should I wash?"}) {
		t.Errorf("tier headings = %q", got)
	}
	if got := texts(fund.Find(".callout .callout-title")); !slices.Equal(got, []string{"Key takeaway"}) {
		t.Errorf("callout = %q", got)
	}
	if got := attrs(fund.Find("figure img"), "src"); !slices.Equal(got, []string{"/articles/hand-washing/hands.svg"}) {
		t.Errorf("figure src = %v", got)
	}
	if _, ok := snap.Lookup("/articles/hand-washing/hands.svg"); !ok {
		t.Error("the figure file is not served")
	}
	if got := texts(fund.Find(".closing h2")); !slices.Equal(got, []string{"Reflection"}) {
		t.Errorf("closing = %q", got)
	}
	if got := texts(fund.Find(".page-terms dt")); !slices.Equal(got, []string{"Germ"}) {
		t.Errorf("terms on this page = %q", got)
	}
	if fund.Find(".go-deeper").Length() != 1 || page(t, snap, "/articles/hand-washing/academic").Find(".go-deeper").Length() != 0 {
		t.Error("only tiers with a deeper tier offer to go deeper")
	}

	inter := page(t, snap, "/articles/hand-washing/intermediate")
	if got := texts(inter.Find("table caption")); !slices.Equal(got, []string{"Methods compared"}) {
		t.Errorf("table caption = %q", got)
	}
	if got := attrs(inter.Find("a.term"), "href"); !slices.Equal(got, []string{"/glossary/germ", "/glossary/alcohol-based-hand-rub", "/glossary/hand-hygiene"}) {
		t.Errorf("glossary links = %v", got)
	}
	academic := page(t, snap, "/articles/hand-washing/academic")
	if academic.Find("pre.chroma .k, pre.chroma .kd").Length() == 0 {
		t.Error("code is not highlighted with chroma classes")
	}
	if got := texts(academic.Find(".term-tip")); !slices.Equal(got, []string{"An amphiphilic compound that lowers surface tension."}) {
		t.Errorf("academic pop-ups = %q, want the technical definition", got)
	}
}

// TestGlossaryPages checks the index, an entry and alias redirects.
func TestGlossaryPages(t *testing.T) {
	snap, _ := loadDir(fixture)
	idx := page(t, snap, "/glossary")
	if got := texts(idx.Find(".letters a")); !slices.Equal(got, []string{"A", "G", "H", "S"}) {
		t.Errorf("letters = %q", got)
	}
	if got := texts(idx.Find("#letter-g dt")); !slices.Equal(got, []string{"Germ"}) {
		t.Errorf("G entries = %q", got)
	}
	germ := page(t, snap, "/glossary/germ")
	if got := texts(germ.Find("#definition .definition")); !slices.Equal(got, []string{"A germ is a tiny living thing that can make you sick."}) {
		t.Errorf("plain definition = %q", got)
	}
	if got := texts(germ.Find("#technical .definition")); !slices.Equal(got, []string{"A microorganism, especially one that causes disease."}) {
		t.Errorf("technical definition = %q", got)
	}
	if got := texts(germ.Find(".alias")); !slices.Equal(got, []string{"microbe"}) {
		t.Errorf("aliases = %q", got)
	}
	if got := attrs(germ.Find("#related a"), "href"); !slices.Equal(got, []string{"/glossary/hand-hygiene"}) {
		t.Errorf("related = %v", got)
	}
	if got := attrs(germ.Find("#used-in a"), "href"); !slices.Equal(got, []string{
		"/articles/hand-washing/fundamentals#term-germ", "/articles/hand-washing/intermediate#term-germ"}) {
		t.Errorf("used in = %v", got)
	}
	// The entry's own page does not link "germ" in its further paragraphs.
	if germ.Find(`#definition a.term[href="/glossary/germ"]`).Length() != 0 {
		t.Error("the term page links itself")
	}
	if germ.Find(`#definition a.term[href="/glossary/hand-hygiene"]`).Length() != 1 {
		t.Error("the term page does not link other terms")
	}
	if got := attrs(germ.Find(".permalink-url"), "href"); !slices.Equal(got, []string{"https://test.example/glossary/germ"}) {
		t.Errorf("permalink = %v", got)
	}
	for from, to := range map[string]string{"/glossary/microbe": "/glossary/germ", "/glossary/abhr": "/glossary/alcohol-based-hand-rub", "/glossary/hand-rub": "/glossary/alcohol-based-hand-rub"} {
		if got, ok := snap.Redirect(from); !ok || got != to {
			t.Errorf("redirect %s = %q, %v; want %s", from, got, ok, to)
		}
	}
}

// TestSeedArticle checks that the seed's text, both tables, all ten references and
// every required glossary slug are reachable.
func TestSeedArticle(t *testing.T) {
	s, list := site.Load(content.FS)
	snap, built := Build(s, content.FS)
	if list.HasErrors() || built.HasErrors() {
		t.Fatal(list.Items(), built.Items())
	}
	const slug = "/articles/bone-preservation-aromatase-inhibition"
	full := page(t, snap, slug)
	if got := texts(full.Find("table caption")); !slices.Equal(got, []string{"Pharmacological Agents for Bone Preservation", "Bone Turnover Markers and Their Significance"}) {
		t.Errorf("table captions = %q", got)
	}
	// The source's ten, and one the editors verified for an editor's note.
	if n := full.Find(".references li").Length(); n != 11 {
		t.Errorf("%d references on the full article, want 11", n)
	}
	full.Find(".term-tip").Remove() // pop-up definitions sit inside the text
	body := full.Text()
	for _, phrase := range []string{
		"Bone, far from a static scaffold, represents a dynamic, living tissue undergoing constant renewal.",
		"Denosumab represents another powerful pharmacological intervention.",
		"Emerging evidence highlights the profound influence of the gut microbiome on skeletal health",
		"This exploration of pharmacological and lifestyle strategies for bone preservation",
	} {
		if !strings.Contains(strings.Join(strings.Fields(body), " "), phrase) {
			t.Errorf("the article lacks %q", phrase)
		}
	}
	for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
		page(t, snap, slug+"/"+tier)
	}
	for _, slug := range []string{"aromatase-inhibition", "aromatase-inhibitor", "bone-remodeling", "bone-resorption", "bone-formation",
		"bone-mineral-density", "estrogen-deprivation", "bisphosphonate", "osteoblast", "osteoclast", "bone-loss", "denosumab",
		"weight-bearing-exercise", "sclerostin", "wnt-signaling", "bone-turnover-markers", "gut-microbiome",
		"rankl", "osteocyte", "ctx", "ntx", "pinp", "zoledronic-acid"} {
		page(t, snap, "/glossary/"+slug)
	}
}

// TestDeterministic checks that two builds of the same content are identical byte
// for byte, so ETags agree across replicas and restarts.
func TestDeterministic(t *testing.T) {
	a, _ := loadDir(fixture)
	b, _ := loadDir(fixture)
	if a.Version() != b.Version() {
		t.Fatalf("versions differ: %s vs %s", a.Version(), b.Version())
	}
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Fatal("paths differ")
	}
	for _, p := range a.Paths() {
		ra, _ := a.Lookup(p)
		rb, _ := b.Lookup(p)
		if !bytes.Equal(ra.Body.Data, rb.Body.Data) || ra.Body.ETag != rb.Body.ETag ||
			(ra.Gzip != nil && !bytes.Equal(ra.Gzip.Data, rb.Gzip.Data)) || (ra.Brotli != nil && !bytes.Equal(ra.Brotli.Data, rb.Brotli.Data)) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestFeeds checks robots.txt, the sitemap and the Atom feed.
func TestFeeds(t *testing.T) {
	snap, _ := loadDir(fixture)
	robots, _ := snap.Lookup("/robots.txt")
	if !strings.Contains(string(robots.Body.Data), "Sitemap: https://test.example/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots.Body.Data)
	}
	sm, _ := snap.Lookup("/sitemap.xml")
	for _, want := range []string{"<loc>https://test.example/articles/hand-washing/academic</loc>", "<lastmod>2026-01-15</lastmod>", "<loc>https://test.example/glossary/germ</loc>"} {
		if !strings.Contains(string(sm.Body.Data), want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if strings.Contains(string(sm.Body.Data), ".css") {
		t.Error("sitemap lists assets")
	}
	feed, _ := snap.Lookup("/feed.xml")
	for _, want := range []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, "<title>Washing your hands</title>", "<updated>2026-01-15T00:00:00Z</updated>"} {
		if !strings.Contains(string(feed.Body.Data), want) {
			t.Errorf("feed lacks %s", want)
		}
	}
}

// TestMachineReadable checks the JSON-LD, citation_* tags, reference exports and
// the glossary JSON API.
func TestMachineReadable(t *testing.T) {
	snap, _ := loadDir(fixture)
	ldOf := func(doc *goquery.Document) map[string]any {
		var v map[string]any
		raw := doc.Find(`script[type="application/ld+json"]`).Text()
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, raw)
		}
		return v
	}
	fund := page(t, snap, "/articles/hand-washing/fundamentals")
	ld := ldOf(fund)
	if ld["@type"] != "MedicalWebPage" || ld["lastReviewed"] != "2026-01-15" || ld["url"] != "https://test.example/articles/hand-washing/fundamentals" {
		t.Errorf("article JSON-LD = %v", ld)
	}
	if rb := fmt.Sprint(ld["reviewedBy"]); rb != "[map[@type:Person honorificSuffix:RN name:A. Tester]]" {
		t.Errorf("reviewedBy = %v", rb)
	}
	if aud := fmt.Sprint(ld["audience"]); !strings.Contains(aud, "Patient") || strings.Contains(aud, "Clinician") {
		t.Errorf("fundamentals audience = %v", aud)
	}
	if aud := fmt.Sprint(ldOf(page(t, snap, "/articles/hand-washing/academic"))["audience"]); !strings.Contains(aud, "Clinician") || !strings.Contains(aud, "MedicalResearcher") {
		t.Errorf("academic audience = %v", aud)
	}
	if cites, _ := ld["citation"].([]any); len(cites) != 5 {
		t.Errorf("JSON-LD citations = %d, want 5", len(cites))
	}
	if got := attrs(fund.Find(`meta[name="citation_reference"]`), "content"); len(got) != 5 || !strings.Contains(got[0], "citation_doi=10.1000/jh.2020.1") {
		t.Errorf("citation_reference = %q", got)
	}
	// Each tier is its own citable page: its title, URL, image and record.
	if got := attrs(fund.Find(`meta[property="og:title"]`), "content"); !slices.Equal(got, []string{"Washing your hands (Fundamentals)"}) {
		t.Errorf("og:title = %q", got)
	}
	if got := attrs(fund.Find(`meta[name="citation_title"]`), "content"); !slices.Equal(got, []string{"Washing your hands (Fundamentals)"}) {
		t.Errorf("citation_title = %q", got)
	}
	if got := attrs(page(t, snap, "/articles/hand-washing").Find(`meta[name="citation_title"]`), "content"); !slices.Equal(got, []string{"Washing your hands"}) {
		t.Errorf("whole article citation_title = %q", got)
	}
	if got := attrs(fund.Find(`meta[name="citation_author"]`), "content"); len(got) != 0 {
		t.Errorf("citation_author = %q: the article records no author", got)
	}
	img := attrs(fund.Find(`meta[property="og:image"]`), "content")
	if len(img) != 1 || !strings.HasPrefix(img[0], "https://test.example/static/og-image.") {
		t.Fatalf("og:image = %q", img)
	}
	if res, ok := snap.Lookup(strings.TrimPrefix(img[0], "https://test.example")); !ok || res.ContentType != "image/png" {
		t.Errorf("og:image %s is not served as a PNG", img[0])
	} else if cfg, err := png.DecodeConfig(bytes.NewReader(res.Body.Data)); err != nil || cfg.Width != 1200 || cfg.Height != 630 {
		t.Errorf("og:image: %v, %dx%d, want 1200x630", err, cfg.Width, cfg.Height)
	}
	want := "Washing your hands (Fundamentals). Test Library. Updated January 15, 2026. Accessed [date you read this page]. https://test.example/articles/hand-washing/fundamentals"
	if got := texts(fund.Find(".article-citation")); len(got) != 1 || got[0] != want {
		t.Errorf("cite this page = %q\nwant %q", got, want)
	}
	for _, ext := range []string{".bib", ".ris", ".json"} {
		res, ok := snap.Lookup("/articles/hand-washing/citation-fundamentals" + ext)
		if !ok || !bytes.Contains(res.Body.Data, []byte("https://test.example/articles/hand-washing/fundamentals")) ||
			!bytes.Contains(res.Body.Data, []byte("Washing your hands (Fundamentals)")) {
			t.Errorf("the fundamentals record %s is missing or not the tier's", ext)
		}
		if res, ok := snap.Lookup("/articles/hand-washing/citation" + ext); !ok || bytes.Contains(res.Body.Data, []byte("(Fundamentals)")) {
			t.Errorf("the whole article's record %s is missing or a tier's", ext)
		}
	}
	for _, ext := range []string{".bib", ".ris", ".json"} {
		res, ok := snap.Lookup("/articles/hand-washing/references" + ext)
		if !ok || !bytes.Contains(res.Body.Data, []byte("smith2020")) && ext != ".ris" || len(res.Body.Data) == 0 {
			t.Errorf("export %s missing or empty", ext)
		}
	}
	if got := attrs(fund.Find(".cite-this a[download]"), "href"); !slices.Equal(got, []string{
		"/articles/hand-washing/citation-fundamentals.bib", "/articles/hand-washing/citation-fundamentals.ris", "/articles/hand-washing/citation-fundamentals.json",
		"/articles/hand-washing/references.bib", "/articles/hand-washing/references.ris", "/articles/hand-washing/references.json"}) {
		t.Errorf("downloads = %v", got)
	}

	gl := ldOf(page(t, snap, "/glossary"))
	if gl["@type"] != "DefinedTermSet" || len(gl["hasDefinedTerm"].([]any)) != 4 {
		t.Errorf("glossary JSON-LD = %v", gl)
	}
	term := ldOf(page(t, snap, "/glossary/germ"))
	if term["@type"] != "DefinedTerm" || term["name"] != "Germ" || term["url"] != "https://test.example/glossary/germ" {
		t.Errorf("term JSON-LD = %v", term)
	}

	res, _ := snap.Lookup("/glossary.json")
	var all []TermJSON
	if err := json.Unmarshal(res.Body.Data, &all); err != nil || len(all) != 4 {
		t.Fatalf("glossary.json: %v, %d terms", err, len(all))
	}
	for _, e := range all {
		if e.Slug == "germ" && len(e.UsedIn) != 2 {
			t.Errorf("glossary.json: germ is used in %d tiers, want 2", len(e.UsedIn))
		}
	}
	res, _ = snap.Lookup("/glossary/germ.json")
	var one TermJSON
	if err := json.Unmarshal(res.Body.Data, &one); err != nil {
		t.Fatal(err)
	}
	if one.Term != "Germ" || one.Definition != "A germ is a tiny living thing that can make you sick." || !slices.Equal(one.Aliases, []string{"microbe"}) ||
		len(one.UsedIn) != 2 || one.UsedIn[0].URL != "https://test.example/articles/hand-washing/fundamentals#term-germ" {
		t.Errorf("germ.json = %+v", one)
	}
}

// TestPlainText checks that tags are dropped and every character reference is
// decoded, named or numeric, as goldmark's typographer writes them.
func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		`<em>Bone</em> &amp; joint`:                  "Bone & joint",
		`it&rsquo;s &ldquo;thin&rdquo; &hellip;`:     "it’s “thin” …",
		`<a href="/glossary/x">&#8220;x&#x201D;</a>`: "“x”",
		`a &lt;b&gt; c`:                              "a <b> c",
	} {
		if got := plainText(uncheckedconversions.HTMLFromStringKnownToSatisfyTypeContract(in)); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSearchIndex indexes the seed content from the text its pages show: a term
// by its alias, tiers by their words, a match under a heading linked to that
// heading's id on the page, spelling suggestions; the closing text shared by
// every tier is left out.
func TestSearchIndex(t *testing.T) {
	s, list := site.Load(content.FS)
	if list.HasErrors() {
		t.Fatalf("seed content does not load: %v", list.Err())
	}
	snap, built := Build(s, content.FS, WithoutCompression(), WithoutSearch())
	if built.HasErrors() {
		t.Fatal(built.Err())
	}
	if snap.Dynamic.Search != nil {
		t.Fatal("a build WithoutSearch has an index")
	}
	ix, err := SearchIndex(snap)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, want := ix.Len(), len(s.Terms)+3*len(s.Articles); n != want {
		t.Errorf("%d documents, want %d", n, want)
	}
	r, err := ix.Search(t.Context(), "BMD", search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Terms) == 0 || r.Terms[0].ID != "term:bone-mineral-density" || r.Terms[0].URL != "/glossary/bone-mineral-density" {
		t.Errorf("BMD: terms %+v", r.Terms)
	}
	if len(r.Tiers) == 0 || !strings.HasPrefix(r.Tiers[0].URL, "/articles/") {
		t.Errorf("BMD: tiers %+v", r.Tiers)
	}
	r, err = ix.Search(t.Context(), "gut microbiome skeletal", search.Options{Tier: "academic"})
	if err != nil || len(r.Tiers) == 0 {
		t.Fatalf("%v %+v", err, r)
	}
	hit := r.Tiers[0]
	tierPage := page(t, snap, strings.Split(hit.URL, "#")[0])
	anchor := strings.TrimPrefix(hit.URL[strings.Index(hit.URL, "#"):], "#")
	if !strings.Contains(hit.URL, "#") || tierPage.Find("h2#"+anchor).Length() != 1 {
		t.Errorf("a hit under a heading links to %q, not to an h2 of its page", hit.URL)
	}
	if got := ix.Suggest("osteoclats"); len(got) == 0 || got[0] != "Osteoclast" {
		t.Errorf("Suggest: %v", got)
	}
	// The Reflection closes every tier page but is no tier's own text.
	r, err = ix.Search(t.Context(), "symphony", search.Options{})
	if err != nil || len(r.Tiers) != 0 {
		t.Errorf("the closing text is indexed: %v %+v", err, r.Tiers)
	}
	if !strings.Contains(tierPage.Text(), "symphony") {
		t.Error("the check above needs a word of the closing text: 'symphony' is not on the page")
	}
	if again := snap.WithSearch(ix); again.Dynamic.docs != nil {
		t.Error("the snapshot with its index still holds the documents")
	}
}

// A Zotero-style CSL-YAML list of every common type (internal/cite/testdata/ama)
// loads into a site with no error, and the article cites it in each Pandoc form:
// its AMA entries and citations are on the page.
func TestZoteroReferences(t *testing.T) {
	dir := copyFixture(t)
	zotero, err := os.ReadFile("../cite/testdata/ama/references.yaml")
	if err != nil {
		t.Fatal(err)
	}
	refs := filepath.Join(dir, "articles/hand-washing/references.yaml")
	old, err := os.ReadFile(refs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(refs, append(append(old, '\n'), zotero...), 0o644); err != nil {
		t.Fatal(err)
	}
	tier := filepath.Join(dir, "articles/hand-washing/academic.md")
	body, err := os.ReadFile(tier)
	if err != nil {
		t.Fatal(err)
	}
	body = append(body, []byte("\nAs @black2016 [p. 103] shows, and [see @doe2019, pp. 45-50; @vanderpoll2020; -@brown2018,\nchap. 2; @green2017; @who2022;\n@site2023; @anon-page; @grey2015; @smith2021, fig. 1] too.\n")...)
	if err := os.WriteFile(tier, body, 0o644); err != nil {
		t.Fatal(err)
	}
	snap, diags := loadDir(dir)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("%s", d)
		}
	}
	p := page(t, snap, "/articles/hand-washing/academic")
	entries := texts(p.Find(".reference-list .reference"))
	for _, want := range []string{
		"Black B. Osteoclasts in fiction. In: Grey G, Stone S, eds. Handbook of Imaginary Bone. 2nd ed. Studies in Imaginary Science. Example Academic; 2016:101-120.",
		"van der Poll T, Smith JA Jr, Lee MJ, et al. Particles, suffixes and seven authors. Imag Med Q. 2020;8(2):e1-e9.",
		"Example Bone Society. What bone density scores mean. Example Bone Society. Published February 10, 2023. Accessed March 5, 2024. https://example.org/bone/scores",
	} {
		if !slices.Contains(entries, want) {
			t.Errorf("no reference %q among\n%q", want, entries)
		}
	}
	if got := texts(p.Find(".tier-body p:last-of-type")); len(got) == 0 || !strings.HasPrefix(got[len(got)-1], "As Black") || !strings.Contains(got[len(got)-1], "see") {
		t.Errorf("the citing paragraph reads %q", got)
	}
}

// TestReaderPages checks what a reader meets first and last: the home page's
// article link leads to the first tier, a tier page carries a QR code of its own
// address for paper and a print button for the script to show, and the
// code-highlighting stylesheet is linked only from pages with highlighted code.
func TestReaderPages(t *testing.T) {
	snap, _ := loadDir(fixture)
	home := page(t, snap, "/")
	if got := attrs(home.Find(".article-card h3 a"), "href"); !slices.Equal(got, []string{"/articles/hand-washing/fundamentals"}) {
		t.Errorf("home article links = %v, want the Fundamentals tier", got)
	}
	fund := page(t, snap, "/articles/hand-washing/fundamentals")
	svg := fund.Find(".print-qr svg[role=img]")
	if svg.Length() != 1 || !strings.Contains(attrs(svg, "aria-label")[0], "https://test.example/articles/hand-washing/fundamentals") {
		t.Errorf("QR code: %d svg, labels %v", svg.Length(), attrs(svg, "aria-label"))
	}
	if got := texts(fund.Find(".print-qr .print-url")); !slices.Equal(got, []string{"https://test.example/articles/hand-washing/fundamentals"}) {
		t.Errorf("address under the QR code = %q", got)
	}
	if b := fund.Find("button.print-page[hidden]"); b.Length() != 1 {
		t.Error("no hidden Print this page button for the script to show")
	}
	if full := page(t, snap, "/articles/hand-washing"); full.Find(".print-qr, button.print-page").Length() != 0 {
		t.Error("the whole article has a QR code or print button; they are for one tier's handout")
	}
	code := map[string]bool{}
	for _, p := range []string{"/", "/glossary", "/articles/hand-washing", "/articles/hand-washing/fundamentals", "/articles/hand-washing/academic"} {
		sheets := attrs(page(t, snap, p).Find(`link[rel=stylesheet]`), "href")
		for _, s := range sheets {
			if strings.Contains(s, "/code.") {
				code[p] = true
				if r, ok := snap.Lookup(s); !ok || !strings.Contains(string(r.Body.Data), ".chroma") {
					t.Errorf("%s links %s, which is not the code stylesheet", p, s)
				}
			} else if r, ok := snap.Lookup(s); ok && strings.Contains(string(r.Body.Data), ".chroma") {
				t.Errorf("%s: the site stylesheet %s holds the code styles", p, s)
			}
		}
	}
	if want := map[string]bool{"/articles/hand-washing": true, "/articles/hand-washing/academic": true}; !maps.Equal(code, want) {
		t.Errorf("pages linking the code stylesheet: %v, want %v", code, want)
	}
}
