// Package cite models an article's sources as CSL items (the CSL-YAML that Pandoc
// reads) and formats them in AMA style.
package cite

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Reference is one CSL item. Only the fields the engine uses are kept; the loader
// rejects fields it does not know so that a typo is not silently dropped.
type Reference struct {
	ID             string `yaml:"id"`
	Type           string `yaml:"type"`
	Author         []Name `yaml:"author"`
	Title          string `yaml:"title"`
	ContainerTitle string `yaml:"container-title"`
	Issued         Date   `yaml:"issued"`
	Volume         string `yaml:"volume"`
	Issue          string `yaml:"issue"`
	Page           string `yaml:"page"`
	DOI            string `yaml:"DOI"`
	PMID           string `yaml:"PMID"`
	URL            string `yaml:"URL"`
	Publisher      string `yaml:"publisher"`

	// Strata extensions (status.go).
	Status     string      `yaml:"status"` // Verified or AsListed; empty means AsListed
	Checked    *Checked    `yaml:"checked"`
	Correction *Correction `yaml:"correction"`
}

// Name is a CSL name: a family and given name, or a literal such as "et al.".
type Name struct {
	Family  string `yaml:"family"`
	Given   string `yaml:"given"`
	Literal string `yaml:"literal"`
}

// Date is a CSL date reduced to what AMA style prints: year, and month and day
// where given. It reads a plain year (2008), an ISO date string ("2008-03-01") or
// CSL date-parts ({date-parts: [[2008, 3]]}).
type Date struct {
	Year, Month, Day int
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		return d.parse(n.Value)
	case yaml.MappingNode:
		var v struct {
			// Strings, because CSL allows "2008" as well as 2008 in date-parts.
			DateParts [][]string `yaml:"date-parts"`
			Literal   string     `yaml:"literal"`
		}
		if err := n.Decode(&v); err != nil {
			return err
		}
		if v.Literal != "" {
			return d.parse(v.Literal)
		}
		if len(v.DateParts) == 0 || len(v.DateParts[0]) == 0 {
			return fmt.Errorf("date-parts is empty")
		}
		return d.set(v.DateParts[0], fmt.Sprint(v.DateParts[0]))
	}
	return fmt.Errorf("issued must be a year, a YYYY-MM-DD date or date-parts")
}

func (d *Date) parse(s string) error {
	return d.set(strings.Split(strings.TrimSpace(s), "-"), s)
}

// set reads year, month and day from parts; src names the date in errors.
func (d *Date) set(parts []string, src string) error {
	if len(parts) > 3 {
		return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", src)
	}
	var nums [3]int
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || strings.TrimLeft(p, "0123456789") != "" {
			return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", src)
		}
		n, err := strconv.Atoi(p)
		if err != nil {
			return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", src)
		}
		if i > 0 && n == 0 {
			return fmt.Errorf("date %q has a zero month or day", src)
		}
		nums[i] = n
	}
	*d = Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	return d.check()
}

func (d Date) check() error {
	bad := d.Year < 1000 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 ||
		(d.Day > 0 && d.Month == 0)
	if !bad && d.Day > 0 {
		// time.Date normalises 2009-02-30 to March 2: a different day means no such date.
		bad = time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day
	}
	if bad {
		return fmt.Errorf("date %d-%d-%d is out of range", d.Year, d.Month, d.Day)
	}
	return nil
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Year == 0 }

// AMA is a reference split into the parts that AMA style prints, in order. Empty
// parts are left out when rendered.
type AMA struct {
	Authors   string // "Coleman RE, et al."
	Title     string // "Bone loss in patients ... strategies."
	Container string // the journal, printed in italics
	Published string // "2008;12(3):45-67."
	DOI       string
	PMID      string
	URL       string
}

// DOIURL is the resolver link for the DOI.
func (a AMA) DOIURL() string { return "https://doi.org/" + a.DOI }

// PubMedURL is the PubMed link for the PMID.
func (a AMA) PubMedURL() string { return "https://pubmed.ncbi.nlm.nih.gov/" + a.PMID + "/" }

// maxAuthors is how many authors AMA lists before "et al.": all up to six; beyond
// six, the first three.
const maxAuthors = 6

