package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/render"
)

// The hostile-content suite: content folders written as an attacker would, each
// run through strata check and strata build. Every case must end in a clear
// error naming the file (and line where there is one), within seconds, with
// nothing published; the last cases are the export's output folder.

// secret is what a hostile content folder tries to publish.
const secret = "TOP-SECRET-c0ffee"

// hostileFixture copies the small test site into a fresh folder and returns it,
// with a file outside it that holds secret.
func hostileFixture(t *testing.T) (content, outside string) {
	t.Helper()
	tmp := t.TempDir()
	content = filepath.Join(tmp, "content")
	if err := os.CopyFS(content, os.DirFS("../../internal/testdata/small-site")); err != nil {
		t.Fatal(err)
	}
	outside = filepath.Join(tmp, "secret.txt")
	if err := os.WriteFile(outside, []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return content, outside
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	_ = os.Remove(link)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// sparse makes file size bytes long without writing them.
func sparse(t *testing.T, file string, size int64) {
	t.Helper()
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// appendTo adds text at the end of file.
func appendTo(t *testing.T, file, text string) {
	t.Helper()
	old, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	write(t, file, string(old)+text)
}

// runStrata runs the command in-process with a deadline and returns its exit code
// and output.
func runStrata(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	start := time.Now()
	code := run(args, &out, &out)
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("strata %s took %s", strings.Join(args, " "), d)
	}
	return code, out.String()
}

// published returns every file under dir whose bytes contain any of needles.
func published(t *testing.T, dir string, needles ...string) []string {
	t.Helper()
	var hits []string
	_ = filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(file)
		for _, n := range needles {
			if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(n))) {
				hits = append(hits, file+" has "+n)
			}
		}
		return nil
	})
	return hits
}

const article = "articles/hand-washing/"

