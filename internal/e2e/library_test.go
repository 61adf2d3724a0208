package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLibraryWithoutJavaScript walks the generated library with JavaScript off,
// by clicks: home, a topic, its first article (at the Fundamentals level), then
// home, the articles A–Z, a letter, an article.
func TestLibraryWithoutJavaScript(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "turning JavaScript off", viewport(1280, 900), scriptsDisabled(true))
	click := func(sel string) string {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))); err != nil {
			t.Fatalf("clicking %s: %v", sel, err)
		}
		return currentPath(t, ctx)
	}
	open(t, ctx, libraryURL+"/")
	if p := click(".topic-list a"); !strings.HasPrefix(p, "/topics/") {
		t.Fatalf("the first topic link went to %s", p)
	}
	if p := click(".article-card h2 a"); !strings.HasPrefix(p, "/articles/") || !strings.HasSuffix(p, "/fundamentals") {
		t.Errorf("a topic's article link went to %s, want a Fundamentals level", p)
	}
	open(t, ctx, libraryURL+"/")
	if p := click(`.browse a[href="/articles"]`); p != "/articles" {
		t.Fatalf("the articles A–Z link went to %s", p)
	}
	// A letter of a one-page list is a link within the page: no page load.
	do(t, ctx, "clicking the last letter", chromedp.Click(chromedp.CSS(".letters li:last-child a")))
	if letter := currentPath(t, ctx); !strings.Contains(letter, "#letter-") || !eval[bool](t, ctx, `document.querySelector(location.hash) !== null`) {
		t.Errorf("the last letter went to %s", letter)
	}
	// From a fresh page: the letter may still be scrolling smoothly.
	open(t, ctx, libraryURL+"/articles")
	if p := click(".a-z a"); !strings.HasSuffix(p, "/fundamentals") {
		t.Errorf("an article of the A–Z went to %s", p)
	}
}

// TestLibraryKeyboard reaches the pager of a glossary letter with Tab, follows
// "Next" with Enter, and checks that the page changed and the focused links show
// their focus.
func TestLibraryKeyboard(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	var first string
	for _, p := range libraryPages {
		if strings.HasSuffix(p.path, "/2") {
			first = strings.TrimSuffix(p.path, "/2")
		}
	}
	open(t, ctx, first)
	var next *focused
	for i := 0; i < 600 && next == nil; i++ {
		do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
		f := eval[focused](t, ctx, activeJS)
		if f.Tag == "body" {
			break
		}
		if f.Text == "Next" {
			next = &f
		}
	}
	if next == nil {
		t.Fatal("Tab never reached the pager's Next link")
	}
	if !next.hasFocusRing() {
		t.Errorf("the focused Next link has no visible focus indicator")
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatalf("pressing Enter on Next: %v", err)
	}
	if p := currentPath(t, ctx); !strings.HasPrefix(first, libraryURL) || !strings.HasSuffix(p, "/2") {
		t.Errorf("Enter on Next went to %s", p)
	}
}
