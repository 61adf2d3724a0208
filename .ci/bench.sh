#!/usr/bin/env bash
# Benchmarks for Strata (issue 9): the hot paths with go test -bench, then the
# side-by-side harness (start-up, memory, serving against nginx and the fair
# ceiling, net/http with the same headers; static build against Hugo). Pass
# -quick for a short run; other arguments go to strata-bench run
# (go run ./cmd/strata-bench run -h lists them).
#
# Needs, for the comparisons (each is skipped with a note when missing):
#   apt-get install nginx libnginx-mod-http-brotli-static wrk
#   go install github.com/gohugoio/hugo@v0.165.0
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=go1.26.10

echo "== go test -bench (hot paths)"
go test -run '^$' -benchmem -bench 'RenderSeed|RenderTier' ./internal/markdown
go test -run '^$' -benchmem -bench 'Find|NewMatcher' ./internal/glossary
go test -run '^$' -benchmem -benchtime 3x -bench 'Build|Load' ./internal/render
go test -run '^$' -benchmem -benchtime 10x -cpu 1 -bench 'Compress/.*/(new|reused)$' ./internal/render
go test -run '^$' -benchmem -bench 'Serve|Handler|Middleware' ./internal/server

echo "== strata-bench run $*"
go run ./cmd/strata-bench run "$@"
