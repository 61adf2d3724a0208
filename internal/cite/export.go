package cite

// Exports of an article's reference list for reference managers (BibTeX, RIS and
// CSL-JSON), and the article's own AMA citation. Every export is deterministic:
// references keep their order, fields come in a fixed order, and empty fields are
// left out, so the same list always gives the same bytes (and the same ETag).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MIME types of the exports, for Content-Type headers.
const (
	BibTeXType  = "application/x-bibtex; charset=utf-8"
	RISType     = "application/x-research-info-systems; charset=utf-8"
	CSLJSONType = "application/vnd.citationstyles.csl+json; charset=utf-8"
)

// BibTeX writes refs as a BibTeX database in UTF-8, one entry per reference, in the
// order given, separated by blank lines. The entry type follows the CSL type:
// @article for journal, magazine and newspaper articles, @report for reports,
// @book for books, @misc otherwise (@report is biblatex's name; classic BibTeX
// styles read an unknown type as @misc). The key is the reference's id, with the
// characters that cannot appear in a key (space, comma, braces, quotes, "#", "%",
// "=", "~", "\", "(", ")") replaced by "_".
//
// Fields, in this order and only when given: author, title, journal (for
// @article; other types give their container as howpublished), publisher
// (institution for @report), year, month (as the three-letter macro, "may"),
// volume, number (the issue), pages (ranges with "--"), doi, pmid and url.
// Authors are "Family, Given" joined by " and "; a literal name (an
// organisation) is wrapped in braces so that BibTeX does not split it; a literal
// "et al." becomes BibTeX's "others". The title is double-braced so that styles
// keep its capitals. Text fields escape BibTeX's and LaTeX's special characters
// (& % $ # _ { } ~ ^ \); braces are written \textbraceleft{} and
// \textbraceright{} because BibTeX counts \{ and \} when it matches a field's
// braces. doi and url are verbatim fields in biblatex and in the url package, so
// they are written as they are, except that braces and backslashes (rare in
// either) are percent-encoded to keep the entry parseable.
func BibTeX(refs []Reference) []byte {
	var b bytes.Buffer
	for i, r := range refs {
		if i > 0 {
			b.WriteByte('\n')
		}
		typ := bibType(r.Type)
		key := bibKey(r.ID)
		if key == "" {
			key = "ref" + strconv.Itoa(i+1)
		}
		fmt.Fprintf(&b, "@%s{%s,\n", typ, key)
		field := func(name, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", name, value)
			}
		}
		field("author", bibAuthors(r.Author))
		if t := oneLine(r.Title); t != "" {
			field("title", "{"+bibEscape(t)+"}")
		}
		container := bibEscape(oneLine(r.ContainerTitle))
		switch typ {
		case "article":
			field("journal", container)
		default:
			field("howpublished", container)
		}
		if typ == "report" {
			field("institution", bibEscape(oneLine(r.Publisher)))
		} else {
			field("publisher", bibEscape(oneLine(r.Publisher)))
		}
		if r.Issued.Year > 0 {
			field("year", strconv.Itoa(r.Issued.Year))
		}
		if r.Issued.Month >= 1 && r.Issued.Month <= 12 {
			// A macro, so unbraced: styles print it in their own language.
			fmt.Fprintf(&b, "  month = %s,\n", strings.ToLower(time.Month(r.Issued.Month).String()[:3]))
		}
		field("volume", bibEscape(oneLine(r.Volume)))
		field("number", bibEscape(oneLine(r.Issue)))
		if p := oneLine(r.Page); p != "" {
			field("pages", bibEscape(strings.ReplaceAll(hyphenatePages(p), "-", "--")))
		}
		field("doi", bibVerbatim(CleanDOI(r.DOI)))
		field("pmid", bibEscape(oneLine(r.PMID)))
		field("url", bibVerbatim(oneLine(r.URL)))
		b.WriteString("}\n")
	}
	return b.Bytes()
}

// bibType is the BibTeX entry type for a CSL type.
func bibType(csl string) string {
	switch csl {
	case "article-journal", "article-magazine", "article-newspaper", "article":
		return "article"
	case "report":
		return "report"
	case "book":
		return "book"
	}
	return "misc"
}

// bibKeyUnsafe replaces the characters that end or break a BibTeX key.
var bibKeyUnsafe = strings.NewReplacer(" ", "_", "\t", "_", "\n", "_", "\r", "_", ",", "_", "{", "_", "}", "_",
	"(", "_", ")", "_", "\"", "_", "'", "_", "#", "_", "%", "_", "=", "_", "~", "_", "\\", "_")

func bibKey(id string) string { return bibKeyUnsafe.Replace(strings.TrimSpace(id)) }

