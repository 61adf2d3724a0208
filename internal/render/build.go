// Package render turns a loaded site into a Snapshot: every page rendered once
// through the Markdown pipeline and the templ components, with the stylesheet and
// script under fingerprinted names. A check pass over what the pages made (links,
// reading levels, citations, glossary uses) returns a Report beside it: the
// snapshot holds only what is served.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/a-h/templ"
	"github.com/google/safehtml"
	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/contentfs"
	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/glossary"
	"github.com/strata-health/strata/internal/markdown"
	"github.com/strata-health/strata/internal/parallel"
	"github.com/strata-health/strata/internal/qrsvg"
	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/search"
	"github.com/strata-health/strata/internal/site"
	"github.com/strata-health/strata/static"
	"github.com/strata-health/strata/web"
)

// Option changes how Build renders.
type Option func(*builder)

// WithLiveReload adds the live-preview script (served by the server in watch mode)
// to every page.
func WithLiveReload() Option { return func(b *builder) { b.liveReload = true } }

// WithoutCompression leaves out the gzip and brotli variants of pages, for
// Snapshot.Compressed to add later (a server that starts serving at once) or never
// (checks, the live preview). The stylesheet, script and icon are compressed
// anyway: they are few, and caches keep them for a year.
func WithoutCompression() Option { return func(b *builder) { b.compress = false } }

// WithoutSearch leaves out the search index, for SearchIndex and
// Snapshot.WithSearch to add later (a server that starts serving at once) or never
// (the static export, which has no search).
func WithoutSearch() Option { return func(b *builder) { b.search = false } }

// Cache-Control values: pages are revalidated on every use (cheap, with ETags);
// fingerprinted assets never change under their name.
const (
	cachePage      = "no-cache"
	cacheImmutable = "public, max-age=31536000, immutable"
	htmlType       = "text/html; charset=utf-8"
)

// Load is the pipeline's one entry point: it reads the content folder fsys
// (site.Load), sets its base URL when baseURL is not empty (a checked run-time
// override of site.yaml's), and renders it (Build). The report holds every
// problem of both steps; the snapshot is fit to publish only when the report has
// no errors.
func Load(fsys fs.FS, baseURL string, opts ...Option) (*site.Site, *Snapshot, *Report) {
	s, loaded := site.Load(fsys)
	if baseURL != "" {
		s.Config.BaseURL = baseURL
	}
	snap, rep := Build(s, fsys, opts...)
	built := rep.List
	rep.List = *loaded // loading's problems first, as they were found
	for _, d := range built.Items() {
		rep.Add(d)
	}
	return s, snap, rep
}

// Build renders every page of s, then checks what the pages say of each other
// and of their readers (see check). Problems of the Markdown (unknown glossary
// terms or citation keys, figures without alt text) and of the check (broken
// links, reading grades above target) are in the report; the snapshot is
// complete even then, but should be published only without errors.
func Build(s *site.Site, contentFS fs.FS, opts ...Option) (*Snapshot, *Report) {
	start := time.Now()
	out := newOutput()
	snap := &Snapshot{resources: out.resources, redirects: out.redirects}
	b := &builder{
		site:     s,
		fsys:     contentFS,
		snap:     snap,
		out:      out,
		compress: true,
		search:   true,
		terms:    map[string]markdown.Term{},
		work:     newWorkspace(),
		limits:   defaultLimits,
	}
	for _, o := range opts {
		o(b)
	}
	if b.compress {
		b.comp = newCompressor()
	}
	b.assets()
	b.glossary()
	b.relatedRoom = relatedRoomFor(s, b.limits.related)
	b.articles(s.Articles)
	b.finishArticles()
	// The glossary's index (and its JSON, which lists every use of every term)
	// and the term pages only read what the articles made: they are built side
	// by side.
	index := b.on(newWorkspace())
	indexDone := make(chan struct{})
	go func() {
		defer close(indexDone)
		index.glossaryIndex()
	}()
	b.termPages()
	<-indexDone
	b.out.add(index.out)
	b.home()
	b.topics()
	b.articlesAZ()
	b.notFound()
	// The search index is built here, after the pages, not alongside them: with
	// the compressor's workers already busy, building it concurrently cost 15%
	// more CPU time and 25% more peak memory for no shorter start-up (measured
	// with strata-bench at 1,000 articles).
	b.dynamic()
	b.feeds()
	rep := b.check()
	if b.comp != nil {
		b.comp.wait()
	}
	snap.version = snap.contentVersion()
	rep.BuildTime = time.Since(start)
	return snap, rep
}

