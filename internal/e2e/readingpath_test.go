package e2e

import (
	"context"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/strata-health/strata/content"
	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/render"
)

// TestReadingPathSecondOpinion scores every tier page's reading path again,
// independently of Strata's Go code: .ci/reading-path.mjs takes the text from the
// served page and counts it with the npm flesch-kincaid and syllable packages.
// On a plain-language tier (target 8 or lower) its grade must be within one of
// Strata's and both must meet the tier's target; other tiers are logged (their
// hyphenated and slashed technical words are split differently by the two).
func TestReadingPathSecondOpinion(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node not found")
	}
	fk, tried := findNodeFile("STRATA_FK", filepath.Join("flesch-kincaid", "index.js"))
	if fk == "" {
		missing(t, "flesch-kincaid not found (tried %s); install it with `npm install --no-save flesch-kincaid syllable` and set STRATA_FK to its index.js", strings.Join(tried, ", "))
	}
	modules := filepath.Dir(filepath.Dir(fk))
	_, rep := render.Build(loaded, content.FS, render.WithoutCompression(), render.WithoutSearch())
	for _, r := range rep.Readability {
		url := baseURL + render.TierURL(r.Article, r.Tier.Key)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		out, err := exec.CommandContext(ctx, node, filepath.Join(repoRoot(), ".ci", "reading-path.mjs"), modules, url).Output()
		cancel()
		if err != nil {
			t.Fatalf("reading-path.mjs %s: %v", url, err)
		}
		var second struct {
			Sentence, Word, Syllable int
			Grade                    float64
		}
		if err := json.Unmarshal(out, &second); err != nil {
			t.Fatalf("reading-path.mjs %s printed %q: %v", url, out, err)
		}
		t.Logf("%s: Strata grade %.2f (%d words, %d sentences); npm flesch-kincaid %.2f (%d words, %d sentences)",
			url, r.Stats.FleschKincaidGrade, r.Stats.Words, r.Stats.Sentences, second.Grade, second.Word, second.Sentence)
		if r.Tier.MaxGrade <= 0 || r.Tier.MaxGrade > readability.PlainGrade {
			continue
		}
		if math.Abs(second.Grade-r.Stats.FleschKincaidGrade) > 1 {
			t.Errorf("%s: Strata's grade %.2f and the npm counters' %.2f differ by more than one", url, r.Stats.FleschKincaidGrade, second.Grade)
		}
		if second.Grade > r.Tier.MaxGrade || r.Stats.FleschKincaidGrade > r.Tier.MaxGrade {
			t.Errorf("%s: the plain tier's reading path is above its target of %g (Strata %.2f, npm %.2f)", url, r.Tier.MaxGrade, r.Stats.FleschKincaidGrade, second.Grade)
		}
	}
}
