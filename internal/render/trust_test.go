package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/site"
)

// Tests of what pages say about review, authorship, provenance and references:
// nothing the content does not record.

// editFixture copies the fixture and replaces find with data in each file given
// as file, find, data triples.
func editFixture(t *testing.T, edits ...string) string {
	t.Helper()
	dir := copyFixture(t)
	for i := 0; i+2 < len(edits); i += 3 {
		path := filepath.Join(dir, edits[i])
		old, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(old, []byte(edits[i+1])) {
			t.Fatalf("%s does not contain %q", edits[i], edits[i+1])
		}
		if err := os.WriteFile(path, bytes.Replace(old, []byte(edits[i+1]), []byte(edits[i+2]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func jsonLD(t *testing.T, doc *goquery.Document) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(doc.Find(`script[type="application/ld+json"]`).Text()), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func oneText(sel *goquery.Selection) string { return strings.Join(texts(sel), " | ") }

const index = "articles/hand-washing/index.md"

// TestReviewedArticle: a review with a named, credentialed reviewer is shown as a
// review, with its next review date, in the page and the JSON-LD.
func TestReviewedArticle(t *testing.T) {
	snap, _ := loadDir(fixture)
	for _, url := range []string{"/articles/hand-washing", "/articles/hand-washing/fundamentals"} {
		doc := page(t, snap, url)
		if got := oneText(doc.Find("header .provenance .review")); got != "Last reviewed 15 January 2026 by A. Tester, RN · Next review due 15 July 2026" /* site.yaml: review_interval 6 months */ {
			t.Errorf("%s: review line = %q", url, got)
		}
		if n := doc.Find(".review-status").Length(); n != 0 {
			t.Errorf("%s: a reviewed article says it is not reviewed", url)
		}
		ld := jsonLD(t, doc)
		if ld["lastReviewed"] != "2026-01-15" || ld["dateModified"] != "2026-01-15" {
			t.Errorf("%s: JSON-LD dates = %v, %v", url, ld["lastReviewed"], ld["dateModified"])
		}
		if _, ok := ld["author"]; ok {
			t.Errorf("%s: JSON-LD names an author the content does not record: %v", url, ld["author"])
		}
		// No author is recorded: no citation_author, and the site is only the publisher.
		if got := doc.Find(`meta[name="citation_author"]`).Length(); got != 0 {
			t.Errorf("%s: %d citation_author tags, want none", url, got)
		}
		if got := oneText(doc.Find(".byline")); got != "No author is named. Published by Test Library." {
			t.Errorf("%s: byline = %q", url, got)
		}
		if doc.Find(".adapted-from").Length() != 0 {
			t.Errorf("%s: says adapted with no source recorded", url)
		}
	}
}

// TestUnreviewedArticle: without a reviewer, the page gives the last update and a
// plain "Not yet clinically reviewed", and nothing claims a review.
func TestUnreviewedArticle(t *testing.T) {
	cases := []struct {
		name, find, data string
		warning          string
		updated          string
	}{
		{"updated only", "reviewed: 2026-01-15\nreviewed_by: A. Tester, RN\n", "updated: 2026-01-20\n",
			`articles/hand-washing/index.md:4:10: warning: not yet clinically reviewed: no reviewed date and reviewed_by (name and credentials)`, "20 January 2026"},
		{"a review date without a reviewer (CONTENT.md's minimal form)", "reviewed_by: A. Tester, RN\n", "",
			`articles/hand-washing/index.md:4:11: warning: not yet clinically reviewed: reviewed has no reviewed_by (name and credentials); the page says "Last updated"`, "15 January 2026"},
		{"a reviewer without credentials", "reviewed_by: A. Tester, RN\n", "reviewed_by: A. Tester\n",
			`articles/hand-washing/index.md:5:14: warning: not yet clinically reviewed: every reviewer needs a name and credentials ("Name, credentials"); the page says "Last updated"`, "15 January 2026"},
		{"next_review without a review", "reviewed: 2026-01-15\nreviewed_by: A. Tester, RN\n", "updated: 2026-01-20\nnext_review: 2027-01-01\n",
			`articles/hand-washing/index.md:4:10: warning: not yet clinically reviewed: no reviewed date and reviewed_by (name and credentials)` + "\n" +
				`articles/hand-washing/index.md:5:14: warning: next_review is left out: it follows a clinical review, and none is recorded`, "20 January 2026"},
	}
	_, base := loadDir(fixture)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			snap, diags := loadDir(editFixture(t, index, c.find, c.data))
			var got []string
			for _, d := range diags {
				if !slices.Contains(base, d) {
					got = append(got, d.String())
				}
			}
			if strings.Join(got, "\n") != c.warning {
				t.Errorf("diagnostics:\n got: %q\nwant: %q", got, c.warning)
			}
			doc := page(t, snap, "/articles/hand-washing/academic")
			if got := oneText(doc.Find("header .review")); got != "Last updated "+c.updated+" · Not yet clinically reviewed" {
				t.Errorf("review line = %q", got)
			}
			if got := oneText(doc.Find("header .review .review-status")); got != "Not yet clinically reviewed" {
				t.Errorf("status = %q", got)
			}
			if strings.Contains(doc.Text(), "Last reviewed") || strings.Contains(doc.Text(), "Next review") {
				t.Error("an unreviewed page mentions a review")
			}
			ld := jsonLD(t, doc)
			if _, ok := ld["lastReviewed"]; ok {
				t.Errorf("JSON-LD lastReviewed = %v", ld["lastReviewed"])
			}
			if _, ok := ld["reviewedBy"]; ok {
				t.Errorf("JSON-LD reviewedBy = %v", ld["reviewedBy"])
			}
			home := page(t, snap, "/")
			if got := oneText(home.Find(".review")); !strings.Contains(got, "not yet clinically reviewed") {
				t.Errorf("home card = %q", got)
			}
		})
	}
}

// TestPeopleAndSource: named authors, editors and reviewers (list form) and a
// declared source reach the page, the citation_* tags, the JSON-LD and the
// citation text.
func TestPeopleAndSource(t *testing.T) {
	dir := editFixture(t, index, "reviewed_by: A. Tester, RN\n", `reviewed_by:
  - {name: A. Tester, credentials: RN}
  - "B. Doctor, MD, PhD"
authors:
  - {name: Carla Writer}
editors: ["Dan Editor, MPH"]
source:
  title: Clean hands
  publisher: Example Health
  url: https://example.org/hands
  retrieved: 2026-01-10
  note: Shortened for this site.
`)
	snap, diags := loadDir(dir)
	for _, d := range diags {
		if !strings.Contains(d.Message, "never cited") {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	doc := page(t, snap, "/articles/hand-washing/intermediate")
	if got := oneText(doc.Find("header .adapted-from")); got != "Adapted from Clean hands, Example Health (retrieved 10 January 2026). Shortened for this site." {
		t.Errorf("adapted from = %q", got)
	}
	if href, _ := doc.Find("header .adapted-from a").Attr("href"); href != "https://example.org/hands" {
		t.Errorf("source link = %q", href)
	}
	if got := oneText(doc.Find("header .byline")); got != "By Carla Writer. Edited by Dan Editor, MPH. Published by Test Library." {
		t.Errorf("byline = %q", got)
	}
	if got := oneText(doc.Find("header .review")); !strings.HasPrefix(got, "Last reviewed 15 January 2026 by A. Tester, RN and B. Doctor, MD, PhD") {
		t.Errorf("review = %q", got)
	}
	if got := attrs(doc.Find(`meta[name="citation_author"]`), "content"); !slices.Equal(got, []string{"Carla Writer"}) {
		t.Errorf("citation_author = %q", got)
	}
	ld := jsonLD(t, doc)
	if got, _ := json.Marshal(ld["isBasedOn"]); string(got) != `{"@type":"CreativeWork","description":"Shortened for this site.","name":"Clean hands","publisher":{"@type":"Organization","name":"Example Health"},"url":"https://example.org/hands"}` {
		t.Errorf("isBasedOn = %s", got)
	}
	if got, _ := json.Marshal(ld["reviewedBy"]); string(got) != `[{"@type":"Person","honorificSuffix":"RN","name":"A. Tester"},{"@type":"Person","honorificSuffix":"MD, PhD","name":"B. Doctor"}]` {
		t.Errorf("reviewedBy = %s", got)
	}
	if got, _ := json.Marshal(ld["author"]); string(got) != `[{"@type":"Person","name":"Carla Writer"}]` {
		t.Errorf("author = %s", got)
	}
	if got := oneText(doc.Find(".article-citation")); !strings.HasPrefix(got, "Carla Writer. Washing your hands (Deeper). Test Library. Updated January 15, 2026. Adapted from Clean hands. Example Health.") {
		t.Errorf("citation = %q", got)
	}
}

// TestReferenceStatus: verified references say what they were checked against,
// the others say plainly that they are not verified, and corrections show under
// their reference.
func TestReferenceStatus(t *testing.T) {
	refs := "articles/hand-washing/references.yaml"
	dir := editFixture(t, refs, "  DOI: 10.1000/jh.2020.1\n", `  DOI: 10.1000/jh.2020.1
  status: verified
  checked: {doi: 10.1000/jh.2020.1, date: 2026-12-02}
`, refs, "  PMID: \"12345678\"\n", `  PMID: "12345678"
  status: as-listed
  correction:
    text: "Published as: Jones D. How surfactants work. Chem Rev. 2019."
    pmid: "87654321"
    note: Checked against PubMed record 87654321.
`)
	snap, diags := loadDir(dir)
	for _, d := range diags {
		if !strings.Contains(d.Message, "never cited") {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	doc := page(t, snap, "/articles/hand-washing")
	if got := oneText(doc.Find("#ref-1 .ref-verified")); got != "Checked against its record (doi:10.1000/jh.2020.1) on 2 December 2026." {
		t.Errorf("reference 1 status = %q", got)
	}
	if got := doc.Find(".ref-unverified").Length(); got != 4 {
		t.Errorf("%d references marked unverified, want 4 (every other one, uncited included)", got)
	}
	if got := oneText(doc.Find("#ref-2 .ref-unverified")); got != "As listed in the source; not independently verified." {
		t.Errorf("reference 2 status = %q", got)
	}
	if got := oneText(doc.Find("#ref-2 .ref-correction")); got != "Correction: Published as: Jones D. How surfactants work. Chem Rev. 2019. PMID: 87654321 Checked against PubMed record 87654321." {
		t.Errorf("correction = %q", got)
	}
	if href, _ := doc.Find("#ref-2 .ref-correction a").Attr("href"); href != "https://pubmed.ncbi.nlm.nih.gov/87654321/" {
		t.Errorf("correction link = %q", href)
	}
	if got := oneText(doc.Find(".references h3")); got != "Also listed, not cited in the text" {
		t.Errorf("uncited heading = %q", got)
	}
	// The exports stay CSL: no Strata extension leaks into them.
	res, _ := snap.Lookup("/articles/hand-washing/references.json")
	if bytes.Contains(res.Body.Data, []byte("verified")) || bytes.Contains(res.Body.Data, []byte("Published as")) {
		t.Errorf("CSL-JSON export carries Strata's status fields:\n%s", res.Body.Data)
	}
}

// TestTrustDiagnostics: malformed fields are refused with their file and line.
func TestTrustDiagnostics(t *testing.T) {
	refs := "articles/hand-washing/references.yaml"
	cases := []struct {
		name, file, find, data string
		want                   []string
	}{
		{"unknown status", refs, "  DOI: 10.1000/jh.2020.1\n", "  DOI: 10.1000/jh.2020.1\n  status: verfied\n",
			[]string{`articles/hand-washing/references.yaml:13:11: error: reference "smith2020": unknown status "verfied" (use verified or as-listed) (did you mean "verified"?)`}},
		{"verified without an identifier", refs, "  container-title: Membranes\n", "  container-title: Membranes\n  status: verified\n  checked: {date: 2026-12-02}\n",
			[]string{`articles/hand-washing/references.yaml:34:11: error: reference "lee2018" is verified but names no DOI, PMID or URL: record what was checked under checked: {doi, pmid, url, date}`}},
		{"verified without a date", refs, "  DOI: 10.1000/jh.2020.1\n", "  DOI: 10.1000/jh.2020.1\n  status: verified\n",
			[]string{`articles/hand-washing/references.yaml:13:11: error: reference "smith2020" is verified but does not say when: add checked.date (YYYY-MM-DD)`}},
		{"bad checked date and PMID", refs, "  DOI: 10.1000/jh.2020.1\n", "  DOI: 10.1000/jh.2020.1\n  status: verified\n  checked:\n    pmid: PMC123\n    date: 2 Dec 2026\n",
			[]string{
				`articles/hand-washing/references.yaml:15:11: error: checked.pmid: "PMC123" is not a PubMed id (digits only)`,
				`articles/hand-washing/references.yaml:16:11: error: checked.date: "2 Dec 2026" is not a date in the form YYYY-MM-DD`,
			}},
		{"unknown key in checked", refs, "  DOI: 10.1000/jh.2020.1\n", "  DOI: 10.1000/jh.2020.1\n  checked: {pmdi: \"1\"}\n",
			[]string{`articles/hand-washing/references.yaml:13:13: error: unknown key "pmdi" (did you mean "pmid"?)`}},
		{"correction without text", refs, "  DOI: 10.1000/jh.2020.1\n", "  DOI: 10.1000/jh.2020.1\n  correction: {pmid: \"1\"}\n",
			[]string{`articles/hand-washing/references.yaml:13:15: error: reference "smith2020": a correction needs text (for example "Published as: ...")`}},
		{"no date at all", index, "reviewed: 2026-01-15\nreviewed_by: A. Tester, RN\n", "",
			[]string{
				`articles/hand-washing/index.md:2:1: error: updated is required: the date of the last change (YYYY-MM-DD)`,
				`articles/hand-washing/index.md:2:1: warning: not yet clinically reviewed: no reviewed date and reviewed_by (name and credentials)`,
			}},
		{"bad source", index, "topics:", "source:\n  url: javascript:alert(1)\n  retrieved: yesterday\ntopics:",
			[]string{
				`articles/hand-washing/index.md:7:8: error: source.url: "javascript:alert(1)" is not an http or https address`,
				`articles/hand-washing/index.md:8:14: error: source.retrieved: "yesterday" is not a date in the form YYYY-MM-DD`,
			}},
		{"unknown key in a person", index, "reviewed_by: A. Tester, RN\n", "reviewed_by:\n  - {name: A. Tester, credential: RN}\n",
			[]string{
				`articles/hand-washing/index.md:6:3: warning: not yet clinically reviewed: every reviewer needs a name and credentials ("Name, credentials"); the page says "Last updated"`,
				`articles/hand-washing/index.md:6:23: error: unknown key "credential" in reviewed_by (a person has name and credentials) (did you mean "credentials"?)`,
			}},
	}
	_, base := loadDir(fixture)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := loadDir(editFixture(t, c.file, c.find, c.data))
			var got []string
			for _, d := range diags {
				if !slices.Contains(base, d) && !strings.Contains(d.Message, "never cited") {
					got = append(got, d.String())
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n got: %q\nwant: %q", got, c.want)
			}
		})
	}
}

// TestContentContractExample: CONTENT.md's front matter (reviewed, next_review and
// a reviewed_by string) still loads, as a review with its next review date.
func TestContentContractExample(t *testing.T) {
	dir := editFixture(t, index, "reviewed: 2026-01-15\nreviewed_by: A. Tester, RN\n",
		"reviewed: 2026-11-25          # required, YYYY-MM-DD\nnext_review: 2027-11-25       # optional\nreviewed_by: Name, credentials  # optional\n")
	snap, diags := loadDir(dir)
	for _, d := range diags {
		if !strings.Contains(d.Message, "never cited") {
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	doc := page(t, snap, "/articles/hand-washing")
	if got := oneText(doc.Find("header .review")); got != "Last reviewed 25 November 2026 by Name, credentials · Next review due 25 November 2027" {
		t.Errorf("review line = %q", got)
	}
}

// TestSeedTrust: the seed article shows its provenance, is not presented as
// reviewed, marks each reference's status, shows the correction it has, and has
// an editor's note on every tier page telling readers to talk to their care team.
func TestSeedTrust(t *testing.T) {
	s, list := site.Load(content.FS)
	snap, built := Build(s, content.FS)
	if list.HasErrors() || built.HasErrors() {
		t.Fatal(list.Items(), built.Items())
	}
	const slug = "/articles/bone-preservation-aromatase-inhibition"
	for _, tier := range []string{"fundamentals", "intermediate", "academic"} {
		doc := page(t, snap, slug+"/"+tier)
		if got := oneText(doc.Find("header .adapted-from")); got != "Adapted from another publication. A third-party web article; its title, publisher and address are not recorded." {
			t.Errorf("%s: adapted from = %q", tier, got)
		}
		if got := oneText(doc.Find("header .review")); got != "Last updated 25 November 2026 · Not yet clinically reviewed" {
			t.Errorf("%s: review line = %q", tier, got)
		}
		notes := doc.Find(`.tier-body .callout-editor[role="note"][aria-label="Editor's note"]`)
		if notes.Length() < 2 {
			t.Errorf("%s: %d editor's notes, want at least 2", tier, notes.Length())
		}
		if !strings.Contains(notes.Text(), "alk to your care team before you start or stop any bone medicine") {
			t.Errorf("%s: no care-team note among %q", tier, texts(notes))
		}
		if got := oneText(doc.Find(".article-citation")); !strings.Contains(got, "Adapted from another publication") || strings.HasPrefix(got, "Strata") {
			t.Errorf("%s: citation = %q", tier, got)
		}
	}
	full := page(t, snap, slug)
	if got, want := full.Find(".ref-unverified").Length(), 10; got != want {
		t.Errorf("%d references marked unverified, want %d (the source's ten)", got, want)
	}
	if got := texts(full.Find(".ref-verified")); len(got) != 1 || !strings.Contains(got[0], "PMID 16100521") {
		t.Errorf("verified references = %q", got)
	}
	if got := oneText(full.Find("#source-locker2003 .ref-correction")); !strings.Contains(got, "Lester J, Coleman R") || !strings.Contains(got, "PMC2361688") {
		t.Errorf("locker2003 correction = %q", got)
	}
	for _, r := range s.Articles[0].References {
		if r.ID == "hadji2025" && r.Type != "article-newspaper" {
			t.Errorf("hadji2025 (a news site) is typed %q", r.Type)
		}
	}
}