// builder renders a site. Its settings, Markdown engine and glossary are set up
// first and read only after; what it makes goes to out. The builder Build makes
// also sets the snapshot's 404 page and search data; the builders of other
// goroutines (see on) have no snapshot.
type builder struct {
	site   *site.Site
	fsys   fs.FS
	snap   *Snapshot
	out    *output
	engine *markdown.Engine
	terms  map[string]markdown.Term
	// uses (term slug -> where it is used) and tierLinks (each article's tiers
	// with their reading times, by slug) are what the articles made that later
	// pages list: set once every article is rendered, read only after.
	uses      map[string][]termUse
	tierLinks map[string][]web.TierLink
	css       string
	codeCSS   string // the code-highlighting stylesheet
	js        string
	icon      string
	ogImage   string // the default Open Graph image
	// liveReload adds the live-preview script to pages.
	liveReload bool
	// compress computes gzip and brotli variants, on comp's workers while the
	// pages are rendered.
	compress bool
	comp     *compressor
	// search builds the search index.
	search bool
	// explain lists hard sentences in Report.Explain.
	explain bool
	// work is the scratch memory of the goroutine running this builder.
	work *workspace
	// limits bound the lists of index pages.
	limits limits
	// relatedRoom is the bytes of room an article page keeps for its related
	// articles.
	relatedRoom int
}

// output is what one piece of the build makes (an article on a worker, the
// glossary's index beside the term pages, or the rest of the site in order):
// the files, the problems found, and the facts that later pages and the check
// pass read.
type output struct {
	resources map[string]*Resource
	redirects map[string]string
	problems  diag.List
	// links are the links to site pages in each document, for checkLinks.
	links []docLinks
	// readings are the tier pages' reading paths, for the check pass to report.
	readings []tierReading
	// citations are each article's citation numbers, for the check pass to
	// find the references nobody cites.
	citations []articleCitations
	uses      map[string][]termUse
	tierLinks map[string][]web.TierLink
	// tierDocs and termDocs are the search documents of the tiers and of the
	// glossary, made from the text of their pages as they are rendered.
	tierDocs, termDocs []search.Doc
	// pending are article pages waiting for their related articles.
	pending []pendingPage
}

func newOutput() *output {
	return &output{resources: map[string]*Resource{}, redirects: map[string]string{},
		uses: map[string][]termUse{}, tierLinks: map[string][]web.TierLink{}}
}

// add appends what p made to what o made.
func (o *output) add(p *output) {
	maps.Copy(o.resources, p.resources)
	maps.Copy(o.redirects, p.redirects)
	for _, d := range p.problems.Items() {
		o.problems.Add(d)
	}
	o.links = append(o.links, p.links...)
	o.readings = append(o.readings, p.readings...)
	o.citations = append(o.citations, p.citations...)
	for slug, uses := range p.uses {
		o.uses[slug] = append(o.uses[slug], uses...)
	}
	maps.Copy(o.tierLinks, p.tierLinks)
	o.tierDocs = append(o.tierDocs, p.tierDocs...)
	o.termDocs = append(o.termDocs, p.termDocs...)
	o.pending = append(o.pending, p.pending...)
}

// workspace is scratch memory that one goroutine reuses from page to page.
type workspace struct {
	page     bytes.Buffer // the page being rendered
	analyzer readability.Analyzer
}

func newWorkspace() *workspace { return &workspace{} }

// articles renders the articles on GOMAXPROCS workers, each with an output of its
// own, then adds their outputs in the articles' order: the snapshot, the
// diagnostics and the glossary's lists of uses are those of a sequential build.
func (b *builder) articles(list []*site.Article) {
	outs := make([]*output, len(list))
	parallel.Do(len(list), newWorkspace, func(work *workspace, i int) {
		outs[i] = b.on(work).article(list[i])
	})
	for _, o := range outs {
		b.out.add(o)
	}
	// From here on read only, by every goroutine: no output holds them.
	b.uses, b.tierLinks = b.out.uses, b.out.tierLinks
	b.out.uses, b.out.tierLinks = nil, nil
}

