package server

import (
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/strata-health/strata/internal/render"
)

// Complete adds to snap, served since its pages were rendered, what could wait:
// the compressed variants (when compress is set: not worth their time in the live
// preview) and the search index; /search answers 503 until then. Each step
// replaces the snapshot only if snap is still the one served, so that it never
// undoes a newer build. Then the garbage of the build goes back to the system.
// The steps are logged to logger.
func (s *Server) Complete(snap *render.Snapshot, compress bool, logger *slog.Logger) {
	start := time.Now()
	if compress {
		next := snap.Compressed()
		if !s.Replace(snap, next) {
			return
		}
		snap = next
		logger.Info("pages compressed", "bytes", snap.Size(), "duration", time.Since(start).Round(time.Millisecond))
	}
	ix, err := render.SearchIndex(snap)
	if err != nil {
		logger.Error("the search index could not be built; /search answers 503", "error", err)
		return
	}
	if !s.Replace(snap, snap.WithSearch(ix)) {
		_ = ix.Close()
		return
	}
	logger.Info("search ready", "duration", time.Since(start).Round(time.Millisecond))
	debug.FreeOSMemory()
}
