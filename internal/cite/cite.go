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

// Reference is one CSL item, as Pandoc reads it from CSL-YAML. The fields are the
// CSL variables the engine prints or exports; every other variable of the CSL 1.0.2
// data schema is kept in Other, checked against the schema by Check (so that a
// typo is still reported) and written back in the CSL-JSON export.
type Reference struct {
	ID                  string `yaml:"id"`
	Type                string `yaml:"type"`
	Author              []Name `yaml:"author"`
	Editor              []Name `yaml:"editor"`
	Title               string `yaml:"title"`
	ContainerTitle      string `yaml:"container-title"`
	ContainerTitleShort string `yaml:"container-title-short"`
	JournalAbbreviation string `yaml:"journalAbbreviation"`
	CollectionTitle     string `yaml:"collection-title"`
	Edition             string `yaml:"edition"`
	Issued              Date   `yaml:"issued"`
	Accessed            Date   `yaml:"accessed"`
	Volume              string `yaml:"volume"`
	Issue               string `yaml:"issue"`
	Page                string `yaml:"page"`
	Number              string `yaml:"number"`
	Genre               string `yaml:"genre"`
	Publisher           string `yaml:"publisher"`
	PublisherPlace      string `yaml:"publisher-place"`
	DOI                 string `yaml:"DOI"`
	PMID                string `yaml:"PMID"`
	PMCID               string `yaml:"PMCID"`
	ISBN                string `yaml:"ISBN"`
	ISSN                string `yaml:"ISSN"`
	URL                 string `yaml:"URL"`

	// Strata extensions (status.go).
	Status     string      `yaml:"status"` // Verified or AsListed; empty means AsListed
	Checked    *Checked    `yaml:"checked"`
	Correction *Correction `yaml:"correction"`

	// Other holds the item's other keys: CSL variables the engine does not print
	// (abstract, note, keyword, language, ...).
	Other map[string]any `yaml:",inline"`
}

