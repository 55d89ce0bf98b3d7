package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/benchdata"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
	"github.com/backlogtool/backlog/templates"
)

// benchOut is where benchmarks write: a tmpfs when there is one, to keep disk write-back out of the figures.
func benchOut(b *testing.B) string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "backlog-bench-out-")
		if err == nil {
			b.Cleanup(func() { os.RemoveAll(dir) })
			return filepath.Join(dir, "public")
		}
	}
	return filepath.Join(b.TempDir(), "public")
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchdata.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			opts := Options{ContentDir: benchdata.Content(b, n, 0), OutDir: benchOut(b)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range benchdata.Sizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			opts := Options{ContentDir: benchdata.Content(b, n, 0)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Check(opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}

// BenchmarkStages measures load (read and parse), render (to memory) and write (to files) apart.
func BenchmarkStages(b *testing.B) {
	for _, n := range benchdata.Sizes() {
		content := benchdata.Content(b, n, 0)
		fsys, err := ContentFS(content)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("load/items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				load.Load(fsys)
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
		bl, _ := load.Load(fsys)
		order.Rank(bl)
		validate.Backlog(bl)
		theme, err := render.LoadTheme(templates.FS, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("render/items=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := render.New(bl, theme, render.Options{}).Site(discard{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
		b.Run(fmt.Sprintf("write/items=%d", n), func(b *testing.B) {
			out := benchOut(b)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(Options{ContentDir: content, OutDir: out}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
		})
	}
}
