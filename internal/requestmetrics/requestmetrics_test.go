package requestmetrics

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

var testOpts = Opts{
	RequestsName: "test_requests_total", RequestsHelp: "Requests.",
	DurationName: "test_request_duration_seconds", DurationHelp: "Latency.",
	Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
}

// observation is one recorded request.
type observation struct {
	route   string
	code    int
	elapsed time.Duration
}

// observations are n requests spread over routes, codes and durations,
// durations on and around every bucket bound among them, and a few below zero.
func observations(n int, seed uint64) []observation {
	rng := rand.New(rand.NewPCG(seed, 1))
	routes := []string{"/articles/{slug}/{tier}", "/glossary/{slug}", "unmatched", "/"}
	codes := []int{200, 200, 200, 304, 404, 301, 400, 500}
	var bounds []time.Duration
	for _, b := range testOpts.Buckets {
		bounds = append(bounds, time.Duration(b*float64(time.Second)))
	}
	obs := make([]observation, n)
	for i := range obs {
		var d time.Duration
		switch rng.IntN(4) {
		case 3: // a clock stepped back: client_golang counts it in the first bucket
			d = -time.Duration(rng.IntN(1000))
		case 0: // on a bound, or a nanosecond either side
			d = bounds[rng.IntN(len(bounds))] + time.Duration(rng.IntN(3)-1)
		case 1:
			d = time.Duration(rng.Int64N(int64(2 * time.Second)))
		default:
			d = time.Duration(rng.Int64N(int64(200 * time.Microsecond)))
		}
		obs[i] = observation{routes[rng.IntN(len(routes))], codes[rng.IntN(len(codes))], d}
	}
	return obs
}

// TestAgreesWithClientGolang records the same requests, from several goroutines
// at once, in a Collector and in client_golang's own CounterVec and
// HistogramVec, and checks that the two registries gather the same series with
// the same counts, buckets and sums.
func TestAgreesWithClientGolang(t *testing.T) {
	p := newPair()
	c, requests, duration := p.c, p.requests, p.duration

	workers := 2 * runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			kept := c.Route("/articles/{slug}/{tier}") // the fast path's way in
			for _, o := range observations(5000, uint64(w)) {
				if o.route == "/articles/{slug}/{tier}" {
					kept.Observe(o.code, o.elapsed)
				} else {
					c.Observe(o.route, o.code, o.elapsed)
				}
				requests.WithLabelValues(o.route, strconv.Itoa(o.code)).Inc()
				duration.WithLabelValues(o.route).Observe(o.elapsed.Seconds())
			}
		})
	}
	wg.Wait()

	p.compare(t)
}

// TestKnownRoutesAtZero checks that a route asked for by Route is exported
// before its first request, its 200 and 304 counters at zero and its histogram
// empty, as client_golang exports series made by WithLabelValues, and that a
// route seen only by Observe is exported with the codes it saw.
func TestKnownRoutesAtZero(t *testing.T) {
	p := newPair()
	c, requests, duration := p.c, p.requests, p.duration

	c.Route("/glossary/{slug}")
	requests.WithLabelValues("/glossary/{slug}", "200")
	requests.WithLabelValues("/glossary/{slug}", "304")
	duration.WithLabelValues("/glossary/{slug}")
	c.Observe("unmatched", 404, time.Millisecond)
	requests.WithLabelValues("unmatched", "404").Inc()
	duration.WithLabelValues("unmatched").Observe(time.Millisecond.Seconds())

	p.compare(t)
}

// pair is a Collector and, to check it against, client_golang's own CounterVec
// and HistogramVec with the same options, each side in a registry of its own.
type pair struct {
	c            *Collector
	requests     *prometheus.CounterVec
	duration     *prometheus.HistogramVec
	ours, theirs *prometheus.Registry
}

func newPair() *pair {
	p := &pair{
		c:        New(testOpts),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: testOpts.RequestsName, Help: testOpts.RequestsHelp}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: testOpts.DurationName, Help: testOpts.DurationHelp, Buckets: testOpts.Buckets}, []string{"route"}),
		ours:     prometheus.NewPedanticRegistry(),
		theirs:   prometheus.NewPedanticRegistry(),
	}
	p.ours.MustRegister(p.c)
	p.theirs.MustRegister(p.requests, p.duration)
	return p
}