// TestHostileContentErrors: each folder fails check and build with its error, and
// build writes nothing.
func TestHostileContentErrors(t *testing.T) {
	const figureLine = "\n![A figure](%s)\n"
	figure := func(t *testing.T, content, name string) {
		appendTo(t, filepath.Join(content, article, "fundamentals.md"), strings.Replace(figureLine, "%s", name, 1))
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, content, outside string)
		wants []string // in check's output; paths relative to the content folder
	}{
		{"figure linked to a file outside", func(t *testing.T, c, outside string) {
			symlink(t, outside, filepath.Join(c, article, "leak.svg"))
			figure(t, c, "leak.svg")
		}, []string{article + "leak.svg: error: symbolic links are refused"}},
		{"figure linked to the process environment", func(t *testing.T, c, _ string) {
			symlink(t, "/proc/self/environ", filepath.Join(c, article, "env.png"))
		}, []string{article + "env.png: error: symbolic links are refused"}},
		{"figure linked to /dev/zero", func(t *testing.T, c, _ string) {
			symlink(t, "/dev/zero", filepath.Join(c, article, "zero.png"))
			figure(t, c, "zero.png")
		}, []string{article + "zero.png: error: symbolic links are refused"}},
		{"figure that is a pipe", func(t *testing.T, c, _ string) {
			if err := syscall.Mkfifo(filepath.Join(c, article, "pipe.png"), 0o644); err != nil {
				t.Skip("no fifo:", err)
			}
			figure(t, c, "pipe.png")
		}, []string{article + "pipe.png: error: not a regular file"}},
		{"tier file linked outside", func(t *testing.T, c, outside string) {
			symlink(t, outside, filepath.Join(c, article, "academic.md"))
		}, []string{article + "academic.md: error: cannot read: symbolic links are refused"}},
		{"glossary entry linked outside", func(t *testing.T, c, outside string) {
			symlink(t, outside, filepath.Join(c, "glossary", "ctx.md"))
		}, []string{"glossary/ctx.md: error: symbolic links are refused"}},
		{"article folder linked outside", func(t *testing.T, c, outside string) {
			dir := filepath.Join(filepath.Dir(outside), "elsewhere")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(c, article))); err != nil {
				t.Fatal(err)
			}
			symlink(t, dir, filepath.Join(c, "articles", "elsewhere"))
		}, []string{"articles/elsewhere: error: symbolic links are refused"}},
		{"site.yaml linked outside", func(t *testing.T, c, outside string) {
			symlink(t, outside, filepath.Join(c, "site.yaml"))
		}, []string{"site.yaml: error: cannot read the site settings: symbolic links are refused"}},
		{"SVG with a script", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>\n")
		}, []string{article + "hands.svg:2:9: error: SVG element <script> is not allowed in a figure"}},
		{"SVG with an event handler", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"\n onload=\"alert(1)\"><rect width=\"1\"/></svg>\n")
		}, []string{article + "hands.svg:2:20: error: <svg>: attribute onload is not allowed"}},
		{"SVG with an external reference", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<use xlink:href=\"https://evil.example/x.svg#a\"/></svg>\n")
		}, []string{article + "hands.svg:2:", `href "https://evil.example/x.svg#a" points outside the file`}},
		{"SVG with foreignObject", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><p>x</p></foreignObject></svg>")
		}, []string{article + "hands.svg:1:", "SVG element <foreignObject> is not allowed"}},
		{"SVG with a CSS import", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://evil.example/x.css);</style></svg>")
		}, []string{article + "hands.svg:1:", "CSS at-rules"}},
		{"SVG with an entity", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "hands.svg"), "<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")
		}, []string{article + "hands.svg:1:", "<!DOCTYPE> and <!ENTITY> declarations are not allowed"}},
		{"figure name with markup", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "a\"><script>.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
		}, []string{article + "a\"><script>.svg: error: figure file name \"a\\\"><script>.svg\": use letters, digits"}},
		{"PNG that is HTML", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "chart.png"), "<html><script>alert(1)</script></html>")
			figure(t, c, "chart.png")
		}, []string{article + "chart.png: error: the file is not a png image (its bytes look like text/html)"}},
		{"javascript: URL in references.yaml", func(t *testing.T, c, _ string) {
			appendTo(t, filepath.Join(c, article, "references.yaml"), "- id: evil\n  title: Evil\n  URL: javascript:alert(1)\n")
		}, []string{article + "references.yaml:44:8: error: URL \"javascript:alert(1)\": the scheme javascript: is not allowed"}},
		{"relative URL in references.yaml", func(t *testing.T, c, _ string) {
			appendTo(t, filepath.Join(c, article, "references.yaml"), "- id: evil\n  title: Evil\n  URL: /local\n")
		}, []string{article + "references.yaml:44:8: error: URL \"/local\" must be an absolute http:// or https:// URL"}},
		{"DOI and PMID that are not", func(t *testing.T, c, _ string) {
			appendTo(t, filepath.Join(c, article, "references.yaml"), "- id: evil\n  title: Evil\n  DOI: \"javascript:alert(1)\"\n  PMID: \"1/../../x\"\n")
		}, []string{article + "references.yaml:44:8: error: DOI \"javascript:alert(1)\" is not a DOI", article + "references.yaml:45:9: error: PMID \"1/../../x\" is not a PubMed id"}},
		{"javascript: source URL in front matter", func(t *testing.T, c, _ string) {
			f := filepath.Join(c, article, "index.md")
			data, _ := os.ReadFile(f)
			write(t, f, strings.Replace(string(data), "topics: [Hygiene]\n", "topics: [Hygiene]\nsource: {title: Evil, url: \"javascript:alert(1)\"}\n", 1))
		}, []string{article + "index.md:7:", `source.url: "javascript:alert(1)" is not an http or https address`}},
		{"javascript: in a correction and a check", func(t *testing.T, c, _ string) {
			appendTo(t, filepath.Join(c, article, "references.yaml"), "- id: evil\n  title: Evil\n  correction: {text: Evil, doi: \"javascript:alert(1)\"}\n  checked: {url: \"javascript:alert(2)\", date: 2026-01-01}\n")
		}, []string{article + "references.yaml:44:", `correction.doi: "javascript:alert(1)" is not a DOI`,
			article + "references.yaml:45:", `checked.url: "javascript:alert(2)" is not an http or https address`}},
		{"javascript: base_url", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, "site.yaml"), "title: Evil\nbase_url: javascript:alert(1)//\n")
		}, []string{"site.yaml:2:11: error: base_url: URL \"javascript:alert(1)//\": the scheme javascript: is not allowed"}},
		{"base_url with a query", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, "site.yaml"), "title: Evil\nbase_url: https://x.example/?a=\"b\n")
		}, []string{"site.yaml:2:11: error: base_url \"https://x.example/?a=\\\"b\" must not have a query or fragment"}},
		{"50 MB tier file", func(t *testing.T, c, _ string) {
			sparse(t, filepath.Join(c, article, "academic.md"), 50<<20)
		}, []string{article + "academic.md: error: cannot read: a Markdown file can be at most 256 KiB; this one is 50 MiB"}},
		{"huge glossary entry", func(t *testing.T, c, _ string) {
			sparse(t, filepath.Join(c, "glossary", "germ.md"), 1<<20)
		}, []string{"glossary/germ.md: error: cannot read: a glossary entry can be at most 64 KiB; this one is 1 MiB"}},
		{"huge references", func(t *testing.T, c, _ string) {
			sparse(t, filepath.Join(c, article, "references.yaml"), 2<<20)
		}, []string{article + "references.yaml: error: cannot read: a references file can be at most 1 MiB; this one is 2 MiB"}},
		{"huge site.yaml", func(t *testing.T, c, _ string) {
			sparse(t, filepath.Join(c, "site.yaml"), 1<<20)
		}, []string{"site.yaml: error: cannot read the site settings: site.yaml can be at most 64 KiB; this one is 1 MiB"}},
		{"huge figure", func(t *testing.T, c, _ string) {
			sparse(t, filepath.Join(c, article, "hands.svg"), 6<<20)
		}, []string{article + "hands.svg: error: a figure can be at most 5 MiB; this one is 6 MiB"}},
		{"site over its byte limit", func(t *testing.T, c, _ string) {
			for i := range 52 { // 52 figures of 5 MiB, each within its own limit
				sparse(t, filepath.Join(c, article, fmt.Sprintf("f%02d.png", i)), 5<<20)
			}
		}, []string{"error: the content folder goes over its limit of 256 MiB in all with this figure"}},
		{"100,000 nested list markers on one line", func(t *testing.T, c, _ string) {
			write(t, filepath.Join(c, article, "academic.md"), "Text.\n\n"+strings.Repeat("- ", 100000)+"x\n")
		}, []string{article + "academic.md:3:1: error: line is 200001 bytes long, over the limit of 16384",
			article + "academic.md:3:1: error: line opens more than 16 nested lists or block quotes"}},
		{"nesting by indentation", func(t *testing.T, c, _ string) {
			var b strings.Builder
			for i := range 40 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			write(t, filepath.Join(c, article, "academic.md"), b.String())
		}, []string{article + "academic.md:17:1: error: line opens more than 16 nested lists or block quotes (counting its indentation)"}},
		{"nesting past the line check", func(t *testing.T, c, _ string) {
			// Empty list items, each holding the next: the line check estimates
			// 16 levels for the last line, which is the 17th.
			var b strings.Builder
			for i := range 17 {
				b.WriteString(strings.Repeat("  ", i) + "-\n")
			}
			write(t, filepath.Join(c, article, "academic.md"), b.String())
		}, []string{article + "academic.md:", "lists and block quotes are nested more than 16 levels deep"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			content, outside := hostileFixture(t)
			tc.setup(t, content, outside)
			code, out := runStrata(t, "check", content)
			if code != 1 {
				t.Errorf("check exit %d, want 1", code)
			}
			for _, want := range tc.wants {
				if !strings.Contains(out, want) {
					t.Errorf("check output lacks %q:\n%s", want, out)
				}
			}
			dist := filepath.Join(filepath.Dir(content), "dist")
			if code, out := runStrata(t, "build", "-content", content, "-out", dist); code != 1 || !strings.Contains(out, "the content has errors") {
				t.Errorf("build exit %d, want 1:\n%s", code, out)
			}
			if _, err := os.Lstat(dist); err == nil {
				t.Errorf("build wrote %s", dist)
			}
		})
	}
}

