package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pageBudget is the most the fundamentals tier may weigh, HTML + CSS + JS as sent
// with Brotli.
const pageBudget = 30_000

var assetRe = regexp.MustCompile(`<(?:link rel="stylesheet" href|script src)="([^"]+)"`)

// TestPageWeight adds up the Brotli-compressed size of the fundamentals tier, its
// stylesheet and its script.
func TestPageWeight(t *testing.T) {
	path := tierPath(t, "fundamentals")
	resp, body := fetch(t, path, "br")
	total := 0
	add := func(what string, resp interface{ Get(string) string }, n int) {
		t.Helper()
		if enc := resp.Get("Content-Encoding"); enc != "br" {
			t.Errorf("%s was sent with Content-Encoding %q, want br", what, enc)
		}
		cl, err := strconv.Atoi(resp.Get("Content-Length"))
		if err != nil {
			t.Fatalf("%s has no Content-Length: %v", what, err)
		}
		if cl != n {
			t.Errorf("%s: Content-Length %d but %d bytes came", what, cl, n)
		}
		t.Logf("%-50s %6d bytes (br)", what, cl)
		total += cl
	}
	add(path, resp.Header, len(body))
	html, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body)))
	if err != nil {
		t.Fatalf("%s: decoding the Brotli body: %v", path, err)
	}
	assets := assetRe.FindAllSubmatch(html, -1)
	if len(assets) != 2 {
		t.Errorf("found %d stylesheet and script references in %s, want 2", len(assets), path)
	}
	for _, m := range assets {
		asset := string(m[1])
		resp, b := fetch(t, asset, "br")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: status %d", asset, resp.StatusCode)
		}
		add(asset, resp.Header, len(b))
	}
	t.Logf("total %d bytes (budget %d)", total, pageBudget)
	if total >= pageBudget {
		t.Errorf("the fundamentals tier weighs %d bytes with Brotli (HTML + CSS + JS), want under %d", total, pageBudget)
	}
}

// TestOnlySameOrigin visits every page type in the browser, hovers and tabs to a
// glossary term and scrolls to the end, and checks that nothing was requested
// from any host but the test server, and that no page logged an error (a blocked
// resource or a Content-Security-Policy violation shows up there).
func TestOnlySameOrigin(t *testing.T) {
	ctx := newTab(t, time.Minute)
	server, err := url.Parse(baseURL)
	if err != nil {
		t.Fatal(err)
	}
	library, err := url.Parse(libraryURL)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu       sync.Mutex
		requests []string
		foreign  []string
		problems []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			u, err := url.Parse(ev.Request.URL)
			requests = append(requests, ev.Request.URL)
			switch {
			case err != nil:
				foreign = append(foreign, ev.Request.URL+" (unparsable)")
			case u.Scheme == "data" || u.Scheme == "about":
			case u.Host != server.Host && u.Host != library.Host:
				foreign = append(foreign, fmt.Sprintf("%s (%s, from %s)", ev.Request.URL, ev.Type, ev.DocumentURL))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				// The 404 page's own status is expected.
				if ev.Entry.Source == log.EntrySourceNetwork && strings.Contains(ev.Entry.URL, "/no-such-page") {
					return
				}
				problems = append(problems, fmt.Sprintf("%s %s: %s (%s)", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "uncaught exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, fmt.Sprintf("console.%s", ev.Type))
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	for _, p := range pages() {
		open(t, ctx, p.path)
		// Load anything lazy: scroll to the end, hover and focus the first term.
		eval[bool](t, ctx, `(() => { scrollTo(0, document.documentElement.scrollHeight);
			const a = document.querySelector("a.term"); if (a) { a.focus(); a.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})); }
			return true; })()`)
		time.Sleep(100 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	t.Logf("%d requests, all to %s or %s", len(requests), server.Host, library.Host)
	if len(requests) < len(pages()) {
		t.Errorf("saw only %d requests for %d pages: the network events are not arriving", len(requests), len(pages()))
	}
	if len(foreign) > 0 {
		t.Errorf("requests to other hosts than the test server:\n  %s", strings.Join(foreign, "\n  "))
	}
	if len(problems) > 0 {
		t.Errorf("the pages logged errors or warnings:\n  %s", strings.Join(problems, "\n  "))
	}
}
