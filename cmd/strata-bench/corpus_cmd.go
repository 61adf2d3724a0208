package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/strata-health/strata/cmd/strata-bench/corpus"
)

// corpusCmd writes a generated content folder.
func corpusCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fl.SetOutput(stderr)
	n := fl.Int("n", 1000, "number of articles")
	terms := fl.Int("terms", 300, "number of glossary terms")
	seed := fl.Uint64("seed", 1, "random seed: the same seed, n and terms give the same bytes")
	out := fl.String("out", "", "folder to write (made if missing; must be empty or absent)")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *n < 1 || *terms < 1 {
		fmt.Fprintln(stderr, "strata-bench corpus: -out is required; -n and -terms must be at least 1")
		return 2
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(stderr, "strata-bench corpus: %s is not empty\n", *out)
		return 1
	}
	start := time.Now()
	c := corpus.New(*n, *terms, *seed)
	size, err := c.Write(*out)
	if err != nil {
		fmt.Fprintf(stderr, "strata-bench corpus: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d articles and %d glossary terms (%d files, %.1f MB of Markdown and YAML) to %s in %s\n",
		*n, *terms, len(c.Files), float64(size)/1e6, *out, time.Since(start).Round(time.Millisecond))
	return 0
}
