//go:build !unix

package search

import "time"

// cpuTime is 0 where it is not measured.
func cpuTime() time.Duration { return 0 }
