package site

import (
	"fmt"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/safeurl"
	"go.yaml.in/yaml/v3"
)

// Person is a named author, editor or clinical reviewer of an article.
type Person struct {
	Name        string
	Credentials string // "MD", "RN, PhD"; may be empty for authors and editors
}

// String gives "Name, credentials", or the name alone.
func (p Person) String() string {
	if p.Credentials == "" {
		return p.Name
	}
	return p.Name + ", " + p.Credentials
}

// Source is the publication an article's text is adapted from. Every field is
// optional: record only what is known.
type Source struct {
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	Retrieved string `yaml:"retrieved"` // YYYY-MM-DD
	Note      string `yaml:"note"`
}

// IsReviewed reports whether the article records a clinical review: a review date
// and at least one reviewer with a name and credentials.
func (a *Article) IsReviewed() bool { return !a.Reviewed.IsZero() }

// people reads a list of people from a front-matter value: a "Name, credentials"
// string (the older form of reviewed_by), a list of such strings, or a list of
// {name, credentials} mappings. Problems are reported at their line.
func (l *loader) people(file string, firstLine int, key string, n *yaml.Node) []Person {
	if n == nil || n.Kind == 0 || n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // not given, or given empty
	}
	at := func(n *yaml.Node) (int, int) { return firstLine + n.Line - 1, n.Column }
	one := func(n *yaml.Node) (Person, bool) {
		switch n.Kind {
		case yaml.ScalarNode:
			name, cred, _ := strings.Cut(n.Value, ",")
			p := Person{Name: strings.TrimSpace(name), Credentials: strings.TrimSpace(cred)}
			if p.Name == "" {
				line, col := at(n)
				l.list.Errorf(file, line, col, "%s: a person needs a name", key)
				return p, false
			}
			return p, true
		case yaml.MappingNode:
			var p Person
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Kind != yaml.ScalarNode {
					line, col := at(v)
					l.list.Errorf(file, line, col, "%s: %s must be text", key, k.Value)
					continue
				}
				switch k.Value {
				case "name":
					p.Name = strings.TrimSpace(v.Value)
				case "credentials":
					p.Credentials = strings.TrimSpace(v.Value)
				default:
					line, col := at(k)
					msg := "unknown key %q in %s (a person has name and credentials)"
					if s := suggest(k.Value, []string{"name", "credentials"}); s != "" {
						msg += " (did you mean " + `"` + s + `"?)`
					}
					l.list.Errorf(file, line, col, msg, k.Value, key)
				}
			}
			if p.Name == "" {
				line, col := at(n)
				l.list.Errorf(file, line, col, "%s: a person needs a name", key)
				return p, false
			}
			return p, true
		}
		line, col := at(n)
		l.list.Errorf(file, line, col, "%s: write a person as \"Name, credentials\" or {name: ..., credentials: ...}", key)
		return Person{}, false
	}
	var out []Person
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			if p, ok := one(c); ok {
				out = append(out, p)
			}
		}
		return out
	}
	if p, ok := one(n); ok {
		out = append(out, p)
	}
	return out
}

// review applies the article's dates and people: updated, reviewed, next_review,
// reviewed_by, authors, editors and source. A review counts only when it names
// its reviewers with their credentials; anything less is reported and shown as an
// update, never as a review.
func (l *loader) review(a *Article, meta *articleMeta, root *yaml.Node, interval reviewInterval) {
	file := a.Index.File
	pos := func(key string) (int, int) { return keyLine(root, 2, key) }
	date := func(key, value string) time.Time {
		if value == "" {
			return time.Time{}
		}
		t, err := time.Parse(dateLayout, value)
		if err != nil {
			line, col := pos(key)
			l.list.Errorf(file, line, col, "%s: %q is not a date in the form YYYY-MM-DD", key, value)
		}
		return t
	}
	updated := date("updated", meta.Updated)
	reviewed := date("reviewed", meta.Reviewed)
	next := date("next_review", meta.NextReview)
	if meta.Updated == "" && meta.Reviewed == "" {
		line, col := pos("updated")
		l.list.Errorf(file, line, col, "updated is required: the date of the last change (YYYY-MM-DD)")
	}
	a.Authors = l.people(file, 2, "authors", &meta.Authors)
	a.Editors = l.people(file, 2, "editors", &meta.Editors)
	reviewers := l.people(file, 2, "reviewed_by", &meta.ReviewedBy)

	named := l.checkReviewers(file, pos, meta, reviewed, reviewers)
	if named && !reviewed.IsZero() {
		a.Reviewed, a.Reviewers = reviewed, reviewers
		a.NextReview = interval.after(reviewed)
		if !next.IsZero() {
			if next.Before(reviewed) {
				line, col := pos("next_review")
				l.list.Errorf(file, line, col, "next_review %s is before reviewed %s", meta.NextReview, meta.Reviewed)
			} else {
				a.NextReview = next
			}
		}
	} else if meta.NextReview != "" {
		line, col := pos("next_review")
		l.list.Warnf(file, line, col, "next_review is left out: it follows a clinical review, and none is recorded")
	}
	// An unconfirmed review date still dates a change to the text.
	a.Updated = updated
	if reviewed.After(a.Updated) {
		a.Updated = reviewed
	}

	if meta.Source != nil {
		a.Source = l.source(file, root, *meta.Source)
	}
}

