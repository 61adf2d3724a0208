package render

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/site"
	"github.com/strata-health/strata/web"
)

// Metadata for machines: Open Graph and Highwire citation_* tags, schema.org
// JSON-LD, the reference list as BibTeX, RIS and CSL-JSON, and the glossary as JSON.

// audiences are the schema.org audiences of each tier.
var audiences = map[string][]string{
	"fundamentals": {"Patient"},
	"intermediate": {"Patient"},
	"academic":     {"Clinician", "MedicalResearcher"},
}

// articleMeta returns the Open Graph and citation_* tags of an article page: the
// whole article or one tier, each with its own title and URL. No citation_author
// is given while the article records no author: the site is the publisher.
func (b *builder) articleMeta(a *site.Article, title, url string) []web.Meta {
	c := b.site.Config
	m := []web.Meta{
		{Property: "og:type", Content: "article"},
		{Property: "og:title", Content: title},
		{Property: "og:description", Content: a.Description},
		{Property: "og:site_name", Content: c.Title},
		{Property: "og:image", Content: c.BaseURL + b.ogImage},
		{Property: "og:image:type", Content: "image/png"},
		{Property: "og:image:width", Content: "1200"},
		{Property: "og:image:height", Content: "630"},
		{Property: "og:image:alt", Content: c.Title},
		{Name: "citation_title", Content: title},
	}
	// Only named people are authors: without any, the site is the publisher alone.
	for _, p := range a.Authors {
		m = append(m, web.Meta{Name: "citation_author", Content: p.Name})
	}
	m = append(m, []web.Meta{
		{Name: "citation_publisher", Content: c.Title},
		{Name: "citation_language", Content: c.Language},
	}...)
	if c.BaseURL != "" {
		m = append(m, web.Meta{Property: "og:url", Content: c.BaseURL + url},
			web.Meta{Name: "citation_abstract_html_url", Content: c.BaseURL + ArticleURL(a.Slug)},
			web.Meta{Name: "citation_fulltext_html_url", Content: c.BaseURL + url})
	}
	if !a.Updated.IsZero() {
		m = append(m, web.Meta{Name: "citation_publication_date", Content: a.Updated.Format("2006/01/02")},
			web.Meta{Property: "article:modified_time", Content: a.Updated.Format(time.DateOnly)})
	}
	for _, r := range a.References {
		m = append(m, web.Meta{Name: "citation_reference", Content: highwireReference(r)})
	}
	return m
}

// highwireReference formats a reference for a citation_reference tag.
func highwireReference(r cite.Reference) string {
	var parts []string
	add := func(k, v string) {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, k+"="+strings.ReplaceAll(v, ";", ","))
		}
	}
	add("citation_title", r.Title)
	for _, n := range r.Author {
		if n.IsEtAl() {
			continue
		}
		if n.Literal != "" {
			add("citation_author", n.Literal)
		} else {
			add("citation_author", strings.TrimSpace(n.Family+", "+n.Given))
		}
	}
	add("citation_journal_title", r.ContainerTitle)
	if r.Issued.Year > 0 {
		add("citation_publication_date", strconv.Itoa(r.Issued.Year))
	}
	add("citation_volume", r.Volume)
	add("citation_issue", r.Issue)
	add("citation_doi", cite.CleanDOI(r.DOI))
	add("citation_pmid", r.PMID)
	return strings.Join(parts, "; ")
}

// ld is a JSON-LD object.
type ld = map[string]any

