package preview

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/internal/benchdata"
)

// benchCorpus copies a synthetic backlog of n items (see benchdata) into
// a fresh folder, since the benchmark edits it.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	src := benchdata.Content(b, n, 0)
	dst := b.TempDir()
	if out, err := exec.Command("cp", "-r", src, dst).CombinedOutput(); err != nil {
		b.Fatalf("cp: %v\n%s", err, out)
	}
	return filepath.Join(dst, "content")
}

// BenchmarkRebuild measures the preview's rebuild after a saved change of one item's body,
// against a full in-memory build of the same backlog in the same run, and the heap
// before and after 1,000 consecutive rebuilds.
func BenchmarkRebuild(b *testing.B) {
	for _, n := range benchdata.Sizes() {
		content := benchCorpus(b, n)
		opts := generator.Options{ContentDir: content, NoHistory: true}
		var full time.Duration
		b.Run(fmt.Sprintf("full/items=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := NewBuilder(opts); err != nil {
					b.Fatal(err)
				}
			}
			full = b.Elapsed() / time.Duration(b.N)
		})
		b.Run(fmt.Sprintf("edit/items=%d", n), func(b *testing.B) {
			builder, err := NewBuilder(opts)
			if err != nil {
				b.Fatal(err)
			}
			names, _ := filepath.Glob(filepath.Join(content, "items", "*.md"))
			slices.Sort(names)
			file := names[len(names)/2]
			rel := "items/" + filepath.Base(file)
			original, _ := os.ReadFile(file)
			edit := func(i int) time.Duration {
				os.WriteFile(file, fmt.Appendf(slices.Clone(original), "\nEdit %d.\n", i), 0o644)
				start := time.Now()
				if !builder.Update([]string{rel}) {
					b.Fatalf("edit %d did not rebuild: %v", i, builder.Findings())
				}
				return time.Since(start)
			}
			edit(-1)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var times []time.Duration
			i := 0
			for b.Loop() {
				times = append(times, edit(i))
				i++
			}
			for len(times) < 1000 {
				times = append(times, edit(i))
				i++
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			runtime.KeepAlive(builder)
			slices.Sort(times)
			median := times[len(times)/2]
			b.ReportMetric(float64(median.Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(full)/float64(median), "full/edit")
			b.ReportMetric(float64(before.HeapAlloc)/(1<<20), "MB-heap-before")
			b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "MB-heap-after-1000")
		})
	}
}
