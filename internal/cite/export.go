package cite

// Exports of an article's reference list for reference managers (BibTeX, RIS and
// CSL-JSON), and the article's own AMA citation. Every export is deterministic:
// references keep their order, fields come in a fixed order, and empty fields are
// left out, so the same list always gives the same bytes (and the same ETag).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// MIME types of the exports, for Content-Type headers.
const (
	BibTeXType  = "application/x-bibtex; charset=utf-8"
	RISType     = "application/x-research-info-systems; charset=utf-8"
	CSLJSONType = "application/vnd.citationstyles.csl+json; charset=utf-8"
)

// BibTeX writes refs as a BibTeX database in UTF-8, one entry per reference, in the
// order given, separated by blank lines. The entry type follows the CSL type, as
// Zotero's Better BibTeX and Pandoc map them: @article (journal, magazine and
// newspaper articles), @book, @incollection (chapters and encyclopedia entries),
// @inproceedings, @techreport, @phdthesis or @mastersthesis, @online (web pages
// and posts; classic BibTeX styles read it as @misc), @misc otherwise.
//
// The key is the reference's id, normalised so that every BibTeX parser reads it:
// letters, digits and "_-:./+" are kept, any other character (Pandoc also allows
// "#$%&?<>~" and braces allow anything) becomes "_", and a key that would repeat
// an earlier one gets "-2", "-3", ... appended.
//
// Fields, in this order and only when given: author and editor ("Family, Given",
// with particles and suffixes in BibTeX's "von Last, Jr, First" form; a literal
// name such as an organisation braced; a literal "et al." as "others"), title
// (double-braced so that styles keep its capitals), journal, booktitle (a
// chapter's book) or howpublished (other containers), organization (a web page's
// site), edition, series, volume, number (the issue, or a report's number), pages
// (ranges with "--"), publisher (institution for reports, school for theses),
// address, type (a report's or thesis's genre), year, month (as the three-letter
// macro), urldate (the accessed date, YYYY-MM-DD), isbn, issn, doi, pmid, pmcid and
// url. Text fields escape BibTeX's and LaTeX's special characters (& % $ # _ { } ~
// ^ \); braces are written \textbraceleft{} and \textbraceright{} because BibTeX
// counts \{ and \} when it matches a field's braces. doi and url are verbatim
// fields in biblatex and in the url package, so they are written as they are,
// except that braces and backslashes (rare in either) are percent-encoded.
func BibTeX(refs []Reference) []byte {
	var b bytes.Buffer
	keys := map[string]bool{}
	for i, r := range refs {
		if i > 0 {
			b.WriteByte('\n')
		}
		writeBibEntry(&b, r, uniqueBibKey(r, i, keys))
	}
	return b.Bytes()
}

// uniqueBibKey is the citation key of refs[i], r: its id made BibTeX-safe, or
// "ref<i+1>" when that is empty, with "-2", "-3"... added when the key is already
// in keys, which records it.
func uniqueBibKey(r Reference, i int, keys map[string]bool) string {
	key := bibKey(r.ID)
	if key == "" {
		key = "ref" + strconv.Itoa(i+1)
	}
	for n, base := 2, key; keys[key]; n++ {
		key = base + "-" + strconv.Itoa(n)
	}
	keys[key] = true
	return key
}

