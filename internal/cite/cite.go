// Package cite models an article's sources as CSL items (the CSL-YAML that Pandoc
// reads) and formats them in AMA style.
package cite

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

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
			DateParts [][]int `yaml:"date-parts"`
			Literal   string  `yaml:"literal"`
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
		p := v.DateParts[0]
		d.Year = p[0]
		if len(p) > 1 {
			d.Month = p[1]
		}
		if len(p) > 2 {
			d.Day = p[2]
		}
		return d.check()
	}
	return fmt.Errorf("issued must be a year, a YYYY-MM-DD date or date-parts")
}

func (d *Date) parse(s string) error {
	parts := strings.Split(strings.TrimSpace(s), "-")
	if len(parts) > 3 {
		return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	*d = Date{Year: nums[0]}
	if len(nums) > 1 {
		d.Month = nums[1]
	}
	if len(nums) > 2 {
		d.Day = nums[2]
	}
	return d.check()
}

func (d Date) check() error {
	if d.Year < 1000 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
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
	var names []string
	etAl := false
	for _, n := range r.Author {
		switch {
		case n.Literal != "" && strings.EqualFold(strings.TrimSuffix(strings.TrimSpace(n.Literal), "."), "et al"):
			etAl = true
		case n.Literal != "":
			names = append(names, n.Literal)
		default:
			names = append(names, strings.TrimSpace(n.Family+" "+initials(n.Given)))
		}
	}
	if len(names) > maxAuthors {
		names, etAl = names[:3], true
	}
	if etAl {
		names = append(names, "et al")
	}
	if len(names) > 0 {
		a.Authors = endSentence(strings.Join(names, ", "))
	}
	a.Title = endSentence(r.Title)
	if r.ContainerTitle != "" {
		a.Container = r.ContainerTitle
	}
	var pub strings.Builder
	if r.Issued.Year > 0 {
		pub.WriteString(strconv.Itoa(r.Issued.Year))
	}
	if r.Volume != "" {
		pub.WriteString(";" + r.Volume)
		if r.Issue != "" {
			pub.WriteString("(" + r.Issue + ")")
		}
	}
	if r.Page != "" {
		pub.WriteString(":" + strings.ReplaceAll(r.Page, "–", "-"))
	}
	if pub.Len() > 0 {
		a.Published = pub.String() + "."
	}
	a.DOI, a.PMID, a.URL = r.DOI, r.PMID, r.URL
	return a
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
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".?!") {
		return s
	}
	return s + "."
}
