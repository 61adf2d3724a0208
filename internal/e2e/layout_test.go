package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

type phoneLayout struct {
	ScrollWidth   float64  `json:"scrollWidth"`
	ViewWidth     float64  `json:"vw"`
	BodyFontSize  float64  `json:"bodyFontSize"`
	Overflowing   []string `json:"overflowing"`
	Tables        int      `json:"tables"`
	BadTables     []string `json:"badTables"`
	SmallestFont  float64  `json:"smallestFont"`
	SmallestFontE string   `json:"smallestFontE"`
}

// phoneJS measures a page at phone width: the page's own scroll width, the body
// font size, elements that stick out of the viewport (outside a scrolling
// wrapper), and tables that neither fit the screen nor sit in a scrolling
// .table-scroll wrapper.
const phoneJS = `(() => {
  const vw = __WIDTH__; // the phone's width: a wider layout viewport is itself the fault
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const scrolls = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") return true; }
    return false; };
  const overflowing = [];
  for (const e of document.body.querySelectorAll("*")) {
    const cs = getComputedStyle(e);
    if (cs.display === "none" || cs.position === "fixed") continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0) continue;
    if ((r.right > vw + 0.5 || r.left < -0.5) && !scrolls(e) && !e.closest(".skip-link")) overflowing.push(name(e) + " [" + Math.round(r.left) + "–" + Math.round(r.right) + "]");
  }
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = texts.nextNode());) {
    if (!n.textContent.trim() || scrolls(n) || n.parentElement.closest(".skip-link")) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.right > vw + 0.5) {
        overflowing.push("text " + JSON.stringify(n.textContent.trim().slice(0, 40)) + " in " + name(n.parentElement) + " [" + Math.round(r.left) + "–" + Math.round(r.right) + "]");
        break;
      }
    }
  }
  const badTables = [];
  const tables = document.querySelectorAll("main table");
  for (const t of tables) {
    const w = t.parentElement;
    const r = w.getBoundingClientRect();
    const o = getComputedStyle(w).overflowX;
    const tr = t.getBoundingClientRect();
    if (!w.classList.contains("table-scroll")) badTables.push(name(t) + " is not inside .table-scroll");
    else if (r.right > vw + 0.5) badTables.push(".table-scroll is wider than the screen (" + Math.round(r.right) + "px)");
    else if (tr.right > r.right + 0.5 && o !== "auto" && o !== "scroll") badTables.push("the table (" + Math.round(tr.right) + "px) sticks out of a .table-scroll that does not scroll (overflow-x " + o + ")");
  }
  let smallest = 1e9, smallestE = "";
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    if (!n.textContent.trim()) continue;
    const e = n.parentElement, cs = getComputedStyle(e);
    if (cs.display === "none" || e.closest(".term-tip, sup, .tier-for")) continue;
    const fs = parseFloat(cs.fontSize);
    if (fs < smallest) { smallest = fs; smallestE = name(e) + " " + JSON.stringify(n.textContent.trim().slice(0, 30)); }
  }
  return {scrollWidth: document.documentElement.scrollWidth, vw: innerWidth,
    bodyFontSize: parseFloat(getComputedStyle(document.body).fontSize),
    overflowing: overflowing.slice(0, 10), tables: tables.length, badTables,
    smallestFont: smallest, smallestFontE: smallestE};
})()`

