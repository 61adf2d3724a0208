package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/markdown"
	"github.com/strata-health/strata/internal/parallel"
	"github.com/strata-health/strata/internal/safeurl"
	"go.yaml.in/yaml/v3"
)

// slugRE is the form of every slug: lower case letters, digits and single hyphens.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// figureTypes are the file types an article folder may hold as figures, by
// extension (lower case), with their media types.
var figureTypes = map[string]string{
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".webp": "image/webp", ".gif": "image/gif",
}

// FigureType returns the media type of a figure file by its name, and whether
// its type is one a figure may have.
func FigureType(name string) (string, bool) {
	t, ok := figureTypes[strings.ToLower(path.Ext(name))]
	return t, ok
}

const dateLayout = "2006-01-02"

// Load reads a content folder in the authors' format. It always returns a site
// holding everything that could be read, together with every problem found; the site
// is fit to publish only when the list has no errors.
func Load(fsys fs.FS) (*Site, *diag.List) {
	l := &loader{fsys: fsys, list: &diag.List{}, budget: &budget{}}
	s := &Site{terms: map[string]*Term{}, aliases: map[string]string{}}
	s.Config = l.config()
	s.Tiers = tiers(s.Config)
	s.Articles = l.articles(s)
	s.Terms = l.terms(s)
	s.Topics = l.topics(s)
	l.index(s)
	return s, l.list
}

type loader struct {
	fsys   fs.FS
	list   *diag.List
	budget *budget
}

func (l *loader) config() Config {
	const file = "site.yaml"
	cfg := Config{Language: "en", ReviewInterval: "12 months"}
	src, err := l.read(file, MaxSiteYAMLBytes, file)
	if err != nil {
		l.list.Errorf(file, 0, 0, "cannot read the site settings: %v", fsErr(err))
		return cfg
	}
	root := decodeYAML(l.list, file, src, 1, &cfg)
	if strings.TrimSpace(cfg.Title) == "" {
		line, col := keyLine(root, 1, "title")
		l.list.Errorf(file, line, col, "title is required")
	}
	if _, err := parseInterval(cfg.ReviewInterval); err != nil {
		line, col := keyLine(root, 1, "review_interval")
		l.list.Errorf(file, line, col, "%v", err)
	}
	for key := range cfg.Tiers {
		if !slices.ContainsFunc(DefaultTiers, func(t Tier) bool { return t.Key == key }) {
			line, col := keyLine(root, 1, "tiers")
			l.list.Errorf(file, line, col, "unknown tier %q (the tiers are fundamentals, intermediate and academic)", key)
		}
	}
	if cfg.BaseURL != "" {
		line, col := keyLine(root, 1, "base_url")
		base, err := safeurl.Base(cfg.BaseURL)
		if err != nil {
			l.list.Errorf(file, line, col, "%v", err)
		} else if safeurl.IsLocal(base) {
			l.list.Warnf(file, line, col, "base_url %s is a local address: canonical links, the sitemap and the feed will point at it (leave it out, or set -base-url / STRATA_BASE_URL when publishing)", base)
		}
		cfg.BaseURL = base
	}
	return cfg
}

// tiers applies site.yaml's overrides to the default tiers.
func tiers(cfg Config) []Tier {
	out := slices.Clone(DefaultTiers)
	for i, t := range out {
		o, ok := cfg.Tiers[t.Key]
		if !ok {
			continue
		}
		if o.Name != "" {
			out[i].Name = o.Name
		}
		if o.Audience != "" {
			out[i].Audience = o.Audience
		}
		if o.MaxGrade != 0 {
			out[i].MaxGrade = o.MaxGrade
		}
	}
	return out
}

// articleMeta is the front matter of an article's index.md.
type articleMeta struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Updated     string `yaml:"updated"`
	Reviewed    string `yaml:"reviewed"`
	NextReview  string `yaml:"next_review"`
	// People are read from their nodes (see people): a string or a list.
	ReviewedBy yaml.Node `yaml:"reviewed_by"`
	Authors    yaml.Node `yaml:"authors"`
	Editors    yaml.Node `yaml:"editors"`
	Source     *Source   `yaml:"source"`
	Topics     []string  `yaml:"topics"`
}

