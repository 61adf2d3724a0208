package render

import (
	"strings"
	"time"

	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/site"
	"github.com/strata-health/strata/web"
)

// What an article records about its people, dates, source and references, for
// the page, its metadata and its citation. Nothing is shown that the content
// does not record: no review without named reviewers, no author without a name.

// provenance is the article's record for the page header.
func (b *builder) provenance(a *site.Article) web.Provenance {
	p := web.Provenance{
		Updated:   date(a.Updated),
		Reviewers: names(a.Reviewers),
		Authors:   names(a.Authors),
		Editors:   names(a.Editors),
		Publisher: b.site.Config.Title,
	}
	if a.IsReviewed() {
		p.Reviewed, p.NextReview = date(a.Reviewed), date(a.NextReview)
	}
	if s := a.Source; s != nil {
		retrieved, _ := time.Parse(time.DateOnly, s.Retrieved)
		p.Source = &web.Source{Title: s.Title, Publisher: s.Publisher, URL: s.URL, Retrieved: date(retrieved), Note: s.Note}
	}
	return p
}

func names(people []site.Person) []string {
	var out []string
	for _, p := range people {
		out = append(out, p.String())
	}
	return out
}

// citation is a reference formatted in AMA style, as runs for the page.
func citation(r cite.Reference) []web.Run {
	return webRuns(cite.FormatAMA(r).Runs())
}

func webRuns(runs []cite.Run) []web.Run {
	out := make([]web.Run, len(runs))
	for i, r := range runs {
		out[i] = web.Run(r)
	}
	return out
}

// correction is a reference's correction for the page, nil without one.
func correction(c *cite.Correction) *web.Correction {
	if c == nil {
		return nil
	}
	return &web.Correction{Runs: webRuns(c.Runs()), Note: c.Note}
}

// refStatus is a reference's verification status for the reference list.
func refStatus(r cite.Reference) web.RefStatus {
	s := web.RefStatus{Verified: r.IsVerified(), Correction: correction(r.Correction)}
	if !s.Verified {
		return s
	}
	var ids []string
	c := r.Checked
	if c == nil {
		c = &cite.Checked{}
	}
	doi, pmid, url := cite.CleanDOI(c.DOI), c.PMID, c.URL
	if doi == "" && pmid == "" && url == "" {
		doi, pmid, url = cite.CleanDOI(r.DOI), r.PMID, r.URL
	}
	if pmid != "" {
		ids = append(ids, "PMID "+pmid)
	}
	if doi != "" {
		ids = append(ids, "doi:"+doi)
	}
	if url != "" && len(ids) == 0 {
		ids = append(ids, url)
	}
	s.Checked = strings.Join(ids, ", ")
	if t, err := time.Parse(time.DateOnly, c.Date); err == nil {
		s.CheckedOn = date(t)
	}
	return s
}

// personLD describes people as schema.org Persons; credentials are their
// honorificSuffix.
func personLD(people []site.Person) []ld {
	var out []ld
	for _, p := range people {
		v := ld{"@type": "Person", "name": p.Name}
		if p.Credentials != "" {
			v["honorificSuffix"] = p.Credentials
		}
		out = append(out, v)
	}
	return out
}

// sourceLD describes the publication the article is adapted from, for isBasedOn.
func sourceLD(s *site.Source) ld {
	v := ld{"@type": "CreativeWork"}
	if s.Title != "" {
		v["name"] = s.Title
	}
	if s.Publisher != "" {
		v["publisher"] = ld{"@type": "Organization", "name": s.Publisher}
	}
	if s.URL != "" {
		v["url"] = s.URL
	}
	if s.Note != "" {
		v["description"] = s.Note
	}
	return v
}

// adaptedFrom names the source for the article's citation: its title, or its
// publisher, or "another publication".
func adaptedFrom(s *site.Source) string {
	if s == nil {
		return ""
	}
	parts := []string{}
	if s.Title != "" {
		parts = append(parts, s.Title)
	}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if len(parts) == 0 {
		return "another publication (source not named)"
	}
	return strings.Join(parts, ". ")
}

// citeAuthors turns the article's named authors into citation names, whole
// (written as literals: the front matter does not split family and given names).
func citeAuthors(people []site.Person) []cite.Name {
	var out []cite.Name
	for _, p := range people {
		out = append(out, cite.Name{Literal: p.Name})
	}
	return out
}
