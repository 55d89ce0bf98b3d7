//go:build !unix

package generator

import "time"

var processStart = time.Now()

// cpuTime is, where processor time is not at hand, the time since the tests started.
func cpuTime() time.Duration { return time.Since(processStart) }
