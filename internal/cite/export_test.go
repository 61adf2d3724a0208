package cite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// smallSite is the small site's reference list.
func smallSite(t *testing.T) []Reference {
	return readRefs(t, "../testdata/small-site/articles/hand-washing/references.yaml")
}

// special is a reference full of characters that the formats treat specially, and
// of non-ASCII text.
var special = Reference{
	ID:   "müller_2021",
	Type: "report",
	Author: []Name{
		{Family: "Müller", Given: "Jean-Paul"},
		{Family: "O'Brien", Given: "Anna B."},
		{Family: "Ferrand", Given: "Élodie"},
		{Literal: "Smith & Sons {Research} Ltd"},
		{Literal: "et al."},
	},
	Title:          "β-blockers & café_society: 100% {Real} results?",
	ContainerTitle: "Reports #7 ~ ^ $ \\ series",
	Publisher:      "Institut für Gesundheit",
	Issued:         Date{Year: 2021, Month: 3, Day: 9},
	Volume:         "4",
	Issue:          "2",
	Page:           "101–110",
	DOI:            "https://doi.org/10.1000/ab_c{1}",
	PMID:           "987",
	URL:            "https://example.org/a_b?x=1&y=50%",
}

const smallSiteBibTeX = `@article{smith2020,
  author = {Smith, Anna B. and Brown, C.},
  title = {{Soap and germs}},
  journal = {Journal of Hygiene},
  year = {2020},
  volume = {12},
  number = {3},
  pages = {45--67},
  doi = {10.1000/jh.2020.1},
}

@article{jones2019,
  author = {Jones, D. and others},
  title = {{How surfactants work?}},
  journal = {Chemistry Today},
  year = {2019},
  month = may,
  pmid = {12345678},
}

@report{who2009,
  author = {{World Health Organization}},
  title = {{Guidelines on hand hygiene in health care}},
  year = {2009},
}

@article{lee2018,
  author = {Lee, E.},
  title = {{Lipid membranes}},
  journal = {Membranes},
  year = {2018},
}

@article{park2021,
  author = {Park, F.},
  title = {{Never cited here}},
  journal = {Reading List},
  year = {2021},
}
`

const specialBibTeX = `@report{müller_2021,
  author = {Müller, Jean-Paul and O'Brien, Anna B. and Ferrand, Élodie and {Smith \& Sons \textbraceleft{}Research\textbraceright{} Ltd} and others},
  title = {{β-blockers \& café\_society: 100\% \textbraceleft{}Real\textbraceright{} results?}},
  howpublished = {Reports \#7 \textasciitilde{} \textasciicircum{} \$ \textbackslash{} series},
  institution = {Institut für Gesundheit},
  year = {2021},
  month = mar,
  volume = {4},
  number = {2},
  pages = {101--110},
  doi = {10.1000/ab_c%7B1%7D},
  pmid = {987},
  url = {https://example.org/a_b?x=1&y=50%},
}
`

// RIS goldens are written with LF here and compared with CR LF.
const smallSiteRIS = `TY  - JOUR
ID  - smith2020
AU  - Smith, Anna B.
AU  - Brown, C.
TI  - Soap and germs
T2  - Journal of Hygiene
PY  - 2020
VL  - 12
IS  - 3
SP  - 45
EP  - 67
DO  - 10.1000/jh.2020.1
ER  - 

TY  - JOUR
ID  - jones2019
AU  - Jones, D.
TI  - How surfactants work?
T2  - Chemistry Today
PY  - 2019
DA  - 2019/05
AN  - 12345678
DB  - PubMed
ER  - 

TY  - RPRT
ID  - who2009
AU  - World Health Organization
TI  - Guidelines on hand hygiene in health care
PY  - 2009
ER  - 

TY  - JOUR
ID  - lee2018
AU  - Lee, E.
TI  - Lipid membranes
T2  - Membranes
PY  - 2018
ER  - 

TY  - JOUR
ID  - park2021
AU  - Park, F.
TI  - Never cited here
T2  - Reading List
PY  - 2021
ER  - 

`

const specialRIS = `TY  - RPRT
ID  - müller_2021
AU  - Müller, Jean-Paul
AU  - O'Brien, Anna B.
AU  - Ferrand, Élodie
AU  - Smith & Sons {Research} Ltd
TI  - β-blockers & café_society: 100% {Real} results?
T2  - Reports #7 ~ ^ $ \ series
PY  - 2021
DA  - 2021/03/09
VL  - 4
IS  - 2
SP  - 101
EP  - 110
PB  - Institut für Gesundheit
DO  - 10.1000/ab_c{1}
UR  - https://example.org/a_b?x=1&y=50%
AN  - 987
DB  - PubMed
ER  - 

`

