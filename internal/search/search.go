// Package search is Strata's full-text search over glossary entries and article
// tiers: an in-memory bleve index built once from the plain text that readers see.
//
// It understands medical words the way readers type them:
//
//   - English stemming: "osteoclasts" finds "osteoclast".
//   - Typos: a word of 5 or more letters that is not in the index as typed is matched
//     to the closest indexed words, at edit distance 1 (words of 5 to 7 letters) or up
//     to 2 (8 letters or more), a swap of two neighbouring letters counting as one
//     edit: "osteoclats" finds "osteoclast". A word that is in the index is never
//     widened, so "osteoclast" does not also find "osteoblast".
//   - Phrases in double quotes: "bone loss" finds those words next to each other.
//   - Glossary names as synonyms: a query naming a glossary term by its name or any
//     alias ("BMD") also finds the term's other names ("bone mineral density",
//     "bone density"), and the other way round.
//
// Every other character is a word separator: there is no query syntax (no fields,
// boolean operators, wildcards or regular expressions), so a reader cannot write a
// query that does more than look for words. Bad input is reported as a *QueryError
// (see ErrEmptyQuery, ErrQueryTooLong, ErrUnknownTier), which the server should
// answer with 400 and the error's Message.
//
// Build the index once, with Build (Build(FromSite(s, opts), nil) for a loaded
// site); an *Index is read-only afterwards and safe for concurrent use. The index
// lives in memory (bleve's scorch without a path) and holds no text of its own:
// snippets are cut from the Doc texts, which the Index keeps.
package search

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Kind is what a document is.
type Kind string

// The kinds of documents.
const (
	KindTerm Kind = "term" // a glossary entry
	KindTier Kind = "tier" // an article at one tier
)

// Doc is one searchable page: a glossary entry or an article tier.
//
// The text is plain text, as the reader sees it (no Markdown or HTML); FromSite and
// MarkdownText make it from the authors' Markdown.
type Doc struct {
	// ID is unique in the index, such as "term:osteoclast" or
	// "tier:bone-health/fundamentals".
	ID   string
	Kind Kind
	// Title is the term's name or the article's title.
	Title string
	// Aliases are a term's other names. They are searched like the title, and each
	// term's name and aliases are synonyms of each other (see Synonyms).
	Aliases []string
	// URL is the page's address, without a fragment. A hit whose snippet is in one of
	// Sections gets the section's anchor appended ("#" + Anchor).
	URL string
	// Tier is the tier's key ("fundamentals", "intermediate", "academic"), and
	// TierName its display name; both are empty for terms.
	Tier, TierName string
	// Summary is shown under the title: a term's plain-language definition, or the
	// tier's summary. It is searched as the start of the body (unless Body already
	// starts with it).
	Summary string
	// Body is the text before the first heading: all of it if there are no
	// Sections.
	Body string
	// Sections are the headed parts of the text after Body, in order.
	Sections []Section
	// Topics are the slugs of an article tier's topics, for Options.Topic.
	Topics []string
}

// Section is a headed part of a document's text.
type Section struct {
	// Anchor is the heading's id on the page, without "#".
	Anchor string
	// Heading is the heading's text; it is searched as part of the body.
	Heading string
	// Text is the plain text under the heading.
	Text string
}

// Synonyms are groups of names that mean the same thing, beyond the glossary's own
// (Build makes a group of every term's Title and Aliases by itself). Each key is a
// name and its value all the names of the same thing (the key may be among them).
// Case, hyphens and spacing do not matter.
type Synonyms map[string][]string

// Options narrow a search.
type Options struct {
	// Tier keeps only article tiers with this key (glossary entries are always
	// searched: they have no tier). Empty means all tiers; an unknown key is
	// ErrUnknownTier.
	Tier string
	// Topic keeps only article tiers of the topic with this slug (glossary
	// entries are always searched). Empty means all topics; an unknown slug is
	// ErrUnknownTopic.
	Topic string
	// Limit is how many article tiers to return: DefaultLimit when 0, at most
	// MaxLimit.
	Limit int
	// TermLimit is how many glossary entries to return: DefaultTermLimit when 0, at
	// most MaxLimit; negative means none.
	TermLimit int
	// Page is the page of results, from 1 (0 means 1): page n holds the tiers
	// after the first (n-1)*Limit and the glossary entries after the first
	// (n-1)*TermLimit, so that every result is on some page (see Results.Pages). A
	// page below 0 or above MaxPage is ErrBadPage.
	Page int
}

