package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// firstTerm is the first glossary link in the article text.
const firstTerm = `document.querySelector(".tier-body a.term")`

type box struct {
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
	Href   string  `json:"href"`
	Bottom float64 `json:"bottom"`
}

// pointAt scrolls the first term into the middle of the viewport and returns the
// centre of its first line box.
const pointAt = `(() => {
  const a = ` + firstTerm + `;
  a.scrollIntoView({block: "center", behavior: "instant"});
  const r = a.getClientRects()[0];
  return {x: r.left + r.width / 2, y: r.top + r.height / 2, href: a.getAttribute("href"), bottom: r.bottom};
})()`

// waitTip polls until the first term's pop-up is shown (or hidden), up to 3s.
func waitTip(t *testing.T, ctx context.Context, want bool) tipState {
	t.Helper()
	return waitTipOf(t, ctx, firstTerm, want)
}

// waitTipOf polls until the pop-up of the term link evaluates to is shown (or
// hidden), up to 3s: a hovered term's pop-up waits a moment before it shows.
func waitTipOf(t *testing.T, ctx context.Context, link string, want bool) tipState {
	t.Helper()
	var s tipState
	for end := time.Now().Add(3 * time.Second); ; {
		s = eval[tipState](t, ctx, tipJS(link))
		if s.visible() == want || time.Now().After(end) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestGlossaryTipHover moves the mouse over a glossary link: its pop-up shows, and
// hides again when the mouse leaves.
func TestGlossaryTipHover(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, tierPath(t, "fundamentals"))
	if s := eval[tipState](t, ctx, tipJS(firstTerm)); !s.Found {
		t.Fatal("the first glossary link has no pop-up (aria-describedby names no element)")
	} else if s.visible() {
		t.Fatalf("the pop-up is shown before any hover (display %s)", s.Display)
	}
	at := eval[box](t, ctx, pointAt)
	do(t, ctx, "moving the mouse over the term", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	s := waitTip(t, ctx, true)
	if !s.visible() {
		t.Fatalf("hovering the glossary link %s does not show its pop-up (display %s)", at.Href, s.Display)
	}
	if s.Left < 0 || s.Right > s.VW+0.5 {
		t.Errorf("the pop-up runs off the side of the screen: %.0f–%.0f in a %.0fpx viewport", s.Left, s.Right, s.VW)
	}
	if !s.OnTop {
		t.Errorf("the pop-up is shown but covered or clipped at its centre")
	}
	if s.Top < at.Bottom-1 {
		t.Errorf("the pop-up (top %.0f) covers the term it explains (bottom %.0f)", s.Top, at.Bottom)
	}
	// WCAG 1.4.13: the pointer can move from the term onto the pop-up without it
	// disappearing on the way.
	tipX := (s.Left + s.Right) / 2
	if tipX < at.X-40 || tipX > at.X+40 {
		tipX = at.X
	}
	targetY := s.Top + 8
	for i := 1; i <= 8; i++ {
		x := at.X + (tipX-at.X)*float64(i)/8
		y := at.Y + (targetY-at.Y)*float64(i)/8
		do(t, ctx, "moving the mouse towards the pop-up", chromedp.MouseEvent(chromedp.MouseMoved, x, y))
		if s := eval[tipState](t, ctx, tipJS(firstTerm)); !s.visible() {
			t.Errorf("the pop-up disappears while the mouse moves from the term onto it (at %.0f,%.0f; term bottom %.0f, pop-up top %.0f): it cannot be hovered (WCAG 1.4.13)", x, y, at.Bottom, targetY-8)
			break
		}
	}
	// WCAG 1.4.13: Escape dismisses it without moving the pointer; a new hover
	// brings it back.
	do(t, ctx, "moving the mouse back onto the term", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	do(t, ctx, "pressing Escape", chromedp.KeyEvent(kb.Escape))
	if s := eval[tipState](t, ctx, tipJS(firstTerm)); s.visible() {
		t.Errorf("Escape does not hide the pop-up of the hovered term (WCAG 1.4.13)")
	}
	do(t, ctx, "moving the mouse away and back", chromedp.MouseEvent(chromedp.MouseMoved, 2, 2), chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	if s := waitTip(t, ctx, true); !s.visible() {
		t.Errorf("the pop-up does not come back on a new hover after Escape")
	}
	do(t, ctx, "moving the mouse away", chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))
	if s := waitTip(t, ctx, false); s.visible() {
		t.Errorf("the pop-up stays shown after the mouse left the term")
	}
}

// TestGlossaryTipEscapeOnPopup rests the mouse on the pop-up itself and presses
// Escape: the pop-up must hide (WCAG 1.4.13: dismissible without moving the
// pointer). site.js only dismisses pop-ups whose term is hovered or focused.
func TestGlossaryTipEscapeOnPopup(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, tierPath(t, "fundamentals"))
	at := eval[box](t, ctx, pointAt)
	do(t, ctx, "moving the mouse over the term", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	s := waitTip(t, ctx, true)
	if !s.visible() {
		t.Fatalf("hovering %s does not show its pop-up", at.Href)
	}
	x, y := (s.Left+s.Right)/2, (s.Top+s.Bottom)/2
	for i := 1; i <= 4; i++ { // straight down onto the pop-up, which hangs from the term
		do(t, ctx, "moving the mouse onto the pop-up", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y+(y-at.Y)*float64(i)/4))
	}
	do(t, ctx, "moving the mouse onto the pop-up", chromedp.MouseEvent(chromedp.MouseMoved, x, y))
	if s := eval[tipState](t, ctx, tipJS(firstTerm)); !s.visible() {
		t.Fatalf("the pop-up closed when the mouse moved onto it")
	}
	do(t, ctx, "pressing Escape", chromedp.KeyEvent(kb.Escape))
	if s := eval[tipState](t, ctx, tipJS(firstTerm)); s.visible() {
		t.Errorf("Escape does not hide the pop-up while the mouse rests on the pop-up (WCAG 1.4.13); " +
			`in static/site.js add ".term-tip:hover" to the selector that Escape dismisses`)
	}
}

// TestGlossaryTipInTable hovers a glossary term inside a table, whose wrapper
// scrolls sideways: the pop-up must not be clipped by the wrapper.
func TestGlossaryTipInTable(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	var found bool
	for _, td := range loaded.Articles[0].Tiers {
		open(t, ctx, tierPath(t, td.Tier.Key))
		if eval[bool](t, ctx, `!!document.querySelector(".table-scroll a.term")`) {
			found = true
			break
		}
	}
	if !found {
		t.Skip("no tier has a glossary term inside a table")
	}
	const link = `document.querySelector(".table-scroll a.term")`
	at := eval[box](t, ctx, strings.Replace(pointAt, firstTerm, link, 1))
	do(t, ctx, "moving the mouse over the term", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	s := waitTipOf(t, ctx, link, true)
	if !s.visible() {
		t.Fatalf("hovering %s in a table does not show its pop-up", at.Href)
	}
	if !s.OnTop || s.Left < 0 || s.Right > s.VW+0.5 || s.Bottom > s.VH+0.5 {
		t.Errorf("the pop-up of %s in a table is clipped or off screen: %.0f–%.0f × %.0f–%.0f in %.0fx%.0f, centre visible %v",
			at.Href, s.Left, s.Right, s.Top, s.Bottom, s.VW, s.VH, s.OnTop)
	}
}

// TestGlossaryTipForcedColors hovers a term in forced-colours (Windows high
// contrast) mode: the pop-up must keep a visible edge, since its background and
// shadow are dropped there.
func TestGlossaryTipForcedColors(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "emulating forced colours", viewport(1280, 900), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}},
		})
		return err
	}))
	open(t, ctx, tierPath(t, "fundamentals"))
	if !eval[bool](t, ctx, `matchMedia("(forced-colors: active)").matches`) {
		t.Skip("this browser cannot emulate forced colours")
	}
	at := eval[box](t, ctx, pointAt)
	do(t, ctx, "moving the mouse over the term", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	if s := waitTip(t, ctx, true); !s.visible() {
		t.Fatalf("hovering does not show the pop-up in forced colours")
	}
	edge := eval[[]string](t, ctx, `(() => {
	  const tip = document.getElementById(`+firstTerm+`.getAttribute("aria-describedby"));
	  const cs = getComputedStyle(tip), page = getComputedStyle(document.body);
	  return [cs.borderTopStyle, cs.borderTopWidth, cs.borderTopColor, cs.backgroundColor, page.backgroundColor];
	})()`)
	style, width, color, bg, pageBg := edge[0], edge[1], edge[2], edge[3], edge[4]
	if style == "none" || width == "0px" || (color == pageBg && bg == pageBg) {
		t.Errorf("in forced colours the pop-up has no visible edge: border %s %s %s, background %s on a page of %s", style, width, color, bg, pageBg)
	}
}
