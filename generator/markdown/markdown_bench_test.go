package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/internal/benchdata"
)

// BenchmarkConvert converts the bodies of a synthetic backlog, with the site's
// conversion (goldmark's parts with the bounds of bounds.go) and with stock (the same
// parts without the bounds), in the same run; it reports the ratio, what the bounds cost.
func BenchmarkConvert(b *testing.B) {
	for _, n := range benchdata.Sizes()[:1] {
		files, _ := filepath.Glob(filepath.Join(benchdata.Content(b, n, 0), "items", "*.md"))
		var docs []Doc
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			_, body, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("---\n")), []byte("\n---\n"))
			docs = append(docs, Doc{Path: "items/" + filepath.Base(f), Body: body, BodyLine: 1, MaxDepth: 100})
		}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			c := New()
			var buf bytes.Buffer
			var site, reference float64
			for b.Loop() {
				site += timed(func() {
					for _, d := range docs {
						buf.Reset()
						c.Convert(&buf, d)
					}
				})
				reference += timed(func() {
					for _, d := range docs {
						buf.Reset()
						stockConvert(&buf, d)
					}
				})
			}
			b.ReportMetric(site/reference, "site/stock")
		})
	}
}

func timed(f func()) float64 {
	start := time.Now()
	f()
	return time.Since(start).Seconds()
}
