//go:build linux

package render

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time (user and system) of the calling OS thread: a
// benchmark locked to its thread measures its own work, not the machine's load.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
