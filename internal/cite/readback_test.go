package cite

// The exports read back by parsers this package did not write: pandoc's BibTeX
// reader (Debian's pandoc), Citation.js for BibTeX and RIS (npm, the directory
// named by STRATA_CITATIONJS), and the CSL 1.0.2 JSON schema with a JSON-schema
// validator. .ci/run installs both tools; elsewhere a test whose tool is missing
// is skipped, and fails when CI is set.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// exportRefs are the references that the exports are read back from: the small
// site's, the Zotero-style list of every type, and one full of special characters.
func exportRefs(t *testing.T) []Reference {
	fixture, _ := loadAMAFixture(t)
	more := []Reference{
		special,
		{ID: "book1", Type: "book", Author: []Name{{Family: "de la Cruz", Given: "Ana"}, {Family: "Banks"}}, Title: "A book", Publisher: "Penguin", Issued: Date{Year: 1999}, Page: "e123"},
		{ID: "web 1", Type: "webpage", Title: "A page\nwith a break", ContainerTitle: "Example", URL: "https://example.org/p"},
		{ID: "x?y&z", Type: "article-journal", Title: "Pandoc key characters", ContainerTitle: "J"},
		{ID: "x&y?z", Type: "article-journal", Title: "The same key once normalised", ContainerTitle: "J"},
		// A page's own record, as "Cite this page" offers it.
		ArticleInfo{ID: "hand-washing-fundamentals", SiteTitle: "Strata Health", Title: "Washing your hands (Fundamentals)",
			URL: "https://strata.example/articles/hand-washing/fundamentals", Updated: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)}.Reference(),
	}
	return slices.Concat(smallSite(t), fixture, more)
}

