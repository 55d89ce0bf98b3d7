package pool

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	seen := make([]int32, 1000)
	if err := Each(len(seen), func(i int) error { atomic.AddInt32(&seen[i], 1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i, n := range seen {
		if n != 1 {
			t.Fatalf("input %d handled %d times", i, n)
		}
	}
	var calls atomic.Int32
	boom := errors.New("boom")
	if err := Each(1000, func(i int) error { calls.Add(1); return boom }); err != boom || calls.Load() > 8 {
		t.Errorf("err %v after %d calls", err, calls.Load())
	}
	if err := Each(0, func(int) error { t.Fatal("called"); return nil }); err != nil {
		t.Error(err)
	}
}