// tierMeta is the front matter of a tier file.
type tierMeta struct {
	Summary string `yaml:"summary"`
}

func (l *loader) articles(s *Site) []*Article {
	entries, err := fs.ReadDir(l.fsys, "articles")
	if err != nil {
		if !isNotExist(err) {
			l.list.Errorf("articles", 0, 0, "cannot read the articles folder: %v", fsErr(err))
		}
		return nil
	}
	interval, _ := parseInterval(s.Config.ReviewInterval)
	var slugs []string
	for _, e := range entries {
		dir := path.Join("articles", e.Name())
		if p := entryProblem(e); p != "" {
			l.list.Errorf(dir, 0, 0, "%s", p)
			continue
		}
		if !e.IsDir() {
			if !strings.HasPrefix(e.Name(), ".") {
				l.list.Errorf(dir, 0, 0, "unexpected file: each article is a folder articles/<slug>/")
			}
			continue
		}
		if !slugRE.MatchString(e.Name()) {
			l.list.Errorf(dir, 0, 0, "article folder name %q is not a slug (lower case letters, digits and hyphens)", e.Name())
			continue
		}
		slugs = append(slugs, e.Name())
	}
	if len(slugs) > MaxArticles {
		l.list.Errorf("articles", 0, 0, "%d articles, over the limit of %d", len(slugs), MaxArticles)
		slugs = slugs[:MaxArticles]
	}
	// Articles are independent: they load on GOMAXPROCS workers, each reporting
	// into a list of its own, merged in folder order.
	loaded := make([]*Article, len(slugs))
	lists := make([]diag.List, len(slugs))
	parallel.For(len(slugs), func(i int) {
		al := loader{fsys: l.fsys, list: &lists[i], budget: l.budget}
		loaded[i] = al.article(path.Join("articles", slugs[i]), slugs[i], s.Tiers, interval)
	})
	var out []*Article
	for i, a := range loaded {
		for _, d := range lists[i].Items() {
			l.list.Add(d)
		}
		if a != nil {
			out = append(out, a)
		} else {
			s.Skipped++
		}
	}
	slices.SortFunc(out, func(a, b *Article) int { return strings.Compare(a.Title, b.Title) })
	return out
}

func (l *loader) article(dir, slug string, tiers []Tier, interval reviewInterval) *Article {
	a := &Article{Slug: slug, Assets: map[string]string{}}
	var meta articleMeta
	doc, root, ok := l.markdown(path.Join(dir, "index.md"), &meta)
	if !ok {
		return nil
	}
	a.Index = doc
	reviewKey := "updated"
	switch {
	case meta.NextReview != "":
		reviewKey = "next_review"
	case meta.Reviewed != "":
		reviewKey = "reviewed"
	}
	line, col := keyLine(root, 2, reviewKey)
	a.ReviewPos = Pos{File: doc.File, Line: line, Col: col}
	a.Title, a.Description, a.Topics = meta.Title, meta.Description, meta.Topics
	for i, name := range meta.Topics {
		if Slugify(name) == "" {
			line, col := itemLine(root, 2, "topics", i)
			l.list.Errorf(doc.File, line, col, "topic %q has no letters or digits: it cannot have an address", name)
		}
	}
	file := doc.File
	for _, req := range []struct{ key, val string }{{"title", meta.Title}, {"description", meta.Description}} {
		if strings.TrimSpace(req.val) == "" {
			line, col := keyLine(root, 2, req.key)
			l.list.Errorf(file, line, col, "%s is required", req.key)
		}
	}
	l.review(a, &meta, root, interval)
	for _, t := range tiers {
		var tm tierMeta
		file := path.Join(dir, t.Key+".md")
		if _, err := fs.Stat(l.fsys, file); isNotExist(err) {
			l.list.Errorf(file, 0, 0, "missing tier file: every article needs fundamentals.md, intermediate.md and academic.md")
			continue
		}
		td, _, ok := l.markdown(file, &tm)
		if !ok {
			continue
		}
		a.Tiers = append(a.Tiers, TierDoc{Doc: td, Tier: t, Summary: tm.Summary})
	}
	a.References, a.RefPos = l.references(path.Join(dir, "references.yaml"))
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.list.Errorf(dir, 0, 0, "cannot list the article's folder: %v", fsErr(err))
	}
	for _, e := range entries {
		if _, figure := FigureType(e.Name()); figure && !e.IsDir() {
			l.figure(a, path.Join(dir, e.Name()), e)
		}
	}
	if len(a.Tiers) != len(tiers) {
		return nil // the missing tier was reported by l.markdown
	}
	return a
}