// Name is a CSL name: family and given names with their particles and suffix, or
// a literal such as an organisation or "et al.".
type Name struct {
	Family              string `yaml:"family"`
	Given               string `yaml:"given"`
	DroppingParticle    string `yaml:"dropping-particle"`
	NonDroppingParticle string `yaml:"non-dropping-particle"`
	Suffix              string `yaml:"suffix"`
	CommaSuffix         any    `yaml:"comma-suffix"`
	StaticOrdering      any    `yaml:"static-ordering"`
	ParseNames          any    `yaml:"parse-names"`
	Literal             string `yaml:"literal"`
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
			Raw       string     `yaml:"raw"`
			Season    string     `yaml:"season"`
			Circa     any        `yaml:"circa"`
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			switch k := n.Content[i].Value; k {
			case "date-parts", "literal", "raw", "season", "circa":
			default:
				// A TypeError, so that the decoder goes on and reports the line.
				return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: unknown date key %q (a CSL date has date-parts, season, circa, literal or raw)", n.Content[i].Line, k)}}
			}
		}
		if err := n.Decode(&v); err != nil {
			return err
		}
		if v.Literal != "" {
			return d.parse(v.Literal)
		}
		if v.Raw != "" && len(v.DateParts) == 0 {
			return d.parse(v.Raw)
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

// AMA is a reference split into the parts that AMA style (11th edition) prints,
// in order; empty parts are left out. FormatAMA already leaves out what AMA does
// not print (the URL and the dates of access beside a DOI), so that whoever prints
// the parts needs no rules of its own. Runs gives the parts in order with their
// italics and links, for pages to draw; Text and Markdown join them.
type AMA struct {
	Authors         string // "Coleman RE, Body JJ, Gralow JR, et al.", or the editors in their place ("Smith J, ed.")
	Title           string // ends with a period, or the title's own ? or !
	TitleItalic     bool   // books, reports, theses: a title in italics and title case
	In              string // a chapter's "In: Smith J, Doe K, eds."
	Container       string // the journal (abbreviated when the data has it), a chapter's book, a web page's site
	ContainerItalic bool
	Published       string // "2008;12(3):45-67." or "3rd ed. Oxford University Press; 2009:45-67."
	Access          string // with a URL only: "Published March 3, 2020. Accessed June 1, 2024.", before the URL
	DOI             string
	PMID            string
	URL             string // only without a DOI: AMA gives the DOI in its place
}

// DOIURL is the resolver link for a DOI.
func DOIURL(doi string) string { return "https://doi.org/" + doi }

// PubMedURL is the PubMed link for a PMID.
func PubMedURL(pmid string) string { return "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/" }

// Run is a stretch of a formatted reference: plain text, a title in italics, or
// a link (a DOI, a URL, a PMID).
type Run struct {
	Text   string
	Italic bool
	Link   string
}

// runList builds a line of runs: parts separated by spaces, empty parts left out.
type runList []Run

// add appends a part (one run, or several that touch) unless its first run is
// empty.
func (l *runList) add(part ...Run) {
	if part[0].Text == "" {
		return
	}
	if len(*l) > 0 {
		*l = append(*l, Run{Text: " "})
	}
	*l = append(*l, part...)
}

// addDOI appends a link to a DOI's record, where given.
func (l *runList) addDOI(doi string) {
	if doi != "" {
		l.add(Run{Text: "doi:" + doi, Link: DOIURL(doi)})
	}
}

// addPMID appends a link to a PMID's record, where given.
func (l *runList) addPMID(pmid string) {
	if pmid != "" {
		l.add(Run{Text: "PMID: " + pmid, Link: PubMedURL(pmid)})
	}
}

// Runs is the reference in the order a page shows it, spaces included: what
// Text joins, with its italics and links.
func (a AMA) Runs() []Run {
	var runs runList
	add := runs.add
	add(Run{Text: a.Authors})
	if a.TitleItalic {
		title := strings.TrimSuffix(a.Title, ".")
		if title != a.Title {
			add(Run{Text: title, Italic: true}, Run{Text: "."})
		} else {
			add(Run{Text: title, Italic: true})
		}
	} else {
		add(Run{Text: a.Title})
	}
	add(Run{Text: a.In})
	if a.Container != "" {
		add(Run{Text: a.Container, Italic: a.ContainerItalic}, Run{Text: "."})
	}
	add(Run{Text: a.Published})
	runs.addDOI(a.DOI)
	add(Run{Text: a.Access})
	add(Run{Text: a.URL, Link: a.URL})
	runs.addPMID(a.PMID)
	return runs
}

// Text is the reference as plain text, in the order the page shows it.
func (a AMA) Text() string { return a.format(func(s string) string { return s }) }

// Markdown is the reference with its italics as *...*.
func (a AMA) Markdown() string { return a.format(func(s string) string { return "*" + s + "*" }) }

func (a AMA) format(italic func(string) string) string {
	var b strings.Builder
	for _, r := range a.Runs() {
		if r.Italic {
			b.WriteString(italic(r.Text))
		} else {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// maxAuthors is how many authors AMA lists before "et al.": all up to six; beyond
// six, the first three.
const maxAuthors = 6

// amaDate is AMA's date form: "March 3, 2024".
const amaDate = "January 2, 2006"

// FormatAMA formats r in AMA (11th edition) style, as the AMA style of the CSL
// styles repository does, by type: journal and other articles; books, reports and
// other stand-alone works (italic title in title case, volume, edition, editors,
// publisher); chapters and conference papers ("In: editors, eds. Book."); web
// pages and posts (site, published date, accessed date, URL); newspaper articles;
// theses. Names keep their particles and suffixes ("van der Poll T", "Smith JA
// Jr"); with no author the editors take their place. Journals are abbreviated from
// container-title-short or journalAbbreviation, without periods.
func FormatAMA(r Reference) AMA {
	var a AMA
	f := newAMAParts(r)
	a.Authors = endSentence(amaNames(r.Author))
	if a.Authors == "" && f.editors != "" && !chapterLike(r.Type) {
		a.Authors = f.editors + ", " + f.edLabel
		f.editors = ""
	}
	a.Title, a.TitleItalic = amaTitle(r)
	f.source(&a)
	f.identifiers(&a)
	a.ContainerItalic = a.ContainerItalic && a.Container != ""
	return a
}

// amaParts are the pieces of a reference that several of AMA's source types
// print, already in AMA's form.
type amaParts struct {
	r       Reference
	editors string // the editors' names, or "" when they stand in for the authors
	edLabel string // "ed." or "eds."
	year    string // the year issued, or ""
	page    string // the page range, hyphenated
	volume  string // "Vol 2.", or ""
}

// newAMAParts prepares r's shared pieces.
func newAMAParts(r Reference) amaParts {
	f := amaParts{r: r, editors: amaNames(r.Editor), edLabel: "ed.", page: hyphenatePages(r.Page)}
	if countNames(r.Editor) > 1 {
		f.edLabel = "eds."
	}
	if r.Issued.Year > 0 {
		f.year = strconv.Itoa(r.Issued.Year)
	}
	if v := oneLine(r.Volume); v != "" {
		f.volume = "Vol " + endSentence(v)
	}
	return f
}

// amaTitle is r's title closed by a period, and whether it is italic: books,
// reports, theses and other stand-alone works have theirs in italics and title
// case.
func amaTitle(r Reference) (title string, italic bool) {
	title = oneLine(r.Title)
	if standAlone(r.Type) || r.Type == "thesis" {
		italic = true
		title = titleCase(title)
	}
	return endSentence(title), italic
}

// pubYear is "Publisher; 2009:45-67." as books and chapters end.
func (f amaParts) pubYear() string {
	var b strings.Builder
	b.WriteString(trimPeriod(oneLine(f.r.Publisher)))
	if f.year != "" {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.year)
		if f.page != "" {
			b.WriteString(":" + f.page)
		}
	}
	return endSentence(b.String())
}

// source fills in where the work appeared (a.In, a.Container, a.Published and a
// web page's published date in a.Access), by the reference's type.
func (f amaParts) source(a *AMA) {
	r, typ := f.r, f.r.Type
	switch {
	case standAlone(typ):
		var g []string
		g = appendNonEmpty(g, f.volume, edition(r.Edition))
		if f.editors != "" {
			g = append(g, "("+f.editors+", "+f.edLabel+")")
		}
		a.Published = strings.TrimSpace(endSentence(strings.Join(g, " ")) + " " + f.pubYear())
	case chapterLike(typ):
		a.In = "In:"
		if f.editors != "" {
			a.In += " " + f.editors + ", " + f.edLabel
		}
		a.Container, a.ContainerItalic = titleCase(trimPeriod(oneLine(r.ContainerTitle))), true
		a.Published = strings.Join(appendNonEmpty(nil, f.volume, edition(r.Edition), endSentence(oneLine(r.CollectionTitle)), f.pubYear()), " ")
	case typ == "webpage" || typ == "post" || typ == "post-weblog":
		a.Container = trimPeriod(oneLine(r.ContainerTitle))
		if !r.Issued.IsZero() {
			a.Access = "Published " + r.Issued.Text() + "."
		}
	case typ == "article-newspaper":
		f.newspaper(a)
	case typ == "thesis":
		a.Published = strings.Join(appendNonEmpty(nil, endSentence(oneLine(r.Genre)), f.pubYear()), " ")
	default:
		f.article(a)
	}
}

// newspaper fills in a newspaper article's paper and date: "Published <date>."
// when it is online, the date and page otherwise.
func (f amaParts) newspaper(a *AMA) {
	r := f.r
	a.Container, a.ContainerItalic = trimPeriod(oneLine(r.ContainerTitle)), true
	switch {
	case r.URL != "" && !r.Issued.IsZero():
		a.Access = "Published " + r.Issued.Text() + "."
	case !r.Issued.IsZero():
		d := r.Issued.Text()
		if f.page != "" {
			d += ":" + f.page
		}
		a.Published = endSentence(d)
	}
}

// article fills in a journal (or other) article's editors, journal and
// "2008;12(3):45-67.".
func (f amaParts) article(a *AMA) {
	r := f.r
	if f.editors != "" {
		a.In = f.editors + ", " + f.edLabel
	}
	a.Container, a.ContainerItalic = journal(r), true
	var pub strings.Builder
	if r.Volume != "" || r.Issue != "" {
		pub.WriteString(f.year)
	} else if r.Issued.Day > 0 {
		// An article ahead of print has a full date and no volume yet; a year
		// alone more likely means the volume is not recorded.
		pub.WriteString("Published online " + r.Issued.Text())
	} else {
		pub.WriteString(f.year)
	}
	if r.Volume != "" || r.Issue != "" {
		if pub.Len() > 0 {
			pub.WriteString(";")
		}
		pub.WriteString(oneLine(r.Volume))
		if r.Issue != "" {
			pub.WriteString("(" + oneLine(r.Issue) + ")")
		}
	}
	if f.page != "" {
		if pub.Len() > 0 {
			pub.WriteString(":")
		}
		pub.WriteString(f.page)
	}
	if pub.Len() > 0 {
		a.Published = pub.String() + "."
	}
}

// identifiers fills in the DOI, PMID and URL, and the date accessed, which is
// kept only with a URL (and for a newspaper only when it is online).
func (f amaParts) identifiers(a *AMA) {
	r, typ := f.r, f.r.Type
	if !r.Accessed.IsZero() && typ != "article-newspaper" || typ == "article-newspaper" && r.URL != "" && !r.Accessed.IsZero() {
		a.Access = strings.TrimSpace(a.Access + " Accessed " + r.Accessed.Text() + ".")
	}
	a.DOI, a.PMID, a.URL = CleanDOI(r.DOI), strings.TrimSpace(r.PMID), strings.TrimSpace(r.URL)
	if a.DOI != "" {
		a.URL = "" // AMA gives the DOI in place of the address
	}
	if a.URL == "" {
		a.Access = "" // dates of access belong with the address accessed
	}
}

// journal is the journal's name as AMA prints it: its abbreviation when the data
// has one, without periods ("N Engl J Med").
func journal(r Reference) string {
	j := r.ContainerTitleShort
	if j == "" {
		j = r.JournalAbbreviation
	}
	if j == "" {
		return trimPeriod(oneLine(r.ContainerTitle))
	}
	return oneLine(strings.ReplaceAll(j, ".", ""))
}

// edition is AMA's edition: "3rd ed." for a number, the text as given otherwise.
func edition(e string) string {
	e = oneLine(e)
	if e == "" {
		return ""
	}
	n, err := strconv.Atoi(e)
	if err != nil {
		return endSentence(e)
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix + " ed."
}

// standAlone reports whether a CSL type is a work published on its own, whose
// title AMA sets in italics: books, reports and the like.
func standAlone(typ string) bool {
	switch typ {
	case "bill", "book", "graphic", "legislation", "motion_picture", "report", "song":
		return true
	}
	return false
}

// chapterLike reports whether a CSL type is a part of a book or proceedings.
func chapterLike(typ string) bool {
	switch typ {
	case "chapter", "paper-conference", "entry-dictionary", "entry-encyclopedia":
		return true
	}
	return false
}

// amaNames lists names AMA's way: "Surname Initials" joined by commas, all of up
// to six names, otherwise the first three and "et al". A literal "et al." in the
// list means there are more names than are given, so it too gives the first
// three and "et al".
func amaNames(names []Name) string {
	var out []string
	etAl := false
	for _, n := range names {
		switch {
		case n.IsEtAl():
			etAl = true
		case strings.TrimSpace(n.Literal) != "":
			out = append(out, oneLine(n.Literal))
		default:
			if s := n.ama(); s != "" {
				out = append(out, s)
			}
		}
	}
	if len(out) > maxAuthors {
		etAl = true
	}
	if etAl && len(out) > 3 {
		out = out[:3]
	}
	if etAl && len(out) > 0 {
		out = append(out, "et al")
	}
	return strings.Join(out, ", ")
}

// countNames counts the names that are not "et al.".
func countNames(names []Name) int {
	n := 0
	for _, x := range names {
		if !x.IsEtAl() {
			n++
		}
	}
	return n
}

// ama is one name in AMA's form: particle and family name, initials, dropping
// particle and suffix ("van der Poll T", "Smith JA Jr").
func (n Name) ama() string {
	return oneLine(strings.Join([]string{n.family(), initials(n.Given), n.DroppingParticle, n.Suffix}, " "))
}

// family is the family name with its non-dropping particle ("van der Poll").
func (n Name) family() string {
	return oneLine(n.NonDroppingParticle + " " + n.Family)
}

// amaAuthors is the author list of a citation, ending with a period.
func amaAuthors(authors []Name) string { return endSentence(amaNames(authors)) }

// InTextAuthors names a reference's authors in running text, for an author-in-text
// citation (@key says): "Doe", "Doe and Roe", "Doe et al" (AMA writes "et al"
// without a period), an organisation by its name; the editors when there are no
// authors, and the title when there are neither.
func InTextAuthors(r Reference) string {
	names := r.Author
	if countNames(names) == 0 {
		names = r.Editor
	}
	var fam []string
	more := false
	for _, n := range names {
		switch {
		case n.IsEtAl():
			more = true
		case strings.TrimSpace(n.Literal) != "":
			fam = append(fam, oneLine(n.Literal))
		case n.family() != "":
			fam = append(fam, n.family())
		}
	}
	switch {
	case len(fam) == 0:
		return trimPeriod(oneLine(r.Title))
	case len(fam) > 2 || more:
		return fam[0] + " et al"
	case len(fam) == 2:
		return fam[0] + " and " + fam[1]
	}
	return fam[0]
}

// Text is the date as AMA writes it in full: "March 3, 2020", "March 2020" or "2020".
func (d Date) Text() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return time.Month(d.Month).String() + " " + strconv.Itoa(d.Year)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Format(amaDate)
}

// IsEtAl reports whether n is a literal "et al." (or "others") standing for
// authors who are not named.
func (n Name) IsEtAl() bool {
	s := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n.Literal), "."))
	return n.Family == "" && n.Given == "" && (s == "et al" || s == "others")
}

