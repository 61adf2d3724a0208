package main

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestHistogram checks the buckets and that quantiles are within 2% of the exact
// ones.
func TestHistogram(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, 65, 127, 128, 129, 1000, 123456, 987654321} {
		i := histBucket(v)
		lo, width := histLow(i), max(histLow(i)/histSub, 1)
		if v < lo || v >= lo+width {
			t.Errorf("%d in bucket %d = [%d, %d)", v, i, lo, lo+width)
		}
	}
	var h histogram
	r := rand.New(rand.NewPCG(1, 1))
	var all []time.Duration
	for range 100000 {
		d := time.Duration(r.ExpFloat64() * float64(time.Millisecond))
		h.add(d)
		all = append(all, d)
	}
	slices.Sort(all)
	for _, q := range []float64{0.5, 0.99} {
		exact := all[int(q*float64(len(all)-1))]
		got := h.quantile(q)
		if diff := float64(got-exact) / float64(exact); diff > 0.02 || diff < -0.02 {
			t.Errorf("q%.2f = %s, exact %s", q, got, exact)
		}
	}
}

func TestLinearity(t *testing.T) {
	xs := []float64{100, 1000, 5000}
	if v, b, _ := linearity(xs, []float64{12, 102, 502}); v[:6] != "linear" || b < 0.099 || b > 0.101 {
		t.Errorf("a line: %s, slope %g", v, b)
	}
	if v, _, _ := linearity(xs, []float64{1, 100, 2500}); v[:11] != "superlinear" {
		t.Errorf("a square: %s", v)
	}
}
