package server

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/requestmetrics"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	// routes are the series of the snapshot's route patterns, looked up once so
	// that recording a page request allocates nothing.
	routes   map[string]*requestmetrics.Route
	registry *prometheus.Registry
	requests *requestmetrics.Collector
	buildSec prometheus.Gauge
	size     prometheus.Gauge
	pages    prometheus.Gauge
	version  *prometheus.GaugeVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: requestmetrics.New(requestmetrics.Opts{
			RequestsName: "strata_http_requests_total", RequestsHelp: "HTTP requests by route pattern and status code.",
			DurationName: "strata_http_request_duration_seconds", DurationHelp: "Time to answer HTTP requests, by route pattern.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, 1},
		}),
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
	m.registry.MustRegister(m.requests, m.buildSec, m.size, m.pages, m.version,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.routes = map[string]*requestmetrics.Route{}
	for _, route := range snapshotRoutes {
		m.routes[route] = m.requests.Route(route)
	}
	return m
}

// observe records a request the router did not see (see Server.serveSnapshot).
func (m *metrics) observe(route string, status int, elapsed time.Duration) {
	if rs, ok := m.routes[route]; ok {
		rs.Observe(status, elapsed)
		return
	}
	m.requests.Observe(route, status, elapsed)
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
		m.requests.Observe(route, status, time.Since(start))
	})
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}