// writeBibEntry writes r to b as one BibTeX entry under key, leaving out empty
// fields.
func writeBibEntry(b *bytes.Buffer, r Reference, key string) {
	typ := bibType(r)
	fmt.Fprintf(b, "@%s{%s,\n", typ, key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(b, "  %s = {%s},\n", name, value)
		}
	}
	text := func(name, value string) { field(name, bibEscape(oneLine(value))) }
	field("author", bibNames(r.Author))
	field("editor", bibNames(r.Editor))
	if t := oneLine(r.Title); t != "" {
		field("title", "{"+bibEscape(t)+"}")
	}
	switch typ {
	case "article":
		text("journal", r.ContainerTitle)
	case "incollection", "inproceedings":
		text("booktitle", r.ContainerTitle)
	case "online":
		text("organization", r.ContainerTitle)
	default:
		text("howpublished", r.ContainerTitle)
	}
	text("edition", r.Edition)
	text("series", r.CollectionTitle)
	text("volume", r.Volume)
	if typ == "techreport" {
		text("number", r.Number)
	} else {
		text("number", r.Issue)
	}
	if p := oneLine(r.Page); p != "" {
		field("pages", bibEscape(strings.ReplaceAll(hyphenatePages(p), "-", "--")))
	}
	switch typ {
	case "techreport":
		text("institution", r.Publisher)
	case "phdthesis", "mastersthesis":
		text("school", r.Publisher)
	default:
		text("publisher", r.Publisher)
	}
	text("address", r.PublisherPlace)
	if typ == "techreport" || typ == "phdthesis" || typ == "mastersthesis" {
		text("type", r.Genre)
	}
	if r.Issued.Year > 0 {
		field("year", strconv.Itoa(r.Issued.Year))
	}
	if r.Issued.Month >= 1 && r.Issued.Month <= 12 {
		// A macro, so unbraced: styles print it in their own language.
		fmt.Fprintf(b, "  month = %s,\n", strings.ToLower(time.Month(r.Issued.Month).String()[:3]))
	}
	if d := r.Accessed; d.Year > 0 {
		field("urldate", d.iso())
	}
	text("isbn", r.ISBN)
	text("issn", r.ISSN)
	field("doi", bibVerbatim(CleanDOI(r.DOI)))
	text("pmid", r.PMID)
	text("pmcid", r.PMCID)
	field("url", bibVerbatim(oneLine(r.URL)))
	b.WriteString("}\n")
}

// iso is the date as YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) iso() string {
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// bibType is the BibTeX entry type for a reference's CSL type.
func bibType(r Reference) string {
	switch r.Type {
	case "article-journal", "article-magazine", "article-newspaper", "article":
		return "article"
	case "book":
		return "book"
	case "chapter", "entry-dictionary", "entry-encyclopedia":
		return "incollection"
	case "paper-conference":
		return "inproceedings"
	case "report":
		return "techreport"
	case "thesis":
		if strings.Contains(strings.ToLower(r.Genre), "master") {
			return "mastersthesis"
		}
		return "phdthesis"
	case "webpage", "post", "post-weblog":
		return "online"
	}
	return "misc"
}

// bibKey normalises a citation key to the characters every BibTeX parser reads in a key.
func bibKey(id string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("_-:./+", r) {
			return r
		}
		return '_'
	}, strings.TrimSpace(id))
}

