package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/strata-health/strata/internal/render"
)

// indexPagesCmd builds a content folder and reports the brotli-compressed size of
// its index pages (home, topics, articles A–Z, glossary), the largest of each
// kind: every one must be within render.IndexPageBudget. It exits 1 when one is
// not.
func indexPagesCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("indexpages", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("content", "", "content folder")
	if err := fl.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(stderr, "usage: strata-bench indexpages -content DIR")
		return 2
	}
	fsys := os.DirFS(*dir)
	start := time.Now()
	s, snap, _ := render.Load(fsys, "", render.WithoutSearch())
	fmt.Fprintf(stdout, "%d articles, %d terms, %d topics: built in %s\n", len(s.Articles), len(s.Terms), len(s.Topics), time.Since(start).Round(time.Millisecond))
	type kind struct {
		pages, largest, html int
		page                 string
	}
	kinds := map[string]*kind{}
	var order []string
	over := 0
	for _, p := range snap.Paths() {
		if !render.IsIndexPage(p) {
			continue
		}
		name := p
		for _, prefix := range []string{"/topics/", "/topics-a-z/", "/articles-a-z/", "/glossary-a-z/"} {
			if strings.HasPrefix(p, prefix) {
				name = prefix + "…"
			}
		}
		k := kinds[name]
		if k == nil {
			k = &kind{}
			kinds[name] = k
			order = append(order, name)
		}
		r, _ := snap.Lookup(p)
		size := len(r.Body.Data)
		if r.Brotli != nil {
			size = len(r.Brotli.Data)
		}
		k.pages++
		if size > k.largest {
			k.largest, k.html, k.page = size, len(r.Body.Data), p
		}
		if size > render.IndexPageBudget {
			over++
			fmt.Fprintf(stdout, "over budget: %s, %d bytes brotli\n", p, size)
		}
	}
	fmt.Fprintf(stdout, "| pages | count | largest | HTML | brotli |\n|---|---:|---|---:|---:|\n")
	for _, name := range order {
		k := kinds[name]
		fmt.Fprintf(stdout, "| %s | %d | %s | %.1f KB | %.1f KB |\n", name, k.pages, k.page, float64(k.html)/1024, float64(k.largest)/1024)
	}
	if over > 0 {
		fmt.Fprintf(stdout, "%d index pages over %d KB brotli\n", over, render.IndexPageBudget>>10)
		return 1
	}
	return 0
}