// TestHostileContentWarnings: links and raw HTML that pages leave out are
// warnings (errors with -strict), and the export holds none of them.
func TestHostileContentWarnings(t *testing.T) {
	content, _ := hostileFixture(t)
	appendTo(t, filepath.Join(content, article, "fundamentals.md"), "\n"+
		"A [link](javascript:alert(1)) and [another](JaVaScRiPt:alert(2)).\n\n"+
		"An <javascript:alert(3)> autolink, a [reference][evil] and ![an image](data:text/html,evil).\n\n"+
		"[evil]: vbscript:msgbox\n\n"+
		"<a href=\"javascript:alert(4)\">raw</a>\n\n"+
		"<!-- an author's note: quiet -->\n")
	write(t, filepath.Join(content, article, "unused.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
	write(t, filepath.Join(content, "glossary", "surfactant.md"), "---\nterm: Surfactant\ntechnical: See [this](javascript:alert(5)).\n---\nA [surfactant](javascript:alert(6)) makes soap slippery.\n")
	code, out := runStrata(t, "check", content)
	if code != 0 {
		t.Errorf("check exit %d, want 0 (warnings only):\n%s", code, out)
	}
	f := article + "fundamentals.md"
	for _, want := range []string{
		f + ":16:3: warning: link dropped, its text kept: URL \"javascript:alert(1)\": the scheme javascript: is not allowed",
		f + ":16:35: warning: link dropped, its text kept: URL \"JaVaScRiPt:alert(2)\"",
		f + ":18:4: warning: link dropped, its text kept: URL \"javascript:alert(3)\"",
		f + ":18:38: warning: link dropped, its text kept: URL \"vbscript:msgbox\"",
		f + ":18:", "warning: image dropped, its alt text kept: URL \"data:text/html,evil\"",
		f + ":22:1: warning: raw HTML is not shown to readers: \"<a href=\\\"javascript:alert(4)\\\">\"",
		article + "unused.svg: warning: figure is not shown on any page of the article: it is not published",
		"glossary/surfactant.md:5:3: warning: link dropped, its text kept: URL \"javascript:alert(6)\"",
		"glossary/surfactant.md:2:7: warning: technical: link dropped, its text kept: URL \"javascript:alert(5)\"",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "author's note") {
		t.Errorf("an HTML comment was reported:\n%s", out)
	}
	if code, _ := runStrata(t, "check", "-strict", content); code != 1 {
		t.Errorf("check -strict exit %d, want 1", code)
	}
	dist := filepath.Join(t.TempDir(), "dist")
	if code, out := runStrata(t, "build", "-compress=false", "-content", content, "-out", dist); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out)
	}
	if hits := published(t, dist, `="javascript:`, `="vbscript:`, `="data:`); len(hits) > 0 {
		t.Errorf("published: %v", hits)
	}
	if _, err := os.Stat(filepath.Join(dist, article, "unused.svg")); err == nil {
		t.Error("the unreferenced figure was published")
	}
	if _, err := os.Stat(filepath.Join(dist, article, "hands.svg")); err != nil {
		t.Errorf("the figure the article shows was not published: %v", err)
	}
}

