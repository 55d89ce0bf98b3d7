package main

import (
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// TestDeferFirstCollection allocates garbage below the limit, which must not be
// collected, then past it, after which the collector must be back at its usual pace.
func TestDeferFirstCollection(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: deferFirstCollection leaves them alone")
	}
	runtime.GC()
	gogc, limit := gcSettings()
	if gogc != 100 || limit != math.MaxInt64 {
		t.Fatalf("before: GOGC %d, limit %d; want the defaults", gogc, limit)
	}
	var start runtime.MemStats
	runtime.ReadMemStats(&start)
	deferFirstCollection(int64(start.Sys) + 48<<20)

	garbage(16 << 20)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.NumGC != start.NumGC {
		t.Fatalf("%d collections before the heap reached the limit", m.NumGC-start.NumGC)
	}
	garbage(256 << 20)
	runtime.ReadMemStats(&m)
	if m.NumGC == start.NumGC {
		t.Fatal("no collection after the heap went past the limit")
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if gogc, limit = gcSettings(); gogc == 100 && limit == math.MaxInt64 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the first collection: GOGC %d, limit %d; want the defaults back", gogc, limit)
		}
	}
}

var sink []byte

// garbage allocates n bytes in pieces that are dropped at once.
func garbage(n int) {
	for ; n > 0; n -= 64 << 10 {
		sink = make([]byte, 64<<10)
	}
	sink = nil
}

func gcSettings() (gogc int64, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}