// FormatAMA formats r in AMA (11th edition) style.
func FormatAMA(r Reference) AMA {
	var a AMA
	a.Authors = amaAuthors(r.Author)
	a.Title = endSentence(r.Title)
	// The template puts the period after the journal: drop one written in the data.
	a.Container = strings.TrimSuffix(strings.TrimSpace(r.ContainerTitle), ".")
	var pub strings.Builder
	if r.Publisher != "" && !isPeriodical(r.Type) {
		// A book or report: "Publisher; 2009."
		pub.WriteString(strings.TrimSuffix(strings.TrimSpace(r.Publisher), "."))
		if r.Issued.Year > 0 {
			pub.WriteString("; ")
		}
	}
	if r.Issued.Year > 0 {
		pub.WriteString(strconv.Itoa(r.Issued.Year))
	}
	if r.Volume != "" || r.Issue != "" {
		if pub.Len() > 0 {
			pub.WriteString(";")
		}
		pub.WriteString(r.Volume)
		if r.Issue != "" {
			pub.WriteString("(" + r.Issue + ")")
		}
	}
	if r.Page != "" {
		if pub.Len() > 0 {
			pub.WriteString(":")
		}
		pub.WriteString(hyphenatePages(r.Page))
	}
	if pub.Len() > 0 {
		a.Published = pub.String() + "."
	}
	a.DOI, a.PMID, a.URL = CleanDOI(r.DOI), strings.TrimSpace(r.PMID), strings.TrimSpace(r.URL)
	return a
}

// amaAuthors lists names AMA's way: "Surname Initials" joined by commas, all of
// up to six names, otherwise the first three and "et al", ending with a period. A
// literal "et al." in the list means there are more authors than are given, so
// it too gives the first three and "et al".
func amaAuthors(authors []Name) string {
	var names []string
	etAl := false
	for _, n := range authors {
		switch {
		case n.IsEtAl():
			etAl = true
		case strings.TrimSpace(n.Literal) != "":
			names = append(names, strings.TrimSpace(n.Literal))
		default:
			if s := strings.TrimSpace(strings.TrimSpace(n.Family) + " " + initials(n.Given)); s != "" {
				names = append(names, s)
			}
		}
	}
	if len(names) > maxAuthors {
		etAl = true
	}
	if etAl && len(names) > 3 {
		names = names[:3]
	}
	if etAl && len(names) > 0 {
		names = append(names, "et al")
	}
	return endSentence(strings.Join(names, ", "))
}

// IsEtAl reports whether n is a literal "et al." (or "others") standing for
// authors who are not named.
func (n Name) IsEtAl() bool {
	s := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n.Literal), "."))
	return n.Family == "" && n.Given == "" && (s == "et al" || s == "others")
}

// isPeriodical reports whether a CSL type is published in a journal, magazine or
// newspaper (or is not given: the engine's references are mostly journal articles).
func isPeriodical(typ string) bool {
	switch typ {
	case "", "article-journal", "article-magazine", "article-newspaper", "article":
		return true
	}
	return false
}

// CleanDOI reduces a DOI written as a link or with a "doi:" prefix to the bare DOI
// ("10.1000/x"), which is what CSL's DOI variable holds.
func CleanDOI(doi string) string {
	d := strings.TrimSpace(doi)
	lower := strings.ToLower(d)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if strings.HasPrefix(lower, p) {
			return strings.TrimSpace(d[len(p):])
		}
	}
	return d
}

// pageDashes are the dashes that page ranges are written with.
var pageDashes = strings.NewReplacer("–", "-", "—", "-", "‒", "-", "−", "-", "--", "-")

// hyphenatePages writes a page range with a plain hyphen: "45–67" -> "45-67".
func hyphenatePages(p string) string {
	return pageDashes.Replace(strings.TrimSpace(p))
}

// initials turns given names into AMA initials: "R. E." -> "RE", "Jean-Paul" -> "JP".
func initials(given string) string {
	var b strings.Builder
	start := true
	for _, r := range given {
		switch {
		case unicode.IsLetter(r):
			if start {
				b.WriteRune(unicode.ToUpper(r))
			}
			start = false
		default:
			start = true
		}
	}
	return b.String()
}

// endSentence ends s with a period unless it already ends with punctuation.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(".?!", last) {
		return s
	}
	return s + "."
}
