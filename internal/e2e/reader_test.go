package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/makiuchi-d/gozxing"
	gqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/strata-health/strata/internal/render"
)

// rect is an element's box in the viewport, with what the tests read of it.
type rect struct {
	Found  bool    `json:"found"`
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
	VW     float64 `json:"vw"`
	VH     float64 `json:"vh"`
	Text   string  `json:"text"`
	Href   string  `json:"href"`
	Font   float64 `json:"font"`
}

func (r rect) visible() bool { return r.Found && r.Right > r.Left && r.Bottom > r.Top }

func (r rect) overlaps(o rect) bool {
	return r.Left < o.Right && o.Left < r.Right && r.Top < o.Bottom && o.Top < r.Bottom
}

func (r rect) onScreen() bool {
	return r.visible() && r.Top >= 0 && r.Left >= 0 && r.Bottom <= r.VH+0.5 && r.Right <= r.VW+0.5
}

func (r rect) String() string {
	return fmt.Sprintf("%.0f–%.0f × %.0f–%.0f", r.Left, r.Right, r.Top, r.Bottom)
}

// rectJS describes the element that expr evaluates to; a hidden or missing one is
// not found.
func rectJS(expr string) string {
	return `(() => {
  const e = ` + expr + `;
  if (!e || e.closest("[hidden]") || !e.getClientRects().length) return {found: false};
  const r = e.getClientRects()[0];
  return {found: true, left: r.left, top: r.top, right: r.right, bottom: r.bottom, vw: innerWidth, vh: innerHeight,
    text: e.textContent.replace(/\s+/g, " ").trim(), href: e.getAttribute("href") || "", font: parseFloat(getComputedStyle(e).fontSize)};
})()`
}