const smallSiteCSLJSON = `[
  {
    "id": "smith2020",
    "type": "article-journal",
    "author": [
      {
        "family": "Smith",
        "given": "Anna B."
      },
      {
        "family": "Brown",
        "given": "C."
      }
    ],
    "title": "Soap and germs",
    "container-title": "Journal of Hygiene",
    "issued": {
      "date-parts": [
        [
          2020
        ]
      ]
    },
    "volume": "12",
    "issue": "3",
    "page": "45-67",
    "DOI": "10.1000/jh.2020.1"
  },
  {
    "id": "jones2019",
    "type": "article-journal",
    "author": [
      {
        "family": "Jones",
        "given": "D."
      },
      {
        "literal": "et al."
      }
    ],
    "title": "How surfactants work?",
    "container-title": "Chemistry Today",
    "issued": {
      "date-parts": [
        [
          2019,
          5
        ]
      ]
    },
    "PMID": "12345678"
  },
  {
    "id": "who2009",
    "type": "report",
    "author": [
      {
        "literal": "World Health Organization"
      }
    ],
    "title": "Guidelines on hand hygiene in health care",
    "issued": {
      "date-parts": [
        [
          2009
        ]
      ]
    }
  },
  {
    "id": "lee2018",
    "type": "article-journal",
    "author": [
      {
        "family": "Lee",
        "given": "E."
      }
    ],
    "title": "Lipid membranes",
    "container-title": "Membranes",
    "issued": {
      "date-parts": [
        [
          2018
        ]
      ]
    }
  },
  {
    "id": "park2021",
    "type": "article-journal",
    "author": [
      {
        "family": "Park",
        "given": "F."
      }
    ],
    "title": "Never cited here",
    "container-title": "Reading List",
    "issued": {
      "date-parts": [
        [
          2021
        ]
      ]
    }
  }
]
`

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func TestBibTeXGolden(t *testing.T) {
	if got := string(BibTeX(smallSite(t))); got != smallSiteBibTeX {
		t.Errorf("small site:\n%s\nwant:\n%s", got, smallSiteBibTeX)
	}
	if got := string(BibTeX([]Reference{special})); got != specialBibTeX {
		t.Errorf("special:\n%s\nwant:\n%s", got, specialBibTeX)
	}
	if got := BibTeX(nil); len(got) != 0 {
		t.Errorf("no references: %q", got)
	}
}

func TestRISGolden(t *testing.T) {
	if got, want := string(RIS(smallSite(t))), crlf(smallSiteRIS); got != want {
		t.Errorf("small site:\n%q\nwant:\n%q", got, want)
	}
	if got, want := string(RIS([]Reference{special})), crlf(specialRIS); got != want {
		t.Errorf("special:\n%q\nwant:\n%q", got, want)
	}
	if got := RIS(nil); len(got) != 0 {
		t.Errorf("no references: %q", got)
	}
}

