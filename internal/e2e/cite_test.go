package e2e

import (
	"slices"
	"testing"
	"time"
)

// "Cite this page" carries the reader's date of access: the script writes today's
// date into it in AMA's form; without JavaScript a placeholder says what to write.
func TestCiteThisPageAccessedDate(t *testing.T) {
	ctx := newTab(t, time.Minute)
	do(t, ctx, "setting the viewport", viewport(1280, 900))
	path := tierPath(t, "intermediate")
	open(t, ctx, path)
	got := eval[string](t, ctx, `document.querySelector(".article-citation .accessed-date").textContent`)
	now := time.Now()
	var days []string // the browser's clock may be a moment past midnight
	for _, d := range []time.Time{now.AddDate(0, 0, -1), now, now.AddDate(0, 0, 1)} {
		days = append(days, d.Format("January 2, 2006"))
	}
	if !slices.Contains(days, got) {
		t.Errorf("accessed date %q, want today in AMA form (one of %q)", got, days)
	}
	if url := eval[string](t, ctx, `document.querySelector(".article-citation a").getAttribute("href")`); url == "" || url[len(url)-len(path):] != path {
		t.Errorf("the citation links to %q, want the tier's own URL %s", url, path)
	}

	do(t, ctx, "turning JavaScript off", scriptsDisabled(true))
	open(t, ctx, path)
	if got := eval[string](t, ctx, `document.querySelector(".article-citation .accessed-date").textContent`); got != "[date you read this page]" {
		t.Errorf("without JavaScript the accessed date reads %q", got)
	}
}