// TestBaseURLFlag: -base-url must be an absolute http(s) URL, and overrides
// site.yaml's.
func TestBaseURLFlag(t *testing.T) {
	content, _ := hostileFixture(t)
	for _, bad := range []string{"javascript:alert(1)//", "/relative", "https://x.example/?q", "ftp://x.example"} {
		if code, out := runStrata(t, "build", "-content", content, "-out", filepath.Join(t.TempDir(), "d"), "-base-url", bad); code != 2 || !strings.Contains(out, "base_url") {
			t.Errorf("-base-url %q: exit %d:\n%s", bad, code, out)
		}
	}
	t.Setenv("STRATA_BASE_URL", "https://health.example.org/")
	dist := filepath.Join(t.TempDir(), "dist")
	if code, out := runStrata(t, "build", "-compress=false", "-content", content, "-out", dist); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out)
	}
	page, _ := os.ReadFile(filepath.Join(dist, "glossary.html"))
	if !bytes.Contains(page, []byte(`<link rel="canonical" href="https://health.example.org/glossary">`)) {
		t.Errorf("STRATA_BASE_URL did not reach the canonical link")
	}
	if hits := published(t, dist, "test.example"); len(hits) > 0 {
		t.Errorf("site.yaml's base_url still published: %v", hits)
	}
}

// TestEmbeddedContentHasNoLocalhost: the shipped content publishes no local URL.
func TestEmbeddedContentHasNoLocalhost(t *testing.T) {
	dist := filepath.Join(t.TempDir(), "dist")
	code, out := runStrata(t, "build", "-compress=false", "-out", dist)
	if code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "warning: the base URL is \"\"") {
		t.Errorf("no warning about the missing base URL:\n%s", out)
	}
	if hits := published(t, dist, "localhost", "127.0.0.1"); len(hits) > 0 {
		t.Errorf("published: %v", hits)
	}
}

