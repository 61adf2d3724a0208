// Package requestmetrics counts HTTP requests by route and status code and times
// them by route, for Prometheus, in per-core shards.
//
// It exports what a prometheus.CounterVec labelled route and code and a
// prometheus.HistogramVec labelled route would, but records a request in
// counters that, most of the time, no other core is writing: client_golang's
// counter and histogram are one set of atomic words per series, which every core
// serving the same route writes, and under load waiting for those words cost
// more than the rest of recording a request (see BenchmarkObserve).
package requestmetrics

import (
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Opts names the two metric families and sets the histogram's buckets.
type Opts struct {
	// RequestsName and RequestsHelp name and describe the counter of requests,
	// labelled route and code.
	RequestsName, RequestsHelp string
	// DurationName and DurationHelp name and describe the latency histogram, in
	// seconds, labelled route.
	DurationName, DurationHelp string
	// Buckets are the histogram's upper bounds in seconds, in increasing order.
	Buckets []float64
}

// Collector holds every route's counts. It is a prometheus.Collector and is safe
// for concurrent use.
type Collector struct {
	requests, duration *prometheus.Desc
	buckets            []float64       // upper bounds, in seconds, for the export
	bounds             []time.Duration // the same, for recording
	// shards is how many shards each series has: more than there are cores (Ps),
	// so that a core handed a new shard number seldom shares its shard.
	shards int

	mu     sync.RWMutex
	routes map[string]*Route
}

// New returns a Collector with no routes.
func New(opts Opts) *Collector {
	if !slices.IsSorted(opts.Buckets) {
		panic("requestmetrics: buckets not in increasing order")
	}
	c := &Collector{
		requests: prometheus.NewDesc(opts.RequestsName, opts.RequestsHelp, []string{"route", "code"}, nil),
		duration: prometheus.NewDesc(opts.DurationName, opts.DurationHelp, []string{"route"}, nil),
		buckets:  slices.Clone(opts.Buckets),
		shards:   min(4*runtime.GOMAXPROCS(0), 64),
		routes:   map[string]*Route{},
	}
	for _, b := range opts.Buckets {
		c.bounds = append(c.bounds, time.Duration(b*float64(time.Second)))
	}
	return c
}

// Route returns the series of a route, made the first time it is asked for. A
// caller that records many requests of one route keeps the Route and calls its
// Observe, which looks nothing up. From then on the route's 200 and 304 counters
// and its histogram are exported even while they are zero, as client_golang
// exports a series made by WithLabelValues before anything is recorded in it:
// a counter that appears only at its first request hides that request from
// Prometheus's rate and increase.
func (c *Collector) Route(route string) *Route {
	r := c.route(route)
	r.known.Store(true)
	return r
}

// Observe records a request to route that was answered with code after elapsed.
// A route seen only here is exported from its first request on.
func (c *Collector) Observe(route string, code int, elapsed time.Duration) {
	c.route(route).Observe(code, elapsed)
}

// route returns the series of a route, made the first time it is asked for.
func (c *Collector) route(route string) *Route {
	c.mu.RLock()
	r, ok := c.routes[route]
	c.mu.RUnlock()
	if ok {
		return r
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok = c.routes[route]; !ok {
		r = &Route{name: route, c: c, ok: newCounter(c.shards), notModified: newCounter(c.shards),
			histogram: newHistogram(c.shards, len(c.bounds)+1), others: map[int]*counter{}}
		c.routes[route] = r
	}
	return r
}

// Route is the series of one route: its request counters, one for each status
// code, and its latency histogram.
type Route struct {
	name            string
	c               *Collector
	ok, notModified *counter // the codes of nearly every request, found without a lookup
	histogram       histogram
	known           atomic.Bool // asked for by Route: exported while still zero

	mu     sync.Mutex
	others map[int]*counter // every other code
}

// Observe records a request answered with code after elapsed.
func (r *Route) Observe(code int, elapsed time.Duration) {
	n := r.counter(code)
	shard := shardIndexes.Get().(*int)
	i := *shard % r.c.shards
	n.shards[i].n.Add(1)
	b, _ := slices.BinarySearch(r.c.bounds, elapsed) // the first bound ≥ elapsed: buckets are "le"
	r.histogram.observe(i, b, elapsed)
	shardIndexes.Put(shard)
}

// counter is the request counter of code.
func (r *Route) counter(code int) *counter {
	switch code {
	case 200:
		return r.ok
	case 304:
		return r.notModified
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n, ok := r.others[code]
	if !ok {
		n = newCounter(r.c.shards)
		r.others[code] = n
	}
	return n
}

// counter is a count in shards; its value is their sum.
type counter struct{ shards []counterShard }

// counterShard is one shard of a counter, alone on its cache line (64 bytes on
// the machines Strata runs on), so that cores writing different shards do not
// take the line from each other.
type counterShard struct {
	n atomic.Uint64
	_ [56]byte
}

func newCounter(shards int) *counter { return &counter{shards: make([]counterShard, shards)} }

func (n *counter) value() uint64 {
	var v uint64
	for i := range n.shards {
		v += n.shards[i].n.Load()
	}
	return v
}

// histogram is a latency histogram in shards. Each shard is a run of words
// on cache lines of its own: how many requests fell in each bucket (not
// cumulative; the last is above every bound), then the sum of their durations in
// nanoseconds, added as two's complement, so that a negative duration (a clock
// stepped back) takes away from it, as it does from client_golang's.
type histogram struct {
	buckets, stride int
	words           []atomic.Uint64
}

func newHistogram(shards, buckets int) histogram {
	stride := (buckets + 1 + 7) &^ 7 // whole 64-byte lines
	return histogram{buckets: buckets, stride: stride, words: make([]atomic.Uint64, shards*stride)}
}

func (h *histogram) observe(shard, bucket int, elapsed time.Duration) {
	w := h.words[shard*h.stride:]
	w[bucket].Add(1)
	w[h.buckets].Add(uint64(elapsed))
}

// totals are the histogram's counts, summed over the shards, and its sum.
func (h *histogram) totals() (counts []uint64, sum time.Duration) {
	counts = make([]uint64, h.buckets)
	for s := 0; s < len(h.words); s += h.stride {
		w := h.words[s:]
		for b := range counts {
			counts[b] += w[b].Load()
		}
		sum += time.Duration(w[h.buckets].Load())
	}
	return counts, sum
}

// shardIndexes hand out shard numbers. A sync.Pool keeps what is put back for
// the core (the P) that put it, so a core gets the same number request after
// request and cores get different ones: a number chosen at random would send two
// cores to the same shard often. A number handed to two cores at once (after a
// collection empties the pool, say) costs time, never a count.
var (
	shardIndexes = sync.Pool{New: func() any { i := int(nextShard.Add(1) - 1); return &i }}
	nextShard    atomic.Uint64
)

// Describe sends the two metric families' descriptions.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.requests
	ch <- c.duration
}

// Collect sends every route's counters and histogram. Counts recorded while it
// runs may be in some and not yet in others; each histogram's count is the sum
// of its buckets, so a histogram always agrees with itself.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.RLock()
	routes := make([]*Route, 0, len(c.routes))
	for _, r := range c.routes {
		routes = append(routes, r)
	}
	c.mu.RUnlock()
	for _, r := range routes {
		r.collect(ch)
	}
}

func (r *Route) collect(ch chan<- prometheus.Metric) {
	c := r.c
	known := r.known.Load()
	send := func(code int, n *counter, evenAtZero bool) {
		if v := n.value(); v > 0 || evenAtZero {
			ch <- prometheus.MustNewConstMetric(c.requests, prometheus.CounterValue, float64(v), r.name, strconv.Itoa(code))
		}
	}
	send(200, r.ok, known)
	send(304, r.notModified, known)
	r.mu.Lock()
	others := make(map[int]*counter, len(r.others))
	for code, n := range r.others {
		others[code] = n
	}
	r.mu.Unlock()
	for code, n := range others {
		send(code, n, false)
	}

	counts, sum := r.histogram.totals()
	var total uint64
	buckets := make(map[float64]uint64, len(c.buckets))
	for b, bound := range c.buckets {
		total += counts[b]
		buckets[bound] = total // cumulative, as Prometheus keeps them
	}
	total += counts[len(c.buckets)]
	if total > 0 || known {
		ch <- prometheus.MustNewConstHistogram(c.duration, total, sum.Seconds(), buckets, r.name)
	}
}