// waitRect polls until the element is visible (or not), up to 3s.
func waitRect(t *testing.T, ctx context.Context, expr string, want bool) rect {
	t.Helper()
	var r rect
	for end := time.Now().Add(3 * time.Second); ; {
		r = eval[rect](t, ctx, rectJS(expr))
		if r.visible() == want || time.Now().After(end) {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	panelJS      = `document.getElementById("panel")`
	panelTitleJS = `document.querySelector("#panel .panel-title")`
	panelLinkJS  = `document.querySelector("#panel .panel-more a")`
	panelBodyJS  = `document.querySelector("#panel .panel-body")`
)

// phone emulates a 390×844 touch phone.
func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "emulating a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
}

// lowTerm scrolls the last glossary term of the text into the bottom quarter of
// the screen and returns its box.
const lowTermExpr = `[...document.querySelectorAll(".tier-body a.term")].filter(a => a.checkVisibility()).at(-1)`

func placeLowTerm(t *testing.T, ctx context.Context) rect {
	t.Helper()
	eval[bool](t, ctx, `(() => {
	  const a = `+lowTermExpr+`;
	  scrollBy({top: a.getBoundingClientRect().top - innerHeight * 0.85, behavior: "instant"});
	  return true;
	})()`)
	r := eval[rect](t, ctx, rectJS(lowTermExpr))
	if r.Top < r.VH*0.75 || r.Bottom > r.VH {
		t.Fatalf("could not place the term in the bottom quarter of the screen: %s in a %.0fpx viewport", r, r.VH)
	}
	return r
}

func tap(t *testing.T, ctx context.Context, r rect) {
	t.Helper()
	do(t, ctx, "tapping "+r.Text, chromedp.TapXY((r.Left+r.Right)/2, (r.Top+r.Bottom)/2))
}

// TestPhonePanel taps a glossary term in the bottom quarter of a 390×844 phone:
// the panel shows the term as its title, the definition in body-size text, a
// close button and a link to the entry, and leaves the term visible; the link
// opens the entry. The panel closes on Escape, its close button, a tap outside
// it and a scroll.
func TestPhonePanel(t *testing.T) {
	ctx := newTab(t, time.Minute)
	phone(t, ctx)
	path := tierPath(t, "fundamentals")
	open(t, ctx, path)
	term := placeLowTerm(t, ctx)
	tap(t, ctx, term)
	panel := waitRect(t, ctx, panelJS, true)
	if !panel.visible() {
		t.Fatalf("tapping %q (%s) opens no panel", term.Text, term)
	}
	if got := currentPath(t, ctx); got != path {
		t.Fatalf("the tap navigated to %s; it should open the panel", got)
	}
	term = eval[rect](t, ctx, rectJS(lowTermExpr))
	if term.overlaps(panel) || !term.onScreen() {
		t.Errorf("the panel (%s) covers the tapped term (%s), or the term is off screen", panel, term)
	}
	if !panel.onScreen() {
		t.Errorf("the panel is partly off screen: %s in %.0fx%.0f", panel, panel.VW, panel.VH)
	}
	title := eval[rect](t, ctx, rectJS(panelTitleJS))
	if !strings.EqualFold(title.Text, term.Text) {
		t.Errorf("the panel's title is %q, want the term %q", title.Text, term.Text)
	}
	body := eval[rect](t, ctx, rectJS(panelBodyJS))
	tip := eval[string](t, ctx, `document.getElementById(`+lowTermExpr+`.getAttribute("aria-describedby")).textContent.replace(/\s+/g, " ").trim()`)
	if body.Text != tip {
		t.Errorf("the panel says %q, want the definition %q", body.Text, tip)
	}
	if bodyFont := eval[float64](t, ctx, `parseFloat(getComputedStyle(document.body).fontSize)`); body.Font < bodyFont {
		t.Errorf("the panel's text is %gpx, smaller than the body text's %gpx", body.Font, bodyFont)
	}
	closeBtn := eval[rect](t, ctx, rectJS(`document.querySelector("#panel button.panel-close")`))
	if !closeBtn.visible() || closeBtn.Right-closeBtn.Left < 24 || closeBtn.Bottom-closeBtn.Top < 24 {
		t.Errorf("the panel has no close button of at least 24×24px: %+v", closeBtn)
	}
	if name := eval[string](t, ctx, `document.querySelector("#panel button.panel-close").getAttribute("aria-label")`); name != "Close" {
		t.Errorf("the close button is named %q", name)
	}
	link := eval[rect](t, ctx, rectJS(panelLinkJS))
	if link.Text != "Read the full entry" || link.Href != term.Href {
		t.Errorf("the panel's link is %q → %s, want \"Read the full entry\" → %s", link.Text, link.Href, term.Href)
	}

	// Each way of closing it.
	closers := []struct {
		name string
		act  func(panel rect)
	}{
		{"Escape", func(rect) { do(t, ctx, "pressing Escape", chromedp.KeyEvent(kb.Escape)) }},
		{"the close button", func(rect) {
			tap(t, ctx, eval[rect](t, ctx, rectJS(`document.querySelector("#panel button.panel-close")`)))
		}},
		{"a tap outside", func(p rect) {
			y := p.Bottom + 40
			if p.Top > 100 {
				y = p.Top - 40
			}
			do(t, ctx, "tapping outside the panel", chromedp.TapXY(4, y))
		}},
		{"a scroll", func(rect) {
			eval[bool](t, ctx, `(scrollBy({top: -200, behavior: "instant"}), true)`)
		}},
	}
	for _, c := range closers {
		c.act(panel)
		if p := waitRect(t, ctx, panelJS, false); p.visible() {
			t.Errorf("%s does not close the panel", c.name)
		}
		term = placeLowTerm(t, ctx)
		tap(t, ctx, term)
		if panel = waitRect(t, ctx, panelJS, true); !panel.visible() {
			t.Fatalf("after closing with %s, a new tap opens no panel", c.name)
		}
	}

	// The panel's link opens the entry.
	link = eval[rect](t, ctx, rectJS(panelLinkJS))
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.TapXY((link.Left+link.Right)/2, (link.Top+link.Bottom)/2))); err != nil {
		t.Fatalf("tapping the panel's link: %v", err)
	}
	if got := currentPath(t, ctx); got != term.Href {
		t.Errorf("the panel's link went to %s, want %s", got, term.Href)
	}
}

const (
	firstCite = `document.querySelector("sup.cite a")`
	refTipJS  = `document.querySelector(".ref-tip.open")`
)

