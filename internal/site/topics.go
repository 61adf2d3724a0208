package site

import (
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Topic groups articles: every name an article lists under topics: is a topic,
// known by its slug (the name written as a slug: "Breast cancer" ->
// breast-cancer), which is its permanent address. An optional topics/<slug>.md
// file gives the topic a display name, other names (aliases) and a description.
type Topic struct {
	Slug string
	Name string
	// Aliases are other names articles may use for the topic (a former name, a
	// spelling); their slugs redirect to the topic's address.
	Aliases []string
	// Description is the first paragraph of the topic file's body (Markdown), or "".
	Description string
	// Doc is the topic file; Doc.File is "" when the topic has none.
	Doc Doc
	// Articles are the topic's articles, in the site's order (by title).
	Articles []*Article
	// Pos is where the topic is named: its file, or its first use in an article.
	Pos Pos
}

// topicMeta is the front matter of a topic file.
type topicMeta struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
}

// Topic returns the topic with the given slug.
func (s *Site) Topic(slug string) (*Topic, bool) {
	i := slices.IndexFunc(s.Topics, func(t *Topic) bool { return t.Slug == slug })
	if i < 0 {
		return nil, false
	}
	return s.Topics[i], true
}

// TopicAliasTarget returns the slug of the topic that an alias slug names.
func (s *Site) TopicAliasTarget(aliasSlug string) (string, bool) {
	t, ok := s.topicAliases[aliasSlug]
	return t, ok
}

// topics reads the topic files and gathers the topics the articles name. Each
// article's TopicSlugs is set here. A topic file that no article uses is a
// warning (unless articles were skipped: then the check means nothing).
func (l *loader) topics(s *Site) []*Topic {
	s.topicAliases = map[string]string{}
	files, roots := l.topicFiles()
	bySlug := map[string]*Topic{}
	for _, t := range files {
		bySlug[t.Slug] = t
	}
	l.topicNames(s, files, roots, bySlug)
	articleTopics(s, bySlug)
	out := make([]*Topic, 0, len(bySlug))
	for _, t := range bySlug {
		if t.Name == "" {
			t.Name = t.Slug // a topic file without name: and without articles
		}
		if len(t.Articles) == 0 && s.Skipped == 0 {
			l.list.Warnf(t.Pos.File, t.Pos.Line, t.Pos.Col, "topic %q has a description file but no article lists it under topics:", t.Name)
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *Topic) int {
		return strings.Compare(strings.ToLower(a.Name)+"\x00"+a.Slug, strings.ToLower(b.Name)+"\x00"+b.Slug)
	})
	return out
}

// topicFiles reads the topic files, topics/<slug>.md, in name order, with each
// one's front matter for positions.
func (l *loader) topicFiles() ([]*Topic, map[*Topic]*yaml.Node) {
	entries, err := fs.ReadDir(l.fsys, "topics")
	if err != nil && !isNotExist(err) {
		l.list.Errorf("topics", 0, 0, "cannot read the topics folder: %v", fsErr(err))
	}
	var files []*Topic
	roots := map[*Topic]*yaml.Node{}
	for file, slug := range l.slugFiles("topics", entries, nil, "topic descriptions are topics/<slug>.md") {
		var meta topicMeta
		doc, root, ok := l.markdown(file, &meta)
		if !ok {
			continue
		}
		line, col := keyLine(root, 2, "name")
		t := &Topic{Slug: slug, Name: strings.TrimSpace(meta.Name), Aliases: meta.Aliases, Doc: doc,
			Description: firstParagraph(doc.Body), Pos: Pos{File: file, Line: line, Col: col}}
		roots[t] = root
		files = append(files, t)
	}
	return files, roots
}

// topicNames makes the slugs of each topic file's name and aliases lead to it,
// in s.topicAliases; a file's own slug wins over another file's alias. A name or
// alias that another file already has is reported. bySlug holds the topic files
// by slug, and roots their front matter.
func (l *loader) topicNames(s *Site, files []*Topic, roots map[*Topic]*yaml.Node, bySlug map[string]*Topic) {
	for _, t := range files {
		for i, name := range append([]string{t.Name}, t.Aliases...) {
			as := Slugify(name)
			if as == "" || as == t.Slug {
				continue
			}
			if other, ok := s.topicAliases[as]; ok && other != t.Slug {
				line, col := keyLine(roots[t], 2, "name")
				if i > 0 {
					line, col = itemLine(roots[t], 2, "aliases", i-1)
				}
				l.list.Errorf(t.Doc.File, line, col, "%q is already a name or alias of topics/%s.md", name, other)
				continue
			}
			if _, isTopic := bySlug[as]; !isTopic {
				s.topicAliases[as] = t.Slug
			}
		}
	}
}

// articleTopics sets each article's TopicSlugs from its topics: (an alias stands
// for its topic) and adds the article to its topics in bySlug, adding the topics
// that have no file.
func articleTopics(s *Site, bySlug map[string]*Topic) {
	for _, a := range s.Articles {
		for _, name := range a.Topics {
			slug := Slugify(name)
			if target, ok := s.topicAliases[slug]; ok {
				slug = target
			}
			if slug == "" || slices.Contains(a.TopicSlugs, slug) {
				continue // an empty name was reported when the article was read
			}
			a.TopicSlugs = append(a.TopicSlugs, slug)
			t, ok := bySlug[slug]
			if !ok {
				t = &Topic{Slug: slug, Name: strings.TrimSpace(name), Pos: Pos{File: a.Index.File, Line: 1, Col: 1}}
				bySlug[slug] = t
			}
			if t.Name == "" {
				t.Name = strings.TrimSpace(name)
			}
			t.Articles = append(t.Articles, a)
		}
	}
}
