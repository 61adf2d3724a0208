// Command strata-bench measures Strata against nginx, a fair ceiling (net/http
// with Strata's response headers) and Hugo.
//
//	strata-bench corpus -n 1000 -terms 300 -seed 1 -out DIR   write a generated content folder
//	strata-bench run [-quick]                                 measure, and print a Markdown table
//	strata-bench ceiling -addr ADDR -dir DIR -pages PATH       net/http with Strata's response headers (the fair ceiling)
//	strata-bench profile -content DIR [-cpuprofile F]          time and profile site.Load and render.Build
//	strata-bench indexpages -content DIR                       brotli size of the index pages, against the 30 KB budget
//	strata-bench attack search|flood -url URL                  a hostile client, for .ci/reliability.sh
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `Usage:
  strata-bench corpus -n N -terms M -seed S -out DIR   write a generated content folder (passes strata check)
  strata-bench run [-quick] [flags]                    measure start-up, memory, serving and build time; print a Markdown table
  strata-bench ceiling -addr ADDR -dir EXPORT -pages P  the fair ceiling: net/http writing pages from memory with Strata's response headers
  strata-bench profile -content DIR [-cpuprofile F]    time site.Load and render.Build in process, with CPU and heap profiles
  strata-bench handler -content DIR [-log F] [-cpuprofile F]  Strata's handler in process, access log optional, CPU profile
  strata-bench indexpages -content DIR                 brotli size of the index pages (home, topics, A–Z, glossary) against the 30 KB budget
  strata-bench attack search|flood -url URL [-c N] [-n N] [-d D]  distinct fuzzy searches, or idle connections held open`

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	switch args[0] {
	case "corpus":
		return corpusCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "ceiling":
		return ceilingCmd(args[1:], stderr)
	case "handler":
		return handlerCmd(args[1:], stderr)
	case "attack":
		return attackCmd(args[1:], stdout, stderr)
	case "profile":
		return profileCmd(args[1:], stdout, stderr)
	case "indexpages":
		return indexPagesCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "strata-bench: unknown command %q\n\n%s\n", args[0], usage)
	return 2
}