// on returns a builder for a piece of work on another goroutine: b's settings,
// engine and glossary, with scratch memory work and an output of its own.
func (b *builder) on(work *workspace) *builder {
	p := *b
	p.work = work
	p.snap = nil
	p.out = newOutput()
	return &p
}

// put stores data at urlPath.
func (b *builder) put(urlPath, contentType, cacheControl string, data []byte) {
	r := newResource(contentType, cacheControl, data)
	b.out.resources[urlPath] = r
	if b.comp != nil {
		b.comp.add(r)
	}
}

// docLinks are the links to site pages found in one document, shown on page.
type docLinks struct {
	doc   site.Doc
	page  string
	links []markdown.Link
}

// termUse is a term's first use in one tier of an article.
type termUse struct {
	article *site.Article
	tier    site.Tier
	url     string
}

// add renders c and stores it at urlPath.
func (b *builder) add(urlPath string, c templ.Component) {
	buf := &b.work.page
	buf.Reset()
	if err := c.Render(context.Background(), buf); err != nil {
		b.out.problems.Errorf(urlPath, 0, 0, "rendering the page failed: %v", err)
		return
	}
	b.put(urlPath, htmlType, cachePage, bytes.Clone(buf.Bytes()))
}

// addAsset stores data under a name fingerprinted with its hash and returns its URL.
func (b *builder) addAsset(name, contentType string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	url := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	b.put(url, contentType, cacheImmutable, data)
	return url
}

func (b *builder) assets() {
	css, _ := fs.ReadFile(static.FS, "site.css")
	js, _ := fs.ReadFile(static.FS, "site.js")
	b.css = b.addAsset("site.css", "text/css; charset=utf-8", css)
	// Code highlighting has a stylesheet of its own, linked only from pages with code.
	b.codeCSS = b.addAsset("code.css", "text/css; charset=utf-8", []byte(markdown.CodeCSS()))
	b.js = b.addAsset("site.js", "text/javascript; charset=utf-8", js)
	icon, _ := fs.ReadFile(static.FS, "favicon.svg")
	b.icon = b.addAsset("favicon.svg", "image/svg+xml", icon)
	og, _ := fs.ReadFile(static.FS, "og-image.png")
	b.ogImage = b.addAsset("og-image.png", "image/png", og)
	if b.comp == nil {
		w := newVariantWriter()
		for _, url := range []string{b.css, b.codeCSS, b.js, b.icon} {
			if r := b.out.resources[url]; r.Negotiable {
				w.compress(r)
			}
		}
	}
}

func (b *builder) layout(title, description, urlPath string) web.Layout {
	c := b.site.Config
	l := web.Layout{
		Lang:          c.Language,
		SiteTitle:     c.Title,
		Disclaimer:    strings.TrimSpace(c.Disclaimer),
		Title:         title,
		Description:   description,
		StylesheetURL: b.css,
		ScriptURL:     b.js,
		IconURL:       b.icon,
		Feed:          c.BaseURL != "",
	}
	if b.liveReload {
		l.LiveReloadURL = "/_strata/reload.js"
	}
	if c.BaseURL != "" && urlPath != "" {
		l.Canonical = c.BaseURL + urlPath
	}
	return l
}

// glossary builds the matcher and the Markdown engine.
func (b *builder) glossary() {
	entries := make([]glossary.Entry, 0, len(b.site.Terms))
	for _, t := range b.site.Terms {
		entries = append(entries, glossary.Entry{Slug: t.Slug, Names: append([]string{t.Name}, t.Aliases...)})
	}
	b.engine = markdown.New(markdown.Glossary{Terms: b.terms, Matcher: glossary.NewMatcher(entries), URL: TermURL})
	for _, t := range b.site.Terms {
		mt := markdown.Term{Slug: t.Slug, Name: t.Name, Plain: b.engine.RenderInline(t.Definition)}
		if t.Technical != "" {
			mt.Technical = b.engine.RenderInline(t.Technical)
		}
		b.terms[t.Slug] = mt
		b.definitionWarnings(t)
	}
}