// compare checks that the two registries gather the same families and series,
// with the same values.
func (p *pair) compare(t *testing.T) {
	t.Helper()
	got, err := p.ours.Gather()
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.theirs.Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d metric families, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.GetName() != w.GetName() || g.GetType() != w.GetType() || g.GetHelp() != w.GetHelp() {
			t.Fatalf("family %d: %s %v, want %s %v", i, g.GetName(), g.GetType(), w.GetName(), w.GetType())
		}
		if len(g.Metric) != len(w.Metric) {
			t.Fatalf("%s: %d series, want %d", w.GetName(), len(g.Metric), len(w.Metric))
		}
		for j := range w.Metric {
			compareSeries(t, w.GetName(), g.Metric[j], w.Metric[j])
		}
	}
}

func compareSeries(t *testing.T, family string, got, want *dto.Metric) {
	t.Helper()
	if labels(got) != labels(want) {
		t.Fatalf("%s: series %s, want %s", family, labels(got), labels(want))
	}
	name := family + labels(want)
	if want.Counter != nil && got.GetCounter().GetValue() != want.GetCounter().GetValue() {
		t.Errorf("%s = %v, want %v", name, got.GetCounter().GetValue(), want.GetCounter().GetValue())
	}
	if want.Histogram == nil {
		return
	}
	gh, wh := got.GetHistogram(), want.GetHistogram()
	if gh.GetSampleCount() != wh.GetSampleCount() {
		t.Errorf("%s count = %d, want %d", name, gh.GetSampleCount(), wh.GetSampleCount())
	}
	// client_golang adds float seconds, Collector whole nanoseconds.
	if math.Abs(gh.GetSampleSum()-wh.GetSampleSum()) > 1e-9*wh.GetSampleSum() {
		t.Errorf("%s sum = %v, want %v", name, gh.GetSampleSum(), wh.GetSampleSum())
	}
	if len(gh.Bucket) != len(wh.Bucket) {
		t.Fatalf("%s: %d buckets, want %d", name, len(gh.Bucket), len(wh.Bucket))
	}
	for k, wb := range wh.Bucket {
		gb := gh.Bucket[k]
		if gb.GetUpperBound() != wb.GetUpperBound() || gb.GetCumulativeCount() != wb.GetCumulativeCount() {
			t.Errorf("%s bucket le=%v: %d, want le=%v: %d", name, gb.GetUpperBound(), gb.GetCumulativeCount(), wb.GetUpperBound(), wb.GetCumulativeCount())
		}
	}
}

func labels(m *dto.Metric) string {
	s := "{"
	for _, l := range m.Label {
		s += l.GetName() + "=" + l.GetValue() + ","
	}
	return s + "}"
}

// TestCollectWhileObserving gathers while requests are recorded. It is there
// for the race detector, which .ci/run runs it under: a shared word read or
// written without an atomic or the lock fails it. Its own checks, that every
// histogram agrees with itself and the counts only grow, hold by construction
// while a histogram's count is the sum of its buckets, and would catch a count
// kept apart from them.
func TestCollectWhileObserving(t *testing.T) {
	c := New(testOpts)
	reg := prometheus.NewPedanticRegistry()
	reg.MustRegister(c)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			obs := observations(1000, uint64(w))
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				o := obs[i%len(obs)]
				c.Observe(o.route, o.code, o.elapsed)
			}
		})
	}
	var last uint64
	for range 50 {
		mfs, err := reg.Gather()
		if err != nil {
			t.Fatal(err)
		}
		var total uint64
		for _, mf := range mfs {
			for _, m := range mf.Metric {
				if h := m.GetHistogram(); h != nil {
					if n := len(h.Bucket); n > 0 && h.Bucket[n-1].GetCumulativeCount() > h.GetSampleCount() {
						t.Fatalf("histogram %s: bucket le=%v holds %d of %d", labels(m), h.Bucket[n-1].GetUpperBound(), h.Bucket[n-1].GetCumulativeCount(), h.GetSampleCount())
					}
					total += h.GetSampleCount()
				}
			}
		}
		if total < last {
			t.Fatalf("requests gathered went from %d to %d", last, total)
		}
		last = total
	}
	close(stop)
	wg.Wait()
}

// BenchmarkObserve records requests of one route from every core at once, with
// a Collector and with client_golang's counter and histogram.
func BenchmarkObserve(b *testing.B) {
	b.Run("requestmetrics", func(b *testing.B) {
		r := New(testOpts).Route("/articles/{slug}/{tier}")
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				r.Observe(200, 40*time.Microsecond)
			}
		})
	})
	b.Run("client_golang", func(b *testing.B) {
		n := prometheus.NewCounter(prometheus.CounterOpts{Name: "n"})
		h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "h", Buckets: testOpts.Buckets})
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				n.Inc()
				h.Observe((40 * time.Microsecond).Seconds())
			}
		})
	})
}
