package web

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSuggestionLinks checks that a "Did you mean" link carries the suggested
// name through HTML and URL escaping once, so that a browser following it
// searches exactly that name, whatever characters it holds.
func TestSuggestionLinks(t *testing.T) {
	names := []string{"Bone & joint", "a<b>c", `"quoted"`, "C# level", "C++ count", "50% + 5", "café", "x=y;z?w/v"}
	p := SearchPage{Query: "zzz", Suggestions: names}
	var buf bytes.Buffer
	if err := Search(p).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" && strings.HasPrefix(a.Val, "/search?") {
					u, err := url.Parse(a.Val) // what a browser resolves
					if err != nil {
						t.Errorf("href %q: %v", a.Val, err)
						continue
					}
					if u.Fragment != "" {
						t.Errorf("href %q has a fragment", a.Val)
					}
					got = append(got, u.Query().Get("q"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(got) != len(names) {
		t.Fatalf("%d suggestion links, want %d: %q", len(got), len(names), got)
	}
	for i, want := range names {
		if got[i] != want {
			t.Errorf("link %d searches %q, want %q", i, got[i], want)
		}
	}
}
