package markdown

import "testing"

// BenchmarkRenderTier renders each tier of the seed article alone, on its own
// page, as the tier pages do, with a glossary of 300 terms (the generated
// benchmark corpus's size).
func BenchmarkRenderTier(b *testing.B) {
	tiers := seedTiers(b)
	e := New(benchGlossary(300))
	for i, name := range []string{"fundamentals", "intermediate", "academic"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(tiers[i])))
			for b.Loop() {
				p := &Page{Cite: func(string) (int, bool) { return 1, true }, Technical: name == "academic"}
				e.Render(tiers[i], p)
			}
		})
	}
}