// bibAuthors is the author field: "Coleman, R. E. and others".
func bibAuthors(authors []Name) string {
	var names []string
	others := false
	for _, n := range authors {
		family, given, literal := oneLine(n.Family), oneLine(n.Given), oneLine(n.Literal)
		switch {
		case n.IsEtAl():
			others = true
		case literal != "":
			names = append(names, "{"+bibEscape(literal)+"}")
		case family != "" && given != "":
			names = append(names, bibNamePart(family)+", "+bibNamePart(given))
		case family != "":
			names = append(names, bibNamePart(family))
		case given != "":
			names = append(names, "{"+bibEscape(given)+"}")
		}
	}
	if others && len(names) > 0 {
		names = append(names, "others")
	}
	return strings.Join(names, " and ")
}

// bibNamePart escapes part of a name, bracing it if it holds a comma or the word
// "and", which BibTeX would read as separators.
func bibNamePart(s string) string {
	e := bibEscape(s)
	if strings.Contains(s, ",") || containsWord(s, "and") {
		return "{" + e + "}"
	}
	return e
}

func containsWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

var bibEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`{`, `\textbraceleft{}`,
	`}`, `\textbraceright{}`,
	`&`, `\&`,
	`%`, `\%`,
	`$`, `\$`,
	`#`, `\#`,
	`_`, `\_`,
	`~`, `\textasciitilde{}`,
	`^`, `\textasciicircum{}`,
)

// bibEscape escapes the characters that BibTeX or LaTeX treat specially; other
// characters, UTF-8 included, are kept.
func bibEscape(s string) string { return bibEscaper.Replace(s) }

