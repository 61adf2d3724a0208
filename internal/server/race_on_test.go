//go:build race

package server

// raceEnabled is set when the tests run under the race detector, which allocates
// on its own: allocation counts are checked only without it.
const raceEnabled = true
