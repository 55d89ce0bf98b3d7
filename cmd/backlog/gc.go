package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// firstCollectionAt is the heap the first garbage collection waits for. The runtime
// starts collecting at 4 MiB and doubles from what it finds alive: a build of a
// thousand items goes through eight collections, a tenth of its time, to free memory
// the process would hand back at exit anyway. Larger builds collect as usual once the
// heap has grown past it, so their peak memory stays where it was.
const firstCollectionAt = 64 << 20

// deferFirstCollection holds off the garbage collector until the heap reaches limit
// bytes, then gives it back its usual pace (GOGC, 100 unless set). A memory limit with
// collection off makes the first cycle start near the limit; a cleanup on an object
// that the cycle finds unreachable restores the settings. An explicit GOGC or
// GOMEMLIMIT is the user's choice and is left alone.
func deferFirstCollection(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	runtime.AddCleanup(new([4]uintptr), func(percent int) {
		debug.SetMemoryLimit(math.MaxInt64)
		debug.SetGCPercent(percent)
	}, percent)
}