// TestPhoneLayout checks every page type at 375px, and at 320px (the width WCAG
// 1.4.10 Reflow names): no sideways scrolling of the page (tables scroll inside
// their wrapper) and body text of at least 18px.
func TestPhoneLayout(t *testing.T) {
	ctx := newTab(t, time.Minute)
	tables := 0
	for _, width := range []int64{375, 320} {
		do(t, ctx, "emulating a phone", chromedp.EmulateViewport(width, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
		for _, p := range pages() {
			t.Run(fmt.Sprintf("%d/%s", width, strings.ReplaceAll(p.name, " ", "-")), func(t *testing.T) {
				open(t, ctx, p.path)
				l := eval[phoneLayout](t, ctx, strings.Replace(phoneJS, "__WIDTH__", fmt.Sprint(width), 1))
				w := float64(width)
				if l.ViewWidth != w {
					t.Errorf("%s: the layout viewport is %gpx wide on a %dpx phone: something wider than the screen made it zoom out; sticking out: %s",
						p.path, l.ViewWidth, width, strings.Join(l.Overflowing, ", "))
				} else if l.ScrollWidth > w {
					t.Errorf("%s scrolls sideways at %dpx: scrollWidth %gpx; sticking out: %s", p.path, width, l.ScrollWidth, strings.Join(l.Overflowing, ", "))
				} else if len(l.Overflowing) > 0 {
					t.Logf("%s: elements outside the viewport (clipped, no page scroll): %s", p.path, strings.Join(l.Overflowing, ", "))
				}
				if l.BodyFontSize < 18 {
					t.Errorf("%s: body font-size is %gpx at %dpx, want at least 18px", p.path, l.BodyFontSize, width)
				}
				for _, b := range l.BadTables {
					t.Errorf("%s: %s", p.path, b)
				}
				tables += l.Tables
				t.Logf("%s: scrollWidth %g, body %gpx, smallest text %gpx (%s), %d table(s)", p.path, l.ScrollWidth, l.BodyFontSize, l.SmallestFont, l.SmallestFontE, l.Tables)
			})
		}
	}
	if tables == 0 {
		t.Log("note: no page has a table, so the .table-scroll check did not run")
	}
}

type measure struct {
	Width     float64 `json:"width"`
	XWidth    float64 `json:"xWidth"`
	TextWidth float64 `json:"textWidth"`
	FontSize  float64 `json:"fontSize"`
	Font      string  `json:"font"`
	Sample    string  `json:"sample"`
}

// measureJS measures the text column of the article at desktop width: the width of
// a long paragraph, the average width of an "x" in its font (a run of 100 x's), and
// the average width of a character of the paragraph's own text.
const measureJS = `(() => {
  const ps = [...document.querySelectorAll(".tier-body > p")].filter(p => p.textContent.length > 300);
  const p = ps[0] || document.querySelector(".tier-body p");
  const probe = (text) => {
    const s = document.createElement("span");
    s.textContent = text;
    s.style.whiteSpace = "pre";
    s.style.position = "absolute";
    s.style.visibility = "hidden";
    p.appendChild(s);
    const w = s.getBoundingClientRect().width;
    s.remove();
    return w;
  };
  const cs = getComputedStyle(p);
  const content = p.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const text = p.textContent.replace(/\s+/g, " ").trim();
  return {width: content, xWidth: probe("x".repeat(100)) / 100, textWidth: probe(text) / text.length,
    fontSize: parseFloat(cs.fontSize), font: cs.fontFamily, sample: text.slice(0, 40)};
})()`

// TestDesktopMeasure checks that the article's text column at 1280px holds 60–75
// characters a line.
func TestDesktopMeasure(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	for _, key := range []string{"fundamentals", "academic"} {
		open(t, ctx, tierPath(t, key))
		m := eval[measure](t, ctx, measureJS)
		if m.XWidth == 0 || m.Width == 0 {
			t.Fatalf("%s: could not measure the text column: %+v", key, m)
		}
		perLine := m.Width / m.XWidth
		t.Logf("%s: column %.0fpx, font %gpx (%s), x %.2fpx → %.1f characters a line (%.1f by the paragraph's own average character)",
			key, m.Width, m.FontSize, m.Font, m.XWidth, perLine, m.Width/m.TextWidth)
		if perLine < 60 || perLine > 75 {
			t.Errorf("%s: the text column holds %.1f characters a line at 1280px (%.0fpx / %.2fpx an x), want 60–75", key, perLine, m.Width, m.XWidth)
		}
	}
}

// TestWithoutJavaScript turns JavaScript off: the article text and its glossary
// links are there, and following a glossary link and a tier link works.
func TestWithoutJavaScript(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "turning JavaScript off", viewport(1280, 900), scriptsDisabled(true))
	path := tierPath(t, "fundamentals")
	open(t, ctx, path)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".tier-body")))
	if err != nil {
		t.Fatalf("reading the article text: %v", err)
	}
	if n := len(strings.Fields(text)); n < 100 {
		t.Errorf("without JavaScript the article text has %d words, want the whole tier", n)
	}
	terms, err := chromedp.Run(ctx, chromedp.AttributesAll(chromedp.CSSAll(".tier-body a.term")))
	if err != nil {
		t.Fatalf("finding the glossary links: %v", err)
	}
	if len(terms) == 0 {
		t.Fatal("without JavaScript the article has no glossary links")
	}
	for _, a := range terms {
		if !strings.HasPrefix(a["href"], "/glossary/") {
			t.Errorf("glossary link %v does not point into /glossary/", a)
		}
	}
	href := terms[0]["href"]
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(".tier-body a.term")))); err != nil {
		t.Fatalf("following the glossary link %s: %v", href, err)
	}
	if got := currentPath(t, ctx); got != href {
		t.Fatalf("clicking the glossary link went to %s, want %s", got, href)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil || strings.TrimSpace(h1) == "" {
		t.Errorf("the glossary entry %s has no heading without JavaScript (%v)", href, err)
	}
	// The script would show the "Copy link" button; without it the button stays hidden.
	if attrs, err := chromedp.Run(ctx, chromedp.Attributes(chromedp.CSS("button.copy-link"))); err == nil {
		if _, hidden := attrs["hidden"]; !hidden {
			t.Errorf("the Copy link button lost its hidden attribute: JavaScript seems to be running")
		}
	}

	// A tier link works too.
	open(t, ctx, path)
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(".go-deeper a")))); err != nil {
		t.Fatalf("following the Go deeper link: %v", err)
	}
	if got := currentPath(t, ctx); got != tierPath(t, "intermediate") {
		t.Errorf("Go deeper went to %s, want %s", got, tierPath(t, "intermediate"))
	}
}