func TestCSLJSONGolden(t *testing.T) {
	got, err := CSLJSON(smallSite(t))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != smallSiteCSLJSON {
		t.Errorf("small site:\n%s\nwant:\n%s", got, smallSiteCSLJSON)
	}
	empty, err := CSLJSON(nil)
	if err != nil || string(empty) != "[]\n" {
		t.Errorf("no references: %q, %v", empty, err)
	}
	sp, err := CSLJSON([]Reference{special})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"title": "β-blockers & café_society: 100% {Real} results?"`, `"DOI": "10.1000/ab_c{1}"`, `"page": "101–110"`} {
		if !bytes.Contains(sp, []byte(want)) {
			t.Errorf("special: no %s in\n%s", want, sp)
		}
	}
}

// exportRefs are the references that the exports are parsed back from.
func exportRefs(t *testing.T) []Reference {
	more := []Reference{
		special,
		{ID: "book1", Type: "book", Author: []Name{{Family: "de la Cruz", Given: "Ana"}, {Family: "Banks"}}, Title: "A book", Publisher: "Penguin", Issued: Date{Year: 1999}, Page: "e123"},
		{ID: "web 1", Type: "webpage", Title: "A page\nwith a break", ContainerTitle: "Example", URL: "https://example.org/p", Page: "3-5, 9"},
	}
	return append(smallSite(t), more...)
}

// ---- BibTeX read back ----

type bibEntry struct {
	Type, Key string
	Fields    map[string]string // raw values, outer braces removed
	Macros    map[string]bool   // fields given as bare macros
}

// parseBibTeX is a small BibTeX reader: entries of brace-delimited or bare
// fields, with braces balanced in each field as BibTeX requires.
func parseBibTeX(t *testing.T, src string) []bibEntry {
	t.Helper()
	var out []bibEntry
	i := 0
	skip := func() {
		for i < len(src) && strings.ContainsRune(" \t\r\n", rune(src[i])) {
			i++
		}
	}
	until := func(stop string) string {
		j := strings.IndexAny(src[i:], stop)
		if j < 0 {
			t.Fatalf("BibTeX: no %q after offset %d", stop, i)
		}
		s := src[i : i+j]
		i += j
		return strings.TrimSpace(s)
	}
	for {
		skip()
		if i == len(src) {
			return out
		}
		if src[i] != '@' {
			t.Fatalf("BibTeX: want @ at offset %d: %q", i, src[i:])
		}
		i++
		e := bibEntry{Type: until("{"), Fields: map[string]string{}, Macros: map[string]bool{}}
		i++
		e.Key = until(",}")
		if src[i] == ',' {
			i++
		}
		for {
			skip()
			if src[i] == '}' {
				i++
				break
			}
			name := strings.ToLower(until("="))
			i++
			skip()
			var value string
			switch src[i] {
			case '{':
				depth, start := 0, i
				for ; ; i++ {
					if i == len(src) {
						t.Fatalf("BibTeX: unbalanced braces in %s.%s", e.Key, name)
					}
					if src[i] == '{' {
						depth++
					} else if src[i] == '}' {
						depth--
						if depth == 0 {
							break
						}
					}
				}
				value = src[start+1 : i]
				i++
			default:
				value = until(",}")
				e.Macros[name] = true
			}
			if _, dup := e.Fields[name]; dup {
				t.Errorf("BibTeX: %s has %s twice", e.Key, name)
			}
			e.Fields[name] = value
			skip()
			if src[i] == ',' {
				i++
			}
		}
		out = append(out, e)
	}
}

var bibUnescaper = strings.NewReplacer(
	`\textbackslash{}`, `\`, `\textbraceleft{}`, `{`, `\textbraceright{}`, `}`,
	`\textasciitilde{}`, `~`, `\textasciicircum{}`, `^`,
	`\&`, `&`, `\%`, `%`, `\$`, `$`, `\#`, `#`, `\_`, `_`,
)