// stopWords are the words that CSL's title case leaves in lower case.
var stopWords = map[string]bool{}

func init() {
	for w := range strings.FieldsSeq("a an and as at but by down for from in into nor of on onto or over so the till to up via with yet") {
		stopWords[w] = true
	}
}

// titleCase capitalises a title as CSL's text-case="title" does for English: each
// word in lower case gets a capital, except stop words that are neither the first
// nor the last word nor after a colon; words with a capital already (acronyms,
// names, "pH") are left as written.
func titleCase(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if w == "" || strings.ToLower(w) != w {
			continue
		}
		core := strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		afterColon := i > 0 && strings.HasSuffix(words[i-1], ":")
		if stopWords[strings.TrimRightFunc(core, func(r rune) bool { return !unicode.IsLetter(r) })] && i > 0 && i < len(words)-1 && !afterColon {
			continue
		}
		r, size := utf8.DecodeRuneInString(core)
		if size == 0 {
			continue
		}
		words[i] = w[:len(w)-len(core)] + string(unicode.ToUpper(r)) + core[size:]
	}
	return strings.Join(words, " ")
}

// appendNonEmpty appends the strings that are not empty.
func appendNonEmpty(list []string, s ...string) []string {
	for _, x := range s {
		if x != "" {
			list = append(list, x)
		}
	}
	return list
}

// trimPeriod drops one period that ends s (the template writes its own).
func trimPeriod(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), ".") }

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
