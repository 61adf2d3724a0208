package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/safehtml"
	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/glossary"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with the current output")

// testGlossary is the glossary the golden cases link against.
func testGlossary() Glossary {
	terms := []struct {
		slug, name string
		aliases    []string
		plain, tec string
	}{
		{"bone", "Bone", nil, "Living tissue.", ""},
		{"bone-loss", "Bone loss", nil, "Bones getting thinner.", "Decrease in bone mass."},
		{"bone-mineral-density", "Bone mineral density", []string{"BMD", "bone density"}, "How much mineral is in bone.", "Areal BMD by DXA."},
		{"osteoclast", "Osteoclast", nil, "A cell that breaks down bone.", "Multinucleated resorbing cell."},
		{"pagets-disease", "Paget's disease", nil, "A bone disorder.", ""},
	}
	g := Glossary{Terms: map[string]Term{}}
	var entries []glossary.Entry
	for _, t := range terms {
		g.Terms[t.slug] = Term{Slug: t.slug, Name: t.name, Plain: safehtml.HTMLEscaped(t.plain), Technical: safehtml.HTMLEscaped(t.tec)}
		entries = append(entries, glossary.Entry{Slug: t.slug, Names: append([]string{t.name}, t.aliases...)})
	}
	g.Matcher = glossary.NewMatcher(entries)
	return g
}

// pageFor builds the Page a case asks for in its "options" section: lines such as
// "technical", "self: bone", "shift: 1", "noautolink", "keys: doe99 smith04",
// "author: smith04 = Smith and Roe".
func pageFor(t *testing.T, options string) *Page {
	numbers := map[string]int{}
	keys := map[string]bool{"a": true, "b": true, "c": true, "d": true, "e": true}
	authors := map[string]string{}
	p := &Page{
		Cite: func(key string) (int, bool) {
			if !keys[key] {
				return 0, false
			}
			if _, ok := numbers[key]; !ok {
				numbers[key] = len(numbers) + 1
			}
			return numbers[key], true
		},
		Author: func(key string) string { return authors[key] },
		Assets: map[string]string{"remodelling.svg": "/articles/x/remodelling.svg"},
	}
	for line := range strings.Lines(options) {
		key, val, _ := strings.Cut(strings.TrimSpace(line), ":")
		switch strings.TrimSpace(key) {
		case "":
		case "keys": // the reference ids, in a line of their own: "keys: doe99 smith04"
			for _, k := range strings.Fields(val) {
				keys[k] = true
			}
		case "author": // "author: smith04 = Smith and Roe"
			k, name, _ := strings.Cut(val, "=")
			authors[strings.TrimSpace(k)] = strings.TrimSpace(name)
		case "technical":
			p.Technical = true
		case "self":
			p.Self = strings.TrimSpace(val)
		case "shift":
			fmt.Sscan(val, &p.HeadingShift)
		case "plain":
			p.Plain = true
		case "noautolink":
			p.NoAutoLink = true
		default:
			t.Fatalf("unknown option %q", line)
		}
	}
	return p
}

// TestGolden renders every testdata/*.txtar case ("input.md", optional "options")
// and compares the HTML, the problems (line:col: message) and the terms used with
// the case's golden sections. Run with -update to rewrite them after a deliberate
// change, then review the diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata")
	}
	e := New(testGlossary())
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
			}
			input, ok := sections["input.md"]
			if !ok {
				t.Fatal("case has no input.md section")
			}
			p := pageFor(t, sections["options"])
			html, problems := e.Render([]byte(input), p)
			var probs strings.Builder
			for _, pr := range problems {
				line, col := diag.Position([]byte(input), pr.Offset)
				fmt.Fprintf(&probs, "%d:%d: %s\n", line, col, pr.Message)
			}
			got := map[string]string{
				"output.html": html.String(),
				"problems":    probs.String(),
				"terms":       strings.Join(p.Terms, "\n") + "\n",
			}
			if len(p.Terms) == 0 {
				got["terms"] = ""
			}
			if *update {
				var out []txtar.File
				for _, f := range ar.Files {
					if f.Name == "input.md" || f.Name == "options" {
						out = append(out, f)
					}
				}
				for _, name := range []string{"output.html", "problems", "terms"} {
					out = append(out, txtar.File{Name: name, Data: []byte(got[name])})
				}
				ar.Files = out
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"output.html", "problems", "terms"} {
				want, ok := sections[name]
				if !ok {
					t.Fatalf("case has no %q section (run with -update to create it)", name)
				}
				if got[name] != want {
					t.Errorf("%s differs\n--- got ---\n%s\n--- want ---\n%s", name, got[name], want)
				}
			}
		})
	}
}

// TestEditorNotesCounted checks that a page counts its editor's notes, across
// renders into the same page (a tier and its closing section), and that a plain
// quote or another callout does not count.
func TestEditorNotesCounted(t *testing.T) {
	e := New(testGlossary())
	p := &Page{}
	e.Render([]byte("> [!EDITOR]\n> One.\n\nText.\n\n> [!editor]\n> Two.\n\n> [!NOTE]\n> Not one.\n\n> Nor this.\n"), p)
	if p.EditorNotes != 2 {
		t.Fatalf("EditorNotes = %d after the first render, want 2", p.EditorNotes)
	}
	e.Render([]byte("> [!EDITOR]\n> Three.\n"), p)
	if p.EditorNotes != 3 {
		t.Errorf("EditorNotes = %d after the second render, want 3", p.EditorNotes)
	}
}

// TestEditorNotesPerPage: a document parsed once and rendered onto two pages
// counts its editor's notes on each page, not where it was parsed.
func TestEditorNotesPerPage(t *testing.T) {
	e := New(testGlossary())
	parsing := &Page{}
	d := e.Parse([]byte("> [!EDITOR]\n> One.\n\n> [!EDITOR]\n> Two.\n"), parsing)
	a, b := &Page{}, &Page{}
	for _, p := range []*Page{a, b} {
		if _, err := e.RenderDoc(d, p); err != nil {
			t.Fatal(err)
		}
	}
	if parsing.EditorNotes != 0 || a.EditorNotes != 2 || b.EditorNotes != 2 {
		t.Errorf("EditorNotes: parsing page %d, pages %d and %d; want 0, 2 and 2", parsing.EditorNotes, a.EditorNotes, b.EditorNotes)
	}
}