// definitionWarnings reports what the rendering of a term's definitions leaves out
// (raw HTML, unsafe links): RenderInline keeps only the HTML.
func (b *builder) definitionWarnings(t *site.Term) {
	warnings := func(text string) []markdown.Problem {
		_, problems := b.engine.Render([]byte(text), &markdown.Page{NoAutoLink: true})
		return slices.DeleteFunc(problems, func(p markdown.Problem) bool { return !p.Warning })
	}
	if at := strings.Index(string(t.Doc.Body), t.Definition); t.Definition != "" && at >= 0 {
		b.report(site.Doc{File: t.Doc.File, Source: t.Doc.Source, BodyAt: t.Doc.BodyAt + at}, warnings(t.Definition))
	}
	if t.Technical != "" {
		// A front-matter string: reported where the term is named.
		for _, p := range warnings(t.Technical) {
			b.out.problems.Warnf(t.Pos.File, t.Pos.Line, t.Pos.Col, "technical: %s", p.Message)
		}
	}
}

// withCode links the code-highlighting stylesheet from l when any of the HTML
// fragments has highlighted code.
func (b *builder) withCode(l web.Layout, html ...safehtml.HTML) web.Layout {
	for _, h := range html {
		if strings.Contains(h.String(), `<pre class="chroma"`) {
			l.CodeStylesheetURL = b.codeCSS
			break
		}
	}
	return l
}

// TermURL is the permanent address of a glossary entry.
func TermURL(slug string) string { return "/glossary/" + slug }

// ArticleURL is the address of an article, whole.
func ArticleURL(slug string) string { return "/articles/" + slug }

// TierURL is the address of an article at one tier.
func TierURL(slug, tier string) string { return "/articles/" + slug + "/" + tier }

// report turns Markdown problems into diagnostics of doc.
func (b *builder) report(doc site.Doc, problems []markdown.Problem) {
	for _, p := range problems {
		line, col := diag.Position(doc.Source, doc.BodyAt+p.Offset)
		if p.Warning {
			b.out.problems.Warnf(doc.File, line, col, "%s", p.Message)
			continue
		}
		b.out.problems.Errorf(doc.File, line, col, "%s", p.Message)
	}
}

// pageIDs are ids the article template uses itself.
var pageIDs = []string{"main", "tier-nav-title", "contents-title", "references", "references-title", "terms", "terms-title",
	"cite", "cite-title", "definition", "technical", "related", "used-in", "related-articles", "related-articles-title"}

// articleRun is one article on its way to its pages: its files parsed once, the
// citation numbers they were given, and what each page rendered.
type articleRun struct {
	a       *site.Article
	numbers map[string]int // reference id -> citation number, in reading order
	// options returns a page with the article's options: citation numbers and
	// authors, figure addresses, the base of relative links.
	options func() *markdown.Page
	tiers   []*markdown.Doc
	closing *markdown.Doc
	// full is the whole-article page, with its sections and closing text.
	full        *markdown.Page
	sections    []web.Section
	closingHTML safehtml.HTML
	// pages are the tiers' own pages, and links the tier chooser's entries.
	pages []tierPage
	links []web.TierLink
}

// tierPage is what one tier's own page rendered.
type tierPage struct {
	html, closing safehtml.HTML
	page          *markdown.Page
}

// article renders an article's pages, the whole article, then each tier alone,
// from one parse of each file, and returns its output.
func (b *builder) article(a *site.Article) *output {
	run := newArticleRun(a)
	b.wholeArticle(run)
	b.tierPages(run)
	b.out.tierLinks[a.Slug] = run.links
	view := web.ArticlePage{
		Slug:         a.Slug,
		ArticleTitle: a.Title,
		Summary:      a.Description,
		Topics:       b.topicLinks(a),
		Provenance:   b.provenance(a),
		FullURL:      ArticleURL(a.Slug),
		Downloads:    b.exports(a),
	}
	further := b.furtherReading(a, run.numbers)
	b.addWholeArticle(run, view, further)
	for i := range a.Tiers {
		b.addTierPage(run, i, view, further)
	}
	return b.out
}

