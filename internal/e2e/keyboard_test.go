package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes document.activeElement.
type focused struct {
	Tag          string  `json:"tag"`
	ID           string  `json:"id"`
	Class        string  `json:"cls"`
	Href         string  `json:"href"`
	Text         string  `json:"text"`
	DescribedBy  string  `json:"describedBy"`
	InTierNav    bool    `json:"inTierNav"`
	InBody       bool    `json:"inBody"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineColor string  `json:"outlineColor"`
	FocusVisible bool    `json:"focusVisible"`
	Left         float64 `json:"left"`
	Top          float64 `json:"top"`
	Width        float64 `json:"width"`
	Height       float64 `json:"height"`
	ViewWidth    float64 `json:"vw"`
	ViewHeight   float64 `json:"vh"`
}

const activeJS = `(() => {
  const e = document.activeElement;
  const cs = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id, cls: typeof e.className === "string" ? e.className : "",
    href: e.getAttribute("href") || "", text: (e.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60),
    describedBy: e.getAttribute("aria-describedby") || "",
    inTierNav: !!e.closest(".tier-nav"), inBody: !!e.closest(".tier-body"),
    outlineWidth: parseFloat(cs.outlineWidth) || 0, outlineStyle: cs.outlineStyle, outlineColor: cs.outlineColor,
    focusVisible: e.matches(":focus-visible"),
    left: r.left, top: r.top, width: r.width, height: r.height, vw: innerWidth, vh: innerHeight,
  };
})()`

func (f focused) String() string {
	s := "<" + f.Tag
	if f.ID != "" {
		s += " id=" + f.ID
	}
	if f.Class != "" {
		s += " class=" + f.Class
	}
	if f.Href != "" {
		s += " href=" + f.Href
	}
	return s + "> " + fmt.Sprintf("%q", f.Text)
}

// onScreen reports whether the element's box is inside the viewport.
func (f focused) onScreen() bool {
	return f.Width > 0 && f.Height > 0 && f.Left >= 0 && f.Top >= 0 &&
		f.Left+f.Width <= f.ViewWidth+0.5 && f.Top+f.Height <= f.ViewHeight+0.5
}

// hasFocusRing reports whether the focus indicator is drawn.
func (f focused) hasFocusRing() bool {
	return f.OutlineWidth > 0 && f.OutlineStyle != "none" && f.OutlineStyle != "" && !strings.Contains(f.OutlineColor, "rgba(0, 0, 0, 0)")
}

// tipState describes the glossary pop-up of a term link.
type tipState struct {
	Found   bool   `json:"found"`
	Role    string `json:"role"`
	Display string `json:"display"`
	// Visibility is hidden while a hovered term's pop-up waits to show.
	Visibility string  `json:"visibility"`
	Width      float64 `json:"width"`
	Height     float64 `json:"height"`
	Left       float64 `json:"left"`
	Right      float64 `json:"right"`
	Top        float64 `json:"top"`
	Bottom     float64 `json:"bottom"`
	VW         float64 `json:"vw"`
	VH         float64 `json:"vh"`
	Class      string  `json:"cls"`
	OnTop      bool    `json:"onTop"` // the pop-up's centre is not clipped or covered
}

func (s tipState) visible() bool {
	return s.Found && s.Display != "none" && s.Visibility != "hidden" && s.Width > 0 && s.Height > 0
}

// tipJS returns the tipState of the pop-up named by the aria-describedby of the
// element that linkExpr evaluates to.
func tipJS(linkExpr string) string {
	return `(() => {
  const a = ` + linkExpr + `;
  const tip = a && document.getElementById(a.getAttribute("aria-describedby") || "");
  if (!tip) return {found: false};
  const cs = getComputedStyle(tip), r = tip.getBoundingClientRect();
  const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
  const at = r.width > 0 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight ? document.elementFromPoint(x, y) : null;
  return {found: true, role: tip.getAttribute("role") || "", display: cs.display, visibility: cs.visibility, width: r.width, height: r.height,
    left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: innerWidth, vh: innerHeight, cls: tip.className,
    onTop: !!at && tip.contains(at)};
})()`
}

// TestKeyboardWalk tabs through a tier page from the top: skip link first and
// visible, skip link moves focus to main, the tier navigation and a glossary term
// are reachable, a focused term shows its pop-up and Escape hides it, and every
// focused element draws a focus indicator.
func TestKeyboardWalk(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, tierPath(t, "fundamentals"))
	tab := func() focused {
		t.Helper()
		do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
		return eval[focused](t, ctx, activeJS)
	}
	checkRing := func(f focused) {
		t.Helper()
		if !f.hasFocusRing() {
			t.Errorf("focused %s has no visible focus indicator (outline %gpx %s %s)", f, f.OutlineWidth, f.OutlineStyle, f.OutlineColor)
		}
	}

	// 1. The first Tab lands on the skip link, which shows itself.
	first := tab()
	if !strings.Contains(" "+first.Class+" ", " skip-link ") || first.Href != "#main" {
		t.Fatalf("the first Tab focused %s, want the skip link to #main", first)
	}
	if !first.onScreen() {
		t.Errorf("the focused skip link is not visible: box %.0f,%.0f %.0fx%.0f in a %.0fx%.0f viewport",
			first.Left, first.Top, first.Width, first.Height, first.ViewWidth, first.ViewHeight)
	}
	checkRing(first)

	// 2. Enter on the skip link moves focus to main.
	do(t, ctx, "pressing Enter", chromedp.KeyEvent(kb.Enter))
	if got := eval[focused](t, ctx, activeJS); got.Tag != "main" || got.ID != "main" {
		t.Fatalf("after activating the skip link the focus is on %s, want <main id=main>", got)
	}
	if p := currentPath(t, ctx); !strings.HasSuffix(p, "#main") {
		t.Errorf("after activating the skip link the address is %s, want …#main", p)
	}

	// 3. Tabbing on reaches the tier navigation, then a glossary term.
	var walk []string
	var tierNav, term *focused
	for i := 0; i < 200 && term == nil; i++ {
		f := tab()
		walk = append(walk, f.String())
		if f.Tag == "body" {
			break // wrapped past the end of the page
		}
		if f.Class == "skip-link" {
			t.Fatalf("Tab from main went back to the skip link; walk: %s", strings.Join(walk, " → "))
		}
		checkRing(f)
		if !f.FocusVisible {
			t.Errorf("focused %s does not match :focus-visible after a Tab", f)
		}
		if f.InTierNav && tierNav == nil && strings.HasPrefix(f.Href, "/articles/") {
			tierNav = &f
		}
		if strings.Contains(" "+f.Class+" ", " term ") && f.InBody {
			if tierNav == nil {
				t.Errorf("reached a glossary term before the tier navigation")
			}
			term = &f
		}
	}
	t.Logf("tab order from main: %s", strings.Join(walk, " → "))
	if tierNav == nil {
		t.Fatalf("Tab never reached a tier navigation link")
	}
	if term == nil {
		t.Fatalf("Tab never reached a glossary term link in the article text")
	}

	// 4. The focused term shows its pop-up; Escape hides it.
	if term.DescribedBy == "" {
		t.Fatalf("glossary link %s has no aria-describedby", term)
	}
	tip := eval[tipState](t, ctx, tipJS("document.activeElement"))
	if !tip.Found {
		t.Fatalf("glossary link %s: aria-describedby=%q names no element", term, term.DescribedBy)
	}
	if !tip.visible() {
		t.Errorf("glossary link %s has focus but its pop-up #%s is not shown (display %s, %gx%g)", term, term.DescribedBy, tip.Display, tip.Width, tip.Height)
	}
	if tip.visible() && (tip.Left < 0 || tip.Right > tip.VW+0.5 || tip.Top < 0 || tip.Bottom > tip.VH+0.5) {
		t.Errorf("the pop-up #%s is partly off screen: %.0f–%.0f × %.0f–%.0f in %.0fx%.0f", term.DescribedBy, tip.Left, tip.Right, tip.Top, tip.Bottom, tip.VW, tip.VH)
	}
	do(t, ctx, "pressing Escape", chromedp.KeyEvent(kb.Escape))
	if tip := eval[tipState](t, ctx, tipJS("document.activeElement")); tip.visible() {
		t.Errorf("after Escape the pop-up #%s is still shown (display %s)", term.DescribedBy, tip.Display)
	}
	if got := eval[focused](t, ctx, activeJS); got.DescribedBy != term.DescribedBy {
		t.Errorf("Escape moved the focus to %s", got)
	}
	// Tabbing away and back shows it again.
	do(t, ctx, "pressing Shift+Tab and Tab", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)), chromedp.KeyEvent(kb.Tab))
	if tip := eval[tipState](t, ctx, tipJS("document.activeElement")); !tip.visible() {
		t.Errorf("after leaving and refocusing the term, its pop-up is not shown again (display %s)", tip.Display)
	}
}

// TestKeyboardPhoneTips tabs through every glossary term of a tier page on a
// phone-sized screen, where the pop-up is pinned to the bottom of the screen, and
// checks that the pop-up never covers the focused term (WCAG 2.4.11).
func TestKeyboardPhoneTips(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(375, 700))
	open(t, ctx, tierPath(t, "intermediate"))
	total := eval[int](t, ctx, `document.querySelectorAll(".tier-body a.term").length`)
	seen := 0
	var prev focused
	for i := 0; i < 400 && seen < total; i++ {
		do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
		settle(t, ctx)
		f := eval[focused](t, ctx, activeJS)
		if f.Tag == "body" {
			t.Errorf("the focus was lost (document.activeElement is <body>) after %d Tabs, after %s", i+1, prev)
			break
		}
		prev = f
		if !strings.Contains(" "+f.Class+" ", " term ") || !f.InBody {
			continue
		}
		seen++
		tip := eval[tipState](t, ctx, tipJS("document.activeElement"))
		if !tip.visible() {
			t.Errorf("focused %s: its pop-up is not shown", f)
			continue
		}
		if tip.Left < 0 || tip.Right > tip.VW+0.5 || tip.Bottom > tip.VH+0.5 || tip.Top < 0 {
			t.Errorf("focused %s: the pop-up is partly off screen (%.0f–%.0f × %.0f–%.0f in %.0fx%.0f)", f, tip.Left, tip.Right, tip.Top, tip.Bottom, tip.VW, tip.VH)
		}
		ringBottom := f.Top + f.Height + f.OutlineWidth
		if ringBottom > tip.Top && f.Top < tip.Bottom {
			t.Errorf("focused %s (y %.0f–%.0f) is covered by its pop-up (y %.0f–%.0f)", f, f.Top, f.Top+f.Height, tip.Top, tip.Bottom)
		}
	}
	if seen == 0 {
		t.Fatal("Tab reached no glossary term")
	}
	t.Logf("checked %d of %d terms", seen, total)

	// The hard case: a term already on screen, just above the bottom edge, so
	// focusing it scrolls nothing.
	eval[bool](t, ctx, `(() => {
	  const all = [...document.querySelectorAll("a[href], [tabindex='0']")];
	  const a = document.querySelector(".tier-body a.term");
	  const prev = all[all.indexOf(a) - 1];
	  scrollBy({top: a.getBoundingClientRect().bottom - innerHeight + 12, behavior: "instant"});
	  prev.focus({preventScroll: true});
	  return true;
	})()`)
	do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
	settle(t, ctx)
	f := eval[focused](t, ctx, activeJS)
	tip := eval[tipState](t, ctx, tipJS("document.activeElement"))
	if !strings.Contains(" "+f.Class+" ", " term ") {
		t.Fatalf("Tab focused %s, want the first glossary term", f)
	}
	t.Logf("focused term y %.0f–%.0f, pop-up y %.0f–%.0f, viewport %.0f", f.Top, f.Top+f.Height, tip.Top, tip.Bottom, tip.VH)
	if f.Top+f.Height+f.OutlineWidth > tip.Top && f.Top < tip.Bottom {
		t.Errorf("a term focused near the bottom of the screen (y %.0f–%.0f) is covered by its pop-up (y %.0f–%.0f; WCAG 2.4.11)", f.Top, f.Top+f.Height, tip.Top, tip.Bottom)
	}
}

// settle waits until the page has stopped scrolling (smooth scrolling is on for
// users who have not asked for reduced motion).
func settle(t testing.TB, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `new Promise(resolve => {
	  let last = scrollY, still = 0;
	  const tick = () => {
	    if (scrollY === last) { if (++still >= 3) return resolve(true); } else { still = 0; last = scrollY; }
	    requestAnimationFrame(tick);
	  };
	  requestAnimationFrame(tick);
	})`)
}
