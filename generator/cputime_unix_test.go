//go:build unix

package generator

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the test process has used: the machine tests run on
// may be shared, so wall time would measure the neighbours too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