// checkReviewers reports whether reviewers (read from reviewed_by) make a
// clinical review: some reviewers, each with credentials. reviewed is the date of
// meta.Reviewed (zero if none or not a date) and pos gives a front-matter key's
// position. A review that falls short is reported.
func (l *loader) checkReviewers(file string, pos func(key string) (int, int), meta *articleMeta, reviewed time.Time, reviewers []Person) bool {
	named := len(reviewers) > 0
	for _, p := range reviewers {
		if p.Credentials == "" {
			named = false
		}
	}
	switch {
	case len(reviewers) > 0 && meta.Reviewed == "":
		line, col := pos("reviewed_by")
		l.list.Errorf(file, line, col, "reviewed_by needs reviewed: the date of the clinical review")
	case len(reviewers) > 0 && !named:
		line, col := pos("reviewed_by")
		l.list.Warnf(file, line, col, "not yet clinically reviewed: every reviewer needs a name and credentials (\"Name, credentials\"); the page says \"Last updated\"")
	case !reviewed.IsZero() && !named:
		line, col := pos("reviewed")
		l.list.Warnf(file, line, col, "not yet clinically reviewed: reviewed has no reviewed_by (name and credentials); the page says \"Last updated\"")
	case reviewed.IsZero() && meta.Reviewed == "":
		line, col := pos("updated")
		l.list.Warnf(file, line, col, "not yet clinically reviewed: no reviewed date and reviewed_by (name and credentials)")
	}
	return named
}

// source checks an article's source (root is its front matter): a retrieved date
// in the form YYYY-MM-DD and a web address, which is dropped when it is not one.
// It returns src with its fields trimmed.
func (l *loader) source(file string, root *yaml.Node, src Source) *Source {
	for _, f := range []*string{&src.Title, &src.Publisher, &src.URL, &src.Retrieved, &src.Note} {
		*f = strings.TrimSpace(*f)
	}
	at := func(key string) (int, int) {
		for i := 0; root != nil && i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "source" {
				return keyLine(root.Content[i+1], 2, key)
			}
		}
		return keyLine(root, 2, "source")
	}
	if src.Retrieved != "" {
		if _, err := time.Parse(dateLayout, src.Retrieved); err != nil {
			line, col := at("retrieved")
			l.list.Errorf(file, line, col, "source.retrieved: %q is not a date in the form YYYY-MM-DD", src.Retrieved)
		}
	}
	if src.URL != "" && !isWebURL(src.URL) {
		line, col := at("url")
		l.list.Errorf(file, line, col, "source.url: %q is not an http or https address", src.URL)
		src.URL = ""
	}
	return &src
}

// isWebURL reports whether s is an absolute http or https URL that may become a
// link (see package safeurl).
func isWebURL(s string) bool { return safeurl.CheckAbsolute(s) == nil }

// referenceStatus checks a reference's Strata extensions: a known status, an
// identifier for a verified reference, dates in the YYYY-MM-DD form, web
// addresses, and a correction's text. n is the reference's mapping.
func (l *loader) referenceStatus(file string, r cite.Reference, n *yaml.Node) {
	at := func(m *yaml.Node, key string) (int, int) { return keyLine(m, 1, key) }
	sub := func(key string) *yaml.Node {
		for i := 0; n != nil && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
		return n
	}
	switch r.Status {
	case "", cite.AsListed:
	case cite.Verified:
		c := r.Checked
		if c == nil || c.DOI == "" && c.PMID == "" && c.URL == "" {
			if strings.TrimSpace(r.DOI+r.PMID+r.URL) == "" {
				line, col := at(n, "status")
				l.list.Errorf(file, line, col, "reference %q is verified but names no DOI, PMID or URL: record what was checked under checked: {doi, pmid, url, date}", r.ID)
			}
		}
		if c == nil || c.Date == "" {
			line, col := at(n, "status")
			l.list.Errorf(file, line, col, "reference %q is verified but does not say when: add checked.date (YYYY-MM-DD)", r.ID)
		}
	default:
		line, col := at(n, "status")
		msg := fmt.Sprintf("reference %q: unknown status %q (use verified or as-listed)", r.ID, r.Status)
		if s := suggest(r.Status, []string{cite.Verified, cite.AsListed}); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.list.Errorf(file, line, col, "%s", msg)
	}
	if c := r.Checked; c != nil {
		if c.Date != "" {
			if _, err := time.Parse(dateLayout, c.Date); err != nil {
				line, col := at(sub("checked"), "date")
				l.list.Errorf(file, line, col, "checked.date: %q is not a date in the form YYYY-MM-DD", c.Date)
			}
		}
		if c.URL != "" && !isWebURL(c.URL) {
			line, col := at(sub("checked"), "url")
			l.list.Errorf(file, line, col, "checked.url: %q is not an http or https address", c.URL)
		}
	}
	if c := r.Correction; c != nil && strings.TrimSpace(c.Text) == "" {
		line, col := at(n, "correction")
		l.list.Errorf(file, line, col, "reference %q: a correction needs text (for example \"Published as: ...\")", r.ID)
	}
	pmids := map[string]string{}
	if r.Checked != nil {
		pmids["checked"] = r.Checked.PMID
	}
	if r.Correction != nil {
		pmids["correction"] = r.Correction.PMID
	}
	for _, key := range []string{"checked", "correction"} {
		if p := pmids[key]; p != "" && strings.Trim(p, "0123456789") != "" {
			line, col := at(sub(key), "pmid")
			l.list.Errorf(file, line, col, "%s.pmid: %q is not a PubMed id (digits only)", key, p)
		}
	}
}