// newArticleRun sets up the numbering of an article's citations (first use in
// reading order, unknown keys refused) and its pages' options.
func newArticleRun(a *site.Article) *articleRun {
	refs := map[string]bool{}
	authors := map[string]string{}
	for _, r := range a.References {
		refs[r.ID] = true
		authors[r.ID] = cite.InTextAuthors(r)
	}
	run := &articleRun{a: a, numbers: map[string]int{}}
	number := func(key string) (int, bool) {
		if !refs[key] {
			return 0, false
		}
		if n, ok := run.numbers[key]; ok {
			return n, true
		}
		run.numbers[key] = len(run.numbers) + 1
		return run.numbers[key], true
	}
	// author names a reference in an author-in-text citation (@key says).
	author := func(key string) string { return authors[key] }
	assets := map[string]string{}
	for name := range a.Assets {
		assets[name] = path.Join(ArticleURL(a.Slug), name)
	}
	base := ArticleURL(a.Slug) + "/"
	run.options = func() *markdown.Page {
		p := &markdown.Page{Cite: number, Author: author, Assets: assets, Base: base}
		p.Reserve(pageIDs...)
		return p
	}
	return run
}

// wholeArticle parses the article's files in reading order, which numbers the
// citations, and renders them onto the whole-article page; it reports the
// files' problems, the figures they show and the references nobody cites.
func (b *builder) wholeArticle(run *articleRun) {
	a := run.a
	full := run.options()
	full.HeadingShift = 1
	for _, t := range a.Tiers {
		full.Reserve(t.Tier.Key, t.Tier.Key+"-title")
	}
	run.full = full
	run.tiers = make([]*markdown.Doc, len(a.Tiers))
	for i, t := range a.Tiers {
		run.tiers[i] = b.engine.Parse(t.Body, full)
		b.report(t.Doc, run.tiers[i].Problems())
		full.Technical = t.Tier.Key == "academic"
		full.Plain = plainTier(t.Tier)
		before := len(full.Links)
		html := b.renderDoc(t.File, run.tiers[i], full)
		b.out.links = append(b.out.links, docLinks{doc: t.Doc, page: TierURL(a.Slug, t.Tier.Key), links: full.Links[before:]})
		run.sections = append(run.sections, web.Section{ID: t.Tier.Key, Name: t.Tier.Name, Audience: t.Tier.Audience, Body: html})
	}
	run.closing = b.engine.Parse(a.Index.Body, full)
	b.report(a.Index, run.closing.Problems())
	full.Technical, full.Plain, full.HeadingShift = false, false, 0
	before := len(full.Links)
	run.closingHTML = b.renderDoc(a.Index.File, run.closing, full)
	b.out.links = append(b.out.links, docLinks{doc: a.Index, page: ArticleURL(a.Slug), links: full.Links[before:]})
	b.figures(a, full.Figures)
	b.out.citations = append(b.out.citations, articleCitations{article: a, numbers: run.numbers})
}

// tierPages renders each tier onto its own page, with the citation numbers of
// the whole article, and measures the page's reading path.
func (b *builder) tierPages(run *articleRun) {
	a := run.a
	run.pages = make([]tierPage, len(a.Tiers))
	run.links = make([]web.TierLink, len(a.Tiers))
	for i, t := range a.Tiers {
		p := run.options()
		p.Technical, p.Plain, p.CollectSections = t.Tier.Key == "academic", plainTier(t.Tier), true
		html := b.renderDoc(t.File, run.tiers[i], p)
		b.out.tierDocs = append(b.out.tierDocs, tierDoc(a, t, p.Sections))
		p.CollectSections = false
		tierNotes := p.EditorNotes
		inBody := len(p.Prose)
		p.Technical = false
		c := b.renderDoc(a.Index.File, run.closing, p)
		stats := b.measureTier(a, t, p, inBody, tierNotes)
		run.pages[i] = tierPage{html: html, closing: c, page: p}
		run.links[i] = web.TierLink{
			Key: t.Tier.Key, Name: t.Tier.Name, Audience: t.Tier.Audience, Summary: t.Summary,
			URL: TierURL(a.Slug, t.Tier.Key), ReadingTime: readingTime(stats),
		}
		for _, slug := range p.Terms {
			b.out.uses[slug] = append(b.out.uses[slug], termUse{article: a, tier: t.Tier, url: TierURL(a.Slug, t.Tier.Key) + "#term-" + slug})
		}
	}
}