// TestExportOutFolder: the folders build refuses to write to, and what it does to
// a previous export.
func TestExportOutFolder(t *testing.T) {
	content, outside := hostileFixture(t)
	tmp := filepath.Dir(content)
	build := func(out string) (int, string) {
		return runStrata(t, "build", "-compress=false", "-content", content, "-out", out)
	}
	for _, tc := range []struct{ out, want string }{
		{"", "the output folder is empty"},
		{"/", "is the root of the file system"},
		{content, "overlaps the content folder"},
		{tmp, "overlaps the content folder"},
		{filepath.Join(content, "articles", "dist"), "overlaps the content folder"},
	} {
		if code, out := build(tc.out); code != 1 || !strings.Contains(out, tc.want) {
			t.Errorf("-out %q: exit %d, want 1 and %q:\n%s", tc.out, code, tc.want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(content, "articles", "dist")); err == nil {
		t.Error("build wrote inside the content folder")
	}

	// A folder with other files is not an export.
	other := filepath.Join(tmp, "other")
	write(t, filepath.Join(other, "keep.txt"), "mine")
	if code, out := build(other); code != 1 || !strings.Contains(out, "is not empty and is not a previous export") {
		t.Errorf("non-empty folder: exit %d:\n%s", code, out)
	}
	if data, _ := os.ReadFile(filepath.Join(other, "keep.txt")); string(data) != "mine" {
		t.Error("build touched a folder that is not an export")
	}

	// An output folder that is a link.
	linked := filepath.Join(tmp, "linked")
	symlink(t, other, linked)
	if code, out := build(linked); code != 1 || !strings.Contains(out, "is a symbolic link") {
		t.Errorf("linked output folder: exit %d:\n%s", code, out)
	}

	// A first build, then links planted inside it: a file link is replaced, not
	// written through; a folder link stops the build.
	dist := filepath.Join(tmp, "dist")
	if code, out := build(dist); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dist, render.ExportMarker)); err != nil {
		t.Fatalf("no marker: %v", err)
	}
	symlink(t, outside, filepath.Join(dist, "index.html"))
	if code, out := build(dist); code != 0 {
		t.Fatalf("rebuild exit %d:\n%s", code, out)
	}
	if data, _ := os.ReadFile(outside); string(data) != secret+"\n" {
		t.Errorf("build wrote through a link: the file outside now holds %q", data)
	}
	if fi, err := os.Lstat(filepath.Join(dist, "index.html")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("index.html is not a regular file again: %v", err)
	}
	victim := filepath.Join(tmp, "victim")
	if err := os.Mkdir(victim, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dist, "glossary")); err != nil {
		t.Fatal(err)
	}
	symlink(t, victim, filepath.Join(dist, "glossary"))
	if code, out := build(dist); code != 1 || !strings.Contains(out, "glossary in the output folder is a symbolic link") {
		t.Errorf("folder link: exit %d:\n%s", code, out)
	}
	if entries, _ := os.ReadDir(victim); len(entries) > 0 {
		t.Errorf("build wrote through a folder link: %v", entries)
	}
	if err := os.Remove(filepath.Join(dist, "glossary")); err != nil {
		t.Fatal(err)
	}

	// A term removed from the content is removed from the export.
	if code, out := build(dist); code != 0 {
		t.Fatalf("rebuild exit %d:\n%s", code, out)
	}
	term := filepath.Join(dist, "glossary", "surfactant.html")
	if _, err := os.Stat(term); err != nil {
		t.Fatalf("the term page is missing: %v", err)
	}
	if err := os.Remove(filepath.Join(content, "glossary", "surfactant.md")); err != nil {
		t.Fatal(err)
	}
	if code, out := build(dist); code != 0 {
		t.Fatalf("rebuild without the term: exit %d:\n%s", code, out)
	}
	for _, gone := range []string{term, filepath.Join(dist, "glossary", "surfactant.json")} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still published", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dist, "glossary", "germ.html")); err != nil {
		t.Errorf("a page that still exists was removed: %v", err)
	}
}