// tool returns the path of an external tool, or skips the test (fails it under CI).
func tool(t *testing.T, name string) string {
	t.Helper()
	var path string
	switch name {
	case "pandoc":
		path, _ = exec.LookPath("pandoc")
	case "citationjs":
		if dir := os.Getenv("STRATA_CITATIONJS"); dir != "" {
			if _, err := os.Stat(filepath.Join(dir, "@citation-js", "core")); err == nil {
				path = dir
			}
		}
	}
	if path == "" {
		msg := name + " is not installed (pandoc: apt-get install pandoc; citationjs: npm install @citation-js/core @citation-js/plugin-bibtex @citation-js/plugin-ris and set STRATA_CITATIONJS to its node_modules)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return path
}

// cslBack is an item as a reader gives it back in CSL-JSON.
type cslBack struct {
	ID       string           `json:"id"`
	Type     string           `json:"type"`
	Title    string           `json:"title"`
	Author   []map[string]any `json:"author"`
	Editor   []map[string]any `json:"editor"`
	Issued   *cslDateBack     `json:"issued"`
	Accessed *cslDateBack     `json:"accessed"`
	DOI      string           `json:"DOI"`
	URL      string           `json:"URL"`
	Page     string           `json:"page"`
}

type cslDateBack struct {
	DateParts [][]any `json:"date-parts"`
}

func (d *cslDateBack) year() string {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(strings.Trim(jsonString(d.DateParts[0][0]), `"`)), ".0")
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// readBack runs a reader on an export and decodes its CSL-JSON.
func readBack(t *testing.T, cmd *exec.Cmd) []cslBack {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmd.Args, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s warned:\n%s", cmd.Args[0], stderr.String())
	}
	var items []cslBack
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// familyNames lists the family names (or literals) of CSL names.
func familyNames(names []map[string]any) []string {
	var out []string
	for _, n := range names {
		if l, ok := n["literal"].(string); ok {
			out = append(out, l)
			continue
		}
		f, _ := n["family"].(string)
		for _, p := range []string{"non-dropping-particle", "dropping-particle"} {
			if s, ok := n[p].(string); ok {
				f = s + " " + f
			}
		}
		out = append(out, f)
	}
	return out
}

// wantFamilies are a reference's family names as BibTeX and RIS carry them.
func wantFamilies(names []Name) []string {
	var out []string
	for _, n := range names {
		switch {
		case n.IsEtAl():
		case n.Literal != "":
			out = append(out, n.Literal)
		default:
			out = append(out, oneLine(strings.Join([]string{n.NonDroppingParticle, n.DroppingParticle, n.Family}, " ")))
		}
	}
	return out
}

// same compares a value read back with the value exported, as far as the formats
// can carry it: BibTeX has no literal braces (they group), doi and url fields
// percent-encode braces, readers percent-encode a bare "%" in a URL, and pandoc
// makes apostrophes typographic.
func same(got, want string) bool {
	norm := strings.NewReplacer("{", "", "}", "", "%7B", "", "%7D", "", "%7b", "", "%7d", "", "%25", "%", "’", "'")
	return norm.Replace(oneLine(got)) == norm.Replace(oneLine(want))
}

// checks are what checkItems compares besides count, type and title.
type checks struct {
	names, accessed bool
}

// checkItems compares what a reader gave back with the references: count, type,
// title, and as asked names and accessed date, and year, DOI and URL.
func checkItems(t *testing.T, reader string, refs []Reference, items []cslBack, types map[string]string, c checks) {
	t.Helper()
	if len(items) != len(refs) {
		t.Fatalf("%s read %d items, want %d", reader, len(items), len(refs))
	}
	for i, r := range refs {
		it := items[i]
		want := types[r.Type]
		if want == "" {
			want = r.Type
		}
		if it.Type != want {
			t.Errorf("%s: %s: type %q, want %q", reader, r.ID, it.Type, want)
		}
		if got := oneLine(it.Title); !same(got, r.Title) {
			t.Errorf("%s: %s: title %q, want %q", reader, r.ID, got, oneLine(r.Title))
		}
		if c.names {
			if got, want := familyNames(it.Author), wantFamilies(r.Author); !slices.EqualFunc(got, want, same) && !(len(want) > 0 && slices.EqualFunc(got, append(want, "others"), same)) {
				t.Errorf("%s: %s: authors %q, want %q", reader, r.ID, got, want)
			}
			if got, want := familyNames(it.Editor), wantFamilies(r.Editor); !slices.Equal(got, want) {
				t.Errorf("%s: %s: editors %q, want %q", reader, r.ID, got, want)
			}
		}
		if r.Issued.Year > 0 && it.Issued.year() != strings.TrimSpace(jsonString(r.Issued.Year)) {
			t.Errorf("%s: %s: issued %v, want %d", reader, r.ID, it.Issued, r.Issued.Year)
		}
		if c.accessed && r.Accessed.Year > 0 && it.Accessed.year() != jsonString(r.Accessed.Year) {
			t.Errorf("%s: %s: accessed %v, want %d", reader, r.ID, it.Accessed, r.Accessed.Year)
		}
		if d := CleanDOI(r.DOI); d != "" && !same(strings.ToLower(it.DOI), strings.ToLower(d)) {
			t.Errorf("%s: %s: DOI %q, want %q", reader, r.ID, it.DOI, d)
		}
		if u := oneLine(r.URL); u != "" && !same(it.URL, u) {
			t.Errorf("%s: %s: URL %q, want %q", reader, r.ID, it.URL, u)
		}
	}
}

// writeTemp writes data to a file of the test's temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// Pandoc's BibLaTeX reader keeps every type, name, date and link, and reads every
// key as the export normalised it.
func TestBibTeXReadByPandoc(t *testing.T) {
	pandoc := tool(t, "pandoc")
	refs := exportRefs(t)
	file := writeTemp(t, "refs.bib", BibTeX(refs))
	items := readBack(t, exec.Command(pandoc, "-f", "biblatex", "-t", "csljson", file))
	checkItems(t, "pandoc", refs, items, map[string]string{"": "article-journal"}, checks{names: true, accessed: true})
	var keys []string
	for _, it := range items {
		keys = append(keys, it.ID)
	}
	for _, want := range []string{"web_1", "x_y_z", "x_y_z-2", "müller_2021"} {
		if !slices.Contains(keys, want) {
			t.Errorf("no key %q among %q", want, keys)
		}
	}
}

// Citation.js reads the BibTeX export (the classic entry types it knows keep
// their type) and the RIS export (every type).
func TestBibTeXAndRISReadByCitationJS(t *testing.T) {
	modules := tool(t, "citationjs")
	refs := exportRefs(t)
	run := func(format string, data []byte) []cslBack {
		cmd := exec.Command("node", "testdata/citationjs.js", format, writeTemp(t, "refs."+format, data))
		cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
		return readBack(t, cmd)
	}
	bib := run("bibtex", BibTeX(refs))
	// Classic BibTeX has no type for web pages and no accessed date: Citation.js
	// reads @online as a document (classic styles read it as @misc) and leaves
	// urldate out.
	checkItems(t, "Citation.js BibTeX", refs, bib, map[string]string{"": "document", "webpage": "document"}, checks{names: true})
	ris := run("ris", RIS(refs))
	checkItems(t, "Citation.js RIS", refs, ris, map[string]string{"": "document"}, checks{names: true})
	// Accessed dates: Y2, as Zotero reads and writes them for every type; the RIS
	// specification that Citation.js follows has them there for all but web pages.
	var cited []Reference
	var citedItems []cslBack
	for i, r := range refs {
		if r.Type != "webpage" {
			cited, citedItems = append(cited, r), append(citedItems, ris[i])
		}
	}
	checkItems(t, "Citation.js RIS", cited, citedItems, map[string]string{"": "document"}, checks{accessed: true})
}

// The CSL-JSON export is valid against the CSL 1.0.2 data schema, and reads back
// as the same references: every one formats in AMA exactly as before.
func TestCSLJSONSchemaAndRoundTrip(t *testing.T) {
	var doc any
	if err := json.Unmarshal(cslSchema, &doc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("csl-data.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("csl-data.json")
	if err != nil {
		t.Fatal(err)
	}
	refs := exportRefs(t)
	// Every other variable of the schema, with a value of its type, is exported too.
	all := loadAllVariables(t)
	refs = append(refs, all)
	data, err := CSLJSON(refs)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("the CSL-JSON export is not valid against the schema: %v", err)
	}
	// An invalid item is caught: the validator is really checking.
	bad := bytes.Replace(data, []byte(`"type": "book"`), []byte(`"type": "bok"`), 1)
	if inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad)); schema.Validate(inst) == nil {
		t.Error("the schema accepted an unknown type")
	}
	var back []Reference
	if err := yaml.Unmarshal(data, &back); err != nil { // JSON is YAML: read it as CSL-YAML
		t.Fatal(err)
	}
	if len(back) != len(refs) {
		t.Fatalf("%d items back, want %d", len(back), len(refs))
	}
	for i, r := range refs {
		if got, want := FormatAMA(back[i]).Text(), FormatAMA(r).Text(); got != want && r.Type != "" {
			t.Errorf("%s: round trip changed the reference:\n got %s\nwant %s", r.ID, got, want)
		}
	}
	if len(back[len(back)-1].Other) < 60 {
		t.Errorf("the other variables did not come back: %v", back[len(back)-1].Other)
	}
}

// loadAllVariables is a reference with every variable of the schema.
func loadAllVariables(t *testing.T) Reference {
	var b strings.Builder
	b.WriteString("id: all\ntype: book\ntitle: Everything\nstatus: verified\nchecked: {doi: true}\n")
	for _, name := range Keys() {
		if name == "id" || name == "type" || name == "title" || slices.Contains(Extensions, name) {
			continue
		}
		b.WriteString(jsonString(name) + ": " + sampleValue(variables[name]) + "\n")
	}
	var r Reference
	if err := yaml.Unmarshal([]byte(b.String()), &r); err != nil {
		t.Fatal(err)
	}
	return r
}