// measureTier scores the reading path of a tier's page (its prose, the first
// inBody blocks from the tier's file and the rest from the closing text) and the
// original wording, for the check pass to report.
func (b *builder) measureTier(a *site.Article, t site.TierDoc, p *markdown.Page, inBody, tierNotes int) readability.Stats {
	prose := make([]passage, len(p.Prose))
	for j, blk := range p.Prose {
		doc := t.Doc
		if j >= inBody {
			doc = a.Index
		}
		prose[j] = passage{doc: doc, at: doc.BodyAt, block: blk}
	}
	path, original := readingPath(ledePassage(a, t), prose)
	r := TierReadability{File: t.File, Article: a.Slug, Tier: t.Tier, Stats: b.work.analyzer.Analyze(passageText(path)),
		Original: b.work.analyzer.Analyze(passageText(original)), EditorNotes: p.EditorNotes, TierNotes: tierNotes}
	if !b.explain {
		path = nil // only explain reads it, and a build holds every tier's at once
	}
	b.out.readings = append(b.out.readings, tierReading{TierReadability: r, path: path})
	return r.Stats
}

// addWholeArticle adds the page of the whole article: every tier as a section.
func (b *builder) addWholeArticle(run *articleRun, view web.ArticlePage, further []web.Reference) {
	a := run.a
	url := ArticleURL(a.Slug)
	fp := view
	fp.Layout = b.layout(a.Title, a.Description, url)
	for _, s := range run.sections {
		fp.Layout = b.withCode(fp.Layout, s.Body)
	}
	fp.Layout = b.withCode(fp.Layout, run.closingHTML)
	fp.Meta = b.articleMeta(a, a.Title, url)
	fp.Citation = b.pageCitation(a, a.Slug, a.Title, url, url+"/citation")
	fp.JSONLD = b.articleJSONLD(a, url, a.Tiers)
	fp.Full = true
	fp.Tiers = run.links
	fp.Sections = run.sections
	fp.Closing = run.closingHTML
	fp.References = b.references(a, run.numbers, run.full.Citations)
	fp.FurtherReading = further
	fp.Terms = b.termList(run.full.Terms)
	for _, s := range run.sections {
		fp.Contents = append(fp.Contents, web.Heading{ID: s.ID, Text: s.Name})
	}
	b.addArticle(a.Slug, url, fp)
}

// addTierPage adds the page of tier i alone, with a QR code of its address for
// paper.
func (b *builder) addTierPage(run *articleRun, i int, view web.ArticlePage, further []web.Reference) {
	a, t, tier := run.a, run.a.Tiers[i], run.pages[i]
	url := TierURL(a.Slug, t.Tier.Key)
	title := a.Title + " (" + t.Tier.Name + ")"
	tp := view
	tp.Layout = b.withCode(b.layout(title, a.Description, url), tier.html, tier.closing)
	tp.Meta = b.articleMeta(a, title, url)
	tp.Citation = b.pageCitation(a, a.Slug+"-"+t.Tier.Key, title, url, ArticleURL(a.Slug)+"/citation-"+t.Tier.Key)
	tp.JSONLD = b.articleJSONLD(a, url, a.Tiers[i:i+1])
	tp.Tiers = slices.Clone(run.links)
	tp.Tiers[i].Current = true
	tp.Tier = &tp.Tiers[i]
	if t.Summary != "" {
		tp.Summary = t.Summary
	}
	tp.Sections = []web.Section{{ID: t.Tier.Key, Name: t.Tier.Name, Audience: t.Tier.Audience, Body: tier.html}}
	if i+1 < len(run.links) {
		tp.Next = &run.links[i+1]
	}
	for _, h := range tier.page.Headings {
		if h.Level == 2 {
			tp.Contents = append(tp.Contents, web.Heading{ID: h.ID, Text: h.Text})
		}
	}
	tp.Closing = tier.closing
	tp.References = b.references(a, run.numbers, tier.page.Citations)
	tp.FurtherReading = further
	tp.Terms = b.termList(tier.page.Terms)
	if tp.Canonical != "" {
		qr, err := qrsvg.SVG(tp.Canonical, "QR code of this page's address, "+tp.Canonical)
		if err != nil {
			b.out.problems.Warnf(t.File, 1, 1, "no QR code for the printed page: %v", err)
		}
		tp.QR = qr
	}
	b.addArticle(a.Slug, url, tp)
}