// articleJSONLD describes an article page as a schema.org MedicalWebPage. tiers are
// the tiers shown on the page.
func (b *builder) articleJSONLD(a *site.Article, url string, tiers []site.TierDoc) ld {
	c := b.site.Config
	page := ld{
		"@context":    "https://schema.org",
		"@type":       "MedicalWebPage",
		"name":        a.Title,
		"headline":    a.Title,
		"description": a.Description,
		"inLanguage":  c.Language,
		"publisher":   ld{"@type": "Organization", "name": c.Title},
	}
	if c.BaseURL != "" {
		page["url"] = c.BaseURL + url
	}
	if !a.Updated.IsZero() {
		page["dateModified"] = a.Updated.Format(time.DateOnly)
	}
	if a.IsReviewed() {
		page["lastReviewed"] = a.Reviewed.Format(time.DateOnly)
		page["reviewedBy"] = personLD(a.Reviewers)
	}
	if len(a.Authors) > 0 {
		page["author"] = personLD(a.Authors)
	}
	if len(a.Editors) > 0 {
		page["editor"] = personLD(a.Editors)
	}
	if a.Source != nil {
		page["isBasedOn"] = sourceLD(a.Source)
	}
	var about []ld
	for _, t := range a.Topics {
		about = append(about, ld{"@type": "MedicalEntity", "name": t})
	}
	if len(about) > 0 {
		page["about"] = about
	}
	var audience []ld
	seen := map[string]bool{}
	for _, t := range tiers {
		for _, typ := range audiences[t.Tier.Key] {
			if !seen[typ] {
				seen[typ] = true
				audience = append(audience, ld{"@type": "MedicalAudience", "audienceType": typ})
			}
		}
	}
	page["audience"] = audience
	var citations []ld
	for _, r := range a.References {
		w := ld{"@type": "ScholarlyArticle", "name": r.Title}
		var authors []ld
		for _, n := range r.Author {
			switch {
			case n.IsEtAl():
			case n.Literal != "":
				authors = append(authors, ld{"@type": "Organization", "name": n.Literal})
			default:
				authors = append(authors, ld{"@type": "Person", "familyName": n.Family, "givenName": n.Given})
			}
		}
		if len(authors) > 0 {
			w["author"] = authors
		}
		if r.ContainerTitle != "" {
			w["isPartOf"] = ld{"@type": "Periodical", "name": r.ContainerTitle}
		}
		if r.Issued.Year > 0 {
			w["datePublished"] = strconv.Itoa(r.Issued.Year)
		}
		if doi := cite.CleanDOI(r.DOI); doi != "" {
			w["sameAs"] = cite.DOIURL(doi)
		}
		citations = append(citations, w)
	}
	if len(citations) > 0 {
		page["citation"] = citations
	}
	return page
}

// pageCitation is the citation of one page (the whole article or a tier) for
// "Cite this page": its AMA text up to the accessed date, which the reader's
// browser fills in (the page is the same for every reader), its URL, and its
// record stored as BibTeX, RIS and CSL-JSON under file (without extension).
func (b *builder) pageCitation(a *site.Article, id, title, url, file string) web.PageCitation {
	c := b.site.Config
	info := cite.ArticleInfo{ID: id, SiteTitle: c.Title, Title: title, Updated: a.Updated,
		Authors: citeAuthors(a.Authors), AdaptedFrom: adaptedFrom(a.Source)}
	if c.BaseURL != "" { // without it, a path alone would be cited: no URL rather than half of one
		info.URL = c.BaseURL + url
	}
	pc := web.PageCitation{URL: info.URL}
	noURL := info
	noURL.URL = ""
	pc.Text = cite.CiteArticle(noURL)
	refs := []cite.Reference{info.Reference()}
	csl, err := cite.CSLJSON(refs)
	if err != nil {
		b.out.problems.Errorf(a.Index.File, 0, 0, "cannot export the citation: %v", err)
		return pc
	}
	pc.Downloads = b.store(file, refs, csl)
	return pc
}

// store stores refs as BibTeX, RIS and CSL-JSON (given) at base + .bib, .ris and
// .json, and returns the download links.
func (b *builder) store(base string, refs []cite.Reference, csl []byte) []web.Download {
	files := []struct {
		label, ext, typ string
		data            []byte
	}{
		{"BibTeX", ".bib", cite.BibTeXType, cite.BibTeX(refs)},
		{"RIS", ".ris", cite.RISType, cite.RIS(refs)},
		{"CSL-JSON", ".json", cite.CSLJSONType, csl},
	}
	var out []web.Download
	for _, f := range files {
		b.put(base+f.ext, f.typ, cachePage, f.data)
		out = append(out, web.Download{Label: f.label, URL: base + f.ext, Type: strings.Split(f.typ, ";")[0]})
	}
	return out
}