// bibNames is a name field: "van der Poll, Jr, Tom and others".
func bibNames(names []Name) string {
	var out []string
	others := false
	for _, n := range names {
		family := oneLine(strings.Join([]string{n.NonDroppingParticle, n.DroppingParticle, n.Family}, " "))
		given, literal, suffix := oneLine(n.Given), oneLine(n.Literal), oneLine(n.Suffix)
		switch {
		case n.IsEtAl():
			others = true
		case literal != "":
			out = append(out, "{"+bibEscape(literal)+"}")
		case family != "":
			name := bibNamePart(family)
			if suffix != "" {
				name += ", " + bibNamePart(suffix)
			}
			if given != "" || suffix != "" {
				name += ", " + bibNamePart(given)
			}
			out = append(out, strings.TrimSuffix(name, ", "))
		case given != "":
			out = append(out, "{"+bibEscape(given)+"}")
		}
	}
	if others && len(out) > 0 {
		out = append(out, "others")
	}
	return strings.Join(out, " and ")
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
// NEWS, RPRT for reports, BOOK, CHAP for chapters and entries, CONF, THES, ELEC
// for web pages, GEN otherwise), ID (the reference's id), AU per named author and
// A2 per editor (A3 for a book's, as the RIS specification has it), as "Family, Given, Suffix" with particles before the family name
// or the literal name (a literal "et al." is not a name and is left out), TI, T2
// (the journal, a chapter's book or a web page's site: the tag Zotero and EndNote
// both read so), J2 (the journal's abbreviation), T3 (series), ET (edition), PY
// (the year), DA ("YYYY/MM" or "YYYY/MM/DD", when the month is known), Y2 (the
// accessed date, YYYY/MM/DD, where Zotero reads and writes it for every type), VL, IS (the issue, or a report's number), SP and EP
// (a single range is split at its dash; anything else goes whole into SP), PB, CY
// (the place), M3 (a report's or thesis's genre), SN (ISBN or ISSN), DO, UR, and
// for a PMID the convention of PubMed records exported by EndNote: "AN  - <PMID>"
// (accession number) with "DB  - PubMed". Line breaks inside values become
// spaces, since RIS has no way to continue a value.
func RIS(refs []Reference) []byte {
	var b bytes.Buffer
	tag := func(t, value string) {
		if value = oneLine(value); value != "" {
			b.WriteString(t + "  - " + value + "\r\n")
		}
	}
	names := func(t string, names []Name) {
		for _, n := range names {
			family := oneLine(strings.Join([]string{n.NonDroppingParticle, n.DroppingParticle, n.Family}, " "))
			switch {
			case n.IsEtAl():
			case oneLine(n.Literal) != "":
				tag(t, n.Literal)
			case family != "" && (oneLine(n.Given) != "" || oneLine(n.Suffix) != ""):
				tag(t, strings.TrimSuffix(family+", "+oneLine(n.Given)+", "+oneLine(n.Suffix), ", "))
			default:
				tag(t, family+" "+n.Given)
			}
		}
	}
	for _, r := range refs {
		b.WriteString("TY  - " + risType(r.Type) + "\r\n")
		tag("ID", r.ID)
		names("AU", r.Author)
		if r.Type == "book" {
			names("A3", r.Editor) // the RIS specification's editor of a book; A2 is its series editor
		} else {
			names("A2", r.Editor)
		}
		tag("TI", r.Title)
		tag("T2", r.ContainerTitle)
		abbr := r.ContainerTitleShort
		if abbr == "" {
			abbr = r.JournalAbbreviation
		}
		tag("J2", abbr)
		tag("T3", r.CollectionTitle)
		tag("ET", r.Edition)
		if d := r.Issued; d.Year > 0 {
			tag("PY", strconv.Itoa(d.Year))
			if d.Month > 0 {
				tag("DA", strings.ReplaceAll(d.iso(), "-", "/"))
			}
		}
		if d := r.Accessed; d.Year > 0 {
			tag("Y2", strings.ReplaceAll(d.iso(), "-", "/"))
		}
		tag("VL", r.Volume)
		if r.Type == "report" && r.Issue == "" {
			tag("IS", r.Number)
		} else {
			tag("IS", r.Issue)
		}
		sp, ep := splitPages(r.Page)
		tag("SP", sp)
		tag("EP", ep)
		tag("PB", r.Publisher)
		tag("CY", r.PublisherPlace)
		tag("M3", r.Genre)
		if r.ISBN != "" {
			tag("SN", r.ISBN)
		} else {
			tag("SN", r.ISSN)
		}
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
	case "chapter", "entry-dictionary", "entry-encyclopedia":
		return "CHAP"
	case "paper-conference":
		return "CONF"
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

// CSLJSON writes refs as a CSL-JSON array, valid against the CSL 1.0.2 data schema,
// indented by two spaces and ending in a newline. Each item has its id and type
// first ("document" when the data has none, since CSL requires one), then every
// CSL variable the data gives, in alphabetical order: names as CSL name objects
// with their particles and suffixes (a literal "et al." is kept as it is in the
// CSL-YAML that Pandoc reads), dates as {"date-parts": [[year, month, day]]} as far
// as known, the DOI without a resolver prefix. Strata's extension keys are left
// out. Characters such as "&" and "<" are written as they are, not as \u escapes.
func CSLJSON(refs []Reference) ([]byte, error) {
	items := make([]cslItem, 0, len(refs))
	for _, r := range refs {
		items = append(items, cslVariables(r))
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

// cslVariables is a reference as CSL-JSON variables.
func cslVariables(r Reference) cslItem {
	v := map[string]any{}
	set := func(name, value string) {
		if value = strings.TrimSpace(value); value != "" {
			v[name] = value
		}
	}
	for name, value := range r.Other {
		if slices.Contains(Extensions, name) {
			continue
		}
		switch variables[name] {
		case kindDate:
			if s, ok := value.(string); ok {
				var d Date
				if d.parse(s) == nil {
					value = d.csl()
				} else {
					value = map[string]any{"raw": s}
				}
			}
		case kindString:
			if _, ok := value.(string); !ok {
				value = fmt.Sprint(value)
			}
		}
		v[name] = value
	}
	if names := cslNames(r.Author); len(names) > 0 {
		v["author"] = names
	}
	if names := cslNames(r.Editor); len(names) > 0 {
		v["editor"] = names
	}
	set("title", r.Title)
	set("container-title", r.ContainerTitle)
	set("container-title-short", r.ContainerTitleShort)
	set("journalAbbreviation", r.JournalAbbreviation)
	set("collection-title", r.CollectionTitle)
	set("edition", r.Edition)
	set("volume", r.Volume)
	set("issue", r.Issue)
	set("page", r.Page)
	set("number", r.Number)
	set("genre", r.Genre)
	set("publisher", r.Publisher)
	set("publisher-place", r.PublisherPlace)
	set("DOI", CleanDOI(r.DOI))
	set("PMID", r.PMID)
	set("PMCID", r.PMCID)
	set("ISBN", r.ISBN)
	set("ISSN", r.ISSN)
	set("URL", r.URL)
	if !r.Issued.IsZero() {
		v["issued"] = r.Issued.csl()
	}
	if !r.Accessed.IsZero() {
		v["accessed"] = r.Accessed.csl()
	}
	typ := r.Type
	if typ == "" {
		typ = "document"
	}
	return cslItem{id: r.ID, typ: typ, vars: v}
}

// csl is the date as a CSL date object.
func (d Date) csl() map[string]any {
	parts := []int{d.Year}
	if d.Month > 0 {
		parts = append(parts, d.Month)
		if d.Day > 0 {
			parts = append(parts, d.Day)
		}
	}
	return map[string]any{"date-parts": [][]int{parts}}
}

// cslNames are names as CSL name objects, the empty ones left out.
func cslNames(names []Name) []map[string]any {
	var out []map[string]any
	for _, n := range names {
		m := map[string]any{}
		for k, v := range map[string]string{"family": n.Family, "given": n.Given, "literal": n.Literal, "suffix": n.Suffix,
			"dropping-particle": n.DroppingParticle, "non-dropping-particle": n.NonDroppingParticle} {
			if v = strings.TrimSpace(v); v != "" {
				m[k] = v
			}
		}
		for k, v := range map[string]any{"comma-suffix": n.CommaSuffix, "static-ordering": n.StaticOrdering, "parse-names": n.ParseNames} {
			if v != nil {
				m[k] = v
			}
		}
		if len(m) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// cslItem is one CSL-JSON item: id and type first, then the other variables in
// alphabetical order.
type cslItem struct {
	id, typ string
	vars    map[string]any
}

// MarshalJSON implements json.Marshaler.
func (it cslItem) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteString(`{"id":`)
	if err := enc.Encode(it.id); err != nil {
		return nil, err
	}
	b.WriteString(`,"type":`)
	if err := enc.Encode(it.typ); err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(it.vars))
	for _, k := range keys {
		b.WriteString(",")
		if err := enc.Encode(k); err != nil {
			return nil, err
		}
		b.WriteString(":")
		if err := enc.Encode(it.vars[k]); err != nil {
			return nil, err
		}
	}
	b.WriteString("}")
	return b.Bytes(), nil
}

// ArticleInfo is what the citation of one of the site's own pages needs.
type ArticleInfo struct {
	ID        string    // the record's id in the exports (the page's slug)
	Authors   []Name    // the authors the article records; none: the citation starts with the title
	SiteTitle string    // the site's (the organisation's) name: the site and the publisher
	Title     string    // the page's title
	URL       string    // the page's own URL
	Published time.Time // first published; zero if unknown
	Updated   time.Time // last updated or reviewed; zero if never, or the same day as Published
	Accessed  time.Time // the reader's date of access, usually today; zero to leave out
	// AdaptedFrom names the publication the article's text is adapted from;
	// empty when it is original.
	AdaptedFrom string
}

// CiteArticle formats the citation of one of the site's pages in AMA style for a
// web page, for a "Cite this page" box:
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

// Reference is the page as a CSL item (a webpage) for the exports of its own
// citation: its authors when recorded (none otherwise: the site is the publisher,
// not an author), title, site as container-title and publisher, URL and
// publication date when known. The last update goes into the note, since CSL has
// no variable for it. The accessed date is left to the reader's reference manager.
func (a ArticleInfo) Reference() Reference {
	r := Reference{
		ID: a.ID, Type: "webpage", Author: a.Authors, Title: oneLine(a.Title),
		ContainerTitle: oneLine(a.SiteTitle), Publisher: oneLine(a.SiteTitle), URL: a.URL,
	}
	if !a.Published.IsZero() {
		r.Issued = Date{Year: a.Published.Year(), Month: int(a.Published.Month()), Day: a.Published.Day()}
	}
	if !a.Updated.IsZero() && a.Updated.Format(time.DateOnly) != a.Published.Format(time.DateOnly) {
		r.Other = map[string]any{"note": "Updated " + a.Updated.Format(amaDate) + "."}
	}
	return r
}