// textSpacingJS applies the text spacing of WCAG 1.4.12 (line height 1.5, letter
// spacing 0.12em, word spacing 0.16em, paragraph spacing 2em) through the CSSOM,
// which the pages' Content-Security-Policy allows, and lists what is then lost:
// text clipped by a box that hides its overflow, and sideways scrolling.
const textSpacingJS = `(() => {
  const sheet = [...document.styleSheets].find(s => s.href);
  sheet.insertRule("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }", sheet.cssRules.length);
  sheet.insertRule("p { margin-bottom: 2em !important; }", sheet.cssRules.length);
  const lost = [];
  for (const e of document.body.querySelectorAll("*")) {
    const cs = getComputedStyle(e);
    if (cs.display === "none") continue;
    // Text hidden on purpose for screen readers only (1px, clipped) is not lost.
    if (e.classList.contains("visually-hidden")) continue;
    const clips = (o) => o === "hidden" || o === "clip";
    if ((clips(cs.overflowX) && e.scrollWidth > e.clientWidth + 1) || (clips(cs.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
      lost.push(e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " clips its text");
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) lost.push("the page scrolls sideways (" + document.documentElement.scrollWidth + "px)");
  return lost;
})()`

// TestTextSpacing applies WCAG 1.4.12's text spacing on every page type at 375px
// and checks that no text is clipped and the page does not scroll sideways.
func TestTextSpacing(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(375, 812))
	for _, p := range pages() {
		open(t, ctx, p.path)
		if lost := eval[[]string](t, ctx, textSpacingJS); len(lost) > 0 {
			t.Errorf("%s with WCAG 1.4.12 text spacing at 375px: %s", p.path, strings.Join(lost, "; "))
		}
	}
}