// Limits of Options and queries.
const (
	DefaultLimit     = 20
	DefaultTermLimit = 5
	MaxLimit         = 100
	// MaxPage is the last page of results that can be asked for.
	MaxPage = 100
	// MaxQueryRunes is the longest query accepted, in characters.
	MaxQueryRunes = 200
	// SnippetRunes is about how long a snippet is, in characters.
	SnippetRunes = 200
)

// Results are the answer to a search: glossary entries first, then article tiers,
// each best first.
type Results struct {
	// Query is the query as it was searched: valid UTF-8, normalised (see
	// Normalize), control characters turned into spaces, trimmed. Escape it when
	// showing it.
	Query string
	Terms []Hit
	Tiers []Hit
	// TermTotal and TierTotal count every matching entry and tier, beyond the
	// limits; Total is their sum.
	TermTotal, TierTotal, Total int
	// Page is the page shown, from 1, and Pages how many pages the results fill
	// (0 when nothing matched).
	Page, Pages int
	// AnyWord is true when no page has all the words, and the hits are pages that
	// have some of them ("Showing pages with some of your words").
	AnyWord bool
	// Fuzzy is true when a word was not found as typed and was matched to similar
	// spellings.
	Fuzzy bool
}

// Hits returns the glossary entries, then the article tiers: the order to show
// them in.
func (r Results) Hits() []Hit {
	return append(slices.Clip(r.Terms), r.Tiers...)
}

// Hit is one matching page. Show a glossary entry as its TitleMarked (and Alias,
// if any) with its Summary (the plain definition) or its Snippet; an article tier
// as its TitleMarked and TierName, linked to URL, with its Snippet.
type Hit struct {
	// ID, Kind, Title, Tier and TierName are the document's.
	ID             string
	Kind           Kind
	Title          string
	Tier, TierName string
	// URL is the page's address, with the anchor of the section the snippet is in,
	// if any.
	URL string
	// Section is the heading of the section the snippet is in, or "".
	Section string
	// Summary is the document's Summary, unchanged.
	Summary string
	// TitleMarked is Title with the matched words marked.
	TitleMarked []Fragment
	// Alias is the alias of a term that the query named, as the term writes it: "BMD"
	// for a query "bmd" that found Bone mineral density; "" when the query named the
	// term by its title or not at all.
	Alias string
	// Snippet is a passage of the text, about SnippetRunes long, with the matched
	// words marked. It starts or ends with "…" where it was cut.
	Snippet []Fragment
	// Score is the relevance, comparable only within one list of one search.
	Score float64
}

// Fragment is a piece of a snippet or title: plain text, to be escaped by the
// template, and whether it is a matched word (to be shown in <mark>).
type Fragment struct {
	Text  string
	Match bool
}

// QueryError is a problem with what the reader typed, not with the index. Answer it
// with 400 Bad Request and Message.
type QueryError struct {
	// Code is "empty", "too_long", "unknown_tier" or "bad_page".
	Code string
	// Message is a sentence for the reader.
	Message string
}

// Error implements error.
func (e *QueryError) Error() string { return "search: " + e.Message }

// The query errors. Search returns these values, so errors.Is works as well as
// errors.As with a *QueryError.
var (
	// ErrEmptyQuery is a query with no letters or digits: empty, blank, or only
	// punctuation and symbols.
	ErrEmptyQuery = &QueryError{Code: "empty", Message: "Type a word or phrase to search for."}
	// ErrQueryTooLong is a query of more than MaxQueryRunes characters.
	ErrQueryTooLong = &QueryError{Code: "too_long", Message: fmt.Sprintf("Searches can be at most %d characters long. Try fewer words.", MaxQueryRunes)}
	// ErrBadPage is an Options.Page below 0 or above MaxPage.
	ErrBadPage = &QueryError{Code: "bad_page", Message: "There is no such page of results."}
	// ErrUnknownTier is an Options.Tier that no document has.
	ErrUnknownTier = &QueryError{Code: "unknown_tier", Message: "There is no such reading level to search in."}
	// ErrUnknownTopic is an Options.Topic that no document has.
	ErrUnknownTopic = &QueryError{Code: "unknown_topic", Message: "There is no such topic to search in."}
)

// Index is a built search index. It is read-only and safe for concurrent use.
type Index struct {
	mu       sync.RWMutex // held for reading by searches, for writing by Close
	closed   bool
	bleve    bleve.Index
	analyzer analysis.Analyzer // the body's: English, stemmed, without stop words
	pairs    analysis.Analyzer // fPairs's
	docs     map[string]*docInfo
	tiers    map[string]bool
	topics   map[string]bool
	vocab    vocabulary
	syn      synonymTable
	names    []nameEntry     // glossary names and aliases, for Suggest
	question map[string]bool // analyzed questionWords
	complete []completionKey
}