// figures publishes the figure files of a that its pages show (shown, by name),
// once each is read within its limit and checked; the others are left out, with
// a warning.
func (b *builder) figures(a *site.Article, shown []string) {
	for _, name := range slices.Sorted(maps.Keys(a.Assets)) {
		file := a.Assets[name]
		if !slices.Contains(shown, name) {
			b.out.problems.Warnf(file, 0, 0, "figure is not shown on any page of the article: it is not published")
			continue
		}
		data, err := contentfs.ReadFile(b.fsys, file, site.MaxFigureBytes)
		if err != nil {
			b.out.problems.Errorf(file, 0, 0, "cannot read figure: %v", fsErr(err))
			continue
		}
		if line, col, err := checkFigure(name, data); err != nil {
			b.out.problems.Errorf(file, line, col, "%v", err)
			continue
		}
		typ, _ := site.FigureType(name)
		b.put(path.Join(ArticleURL(a.Slug), name), typ, cachePage, data)
	}
}

// fsErr shortens a file-system error to its cause: the path is already in the
// diagnostic.
func fsErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// renderDoc renders a parsed document onto page p; a failure (of the writer, not
// of the content) is reported against its file.
func (b *builder) renderDoc(file string, d *markdown.Doc, p *markdown.Page) safehtml.HTML {
	html, err := b.engine.RenderDoc(d, p)
	if err != nil {
		b.out.problems.Errorf(file, 0, 0, "rendering failed: %v", err)
	}
	return html
}

// references lists the references cited on a page, by number.
func (b *builder) references(a *site.Article, numbers map[string]int, cited map[int][]string) []web.Reference {
	var out []web.Reference
	for _, r := range a.References {
		n, ok := numbers[r.ID]
		if !ok {
			continue
		}
		if _, onPage := cited[n]; !onPage {
			continue
		}
		out = append(out, web.Reference{Number: n, ID: fmt.Sprintf("ref-%d", n), Citation: citation(r), Backlinks: cited[n], Status: refStatus(r)})
	}
	slices.SortFunc(out, func(x, y web.Reference) int { return x.Number - y.Number })
	return out
}

// furtherReading lists the references the article never cites.
func (b *builder) furtherReading(a *site.Article, numbers map[string]int) []web.Reference {
	var out []web.Reference
	for _, r := range a.References {
		if _, ok := numbers[r.ID]; !ok {
			out = append(out, web.Reference{ID: "source-" + r.ID, Citation: citation(r), Status: refStatus(r)})
		}
	}
	return out
}

// termList describes the terms used on a page.
func (b *builder) termList(slugs []string) []web.TermUse {
	out := make([]web.TermUse, 0, len(slugs))
	for _, slug := range slugs {
		t := b.terms[slug]
		out = append(out, web.TermUse{Name: t.Name, URL: TermURL(slug), Definition: t.Plain})
	}
	slices.SortFunc(out, func(x, y web.TermUse) int { return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)) })
	return out
}

func (b *builder) termPages() {
	for _, t := range b.site.Terms {
		mt := b.terms[t.Slug]
		url := TermURL(t.Slug)
		p := web.TermPage{
			Layout:    b.layout(t.Name, plainText(mt.Plain), url),
			Name:      t.Name,
			Slug:      t.Slug,
			Permalink: b.site.Config.BaseURL + url,
			Aliases:   t.Aliases,
			Plain:     mt.Plain,
			Technical: mt.Technical,
		}
		var restText []markdown.Section
		if rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(t.Doc.Body)), t.Definition)); rest != "" {
			page := &markdown.Page{Self: t.Slug, Base: "/glossary/", CollectSections: true}
			page.Reserve(pageIDs...)
			page.Reserve("term", "definition-title", "technical-title", "related-title", "used-in-title", "permalink-title")
			html, problems := b.engine.Render([]byte(rest), page)
			doc := site.Doc{File: t.Doc.File, Source: t.Doc.Source, BodyAt: t.Doc.BodyAt + strings.Index(string(t.Doc.Body), rest)}
			b.report(doc, problems)
			b.out.links = append(b.out.links, docLinks{doc: doc, page: url, links: page.Links})
			p.More = html
			restText = page.Sections
		}
		b.out.termDocs = append(b.out.termDocs, termDoc(t, mt, restText))
		for _, r := range t.Related {
			if rt, ok := b.terms[r]; ok {
				p.Related = append(p.Related, web.GlossaryEntry{Name: rt.Name, URL: TermURL(r), Definition: rt.Plain})
			}
		}
		var byArticle []web.TermArticleUse
		for _, u := range b.uses[t.Slug] {
			if len(byArticle) == 0 || byArticle[len(byArticle)-1].Article != u.article.Title {
				byArticle = append(byArticle, web.TermArticleUse{Article: u.article.Title})
			}
			last := &byArticle[len(byArticle)-1]
			last.Tiers = append(last.Tiers, web.TierUse{Name: u.tier.Name, URL: u.url})
		}
		p.UsedIn = byArticle
		p.JSONLD = b.termJSONLD(t)
		p.Meta = []web.Meta{{Property: "og:type", Content: "article"}, {Property: "og:title", Content: t.Name},
			{Property: "og:description", Content: plainText(mt.Plain)}, {Property: "og:site_name", Content: b.site.Config.Title}}
		p.Layout = b.withCode(p.Layout, p.More)
		b.add(url, web.Term(p))
		b.addJSON(url+".json", b.termJSON(t))
		for _, a := range t.Aliases {
			if as := site.Slugify(a); as != "" && as != t.Slug {
				if target, ok := b.site.AliasTarget(as); ok && target == t.Slug {
					b.out.redirects[TermURL(as)] = url
				}
			}
		}
		if ns := site.Slugify(t.Name); ns != t.Slug {
			if target, ok := b.site.AliasTarget(ns); ok && target == t.Slug {
				b.out.redirects[TermURL(ns)] = url
			}
		}
	}
}