// exports stores the article's reference list as BibTeX, RIS and CSL-JSON and
// returns the download links.
func (b *builder) exports(a *site.Article) []web.Download {
	if len(a.References) == 0 {
		return nil
	}
	base := ArticleURL(a.Slug) + "/references"
	csl, err := cite.CSLJSON(a.References)
	if err != nil {
		b.out.problems.Errorf(a.Index.File, 0, 0, "cannot export the references: %v", err)
		return nil
	}
	return b.store(base, a.References, csl)
}

// TermJSON is a glossary entry in the JSON API (/glossary.json, /glossary/{slug}.json).
type TermJSON struct {
	Slug       string            `json:"slug"`
	Term       string            `json:"term"`
	Aliases    []string          `json:"aliases,omitempty"`
	Definition string            `json:"definition"`
	Technical  string            `json:"technical,omitempty"`
	Related    []string          `json:"related,omitempty"`
	Codes      map[string]string `json:"codes,omitempty"`
	URL        string            `json:"url"`
	UsedIn     []TermUseJSON     `json:"used_in,omitempty"`
}

// TermUseJSON is where a term is first used in one tier of an article.
type TermUseJSON struct {
	Article string `json:"article"`
	Tier    string `json:"tier"`
	URL     string `json:"url"`
}

func (b *builder) termJSON(t *site.Term) TermJSON {
	mt := b.terms[t.Slug]
	j := TermJSON{Slug: t.Slug, Term: t.Name, Aliases: t.Aliases, Definition: plainText(mt.Plain),
		Technical: plainText(mt.Technical), Related: t.Related, Codes: t.Codes, URL: b.site.Config.BaseURL + TermURL(t.Slug)}
	for _, u := range b.uses[t.Slug] {
		j.UsedIn = append(j.UsedIn, TermUseJSON{Article: u.article.Slug, Tier: u.tier.Key, URL: b.site.Config.BaseURL + u.url})
	}
	return j
}

func (b *builder) addJSON(urlPath string, v any) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		b.out.problems.Errorf(urlPath, 0, 0, "cannot encode: %v", err)
		return
	}
	b.put(urlPath, "application/json; charset=utf-8", cachePage, append(data, '\n'))
}

// termJSONLD describes a glossary entry as a schema.org DefinedTerm.
func (b *builder) termJSONLD(t *site.Term) ld {
	c := b.site.Config
	d := ld{
		"@context":         "https://schema.org",
		"@type":            "DefinedTerm",
		"name":             t.Name,
		"description":      plainText(b.terms[t.Slug].Plain),
		"termCode":         t.Slug,
		"inDefinedTermSet": ld{"@type": "DefinedTermSet", "name": c.Title + " glossary", "url": c.BaseURL + "/glossary"},
	}
	if c.BaseURL != "" {
		d["url"] = c.BaseURL + TermURL(t.Slug)
		d["@id"] = c.BaseURL + TermURL(t.Slug)
	}
	if len(t.Aliases) > 0 {
		d["alternateName"] = t.Aliases
	}
	return d
}

// glossaryJSONLD describes the glossary as a schema.org DefinedTermSet.
func (b *builder) glossaryJSONLD() ld {
	c := b.site.Config
	var terms []ld
	for _, t := range b.site.Terms {
		terms = append(terms, ld{"@type": "DefinedTerm", "name": t.Name, "url": c.BaseURL + TermURL(t.Slug),
			"description": plainText(b.terms[t.Slug].Plain)})
	}
	return ld{"@context": "https://schema.org", "@type": "DefinedTermSet", "name": c.Title + " glossary",
		"url": c.BaseURL + "/glossary", "hasDefinedTerm": terms}
}
