package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// disclosure is the state of the Fundamentals page's first original-wording
// disclosure.
type disclosure struct {
	Found     bool   `json:"found"`
	Open      bool   `json:"open"`
	Label     string `json:"label"`
	Shown     bool   `json:"shown"`     // its text is rendered
	Focused   bool   `json:"focused"`   // its summary has the keyboard focus
	FocusRing bool   `json:"focusRing"` // and matches :focus-visible
}

const disclosureJS = `(() => {
  const d = document.querySelector(".tier-body details.original");
  if (!d) return {found: false};
  const s = d.querySelector("summary"), p = d.querySelector("p");
  return {found: true, open: d.open, label: s.textContent.trim(), shown: p.checkVisibility(),
    focused: document.activeElement === s, focusRing: s.matches(":focus-visible")};
})()`

// TestOriginalWording opens and closes the first original-wording disclosure of
// the Fundamentals page with the keyboard alone, with JavaScript on and off: it
// starts closed (its text hidden), Tab reaches its label, Enter opens it and
// Space closes it.
func TestOriginalWording(t *testing.T) {
	for _, scripts := range []bool{true, false} {
		t.Run(fmt.Sprintf("javascript=%v", scripts), func(t *testing.T) {
			ctx := newTab(t, time.Minute)
			do(t, ctx, "setting up the tab", viewport(1280, 900), scriptsDisabled(!scripts))
			open(t, ctx, tierPath(t, "fundamentals"))
			d := eval[disclosure](t, ctx, disclosureJS)
			if !d.Found {
				t.Fatal("the Fundamentals page has no original-wording disclosure")
			}
			if d.Open || d.Shown || d.Label != "Original wording" {
				t.Fatalf("at first the disclosure is %+v, want closed, its text hidden, labelled Original wording", d)
			}
			for i := 0; i < 300 && !d.Focused; i++ {
				do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
				d = eval[disclosure](t, ctx, disclosureJS)
			}
			if !d.Focused {
				t.Fatal("Tab never reached the disclosure's label")
			}
			if !d.FocusRing {
				t.Error("the focused disclosure label does not match :focus-visible")
			}
			do(t, ctx, "pressing Enter", chromedp.KeyEvent(kb.Enter))
			if d = eval[disclosure](t, ctx, disclosureJS); !d.Open || !d.Shown {
				t.Errorf("after Enter the disclosure is %+v, want open with its text shown", d)
			}
			do(t, ctx, "pressing Space", chromedp.KeyEvent(" "))
			if d = eval[disclosure](t, ctx, disclosureJS); d.Open || d.Shown {
				t.Errorf("after Space the disclosure is %+v, want closed again", d)
			}
		})
	}
}