var bibVerbatimEscaper = strings.NewReplacer(`{`, `%7B`, `}`, `%7D`, `\`, `%5C`)

// bibVerbatim prepares a verbatim field (doi, url): it stays as written but for
// the characters that would unbalance the entry.
func bibVerbatim(s string) string { return bibVerbatimEscaper.Replace(s) }

// RIS writes refs in the RIS tagged format: "XX  - value" lines ending in CR LF,
// as the RIS specification asks (Zotero, EndNote and Mendeley read CR LF and LF
// alike), in UTF-8 without a byte-order mark, each record from "TY  - " to
// "ER  - " followed by a blank line.
//
// Tags, in this order and only when given: TY (JOUR for journal articles, MGZN,
// NEWS, RPRT for reports, BOOK, CHAP, THES, ELEC for web pages, GEN otherwise),
// ID (the reference's id), AU per named author as "Family, Given" or the literal
// name (a literal "et al." is not an author and is left out), TI, T2 (the
// journal or other container: the tag Zotero and EndNote both read as the journal
// of a JOUR record; JO is read by Zotero as the abbreviation), PY (the year), DA
// ("YYYY/MM" or "YYYY/MM/DD", when the month is known), VL, IS, SP and EP (a
// single range is split at its dash; anything else goes whole into SP), PB, DO,
// UR, and for a PMID the convention of PubMed records exported by EndNote:
// "AN  - <PMID>" (accession number) with "DB  - PubMed". Line breaks inside values
// become spaces, since RIS has no way to continue a value.
func RIS(refs []Reference) []byte {
	var b bytes.Buffer
	tag := func(t, value string) {
		if value = oneLine(value); value != "" {
			b.WriteString(t + "  - " + value + "\r\n")
		}
	}
	for _, r := range refs {
		b.WriteString("TY  - " + risType(r.Type) + "\r\n")
		tag("ID", r.ID)
		for _, n := range r.Author {
			switch {
			case n.IsEtAl():
			case oneLine(n.Literal) != "":
				tag("AU", n.Literal)
			case oneLine(n.Family) != "" && oneLine(n.Given) != "":
				tag("AU", oneLine(n.Family)+", "+oneLine(n.Given))
			default:
				tag("AU", oneLine(n.Family+" "+n.Given))
			}
		}
		tag("TI", r.Title)
		tag("T2", r.ContainerTitle)
		if d := r.Issued; d.Year > 0 {
			tag("PY", strconv.Itoa(d.Year))
			switch {
			case d.Month > 0 && d.Day > 0:
				tag("DA", fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day))
			case d.Month > 0:
				tag("DA", fmt.Sprintf("%04d/%02d", d.Year, d.Month))
			}
		}
		tag("VL", r.Volume)
		tag("IS", r.Issue)
		sp, ep := splitPages(r.Page)
		tag("SP", sp)
		tag("EP", ep)
		tag("PB", r.Publisher)
		tag("DO", CleanDOI(r.DOI))
		tag("UR", r.URL)
		if pmid := oneLine(r.PMID); pmid != "" {
			tag("AN", pmid)
			tag("DB", "PubMed")
		}
		b.WriteString("ER  - \r\n\r\n")
	}
	return b.Bytes()
}

// risType is the RIS reference type for a CSL type.
func risType(csl string) string {
	switch csl {
	case "article-journal", "article":
		return "JOUR"
	case "article-magazine":
		return "MGZN"
	case "article-newspaper":
		return "NEWS"
	case "report":
		return "RPRT"
	case "book":
		return "BOOK"
	case "chapter":
		return "CHAP"
	case "thesis":
		return "THES"
	case "webpage", "post-weblog", "post":
		return "ELEC"
	}
	return "GEN"
}

// splitPages splits a single page range ("45–67") into its first and last pages;
// a single page or anything more complex ("45-67, 70") is returned whole as the
// first.
func splitPages(p string) (first, last string) {
	p = hyphenatePages(oneLine(p))
	if strings.Count(p, "-") == 1 && !strings.ContainsAny(p, ",;") {
		first, last, _ = strings.Cut(p, "-")
		first, last = strings.TrimSpace(first), strings.TrimSpace(last)
		if first != "" && last != "" {
			return first, last
		}
	}
	return p, ""
}

// oneLine trims s and turns any run of white space (line breaks included) into a
// single space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// CSLJSON writes refs as a CSL-JSON array
// (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html), indented by
// two spaces and ending in a newline. Each item has, in this order and only when
// given: id, type ("document" when the data has none, since CSL requires one),
// author (as {"family", "given"} or {"literal"}, in the order given; a literal
// "et al." is kept as it is in the CSL-YAML that Pandoc reads), title,
// container-title, publisher, issued ({"date-parts": [[year, month, day]]}, as far
// as known), volume, issue, page, DOI, PMID and URL. Characters such as "&" and
// "<" are written as they are, not as \u escapes.
func CSLJSON(refs []Reference) ([]byte, error) {
	items := make([]cslItem, 0, len(refs))
	for _, r := range refs {
		it := cslItem{
			ID:             r.ID,
			Type:           r.Type,
			Title:          r.Title,
			ContainerTitle: r.ContainerTitle,
			Publisher:      r.Publisher,
			Volume:         r.Volume,
			Issue:          r.Issue,
			Page:           r.Page,
			DOI:            CleanDOI(r.DOI),
			PMID:           strings.TrimSpace(r.PMID),
			URL:            strings.TrimSpace(r.URL),
		}
		if it.Type == "" {
			it.Type = "document"
		}
		for _, n := range r.Author {
			if n.Literal != "" {
				it.Author = append(it.Author, cslName{Literal: n.Literal})
			} else if n.Family != "" || n.Given != "" {
				it.Author = append(it.Author, cslName{Family: n.Family, Given: n.Given})
			}
		}
		if d := r.Issued; d.Year > 0 {
			parts := []int{d.Year}
			if d.Month > 0 {
				parts = append(parts, d.Month)
				if d.Day > 0 {
					parts = append(parts, d.Day)
				}
			}
			it.Issued = &cslDate{DateParts: [][]int{parts}}
		}
		items = append(items, it)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// cslItem is one CSL-JSON item; its field order is the order written.
type cslItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Author         []cslName `json:"author,omitempty"`
	Title          string    `json:"title,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Page           string    `json:"page,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	PMID           string    `json:"PMID,omitempty"`
	URL            string    `json:"URL,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// ArticleInfo is what the citation of one of the site's own articles needs.
type ArticleInfo struct {
	Authors   []Name    // the article's authors; none: the site is the author
	SiteTitle string    // the site's (the organisation's) name
	Title     string    // the article's title
	URL       string    // the article's canonical URL
	Published time.Time // first published; zero if unknown
	Updated   time.Time // last updated or reviewed; zero if never, or the same day as Published
	Accessed  time.Time // the reader's date of access, usually today; zero to leave out
	// AdaptedFrom names the publication the article's text is adapted from;
	// empty when it is original.
	AdaptedFrom string
}

// amaDate is AMA's date form: "March 3, 2024".
const amaDate = "January 2, 2006"

// CiteArticle formats the citation of one of the site's articles in AMA style for
// a web page, for a "Cite this article" box:
//
//	Author(s). Title. Site name. Published March 3, 2024. Updated May 1, 2024. Adapted from Source. Accessed June 2, 2024. URL
//
// Authors follow the rules of FormatAMA; with none, the citation starts with the
// title (no person or organisation is made the author). Parts that are not known are left out; Updated is
// left out when it falls on the day of Published. The URL ends the citation
// without a period, as AMA asks.
func CiteArticle(a ArticleInfo) string {
	var parts []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	add(amaAuthors(a.Authors))
	add(endSentence(oneLine(a.Title)))
	add(endSentence(oneLine(a.SiteTitle)))
	if !a.Published.IsZero() {
		add("Published " + a.Published.Format(amaDate) + ".")
	}
	if !a.Updated.IsZero() && a.Updated.Format(time.DateOnly) != a.Published.Format(time.DateOnly) {
		add("Updated " + a.Updated.Format(amaDate) + ".")
	}
	if a.AdaptedFrom != "" {
		add("Adapted from " + endSentence(oneLine(a.AdaptedFrom)))
	}
	if !a.Accessed.IsZero() {
		add("Accessed " + a.Accessed.Format(amaDate) + ".")
	}
	add(a.URL)
	return strings.Join(parts, " ")
}
