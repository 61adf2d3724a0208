package markdown

import (
	"strings"
	"testing"
	"time"
)

func TestCheckShape(t *testing.T) {
	for name, c := range map[string]struct {
		src  string
		want []string // messages' starts, in order
	}{
		"ordinary":            {"# Title\n\n- a\n  - b\n    1. c\n\n> quote\n> - item\n\n* * *\n", nil},
		"sixteen on a line":   {strings.Repeat("- ", 16) + "x\n", nil},
		"seventeen on a line": {"ok\n" + strings.Repeat("> ", 17) + "x\n", []string{"line opens more than 16"}},
		"ordered markers":     {strings.Repeat("1. ", 17) + "x\n", []string{"line opens more than 16"}},
		"by indentation":      {strings.Repeat(" ", 40) + "- x\n", []string{"line opens more than 16"}},
		"indented prose":      {strings.Repeat(" ", 40) + "text, not a list\n", nil},
		"long line":           {strings.Repeat("a", MaxLineBytes+1), []string{"line is 16385 bytes long"}},
		"both":                {strings.Repeat("- ", 100000) + "x", []string{"line is 200001 bytes long", "line opens more than 16"}},
	} {
		got := CheckShape([]byte(c.src))
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
			continue
		}
		for i, p := range got {
			if !strings.HasPrefix(p.Message, c.want[i]) {
				t.Errorf("%s: %q, want %q", name, p.Message, c.want[i])
			}
		}
	}
}

// TestNestingBounded: a document that passes CheckShape but nests too deep is an
// error when rendered, and rendering it stays fast.
func TestNestingBounded(t *testing.T) {
	var b strings.Builder
	for range 2000 {
		for i := range 17 {
			b.WriteString(strings.Repeat("  ", i) + "-\n")
		}
		b.WriteString("\n")
	}
	src := []byte(b.String())
	if p := CheckShape(src); len(p) != 0 {
		t.Fatalf("CheckShape: %v", p)
	}
	start := time.Now()
	_, problems := New(Glossary{}).Render(src, &Page{})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("rendering took %s", d)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Message, "nested more than 16 levels deep") || problems[0].Warning {
		t.Errorf("problems: %v", problems)
	}
}
