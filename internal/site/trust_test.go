package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// loadIndex loads a one-article site whose index.md has the given front matter.
func loadIndex(frontMatter string) (*Article, []string) {
	fsys := fstest.MapFS{
		"site.yaml":                  {Data: []byte("title: T\n")},
		"articles/a/index.md":        {Data: []byte("---\ntitle: A\ndescription: D\n" + frontMatter + "---\n")},
		"articles/a/fundamentals.md": {Data: []byte("F.\n")},
		"articles/a/intermediate.md": {Data: []byte("I.\n")},
		"articles/a/academic.md":     {Data: []byte("A.\n")},
	}
	s, list := Load(fsys)
	var msgs []string
	for _, d := range list.Items() {
		msgs = append(msgs, d.String())
	}
	if len(s.Articles) == 0 {
		return nil, msgs
	}
	return s.Articles[0], msgs
}

// TestPeopleForms reads reviewers, authors and editors in every accepted form.
func TestPeopleForms(t *testing.T) {
	a, msgs := loadIndex(`reviewed: 2026-01-02
reviewed_by: ["Ann Lee, MD", {name: Bo Kim, credentials: "RN, PhD"}]
authors: {name: Cy Dunn}
editors: ["Di Egan"]
`)
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %q", msgs)
	}
	want := []Person{{"Ann Lee", "MD"}, {"Bo Kim", "RN, PhD"}}
	if !slices.Equal(a.Reviewers, want) || !a.IsReviewed() || a.NextReview.Format(dateLayout) != "2027-01-02" {
		t.Errorf("reviewers %v, reviewed %v, next %v", a.Reviewers, a.Reviewed, a.NextReview)
	}
	if !slices.Equal(a.Authors, []Person{{Name: "Cy Dunn"}}) || !slices.Equal(a.Editors, []Person{{Name: "Di Egan"}}) {
		t.Errorf("authors %v, editors %v", a.Authors, a.Editors)
	}
	if !a.Updated.Equal(a.Reviewed) {
		t.Errorf("updated %v, want the review date", a.Updated)
	}
}

// TestPeopleErrors refuses malformed people with their line.
func TestPeopleErrors(t *testing.T) {
	_, msgs := loadIndex("updated: 2026-01-02\nauthors: [[nested]]\neditors: [{credentials: MD}]\n")
	want := []string{
		`articles/a/index.md:4:10: warning: not yet clinically reviewed: no reviewed date and reviewed_by (name and credentials)`,
		`articles/a/index.md:5:11: error: authors: write a person as "Name, credentials" or {name: ..., credentials: ...}`,
		`articles/a/index.md:6:11: error: editors: a person needs a name`,
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", msgs, want)
	}
}

// TestEmptyPeople: an empty key names nobody, without an error.
func TestEmptyPeople(t *testing.T) {
	a, msgs := loadIndex("updated: 2026-01-02\nauthors:\neditors: []\n")
	if len(msgs) != 1 || len(a.Authors) != 0 || len(a.Editors) != 0 {
		t.Errorf("authors %v, editors %v, diagnostics %q (want only the review warning)", a.Authors, a.Editors, msgs)
	}
}

// TestUpdatedAfterReview keeps the later of the two dates as the last update, and
// the next review follows the review, not the update.
func TestUpdatedAfterReview(t *testing.T) {
	a, msgs := loadIndex("updated: 2026-06-01\nreviewed: 2026-01-02\nreviewed_by: Ann Lee, MD\n")
	if len(msgs) != 0 {
		t.Fatalf("diagnostics: %q", msgs)
	}
	if a.Updated.Format(dateLayout) != "2026-06-01" || a.NextReview.Format(dateLayout) != "2027-01-02" {
		t.Errorf("updated %v, next review %v", a.Updated, a.NextReview)
	}
}