// bibText reads a text field back: escapes undone, and no unescaped specials left.
func bibText(t *testing.T, where, v string) string {
	t.Helper()
	plain := bibUnescaper.Replace(v)
	rest := strings.NewReplacer(`\textbackslash{}`, "", `\textbraceleft{}`, "", `\textbraceright{}`, "",
		`\textasciitilde{}`, "", `\textasciicircum{}`, "", `\&`, "", `\%`, "", `\$`, "", `\#`, "", `\_`, "").Replace(v)
	if strings.ContainsAny(rest, `&%$#_~^\`) {
		t.Errorf("%s: unescaped special character in %q", where, v)
	}
	return plain
}

// splitTop splits s at sep where s is not inside braces.
func splitTop(s, sep string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 && strings.HasPrefix(s[i:], sep) {
			parts = append(parts, s[start:i])
			start = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(parts, s[start:])
}

// bibNames reads an author field back into names, "others" as a literal "et al.".
func bibNames(t *testing.T, key, field string) []Name {
	if field == "" {
		return nil
	}
	var out []Name
	for _, n := range splitTop(field, " and ") {
		switch {
		case n == "others":
			out = append(out, Name{Literal: "et al."})
		case strings.HasPrefix(n, "{") && strings.HasSuffix(n, "}") && len(splitTop(n, ",")) == 1 && strings.Count(n, "{") == strings.Count(n[1:len(n)-1], "{")+1:
			out = append(out, Name{Literal: bibText(t, key, n[1:len(n)-1])})
		default:
			p := splitTop(n, ", ")
			unbrace := func(s string) string { return bibText(t, key, strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")) }
			nm := Name{Family: unbrace(p[0])}
			if len(p) > 1 {
				nm.Given = unbrace(p[1])
			}
			out = append(out, nm)
		}
	}
	return out
}

func TestBibTeXReadBack(t *testing.T) {
	refs := exportRefs(t)
	entries := parseBibTeX(t, string(BibTeX(refs)))
	if len(entries) != len(refs) {
		t.Fatalf("%d entries, want %d", len(entries), len(refs))
	}
	for i, r := range refs {
		e := entries[i]
		wantKey := strings.ReplaceAll(r.ID, " ", "_")
		if e.Key != wantKey {
			t.Errorf("entry %d: key %q, want %q", i, e.Key, wantKey)
		}
		wantType := map[string]string{"article-journal": "article", "report": "report", "book": "book"}[r.Type]
		if wantType == "" {
			wantType = "misc"
		}
		if e.Type != wantType {
			t.Errorf("%s: type %q, want %q", e.Key, e.Type, wantType)
		}
		got := map[string]string{}
		for name, v := range e.Fields {
			switch name {
			case "author", "doi", "url", "month":
			case "title":
				if !strings.HasPrefix(v, "{") || !strings.HasSuffix(v, "}") {
					t.Errorf("%s: title not double-braced: %q", e.Key, v)
				}
				got[name] = bibText(t, e.Key, v[1:len(v)-1])
			default:
				got[name] = bibText(t, e.Key, v)
			}
		}
		unpercent := strings.NewReplacer("%7B", "{", "%7D", "}", "%5C", `\`)
		for _, name := range []string{"doi", "url"} {
			if v, ok := e.Fields[name]; ok {
				got[name] = unpercent.Replace(v)
			}
		}
		if v, ok := e.Fields["month"]; ok {
			if !e.Macros["month"] {
				t.Errorf("%s: month %q is not a macro", e.Key, v)
			}
			got["month"] = v
		}
		want := map[string]string{}
		set := func(name, v string) {
			if v != "" {
				want[name] = v
			}
		}
		set("title", strings.Join(strings.Fields(r.Title), " "))
		if wantType == "article" {
			set("journal", r.ContainerTitle)
		} else {
			set("howpublished", r.ContainerTitle)
		}
		if wantType == "report" {
			set("institution", r.Publisher)
		} else {
			set("publisher", r.Publisher)
		}
		if r.Issued.Year > 0 {
			set("year", strconv.Itoa(r.Issued.Year))
		}
		if r.Issued.Month > 0 {
			set("month", strings.ToLower(time.Month(r.Issued.Month).String()[:3]))
		}
		set("volume", r.Volume)
		set("number", r.Issue)
		set("pages", strings.ReplaceAll(strings.ReplaceAll(r.Page, "–", "-"), "-", "--"))
		set("doi", CleanDOI(r.DOI))
		set("pmid", r.PMID)
		set("url", r.URL)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s fields:\n got %q\nwant %q", e.Key, got, want)
		}
		var wantAuthors []Name
		for _, n := range r.Author {
			if n.IsEtAl() {
				n = Name{Literal: "et al."}
			}
			wantAuthors = append(wantAuthors, n)
		}
		if gotAuthors := bibNames(t, e.Key, e.Fields["author"]); !reflect.DeepEqual(gotAuthors, wantAuthors) {
			t.Errorf("%s authors:\n got %+v\nwant %+v", e.Key, gotAuthors, wantAuthors)
		}
	}
}

func TestBibTeXNames(t *testing.T) {
	got := string(BibTeX([]Reference{{ID: "x", Title: "T", Author: []Name{
		{Family: "Banks and Sons"}, {Family: "Smith, Jr", Given: "A."}, {Given: "Madonna"}, {Literal: "et al."},
	}}}))
	want := "author = {{Banks and Sons} and {Smith, Jr}, A. and {Madonna} and others},"
	if !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant a line %q", got, want)
	}
	// An et al. alone names nobody: no "others" without a name before it.
	if got := string(BibTeX([]Reference{{ID: "y", Title: "T", Author: []Name{{Literal: "et al."}}}})); strings.Contains(got, "author") {
		t.Errorf("lone et al.: %s", got)
	}
	if got := string(BibTeX([]Reference{{ID: "a b,{c}", Title: "T"}})); !strings.HasPrefix(got, "@misc{a_b__c_,\n") {
		t.Errorf("key not made safe: %s", got)
	}
}

// ---- RIS read back ----

type risRecord map[string][]string

// parseRIS reads RIS: every line "XX  - value" ending in CR LF, records from TY to
// ER, blank lines between them.
func parseRIS(t *testing.T, src string) []risRecord {
	t.Helper()
	if strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\r") {
		t.Errorf("RIS: a line does not end in CR LF")
	}
	var out []risRecord
	var rec risRecord
	for _, l := range strings.Split(strings.TrimSuffix(src, "\r\n"), "\r\n") {
		if l == "" {
			if rec != nil {
				t.Errorf("RIS: blank line inside a record")
			}
			continue
		}
		if len(l) < 6 || l[2:6] != "  - " || strings.ToUpper(l[:2]) != l[:2] {
			t.Fatalf("RIS: malformed line %q", l)
		}
		tag, value := l[:2], l[6:]
		switch {
		case tag == "TY":
			if rec != nil {
				t.Errorf("RIS: TY inside a record")
			}
			rec = risRecord{}
		case rec == nil:
			t.Fatalf("RIS: %q outside a record", l)
		case tag == "ER":
			if value != "" {
				t.Errorf("RIS: ER with a value %q", value)
			}
			out = append(out, rec)
			rec = nil
			continue
		}
		rec[tag] = append(rec[tag], value)
	}
	if rec != nil {
		t.Errorf("RIS: last record has no ER")
	}
	return out
}

func TestRISReadBack(t *testing.T) {
	refs := exportRefs(t)
	records := parseRIS(t, string(RIS(refs)))
	if len(records) != len(refs) {
		t.Fatalf("%d records, want %d", len(records), len(refs))
	}
	for i, r := range refs {
		want := risRecord{}
		set := func(tag, v string) {
			if v != "" {
				want[tag] = append(want[tag], v)
			}
		}
		set("TY", map[string]string{"article-journal": "JOUR", "report": "RPRT", "book": "BOOK", "webpage": "ELEC"}[r.Type])
		set("ID", r.ID)
		for _, n := range r.Author {
			switch {
			case n.IsEtAl():
			case n.Literal != "":
				set("AU", n.Literal)
			case n.Given == "":
				set("AU", n.Family)
			default:
				set("AU", n.Family+", "+n.Given)
			}
		}
		set("TI", strings.Join(strings.Fields(r.Title), " "))
		set("T2", r.ContainerTitle)
		if r.Issued.Year > 0 {
			set("PY", strconv.Itoa(r.Issued.Year))
		}
		if r.Issued.Month > 0 {
			da := fmt.Sprintf("%d/%02d", r.Issued.Year, r.Issued.Month)
			if r.Issued.Day > 0 {
				da += fmt.Sprintf("/%02d", r.Issued.Day)
			}
			set("DA", da)
		}
		set("VL", r.Volume)
		set("IS", r.Issue)
		if first, last, ok := strings.Cut(strings.ReplaceAll(r.Page, "–", "-"), "-"); ok && !strings.Contains(r.Page, ",") {
			set("SP", first)
			set("EP", last)
		} else {
			set("SP", r.Page)
		}
		set("PB", r.Publisher)
		set("DO", CleanDOI(r.DOI))
		set("UR", r.URL)
		if r.PMID != "" {
			set("AN", r.PMID)
			set("DB", "PubMed")
		}
		if !reflect.DeepEqual(records[i], want) {
			t.Errorf("%s:\n got %q\nwant %q", r.ID, records[i], want)
		}
	}
}

// ---- CSL-JSON read back ----

type cslBack struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Author []struct {
		Family  string `json:"family"`
		Given   string `json:"given"`
		Literal string `json:"literal"`
	} `json:"author"`
	Title          string `json:"title"`
	ContainerTitle string `json:"container-title"`
	Publisher      string `json:"publisher"`
	Issued         *struct {
		DateParts [][]int `json:"date-parts"`
	} `json:"issued"`
	Volume string `json:"volume"`
	Issue  string `json:"issue"`
	Page   string `json:"page"`
	DOI    string `json:"DOI"`
	PMID   string `json:"PMID"`
	URL    string `json:"URL"`
}

func TestCSLJSONReadBack(t *testing.T) {
	refs := exportRefs(t)
	src, err := CSLJSON(refs)
	if err != nil {
		t.Fatal(err)
	}
	var items []cslBack
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&items); err != nil {
		t.Fatal(err)
	}
	if len(items) != len(refs) {
		t.Fatalf("%d items, want %d", len(items), len(refs))
	}
	// No empty fields are written.
	if bytes.Contains(src, []byte(`: ""`)) || bytes.Contains(src, []byte(`: null`)) || bytes.Contains(src, []byte(`: []`)) {
		t.Errorf("empty field written:\n%s", src)
	}
	for i, r := range refs {
		it := items[i]
		check := func(field, got, want string) {
			if got != want {
				t.Errorf("%s %s: got %q, want %q", r.ID, field, got, want)
			}
		}
		check("id", it.ID, r.ID)
		check("type", it.Type, r.Type)
		check("title", it.Title, r.Title)
		check("container-title", it.ContainerTitle, r.ContainerTitle)
		check("publisher", it.Publisher, r.Publisher)
		check("volume", it.Volume, r.Volume)
		check("issue", it.Issue, r.Issue)
		check("page", it.Page, r.Page)
		check("DOI", it.DOI, CleanDOI(r.DOI))
		check("PMID", it.PMID, r.PMID)
		check("URL", it.URL, r.URL)
		if len(it.Author) != len(r.Author) {
			t.Errorf("%s: %d authors, want %d", r.ID, len(it.Author), len(r.Author))
		} else {
			for j, a := range it.Author {
				if got := (Name{Family: a.Family, Given: a.Given, Literal: a.Literal}); got != r.Author[j] {
					t.Errorf("%s author %d: got %+v, want %+v", r.ID, j, got, r.Author[j])
				}
			}
		}
		var wantDate []int
		for _, p := range []int{r.Issued.Year, r.Issued.Month, r.Issued.Day} {
			if p == 0 {
				break
			}
			wantDate = append(wantDate, p)
		}
		switch {
		case wantDate == nil && it.Issued != nil:
			t.Errorf("%s: issued %v, want none", r.ID, it.Issued.DateParts)
		case wantDate != nil && (it.Issued == nil || !reflect.DeepEqual(it.Issued.DateParts, [][]int{wantDate})):
			t.Errorf("%s: issued %+v, want [%v]", r.ID, it.Issued, wantDate)
		}
	}
}

func TestCSLJSONDefaultType(t *testing.T) {
	src, err := CSLJSON([]Reference{{ID: "x", Title: "T"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "[\n  {\n    \"id\": \"x\",\n    \"type\": \"document\",\n    \"title\": \"T\"\n  }\n]\n"
	if string(src) != want {
		t.Errorf("got\n%s\nwant\n%s", src, want)
	}
}

// ---- Cite this article ----

func TestCiteArticle(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		in   ArticleInfo
		want string
	}{
		{"authors, published, updated, accessed",
			ArticleInfo{
				Authors:   []Name{{Family: "Smith", Given: "Anna B."}, {Family: "Brown", Given: "C."}},
				SiteTitle: "Strata Health", Title: "Hand washing", URL: "https://strata.example/articles/hand-washing/",
				Published: day(2024, time.March, 3), Updated: day(2024, time.May, 1), Accessed: day(2024, time.June, 2),
			},
			"Smith AB, Brown C. Hand washing. Strata Health. Published March 3, 2024. Updated May 1, 2024. Accessed June 2, 2024. https://strata.example/articles/hand-washing/"},
		{"no authors: the site is the author",
			ArticleInfo{SiteTitle: "Strata Health", Title: "Does soap kill germs?", URL: "https://strata.example/a/",
				Published: day(2023, time.January, 9), Accessed: day(2024, time.December, 25)},
			"Strata Health. Does soap kill germs? Strata Health. Published January 9, 2023. Accessed December 25, 2024. https://strata.example/a/"},
		{"updated the day it was published",
			ArticleInfo{SiteTitle: "Strata", Title: "T", URL: "https://s/", Published: day(2024, time.March, 3), Updated: time.Date(2024, time.March, 3, 15, 4, 0, 0, time.UTC)},
			"Strata. T. Strata. Published March 3, 2024. https://s/"},
		{"updated only, nothing accessed",
			ArticleInfo{SiteTitle: "Strata", Title: "T.", URL: "https://s/", Updated: day(2024, time.April, 30)},
			"Strata. T. Strata. Updated April 30, 2024. https://s/"},
		{"seven authors",
			ArticleInfo{Authors: names("A", "Alan", "B", "Ben", "C", "Cat", "D", "Dan", "E", "Eve", "F", "Fay", "G", "Gus"), SiteTitle: "Strata", Title: "T", URL: "https://s/"},
			"A A, B B, C C, et al. T. Strata. https://s/"},
	}
	for _, tt := range tests {
		if got := CiteArticle(tt.in); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