// slugFiles yields the file and slug of each entry of folder dir (listed in
// entries) named <slug>.md, in order. It skips folders and dotfiles and reports
// the other entries: those that check (if not nil) finds a problem with, files not
// named .md ("unexpected file: " + want) and names that are not slugs.
func (l *loader) slugFiles(dir string, entries []fs.DirEntry, check func(fs.DirEntry) string, want string) iter.Seq2[string, string] {
	return func(yield func(file, slug string) bool) {
		for _, e := range entries {
			file := path.Join(dir, e.Name())
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if check != nil {
				if p := check(e); p != "" {
					l.list.Errorf(file, 0, 0, "%s", p)
					continue
				}
			}
			slug, isMD := strings.CutSuffix(e.Name(), ".md")
			if !isMD {
				l.list.Errorf(file, 0, 0, "unexpected file: %s", want)
				continue
			}
			if !slugRE.MatchString(slug) {
				l.list.Errorf(file, 0, 0, "file name %q is not a slug (lower case letters, digits and hyphens)", slug)
				continue
			}
			if !yield(file, slug) {
				return
			}
		}
	}
}

// markdown reads a Markdown file with optional front matter decoded into meta.
func (l *loader) markdown(file string, meta any) (Doc, *yaml.Node, bool) {
	limit, what := int64(MaxMarkdownBytes), "a Markdown file"
	if strings.HasPrefix(file, "glossary/") {
		limit, what = MaxGlossaryBytes, "a glossary entry"
	}
	src, err := l.read(file, limit, what)
	if err != nil {
		l.list.Errorf(file, 0, 0, "cannot read: %v", fsErr(err))
		return Doc{}, nil, false
	}
	if problems := markdown.CheckShape(src); len(problems) > 0 {
		for _, p := range problems {
			line, col := diag.Position(src, p.Offset)
			l.list.Errorf(file, line, col, "%s", p.Message)
		}
		return Doc{}, nil, false
	}
	fm, ok := splitFrontMatter(src)
	if !ok {
		l.list.Errorf(file, 1, 1, "front matter opened with --- is never closed")
		return Doc{}, nil, false
	}
	var root *yaml.Node
	if len(bytes.TrimSpace(fm.yaml)) > 0 {
		root = decodeYAML(l.list, file, fm.yaml, fm.yamlLine, meta)
		if root == nil {
			return Doc{}, nil, false // a syntax error, reported: checks of its fields would only repeat it
		}
	}
	return Doc{File: file, Source: src, Body: fm.body, BodyAt: fm.bodyAt}, root, true
}

