package cite

import (
	"bytes"
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
  volume = {12},
  number = {3},
  pages = {45--67},
  year = {2020},
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

@techreport{who2009,
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

const specialBibTeX = `@techreport{müller_2021,
  author = {Müller, Jean-Paul and O'Brien, Anna B. and Ferrand, Élodie and {Smith \& Sons \textbraceleft{}Research\textbraceright{} Ltd} and others},
  title = {{β-blockers \& café\_society: 100\% \textbraceleft{}Real\textbraceright{} results?}},
  howpublished = {Reports \#7 \textasciitilde{} \textasciicircum{} \$ \textbackslash{} series},
  volume = {4},
  pages = {101--110},
  institution = {Institut für Gesundheit},
  year = {2021},
  month = mar,
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
    "DOI": "10.1000/jh.2020.1",
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
    "container-title": "Journal of Hygiene",
    "issue": "3",
    "issued": {
      "date-parts": [
        [
          2020
        ]
      ]
    },
    "page": "45-67",
    "title": "Soap and germs",
    "volume": "12"
  },
  {
    "id": "jones2019",
    "type": "article-journal",
    "PMID": "12345678",
    "author": [
      {
        "family": "Jones",
        "given": "D."
      },
      {
        "literal": "et al."
      }
    ],
    "container-title": "Chemistry Today",
    "issued": {
      "date-parts": [
        [
          2019,
          5
        ]
      ]
    },
    "title": "How surfactants work?"
  },
  {
    "id": "who2009",
    "type": "report",
    "author": [
      {
        "literal": "World Health Organization"
      }
    ],
    "issued": {
      "date-parts": [
        [
          2009
        ]
      ]
    },
    "title": "Guidelines on hand hygiene in health care"
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
    "container-title": "Membranes",
    "issued": {
      "date-parts": [
        [
          2018
        ]
      ]
    },
    "title": "Lipid membranes"
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
    "container-title": "Reading List",
    "issued": {
      "date-parts": [
        [
          2021
        ]
      ]
    },
    "title": "Never cited here"
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
	// Keys keep what every parser reads; two keys that normalise alike stay apart.
	got = string(BibTeX([]Reference{{ID: "a b,{c}", Title: "T"}, {ID: "x?y&z", Title: "T"}, {ID: "x&y?z", Title: "T"}, {ID: "Foo:bar.baz/q-1+2", Title: "T"}}))
	for _, want := range []string{"@misc{a_b__c_,\n", "@misc{x_y_z,\n", "@misc{x_y_z-2,\n", "@misc{Foo:bar.baz/q-1+2,\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("keys: no %q in\n%s", want, got)
		}
	}
	// Particles and suffixes in BibTeX's "von Last, Jr, First" form.
	got = string(BibTeX([]Reference{{ID: "p", Title: "T", Author: []Name{{Family: "Poll", Given: "Tom", NonDroppingParticle: "van der"}, {Family: "Smith", Given: "John A.", Suffix: "Jr"}}}}))
	if want := "author = {van der Poll, Tom and Smith, Jr, John A.},"; !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant a line %q", got, want)
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
		{"no authors: the title leads, the site is only the publisher",
			ArticleInfo{SiteTitle: "Strata Health", Title: "Does soap kill germs?", URL: "https://strata.example/a/",
				Published: day(2023, time.January, 9), Accessed: day(2024, time.December, 25)},
			"Does soap kill germs? Strata Health. Published January 9, 2023. Accessed December 25, 2024. https://strata.example/a/"},
		{"adapted from another publication",
			ArticleInfo{SiteTitle: "Strata", Title: "T", URL: "https://s/", Updated: day(2026, time.November, 25), AdaptedFrom: "another publication (source not named)",
				Accessed: day(2026, time.December, 2)},
			"T. Strata. Updated November 25, 2026. Adapted from another publication (source not named). Accessed December 2, 2026. https://s/"},
		{"updated the day it was published",
			ArticleInfo{SiteTitle: "Strata", Title: "T", URL: "https://s/", Published: day(2024, time.March, 3), Updated: time.Date(2024, time.March, 3, 15, 4, 0, 0, time.UTC)},
			"T. Strata. Published March 3, 2024. https://s/"},
		{"updated only, nothing accessed",
			ArticleInfo{SiteTitle: "Strata", Title: "T.", URL: "https://s/", Updated: day(2024, time.April, 30)},
			"T. Strata. Updated April 30, 2024. https://s/"},
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
