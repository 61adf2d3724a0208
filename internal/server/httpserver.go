package server

import (
	"log/slog"
	"net/http"
	"time"
)

// NewHTTPServer is the public server's http.Server for h: timeouts against slow
// clients, a bound on header size, and net/http's own errors (a failed accept,
// a panic) as lines of logger.
func NewHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		// OPTIONS * would otherwise be answered by net/http itself, without our headers.
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
}
