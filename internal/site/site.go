// Package site is the content model of Strata — the site settings, articles with
// their three tiers and references, and the glossary — and Load, which reads it from
// a content folder in the authors' format and reports every problem with its file
// and line.
package site

import (
	"time"

	"github.com/strata-health/strata/internal/cite"
)

// Site is everything loaded from one content folder.
type Site struct {
	Config   Config
	Tiers    []Tier     // the three tiers, in reading order
	Articles []*Article // sorted by title
	Terms    []*Term    // sorted by name
	Topics   []*Topic   // sorted by name
	// Skipped counts the articles and glossary entries left out because of errors:
	// checks across the whole site (unused terms) are meaningless while it is not 0.
	Skipped int

	terms   map[string]*Term
	aliases map[string]string // lower-cased alias slug -> term slug
	// topicAliases maps the slugs of topic files' names and aliases to the topic.
	topicAliases map[string]string
}

// Config is site.yaml.
type Config struct {
	Title          string                `yaml:"title"`
	Description    string                `yaml:"description"`
	BaseURL        string                `yaml:"base_url"`
	Language       string                `yaml:"language"`
	ReviewInterval string                `yaml:"review_interval"`
	Disclaimer     string                `yaml:"disclaimer"`
	Tiers          map[string]TierConfig `yaml:"tiers"`
}

// TierConfig overrides a tier's name, audience or reading-grade target.
type TierConfig struct {
	Name     string  `yaml:"name"`
	Audience string  `yaml:"audience"`
	MaxGrade float64 `yaml:"max_grade"`
}

// Tier is one reading depth.
type Tier struct {
	Key      string // fundamentals, intermediate or academic: the URL segment and file name
	Name     string
	Audience string
	MaxGrade float64 // reading-grade target; 0 means none
}

// DefaultTiers are the three fixed tiers before site.yaml overrides.
var DefaultTiers = []Tier{
	{Key: "fundamentals", Name: "Fundamentals", Audience: "Patients and families", MaxGrade: 8},
	{Key: "intermediate", Name: "Intermediate", Audience: "Readers who want more detail", MaxGrade: 12},
	{Key: "academic", Name: "Academic", Audience: "Clinicians and researchers"},
}

// Doc is one Markdown file: its path in the content folder, its whole text, and
// where its body starts, so that a problem found in the body can be reported at its
// line in the file.
type Doc struct {
	File   string
	Source []byte
	Body   []byte
	BodyAt int
}

// Article is one article folder.
type Article struct {
	Slug        string
	Title       string
	Description string
	// Updated is the date of the last change to the text.
	Updated time.Time
	// Reviewed is the date of the last clinical review, zero unless the article
	// names its reviewers with their credentials (see IsReviewed); NextReview
	// follows it and is zero without it.
	Reviewed   time.Time
	NextReview time.Time
	Reviewers  []Person
	// Authors and Editors are the people named in the front matter; none are
	// ever made up.
	Authors, Editors []Person
	// Source is the publication the text is adapted from, or nil.
	Source *Source
	Topics []string // as written in the front matter
	// TopicSlugs are the addresses of Topics (see Topic), in the same order,
	// without repeats.
	TopicSlugs []string
	Tiers      []TierDoc // one per Site.Tiers, same order
	References []cite.Reference
	Assets     map[string]string // figure file name -> path in the content folder
	// Index is index.md: its front matter, and its body, the closing text shown
	// on every view of the article.
	Index Doc
	// ReviewPos is where the review date is set in index.md (next_review when
	// given, else updated or reviewed), for review warnings.
	ReviewPos Pos
	// RefPos is where each reference starts in references.yaml, by id.
	RefPos map[string]Pos
}

// Pos is a place in a content file.
type Pos struct {
	File      string
	Line, Col int
}

// TierDoc is an article's text at one tier.
type TierDoc struct {
	Doc
	Tier    Tier
	Summary string
}

// Term is one glossary entry.
type Term struct {
	Slug      string
	Name      string
	Aliases   []string
	Technical string
	Related   []string
	Codes     map[string]string
	// Definition is the first paragraph of the body (Markdown): the plain-language
	// definition.
	Definition string
	Doc        Doc
	Pos        Pos // where the term is named
}

// Term returns the glossary entry with the given slug.
func (s *Site) Term(slug string) (*Term, bool) {
	t, ok := s.terms[slug]
	return t, ok
}

// AliasTarget returns the slug of the term that an alias slug (the alias written
// as a slug, such as "bmd") names, for redirects.
func (s *Site) AliasTarget(aliasSlug string) (string, bool) {
	t, ok := s.aliases[aliasSlug]
	return t, ok
}

// Article returns the article with the given slug.
func (s *Site) Article(slug string) (*Article, bool) {
	for _, a := range s.Articles {
		if a.Slug == slug {
			return a, true
		}
	}
	return nil, false
}