// docInfo is a document with its searched body text laid out.
type docInfo struct {
	*Doc
	body      string   // Summary, Body, then each section's heading and text, "\n\n" between
	sections  []int    // byte offset in body of each section's heading
	aliasKeys []string // the analyzed form of each alias
}

// Field names and boosts.
const (
	fTitle = "title"
	fNames = "names"
	fBody  = "body"
	// fPairs is the body again, as pairs of neighbouring words ("bone loss"; none
	// across a stop word), for phrases: a phrase of n words is then n-1 term lookups
	// instead of a merge of n words' positions, 5-10 times faster for common words.
	// Positions are still used for the top hits, to mark the words.
	fPairs = "pairs"
	fKind  = "kind"
	fTier  = "tier"
	fTopic = "topic"
)

var textFields = []struct {
	name  string
	boost float64
}{{fTitle, 4}, {fNames, 4}, {fBody, 1}}

// memOnly makes Build use bleve.NewMemOnly (upsidedown on an in-memory key-value
// store) instead of scorch without a path, for the benchmarks that compare them.
var memOnly = false

// batchSize is how many documents go into the index at once: the analysis of a
// batch is held in memory until the batch is in, so batches bound the memory an
// index build needs beyond the index itself.
const batchSize = 500

// Build indexes docs. syn adds synonym groups to the glossary's own; it may be nil.
// It fails only on bad documents: an empty or repeated ID, an unknown Kind, or a tier
// document without Tier.
func Build(docs []Doc, syn Synonyms) (*Index, error) {
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	// Scorch without a path keeps its segments in memory, like NewMemOnly, but
	// builds 2-4 times faster and searches up to 8 times faster than NewMemOnly's
	// upsidedown store, with a quarter of the garbage (see the "memonly"
	// benchmarks).
	var b bleve.Index
	if memOnly {
		b, err = bleve.NewMemOnly(im)
	} else {
		b, err = bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix := &Index{bleve: b, docs: make(map[string]*docInfo, len(docs)), tiers: map[string]bool{}, topics: map[string]bool{}}
	ok := false
	defer func() {
		if !ok {
			b.Close()
		}
	}()
	ix.analyzer = im.AnalyzerNamed(en.AnalyzerName)
	ix.pairs = im.AnalyzerNamed(pairsAnalyzer)
	if ix.analyzer == nil || ix.pairs == nil {
		return nil, errors.New("search: no English analyzer")
	}
	ix.question = map[string]bool{}
	for _, t := range ix.analyze(strings.Join(questionWords, " ")) {
		ix.question[t.term] = true
	}
	if err := ix.indexDocs(docs); err != nil {
		return nil, err
	}
	if ix.vocab, err = readVocabulary(b); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	ix.buildNames(docs, syn)
	ok = true
	return ix, nil
}

// newMapping is the index's mapping: the text fields analyzed in English with
// term vectors (for marking the matched words), the keyword fields for filters,
// and fPairs with the pairs analyzer. Nothing is stored: the Index keeps the texts.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = en.AnalyzerName
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = en.AnalyzerName
		fm.Store, fm.IncludeInAll, fm.DocValues = false, false, false
		fm.IncludeTermVectors = true
		dm.AddFieldMappingsAt(f.name, fm)
	}
	for _, name := range []string{fKind, fTier, fTopic} {
		fm := bleve.NewKeywordFieldMapping()
		fm.Analyzer = keyword.Name
		fm.Store, fm.IncludeInAll, fm.DocValues, fm.IncludeTermVectors = false, false, false, false
		dm.AddFieldMappingsAt(name, fm)
	}
	if err := im.AddCustomAnalyzer(pairsAnalyzer, map[string]any{
		"type": custom.Name, "tokenizer": unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, porter.Name, pairsFilterName},
	}); err != nil {
		return nil, err
	}
	pm := bleve.NewTextFieldMapping()
	pm.Analyzer = pairsAnalyzer
	pm.Store, pm.IncludeInAll, pm.DocValues, pm.IncludeTermVectors = false, false, false, false
	dm.AddFieldMappingsAt(fPairs, pm)
	im.DefaultMapping = dm
	return im, nil
}