func (l *loader) references(file string) ([]cite.Reference, map[string]Pos) {
	src, err := l.read(file, MaxReferencesBytes, "a references file")
	if err != nil {
		if !isNotExist(err) {
			l.list.Errorf(file, 0, 0, "cannot read: %v", fsErr(err))
		}
		return nil, nil
	}
	var refs []cite.Reference
	root := decodeYAML(l.list, file, src, 1, &refs)
	if root == nil {
		return nil, nil
	}
	if root.Kind == yaml.SequenceNode {
		for _, item := range root.Content {
			for _, pr := range cite.Check(item) {
				msg := pr.Message
				if s := suggest(pr.Unknown, pr.Candidates); pr.Unknown != "" && s != "" && s != pr.Unknown {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				l.list.Errorf(file, pr.Line, pr.Col, "%s", msg)
			}
		}
	}
	seen := map[string]bool{}
	pos := map[string]Pos{}
	for i, r := range refs {
		line, col := 1, 0
		var item *yaml.Node
		if root.Kind == yaml.SequenceNode && i < len(root.Content) {
			item = root.Content[i]
			line, col = item.Line, item.Column
		}
		l.checkReferenceLinks(file, item, r)
		switch {
		case r.ID == "":
			l.list.Errorf(file, line, col, "reference %d has no id", i+1)
		case seen[r.ID]:
			l.list.Errorf(file, line, col, "duplicate reference id %q", r.ID)
		}
		seen[r.ID] = true
		pos[r.ID] = Pos{File: file, Line: line, Col: col}
		if strings.TrimSpace(r.Title) == "" {
			l.list.Errorf(file, line, col, "reference %q has no title", r.ID)
		}
		if root.Kind == yaml.SequenceNode && i < len(root.Content) {
			l.referenceStatus(file, r, root.Content[i])
		}
	}
	return refs, pos
}

// termMeta is the front matter of a glossary entry.
type termMeta struct {
	Term      string            `yaml:"term"`
	Aliases   []string          `yaml:"aliases"`
	Technical string            `yaml:"technical"`
	Related   []string          `yaml:"related"`
	Codes     map[string]string `yaml:"codes"`
}

// loadedTerm keeps a term's front matter node for positions in later checks.
type loadedTerm struct {
	*Term
	root *yaml.Node
}

func (l *loader) terms(s *Site) []*Term {
	entries, err := fs.ReadDir(l.fsys, "glossary")
	if err != nil {
		if !isNotExist(err) {
			l.list.Errorf("glossary", 0, 0, "cannot read the glossary folder: %v", fsErr(err))
		}
		return nil
	}
	var loaded []loadedTerm
	slugs := map[string]bool{} // every entry's slug, loaded or not, for related checks
	for _, e := range entries {
		if slug, ok := strings.CutSuffix(e.Name(), ".md"); ok && !e.IsDir() {
			slugs[slug] = true
		}
	}
	for file, slug := range l.slugFiles("glossary", entries, entryProblem, "glossary entries are glossary/<slug>.md") {
		if len(loaded) == MaxTerms {
			l.list.Errorf("glossary", 0, 0, "more than %d glossary entries", MaxTerms)
			break
		}
		var meta termMeta
		doc, root, ok := l.markdown(file, &meta)
		if !ok {
			s.Skipped++
			continue
		}
		t := &Term{Slug: slug, Name: strings.TrimSpace(meta.Term), Aliases: meta.Aliases, Technical: strings.TrimSpace(meta.Technical),
			Related: meta.Related, Codes: meta.Codes, Doc: doc}
		if t.Name == "" {
			line, col := keyLine(root, 2, "term")
			l.list.Errorf(file, line, col, "term is required")
			continue
		}
		t.Definition = firstParagraph(doc.Body)
		if t.Definition == "" {
			line, _ := diag.Position(doc.Source, doc.BodyAt)
			l.list.Errorf(file, line, 1, "the body must start with a paragraph: the plain-language definition")
		}
		line, col := keyLine(root, 2, "term")
		t.Pos = Pos{File: file, Line: line, Col: col}
		loaded = append(loaded, loadedTerm{t, root})
	}
	l.checkTerms(loaded, slugs)
	out := make([]*Term, len(loaded))
	for i, t := range loaded {
		out[i] = t.Term
	}
	slices.SortFunc(out, func(a, b *Term) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out
}

// checkTerms reports names or aliases shared by two terms and related slugs that do
// not exist.
func (l *loader) checkTerms(terms []loadedTerm, slugs map[string]bool) {
	owner := map[string]string{} // normalized name -> slug
	claim := func(t loadedTerm, name string, line, col int) {
		key := strings.ToLower(strings.Join(strings.Fields(name), " "))
		if key == "" {
			l.list.Errorf(t.Doc.File, line, col, "empty alias")
			return
		}
		if other, ok := owner[key]; ok && other != t.Slug {
			l.list.Errorf(t.Doc.File, line, col, "%q is already a name or alias of glossary/%s.md", name, other)
			return
		}
		owner[key] = t.Slug
	}
	for _, t := range terms {
		line, col := keyLine(t.root, 2, "term")
		claim(t, t.Name, line, col)
		for i, a := range t.Aliases {
			line, col := itemLine(t.root, 2, "aliases", i)
			claim(t, a, line, col)
		}
		for i, r := range t.Related {
			if !slugs[r] {
				line, col := itemLine(t.root, 2, "related", i)
				msg := fmt.Sprintf("related term %q does not exist", r)
				if s := suggest(r, slices.Sorted(maps.Keys(slugs))); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				l.list.Errorf(t.Doc.File, line, col, "%s", msg)
			}
		}
	}
}

// index fills the site's lookup tables.
func (l *loader) index(s *Site) {
	for _, t := range s.Terms {
		s.terms[t.Slug] = t
	}
	for _, t := range s.Terms {
		for _, a := range append([]string{t.Name}, t.Aliases...) {
			as := Slugify(a)
			if as == "" || as == t.Slug {
				continue
			}
			if _, isTerm := s.terms[as]; !isTerm {
				s.aliases[as] = t.Slug
			}
		}
	}
}

// Slugify turns a name into the slug form: "Bone mineral density" -> "bone-mineral-density".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// firstParagraph returns the first block of body text, up to the first blank line.
func firstParagraph(body []byte) string {
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	text = strings.TrimLeft(text, " \t\n")
	if strings.HasPrefix(text, "#") || strings.HasPrefix(text, "-") || strings.HasPrefix(text, ">") {
		return ""
	}
	first, _, _ := strings.Cut(text, "\n\n")
	return strings.TrimSpace(first)
}

// reviewInterval is a period such as "12 months".
type reviewInterval struct{ years, months, days int }

func (r reviewInterval) after(t time.Time) time.Time { return t.AddDate(r.years, r.months, r.days) }

func parseInterval(s string) (reviewInterval, error) {
	fields := strings.Fields(s)
	bad := fmt.Errorf("review_interval %q is not a number and a unit (days, weeks, months or years)", s)
	if len(fields) != 2 {
		return reviewInterval{}, bad
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil || n <= 0 {
		return reviewInterval{}, bad
	}
	switch strings.TrimSuffix(fields[1], "s") {
	case "day":
		return reviewInterval{days: n}, nil
	case "week":
		return reviewInterval{days: 7 * n}, nil
	case "month":
		return reviewInterval{months: n}, nil
	case "year":
		return reviewInterval{years: n}, nil
	}
	return reviewInterval{}, bad
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// fsErr shortens a file-system error to its cause: the path is already in the
// diagnostic.
func fsErr(err error) string {
	if isNotExist(err) {
		return "file not found"
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReviewWarnings reports articles whose next review date is before now (only
// reviewed articles have one).
func ReviewWarnings(s *Site, now time.Time) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, a := range s.Articles {
		if !a.NextReview.IsZero() && a.NextReview.Before(now) {
			out = append(out, diag.Diagnostic{File: a.ReviewPos.File, Line: a.ReviewPos.Line, Col: a.ReviewPos.Col, Severity: diag.Warning,
				Message: fmt.Sprintf("review is past due: the next review was due on %s", a.NextReview.Format(dateLayout))})
		}
	}
	return out
}