// refText is the formatted reference that a citation number points to.
func refText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector(`+firstCite+`.getAttribute("href") + " .reference").textContent.replace(/\s+/g, " ").trim()`)
}

// TestReferencePreview shows a reference's preview from its number by hovering,
// by keyboard focus and by a tap, and checks the numbers' tap targets.
func TestReferencePreview(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	path := tierPath(t, "intermediate")
	open(t, ctx, path)
	if !eval[bool](t, ctx, `!!`+firstCite) {
		t.Fatal("the intermediate tier cites no reference")
	}
	want := refText(t, ctx)

	// Hover.
	at := eval[box](t, ctx, strings.Replace(pointAt, firstTerm, firstCite, 1))
	do(t, ctx, "moving the mouse over the number", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
	tip := waitRect(t, ctx, refTipJS, true)
	if !tip.visible() || tip.Text != want {
		t.Fatalf("hovering reference %s shows %q, want %q", at.Href, tip.Text, want)
	}
	if !tip.onScreen() {
		t.Errorf("the preview is partly off screen: %s", tip)
	}
	// WCAG 1.4.13: the pointer can move onto the preview, and Escape hides it.
	do(t, ctx, "moving the mouse onto the preview", chromedp.MouseEvent(chromedp.MouseMoved, (tip.Left+tip.Right)/2, (tip.Top+tip.Bottom)/2))
	time.Sleep(400 * time.Millisecond) // longer than the hide delay
	if r := eval[rect](t, ctx, rectJS(refTipJS)); !r.visible() {
		t.Error("the preview hides when the mouse moves onto it (WCAG 1.4.13)")
	}
	do(t, ctx, "pressing Escape", chromedp.KeyEvent(kb.Escape))
	if r := eval[rect](t, ctx, rectJS(refTipJS)); r.visible() {
		t.Error("Escape does not hide the preview")
	}
	do(t, ctx, "moving the mouse away", chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))

	// Keyboard focus.
	eval[bool](t, ctx, `(() => {
	  const all = [...document.querySelectorAll("a[href], button, [tabindex='0']")];
	  all[all.indexOf(`+firstCite+`) - 1].focus();
	  return true;
	})()`)
	do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
	if f := eval[focused](t, ctx, activeJS); f.Href != at.Href {
		t.Fatalf("Tab focused %s, want the reference number", f)
	}
	tip = waitRect(t, ctx, refTipJS, true)
	if !tip.visible() || tip.Text != want {
		t.Errorf("focusing the number shows %q, want %q", tip.Text, want)
	}
	if d := eval[string](t, ctx, `document.activeElement.getAttribute("aria-describedby") || ""`); d == "" || eval[string](t, ctx, `document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent.replace(/\s+/g, " ").trim()`) != want {
		t.Errorf("the focused number is not described by its preview (aria-describedby %q)", d)
	}

	// Tap, on a phone.
	phone(t, ctx)
	open(t, ctx, path)
	// A tap 11px above, below, left or right of a number's centre lands on it.
	misses := eval[[]string](t, ctx, `(() => {
	  const out = [];
	  for (const a of document.querySelectorAll("sup.cite a")) {
	    a.scrollIntoView({block: "center", behavior: "instant"});
	    const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
	    for (const [dx, dy] of [[0, -11], [0, 11], [-11, 0], [11, 0]]) {
	      const hit = document.elementFromPoint(x + dx, y + dy);
	      if (!hit || !hit.closest("sup.cite a")) out.push(a.textContent + " at " + dx + "," + dy + ": " + (hit ? hit.tagName : "nothing"));
	    }
	  }
	  return out;
	})()`)
	if len(misses) > 0 {
		t.Errorf("reference numbers are tap targets smaller than 24×24px (WCAG 2.5.8): %q", misses)
	}
	at = eval[box](t, ctx, strings.Replace(pointAt, firstTerm, firstCite, 1))
	do(t, ctx, "tapping the number", chromedp.TapXY(at.X, at.Y))
	if p := waitRect(t, ctx, panelJS, true); !p.visible() {
		t.Fatal("tapping a reference number opens no panel")
	}
	if got := currentPath(t, ctx); got != path {
		t.Errorf("the tap navigated to %s", got)
	}
	if title := eval[rect](t, ctx, rectJS(panelTitleJS)); !strings.HasPrefix(title.Text, "Reference ") {
		t.Errorf("the panel's title is %q, want Reference n", title.Text)
	}
	if body := eval[rect](t, ctx, rectJS(panelBodyJS)); body.Text != want {
		t.Errorf("the panel shows %q, want the reference %q", body.Text, want)
	}
	if link := eval[rect](t, ctx, rectJS(panelLinkJS)); link.Href != at.Href {
		t.Errorf("the panel links to %q, want %q", link.Href, at.Href)
	}
}

// TestHoverDelay checks that a hovered term's pop-up waits before it shows, and
// a focused term's does not.
func TestHoverDelay(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, tierPath(t, "fundamentals"))
	delay := eval[string](t, ctx, `getComputedStyle(document.querySelector(".tier-body .term-tip")).animationDelay`)
	if d, err := strconv.ParseFloat(strings.TrimSuffix(delay, "s"), 64); err != nil || d < 0.2 || d > 1 {
		t.Errorf("a hovered pop-up waits %s before it shows, want 0.2–1s", delay)
	}
}

// pdfPageRe finds the page objects of a PDF (not the /Pages tree nodes).
var pdfPageRe = regexp.MustCompile(`/Type\s*/Page[^s]`)

// TestPrintHandout prints the Fundamentals tier on A4 and Letter paper: at most three
// pages, no navigation, buttons or download links, and a QR code that decodes to
// the page's permanent address.
func TestPrintHandout(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, tierPath(t, "fundamentals"))
	canonical := eval[string](t, ctx, `document.querySelector("link[rel=canonical]").href`)
	if canonical == "" {
		t.Fatal("the page has no canonical address")
	}
	for _, paper := range []struct {
		name          string
		width, height float64 // inches
	}{{"A4", 8.27, 11.69}, {"Letter", 8.5, 11}} {
		pdf, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: paper.width, PaperHeight: paper.height})
			return res.Data, err
		}))
		if err != nil {
			t.Fatalf("printing on %s: %v", paper.name, err)
		}
		n := len(pdfPageRe.FindAll(pdf, -1))
		t.Logf("%s: %d page(s), %d bytes of PDF", paper.name, n, len(pdf))
		// A handout of at most two sheets, with what a patient can do and the
		// questions for the care team; the original wording stays closed.
		if n == 0 || n > 2 {
			t.Errorf("the Fundamentals tier prints on %d %s pages, want 1 or 2", n, paper.name)
		}
	}

	do(t, ctx, "emulating print", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	onPaper := eval[[]string](t, ctx, `[...document.querySelectorAll("nav, button, a[download], .site-header, form")]
	  .filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80))`)
	if len(onPaper) > 0 {
		t.Errorf("on paper there are still navigation, buttons, forms or download links: %q", onPaper)
	}
	for _, sel := range []string{".tier-body", ".print-qr svg", ".print-qr .print-url", ".page-terms"} {
		if !eval[rect](t, ctx, rectJS(`document.querySelector("`+sel+`")`)).visible() {
			t.Errorf("%s is not printed", sel)
		}
	}
	// The references the page cites are printed; sources it does not cite
	// ("Also listed") stay off the handout.
	cited := eval[int](t, ctx, `document.querySelectorAll(".references ol.reference-list li").length`)
	if printed := eval[rect](t, ctx, rectJS(`document.querySelector(".references")`)).visible(); printed != (cited > 0) {
		t.Errorf("the page cites %d references; its reference list printed: %v", cited, printed)
	}
	if eval[rect](t, ctx, rectJS(`document.querySelector(".references .further")`)).visible() {
		t.Error("the sources the page does not cite are printed")
	}
	if got := eval[rect](t, ctx, rectJS(`document.querySelector(".print-qr .print-url")`)).Text; got != canonical {
		t.Errorf("the address printed under the QR code is %q, want %q", got, canonical)
	}
	png, err := chromedp.Run(ctx, chromedp.ScreenshotScale(chromedp.CSS(".print-qr svg"), 3))
	if err != nil {
		t.Fatalf("screenshot of the QR code: %v", err)
	}
	img, _, err := image.Decode(bytes.NewReader(png))
	if err != nil {
		t.Fatalf("decoding the screenshot: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the printed QR code does not decode: %v", err)
	}
	if res.GetText() != canonical {
		t.Errorf("the QR code reads %q, want the page's address %q", res.GetText(), canonical)
	}
}

// TestPhoneTable checks that a table fits a 375px phone without sideways
// scrolling, its caption shown and each cell labelled with its column's header.
func TestPhoneTable(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "emulating a phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch))
	found := false
	for _, td := range loaded.Articles[0].Tiers {
		open(t, ctx, tierPath(t, td.Tier.Key))
		// A table inside a closed original-wording disclosure is not shown.
		if !eval[bool](t, ctx, `!!`+visibleTableJS) {
			continue
		}
		found = true
		type tableState struct {
			Right, ScrollWidth, ScrollerWidth, ClientWidth float64
			Caption                                        rect
			Unlabelled                                     []string
		}
		s := eval[tableState](t, ctx, `(() => {
		  const tb = `+visibleTableJS+`, w = tb.closest(".table-scroll");
		  w.scrollIntoView({block: "start", behavior: "instant"});
		  scrollBy({top: -20, behavior: "instant"});
		  const unlabelled = [...tb.querySelectorAll("tbody td")].filter(td => {
		    const before = getComputedStyle(td, "::before").content;
		    return td.textContent.trim() && before !== JSON.stringify(td.dataset.label || "\u0000");
		  }).map(td => td.textContent.trim().slice(0, 30));
		  return {Right: tb.getBoundingClientRect().right, ScrollWidth: document.documentElement.scrollWidth,
		    ScrollerWidth: w.scrollWidth, ClientWidth: w.clientWidth, Caption: `+rectJS(`tb.querySelector("caption")`)+`, Unlabelled: unlabelled};
		})()`)
		if s.Right > 375.5 || s.ScrollWidth > 375 || s.ScrollerWidth > s.ClientWidth+1 {
			t.Errorf("%s: the table needs sideways scrolling at 375px (table right %.0f, page %.0f, wrapper %.0f/%.0f)", td.Tier.Key, s.Right, s.ScrollWidth, s.ScrollerWidth, s.ClientWidth)
		}
		if !s.Caption.onScreen() {
			t.Errorf("%s: the caption is not fully shown: %s", td.Tier.Key, s.Caption)
		}
		if len(s.Unlabelled) > 0 {
			t.Errorf("%s: cells shown without their column's header: %q", td.Tier.Key, s.Unlabelled)
		}
	}
	if !found {
		t.Fatal("no tier has a table")
	}
}

// visibleTableJS is the first table of a tier page that is shown.
const visibleTableJS = `[...document.querySelectorAll(".tier-body table")].find(t => t.checkVisibility())`

// TestFundamentalsFirstScreen checks that a patient sees the text itself on the
// first screen of a 390×844 phone, and that the home page's article link leads to
// the Fundamentals tier.
func TestFundamentalsFirstScreen(t *testing.T) {
	ctx := newTab(t, time.Minute)
	phone(t, ctx)
	path := tierPath(t, "fundamentals")
	open(t, ctx, "/")
	if href := eval[string](t, ctx, `document.querySelector(".article-card h3 a").getAttribute("href")`); href != path {
		t.Errorf("the home page's article link goes to %s, want the Fundamentals tier %s", href, path)
	}
	open(t, ctx, path)
	top := eval[float64](t, ctx, `document.querySelector(".tier-body > *").getBoundingClientRect().top`)
	if top > 844-60 {
		t.Errorf("the text starts at y=%.0f on a 390×844 phone: below the first screen", top)
	}
}

// TestSearchPlaceholder checks that the header's search box shows its whole
// placeholder at 1280 and 390px.
func TestSearchPlaceholder(t *testing.T) {
	ctx := newTab(t, time.Minute)
	for _, w := range []int64{1280, 390, 320} {
		do(t, ctx, "setting the viewport", viewport(w, 900))
		open(t, ctx, "/")
		// The placeholder typed in as the value: the box scrolls if it is clipped.
		room := eval[[]float64](t, ctx, `(() => {
		  const i = document.getElementById("site-search");
		  i.value = i.placeholder;
		  const r = [i.scrollWidth, i.clientWidth];
		  i.value = "";
		  return r;
		})()`)
		if room[0] > room[1] {
			t.Errorf("at %dpx the search box's placeholder needs %.0fpx and the box has %.0fpx: it is clipped", w, room[0], room[1])
		}
		// Nothing in the header overlaps.
		if o := eval[[]string](t, ctx, `(() => {
		  const parts = [...document.querySelectorAll(".site-header .site-title, .site-header input, .site-header button, .site-header nav a")];
		  const out = [];
		  for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
		    const a = parts[i].getBoundingClientRect(), b = parts[j].getBoundingClientRect();
		    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(parts[i].textContent + parts[i].tagName + " × " + parts[j].textContent + parts[j].tagName);
		  }
		  return out;
		})()`); len(o) > 0 {
			t.Errorf("at %dpx the header's parts overlap: %q", w, o)
		}
	}
}

// resultCountRe reads the number of results from the search page.
var resultCountRe = regexp.MustCompile(`^(\d+) results?`)

// TestSearchPagination follows a search's "Next page" links to the end: every
// result counted is reachable, once, and the titles of tier results differ.
func TestSearchPagination(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, "/search?q=bone")
	m := resultCountRe.FindStringSubmatch(eval[string](t, ctx, `document.querySelector(".search-count").textContent.trim()`))
	if m == nil {
		t.Fatal("no result count on the search page")
	}
	total, _ := strconv.Atoi(m[1])
	seen := map[string]bool{}
	titles := map[string]bool{}
	pages := 0
	for {
		pages++
		hits := eval[[][2]string](t, ctx, `[...document.querySelectorAll(".search-results li > a")].map(a => [a.getAttribute("href"), a.textContent.replace(/\s+/g, " ").trim()])`)
		for _, h := range hits {
			if seen[h[0]] {
				t.Errorf("%s is on two pages", h[0])
			}
			seen[h[0]] = true
			if strings.HasPrefix(h[0], "/articles/") {
				if titles[h[1]] {
					t.Errorf("two article results have the title %q", h[1])
				}
				titles[h[1]] = true
			}
		}
		next := eval[string](t, ctx, `(document.querySelector(".pagination a[rel=next]") || {getAttribute: () => ""}).getAttribute("href")`)
		if next == "" || pages > 20 {
			break
		}
		open(t, ctx, next)
	}
	if len(seen) != total {
		t.Errorf("%d results counted, %d reachable over %d pages", total, len(seen), pages)
	}
	if pages < 2 {
		t.Errorf("the search for bone fits one page (%d results): pagination is not tested", total)
	}
}

// TestTargetHighlight follows "Where this term is used" from a glossary entry and
// a reference number to its entry: the place landed on is highlighted and clear
// of the top edge.
func TestTargetHighlight(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	open(t, ctx, render.TermURL(termSlug()))
	href := eval[string](t, ctx, `document.querySelector("#used-in a").getAttribute("href")`)
	for _, dest := range []string{href, tierPath(t, "intermediate") + "#ref-1"} {
		open(t, ctx, dest)
		settle(t, ctx)
		got := eval[[]any](t, ctx, `(() => {
		  const e = document.querySelector(":target");
		  if (!e) return ["", 0, "", ""];
		  const cs = getComputedStyle(e);
		  return [e.id, e.getBoundingClientRect().top, cs.outlineStyle, cs.backgroundColor];
		})()`)
		if got[0] == "" {
			t.Errorf("%s: nothing is the :target", dest)
			continue
		}
		if top := got[1].(float64); top < 40 {
			t.Errorf("%s: #%s lands %.0fpx from the top edge, want some room (scroll-margin-top)", dest, got[0], top)
		}
		if got[2] == "none" || got[3] == "rgba(0, 0, 0, 0)" {
			t.Errorf("%s: #%s is not highlighted (outline %v, background %v)", dest, got[0], got[2], got[3])
		}
	}
}

// TestPopupsAxe runs axe-core with the phone panel open (light and dark) and with
// a reference preview shown: what the script adds must pass as the page does.
func TestPopupsAxe(t *testing.T) {
	axePath(t)
	ctx := newTab(t, time.Minute)
	check := func(what string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](loadAxe, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
		res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRun, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("running axe-core: %v", err)
		}
		for _, v := range res.Violations {
			t.Errorf("%s: %s", what, v)
		}
	}
	for _, scheme := range []string{"light", "dark"} {
		phone(t, ctx)
		do(t, ctx, "setting the colour scheme", colorScheme(scheme))
		open(t, ctx, tierPath(t, "fundamentals"))
		tap(t, ctx, placeLowTerm(t, ctx))
		if p := waitRect(t, ctx, panelJS, true); !p.visible() {
			t.Fatal("no panel")
		}
		check("the panel open, " + scheme)
		do(t, ctx, "setting the viewport", viewport(1280, 900))
		open(t, ctx, tierPath(t, "intermediate"))
		at := eval[box](t, ctx, strings.Replace(pointAt, firstTerm, firstCite, 1))
		do(t, ctx, "moving the mouse over the number", chromedp.MouseEvent(chromedp.MouseMoved, at.X, at.Y))
		if r := waitRect(t, ctx, refTipJS, true); !r.visible() {
			t.Fatal("no reference preview")
		}
		check("a reference preview shown, " + scheme)
	}
}
