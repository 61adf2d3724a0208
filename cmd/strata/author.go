package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/site"
)

// check validates a content folder and prints every problem, like a compiler.
func check(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	strict := fl.Bool("strict", false, "treat warnings as errors")
	explain := fl.Bool("explain", false, "also list the sentences above their reading-grade target, worst first")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: strata check [-strict] [-explain] [DIR]\n\nValidates DIR (default: the embedded content) and prints every problem as file:line:col: severity: message.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	dir := ""
	if fl.NArg() > 1 {
		fl.Usage()
		return 2
	}
	if fl.NArg() == 1 {
		dir = fl.Arg(0)
	}
	fsys, done, err := openContent(dir)
	if err != nil {
		fmt.Fprintf(stderr, "strata check: %v\n", err)
		return 1
	}
	defer done()
	opts := []render.Option{render.WithoutCompression(), render.WithoutSearch()}
	if *explain {
		opts = append(opts, render.WithExplain())
	}
	s, _, rep := render.Load(fsys, "", opts...)
	for _, d := range site.ReviewWarnings(s, time.Now()) {
		rep.Add(d)
	}
	errs, warns := 0, 0
	for _, d := range rep.Items() {
		if d.File != "" && dir != "" {
			d.File = filepath.Join(dir, d.File)
		}
		fmt.Fprintln(stdout, d.String())
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	if *explain && len(rep.Explain) > 0 {
		fmt.Fprintln(stdout, "\nSentences above their reading-grade target, worst first:")
		for _, d := range rep.Explain {
			if d.File != "" && dir != "" {
				d.File = filepath.Join(dir, d.File)
			}
			fmt.Fprintln(stdout, d.String())
		}
	}
	if len(rep.Readability) > 0 {
		fmt.Fprintln(stdout, "\nReading level of each tier page's reading path (what a reader meets without opening anything;")
		fmt.Fprintln(stdout, "prose only: no headings, code, tables or references), and of the original wording in its disclosures:")
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "article\ttier\twords\tminutes\tFK grade\tSMOG\treading ease\ttarget\toriginal words\toriginal FK grade\t")
		for _, r := range rep.Readability {
			target := "-"
			if r.Tier.MaxGrade > 0 {
				target = fmt.Sprintf("%g", r.Tier.MaxGrade)
			}
			origWords, origGrade := "-", "-"
			if r.Original.Words > 0 {
				origWords, origGrade = fmt.Sprint(r.Original.Words), fmt.Sprintf("%.1f", r.Original.FleschKincaidGrade)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.1f\t%.0f\t%s\t%s\t%s\t\n", r.Article, r.Tier.Key, r.Stats.Words, r.Stats.ReadingMinutes,
				r.Stats.FleschKincaidGrade, r.Stats.SMOG, r.Stats.FleschReadingEase, target, origWords, origGrade)
		}
		tw.Flush()
		fmt.Fprintln(stdout)
	}
	printTrust(stdout, s, rep)
	fmt.Fprintf(stdout, "%d articles, %d glossary terms: %d errors, %d warnings\n", len(s.Articles), len(s.Terms), errs, warns)
	if errs > 0 || (*strict && warns > 0) {
		return 1
	}
	return 0
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// newContent writes skeleton files for a new article or glossary term.
func newContent(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("content", "content", "content folder to write into")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: strata new [-content DIR] article|term SLUG")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 2 {
		fl.Usage()
		return 2
	}
	kind, slug := fl.Arg(0), fl.Arg(1)
	if !slugRE.MatchString(slug) {
		fmt.Fprintf(stderr, "strata new: %q is not a slug (lower case letters, digits and hyphens)\n", slug)
		return 2
	}
	title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	var files map[string]string
	switch kind {
	case "article":
		base := filepath.Join(*dir, "articles", slug)
		today := time.Now().Format(time.DateOnly)
		files = map[string]string{
			filepath.Join(base, "index.md"): "---\ntitle: " + title + "\ndescription: One sentence that says what this article explains.\nupdated: " + today +
				"\n# authors: [{name: Full Name, credentials: MD}]\n# Clinical review, only once it has happened (both lines):\n# reviewed: YYYY-MM-DD\n# reviewed_by: [{name: Full Name, credentials: MD}]\n# next_review: YYYY-MM-DD (default: reviewed + the site's review_interval)\n# source: {title: ..., publisher: ..., url: ..., retrieved: YYYY-MM-DD, note: ...}\ntopics: []\n---\n## Reflection\n\nA closing thought shown after every tier.\n",
			filepath.Join(base, "fundamentals.md"): "---\nsummary: One plain sentence for patients and families.\n---\nWrite for patients and families: short sentences and everyday words.\n",
			filepath.Join(base, "intermediate.md"): "---\nsummary: One sentence for readers who want more detail.\n---\nWrite for readers who want more detail.\n",
			filepath.Join(base, "academic.md"):     "---\nsummary: One sentence for clinicians and researchers.\n---\nWrite for clinicians and researchers, citing sources like this [@example2026].\n",
			filepath.Join(base, "references.yaml"): "# CSL-YAML, as Pandoc reads it. Record only what the source gives.\n- id: example2026\n  type: article-journal\n  author:\n    - {family: Surname, given: A. B.}\n  title: Replace with the source's title\n  container-title: Journal name\n  issued: 2026\n",
		}
	case "term":
		files = map[string]string{
			filepath.Join(*dir, "glossary", slug+".md"): "---\nterm: " + title + "\naliases: []\n# technical: A clinician-level definition.\nrelated: []\n---\n" + title + " is ... (the plain-language definition: one or two short sentences).\n",
		}
	default:
		fl.Usage()
		return 2
	}
	for file := range files {
		if _, err := os.Lstat(file); err == nil {
			fmt.Fprintf(stderr, "strata new: %s already exists\n", file)
			return 1
		} else if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "strata new: %v\n", err)
			return 1
		}
	}
	names := slices.Sorted(maps.Keys(files))
	for _, file := range names {
		text := files[file]
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			fmt.Fprintf(stderr, "strata new: %v\n", err)
			return 1
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "strata new: %v\n", err)
			return 1
		}
		fmt.Fprintln(stdout, "wrote", file)
	}
	return 0
}

// printTrust lists, per article, whether a clinical review is recorded, how many
// references are not independently verified or carry a correction, and how many
// editor's notes each tier page has.
func printTrust(w io.Writer, s *site.Site, rep *render.Report) {
	if len(s.Articles) == 0 {
		return
	}
	notes := map[string][]string{}
	for _, r := range rep.Readability {
		notes[r.Article] = append(notes[r.Article], fmt.Sprintf("%s %d", r.Tier.Key, r.EditorNotes))
	}
	fmt.Fprintln(w, "Trust (what each article records):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "article\treview\treferences\tunverified\tcorrected\teditor's notes per page\t")
	for _, a := range s.Articles {
		review := "not yet clinically reviewed"
		if a.IsReviewed() {
			review = "reviewed " + a.Reviewed.Format(time.DateOnly)
		}
		unverified, corrected := 0, 0
		for _, r := range a.References {
			if !r.IsVerified() {
				unverified++
			}
			if r.Correction != nil {
				corrected++
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\t\n", a.Slug, review, len(a.References), unverified, corrected, strings.Join(notes[a.Slug], ", "))
	}
	tw.Flush()
	fmt.Fprintln(w)
}