// indexDocs checks docs and adds them to the bleve index, batchSize at a time,
// recording each one's layout and its tier and topics.
func (ix *Index) indexDocs(docs []Doc) error {
	batch := ix.bleve.NewBatch()
	for i := range docs {
		d := new(Doc)
		*d = docs[i] // the caller's slice may change
		if err := ix.checkDoc(i, d); err != nil {
			return err
		}
		info := layout(d)
		for _, a := range d.Aliases {
			info.aliasKeys = append(info.aliasKeys, ix.key(a))
		}
		ix.docs[d.ID] = info
		if d.Kind == KindTier {
			ix.tiers[d.Tier] = true
			for _, t := range d.Topics {
				ix.topics[t] = true
			}
		}
		if err := batch.Index(d.ID, docFields(info)); err != nil {
			return fmt.Errorf("search: indexing %q: %w", d.ID, err)
		}
		if batch.Size() == batchSize {
			if err := ix.bleve.Batch(batch); err != nil {
				return fmt.Errorf("search: %w", err)
			}
			batch.Reset()
		}
	}
	if err := ix.bleve.Batch(batch); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// checkDoc reports what makes d, the document at index i of Build's docs, unfit
// for the index: no ID, an ID already indexed, an unknown Kind, or a tier
// document without Tier.
func (ix *Index) checkDoc(i int, d *Doc) error {
	switch {
	case d.ID == "":
		return fmt.Errorf("search: document %d (%q) has no ID", i, d.Title)
	case ix.docs[d.ID] != nil:
		return fmt.Errorf("search: two documents have the ID %q", d.ID)
	case d.Kind != KindTerm && d.Kind != KindTier:
		return fmt.Errorf("search: document %q has kind %q (want %q or %q)", d.ID, d.Kind, KindTerm, KindTier)
	case d.Kind == KindTier && d.Tier == "":
		return fmt.Errorf("search: tier document %q has no Tier", d.ID)
	}
	return nil
}

// docFields are the values of a document's indexed fields.
func docFields(info *docInfo) map[string]any {
	d := info.Doc
	f := map[string]any{
		fTitle: d.Title,
		fBody:  info.body,
		fPairs: info.body,
		fKind:  string(d.Kind),
	}
	if len(d.Aliases) > 0 {
		f[fNames] = d.Aliases // an array: no phrase spans two aliases
	}
	if d.Kind == KindTier {
		f[fTier] = d.Tier
		if len(d.Topics) > 0 {
			f[fTopic] = d.Topics
		}
	}
	return f
}

// layout joins a document's summary, body and sections into the indexed body text.
func layout(d *Doc) *docInfo {
	info := &docInfo{Doc: d}
	summary := strings.TrimSpace(d.Summary)
	if summary != "" && strings.HasPrefix(strings.TrimSpace(d.Body), summary) {
		summary = ""
	}
	if len(d.Sections) == 0 && summary == "" {
		info.body = d.Body
		return info
	}
	var sb strings.Builder
	sb.WriteString(summary)
	if summary != "" && d.Body != "" {
		sb.WriteString("\n\n")
	}
	sb.WriteString(d.Body)
	for _, s := range d.Sections {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		info.sections = append(info.sections, sb.Len())
		sb.WriteString(s.Heading)
		sb.WriteString("\n\n")
		sb.WriteString(s.Text)
	}
	info.body = sb.String()
	return info
}

// ErrClosed is the error of a search on a closed index.
var ErrClosed = errors.New("search: the index is closed")

// Close releases the index, after the searches under way end. Later searches
// return ErrClosed; Suggest and Complete still work. Close an index that is being
// replaced (when the content is reloaded): it keeps a goroutine and its memory
// until closed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.bleve.Close()
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Search finds the glossary entries and article tiers that match q.
//
// Every word of q must be in a page (or one of its synonyms or close spellings);
// when no page has them all, pages with some of them are returned and
// Results.AnyWord is set. Words that are too common to search ("the", "how") are
// left out. The error is a *QueryError for bad input (see ErrEmptyQuery,
// ErrQueryTooLong, ErrUnknownTier), else ctx's error or an internal failure.
func (ix *Index) Search(ctx context.Context, q string, opts Options) (Results, error) {
	q, err := sanitize(Normalize(q))
	res := Results{Query: q}
	if err != nil {
		return res, err
	}
	if opts.Tier != "" && !ix.tiers[opts.Tier] {
		return res, ErrUnknownTier
	}
	if opts.Topic != "" && !ix.topics[opts.Topic] {
		return res, ErrUnknownTopic
	}
	if opts.Page < 0 || opts.Page > MaxPage {
		return res, ErrBadPage
	}
	limit := clampLimit(opts.Limit, DefaultLimit)
	termLimit := clampLimit(opts.TermLimit, DefaultTermLimit)
	if opts.TermLimit < 0 {
		termLimit = 0
	}
	res.Page = max(opts.Page, 1)
	pg := pager{page: res.Page, limit: limit, termLimit: termLimit}

	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return res, ErrClosed
	}
	p := ix.parse(q)
	if len(p.clauses) == 0 {
		return res, nil // only words too common to search
	}
	res.Fuzzy = p.fuzzy
	all := query.Query(bleve.NewConjunctionQuery(p.clauses...))
	if len(p.clauses) == 1 {
		all = p.clauses[0]
	}
	if err := ix.run(ctx, all, &p, opts, pg, &res); err != nil {
		return res, err
	}
	if res.Total == 0 && len(p.clauses) > 1 {
		if err := ix.run(ctx, bleve.NewDisjunctionQuery(p.clauses...), &p, opts, pg, &res); err != nil {
			return res, err
		}
		res.AnyWord = res.Total > 0
	}
	return res, nil
}

