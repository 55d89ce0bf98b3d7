package render

import (
	"os"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/benchdata"
	"github.com/backlogtool/backlog/generator/load"
)

// BenchmarkSearchWords reduces every body of the synthetic backlog to its search words.
func BenchmarkSearchWords(b *testing.B) {
	bl, _ := load.Load(os.DirFS(benchdata.Content(b, 1000, 0)))
	var size int
	for _, it := range bl.Items {
		size += len(it.Body)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		var ws wordScanner
		for _, it := range bl.Items {
			ws.words(it.Body)
		}
	}
}
