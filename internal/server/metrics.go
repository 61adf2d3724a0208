package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/strata-health/strata/internal/render"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	// routes are the series of the snapshot's route patterns, looked up once so
	// that recording a page request allocates nothing.
	routes   map[string]routeSeries
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	buildSec prometheus.Gauge
	size     prometheus.Gauge
	pages    prometheus.Gauge
	version  *prometheus.GaugeVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "strata_http_requests_total", Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "strata_http_request_duration_seconds", Help: "Time to answer HTTP requests, by route pattern.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}, []string{"route"}),
		buildSec: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "strata_snapshot_build_seconds", Help: "Time taken to build the snapshot being served.",
		}),
		size: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "strata_snapshot_bytes", Help: "Bytes held by the snapshot being served, all encodings.",
		}),
		pages: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "strata_snapshot_resources", Help: "URLs in the snapshot being served.",
		}),
		version: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "strata_content_info", Help: "Always 1; the version label is a hash of the content being served.",
		}, []string{"version"}),
	}
	m.registry.MustRegister(m.requests, m.duration, m.buildSec, m.size, m.pages, m.version,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.routes = map[string]routeSeries{}
	for _, route := range snapshotRoutes {
		m.routes[route] = routeSeries{
			ok:          m.requests.WithLabelValues(route, "200"),
			notModified: m.requests.WithLabelValues(route, "304"),
			duration:    m.duration.WithLabelValues(route),
		}
	}
	return m
}

// routeSeries are one route's request counters (200 and 304) and latency histogram.
type routeSeries struct {
	ok, notModified prometheus.Counter
	duration        prometheus.Observer
}

// observe records a request the router did not see (see Server.serveSnapshot).
func (m *metrics) observe(route string, status int, elapsed time.Duration) {
	rs, ok := m.routes[route]
	if !ok || (status != http.StatusOK && status != http.StatusNotModified) {
		m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(route).Observe(elapsed.Seconds())
		return
	}
	if status == http.StatusOK {
		rs.ok.Inc()
	} else {
		rs.notModified.Inc()
	}
	rs.duration.Observe(elapsed.Seconds())
}

// observeSnapshot records the figures of the snapshot now served.
func (m *metrics) observeSnapshot(s *render.Snapshot) {
	m.size.Set(float64(s.Size()))
	m.pages.Set(float64(s.Len()))
	m.version.Reset()
	m.version.WithLabelValues(s.Version()).Set(1)
}

// instrument counts requests and their latency by chi route pattern.
func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
		}
		next.ServeHTTP(sw, r)
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