func clampLimit(n, def int) int {
	switch {
	case n == 0:
		return def
	case n < 0:
		return 0
	case n > MaxLimit:
		return MaxLimit
	}
	return n
}

// pager is the page of results asked for and the sizes of its two lists.
type pager struct{ page, limit, termLimit int }

// pages is how many pages hold n results, size a page.
func pages(n, size int) int {
	if size <= 0 {
		return 0
	}
	return (n + size - 1) / size
}

// run searches the terms and the tiers for q and fills res.
func (ix *Index) run(ctx context.Context, q query.Query, p *parsed, opts Options, pg pager, res *Results) error {
	var err error
	if pg.termLimit > 0 {
		if res.Terms, res.TermTotal, err = ix.searchKind(ctx, q, p, KindTerm, Options{}, pg.termLimit, (pg.page-1)*pg.termLimit); err != nil {
			return err
		}
	}
	if pg.limit > 0 {
		if res.Tiers, res.TierTotal, err = ix.searchKind(ctx, q, p, KindTier, opts, pg.limit, (pg.page-1)*pg.limit); err != nil {
			return err
		}
	}
	res.Total = res.TermTotal + res.TierTotal
	res.Pages = max(pages(res.TermTotal, pg.termLimit), pages(res.TierTotal, pg.limit))
	return nil
}

func (ix *Index) searchKind(ctx context.Context, q query.Query, p *parsed, kind Kind, filter Options, size, from int) ([]Hit, int, error) {
	// The kind, tier and topic are conjuncts rather than filters, so that the search steps
	// over the other documents; they add the same score to every hit.
	kq := bleve.NewTermQuery(string(kind))
	kq.SetField(fKind)
	kq.SetBoost(filterBoost)
	must := []query.Query{q, kq}
	if filter.Tier != "" {
		tq := bleve.NewTermQuery(filter.Tier)
		tq.SetField(fTier)
		tq.SetBoost(filterBoost)
		must = append(must, tq)
	}
	if filter.Topic != "" {
		tq := bleve.NewTermQuery(filter.Topic)
		tq.SetField(fTopic)
		tq.SetBoost(filterBoost)
		must = append(must, tq)
	}
	// First the best documents, without term locations: finding where terms are is
	// costly, and a common word is in most documents.
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), size, from, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	total := int(min(sr.Total, math.MaxInt32))
	if len(sr.Hits) == 0 {
		return nil, total, nil
	}
	// Then where the terms are, in those documents only.
	found := make([]string, len(sr.Hits))
	for i, h := range sr.Hits {
		found[i] = h.ID
	}
	lreq := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(found), bleve.NewDisjunctionQuery(p.exact...)), len(found), 0, false)
	lreq.IncludeLocations = true
	lr, err := ix.bleve.SearchInContext(ctx, lreq)
	if err != nil {
		return nil, 0, fmt.Errorf("search: %w", err)
	}
	locs := make(map[string]bsearch.FieldTermLocationMap, len(lr.Hits))
	for _, h := range lr.Hits {
		locs[h.ID] = h.Locations
	}
	hits := make([]Hit, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		if info := ix.docs[h.ID]; info != nil {
			hits = append(hits, ix.hit(info, p, locs[h.ID], h.Score))
		}
	}
	// Equal scores in the order of IDs, whatever order bleve found them in.
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	return hits, total, nil
}

// filterBoost weighs the kind, tier and topic conjuncts: next to nothing.
const filterBoost = 1e-6

// spans returns the byte ranges of the matched terms of one field, sorted.
func spans(locs bsearch.FieldTermLocationMap, field string) []span {
	var out []span
	for _, ls := range locs[field] {
		for _, l := range ls {
			out = append(out, span{int(l.Start), int(l.End)})
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.end - b.end
	})
	return out
}
