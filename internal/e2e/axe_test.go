package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// wcagTags are the axe-core tags of WCAG 2.0, 2.1 and 2.2 at levels A and AA. The
// test runs them and axe's best-practice rules, and fails on a violation of any.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

type axeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

type axeRule struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Tags    []string  `json:"tags"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

type axeResult struct {
	Violations []axeRule `json:"violations"`
	Incomplete []axeRule `json:"incomplete"`
	Ran        int       `json:"ran"` // rules that ran
	Version    string    `json:"version"`
}

// axeRun runs axe in the page and returns its violations and incomplete results,
// flattened to what a failure message needs.
var axeRun = `(async () => {
  const tags = ` + jsStrings(append(slices.Clone(wcagTags), "best-practice")) + `;
  const r = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations", "incomplete"]});
  const flat = (rules) => rules.map(v => ({
    id: v.id, impact: v.impact || "", tags: v.tags, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({
      target: n.target.map(x => Array.isArray(x) ? x.join(" >>> ") : String(x)),
      html: n.html.length > 160 ? n.html.slice(0, 160) + "…" : n.html,
      summary: (n.failureSummary || "").replace(/\s+/g, " ").trim(),
    })),
  }));
  return {violations: flat(r.violations), incomplete: flat(r.incomplete), version: axe.version,
    ran: r.passes.length + r.inapplicable.length + r.incomplete.length + r.violations.length};
})()`

func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func (r axeRule) isWCAG() bool {
	return slices.ContainsFunc(r.Tags, func(tag string) bool { return slices.Contains(wcagTags, tag) })
}

func (r axeRule) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (impact %s, %s): %s\n      %s", r.ID, orNone(r.Impact), strings.Join(r.Tags, " "), r.Help, r.HelpURL)
	for _, n := range r.Nodes {
		fmt.Fprintf(&b, "\n      - target %s\n        %s", strings.Join(n.Target, " "), n.HTML)
		if n.Summary != "" {
			fmt.Fprintf(&b, "\n        %s", n.Summary)
		}
	}
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// loadAxe adds axe-core to the page from the test server, once.
const loadAxe = `new Promise((resolve, reject) => {
  if (window.axe) return resolve(true);
  const s = document.createElement("script");
  s.src = "/_e2e/axe.min.js";
  s.onload = () => resolve(true);
  s.onerror = () => reject(new Error("could not load /_e2e/axe.min.js"));
  document.head.appendChild(s);
})`

// axeModes are the colour schemes and widths each page is checked in. The page
// is loaded once and switched between them: media features and the viewport
// apply at once, and axe-core stays compiled.
var axeModes = []struct {
	scheme string
	width  int64
}{{"light", 1280}, {"dark", 1280}, {"dark", 375}, {"light", 375}}

// TestAxe runs axe-core on every page type, in light and dark mode, at a phone
// and a desktop width, and fails on any violation of WCAG 2.x A or AA or of axe's
// best practices.
func TestAxe(t *testing.T) {
	axePath(t)
	for _, p := range pages() {
		t.Run(strings.ReplaceAll(p.name, " ", "-"), func(t *testing.T) {
			t.Parallel()
			ctx := newTab(t, 2*time.Minute)
			do(t, ctx, "emulating the device", viewport(axeModes[0].width, 900), colorScheme(axeModes[0].scheme))
			open(t, ctx, p.path)
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](loadAxe, chromedp.EvalAwaitPromise)); err != nil {
				t.Fatalf("loading axe-core: %v", err)
			}
			for _, m := range axeModes {
				t.Run(fmt.Sprintf("%s-%d", m.scheme, m.width), func(t *testing.T) {
					do(t, ctx, "emulating the device", viewport(m.width, 900), colorScheme(m.scheme))
					got := eval[[]any](t, ctx, `[matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light", innerWidth]`)
					if len(got) != 2 || got[0] != m.scheme || got[1] != float64(m.width) {
						t.Fatalf("the page sees %v, want [%s %d]", got, m.scheme, m.width)
					}
					res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRun, chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatalf("running axe-core: %v", err)
					}
					if res.Ran < 20 {
						t.Fatalf("axe-core ran only %d rules: it did not really check the page", res.Ran)
					}
					var fail []string
					for _, v := range res.Violations {
						fail = append(fail, v.String())
					}
					for _, v := range res.Incomplete {
						if v.isWCAG() {
							t.Logf("%s: needs review (axe could not decide): %s", p.path, v)
						}
					}
					if len(fail) > 0 {
						t.Errorf("%s (%s, %dpx): %d violation(s) (axe-core %s):\n  %s",
							p.path, m.scheme, m.width, len(fail), res.Version, strings.Join(fail, "\n  "))
					}
				})
			}
		})
	}
}