func (b *builder) glossaryIndex() {
	if len(b.site.Terms) > b.limits.glossaryWhole {
		b.glossaryLetters()
		return
	}
	var letters []web.Letter
	for _, t := range b.site.Terms {
		l := strings.ToUpper(string([]rune(t.Name)[:1]))
		if r := []rune(l)[0]; !unicode.IsLetter(r) {
			l = "#"
		}
		if len(letters) == 0 || letters[len(letters)-1].Letter != l {
			id := "letter-" + strings.ToLower(l)
			if l == "#" {
				id = "letter-other"
			}
			letters = append(letters, web.Letter{Letter: l, ID: id})
		}
		last := &letters[len(letters)-1]
		last.Entries = append(last.Entries, web.GlossaryEntry{Name: t.Name, URL: TermURL(t.Slug), Definition: b.terms[t.Slug].Plain})
	}
	l := b.layout("Glossary", "Plain-language definitions of the medical words used on "+b.site.Config.Title+".", "/glossary")
	l.Section = "glossary"
	l.JSONLD = b.glossaryJSONLD()
	b.add("/glossary", web.Glossary(web.GlossaryPage{Layout: l, Heading: "Glossary", Count: len(b.site.Terms), Letters: letters}))
	all := make([]TermJSON, 0, len(b.site.Terms))
	for _, t := range b.site.Terms {
		all = append(all, b.termJSON(t))
	}
	b.addJSON("/glossary.json", all)
}

func (b *builder) notFound() {
	l := b.layout("Page not found", "", "")
	l.Noindex = true
	var buf bytes.Buffer
	err := web.NotFound(web.ErrorPage{Layout: l, Heading: "Page not found",
		Message: "We could not find that page. It may have moved, or the address may have a typo."}).Render(context.Background(), &buf)
	if err != nil {
		b.out.problems.Errorf("404 page", 0, 0, "rendering the page failed: %v", err)
		return
	}
	b.snap.NotFound = newResource(htmlType, cachePage, buf.Bytes())
	if b.comp != nil {
		b.comp.add(b.snap.NotFound)
	}
}

func date(t time.Time) web.Date {
	if t.IsZero() {
		return web.Date{}
	}
	return web.Date{ISO: t.Format("2006-01-02"), Text: t.Format("2 January 2006")}
}

// readingTime says how long a tier page's reading path takes to read and how hard
// it is, its grade in words: "about 4 min, plain language".
func readingTime(s readability.Stats) string {
	if s.Words == 0 {
		return ""
	}
	return fmt.Sprintf("about %d min, %s", s.ReadingMinutes, readability.Level(s.FleschKincaidGrade))
}

// plainText strips tags from a short inline HTML fragment of our own Markdown
// renderer (no comments, no tags inside attribute values) and decodes its
// character references, for meta descriptions and JSON.
func plainText(fragment safehtml.HTML) string {
	var b strings.Builder
	in := false
	for _, r := range fragment.String() {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}
