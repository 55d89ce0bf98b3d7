package generator

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

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

// BenchmarkHistory measures the targets for history, each against its baseline in the
// same loop, so that both see the same machine: a cold build with history against
// `git log --raw --no-renames` over the repository (cold/gitlog), and a build with a warm
// history cache against a build without history (warm/none). The 10,000-item
// repository needs BACKLOG_BENCH_LARGE=1: git fast-import takes minutes to write it.
func BenchmarkHistory(b *testing.B) {
	sizes := []struct{ items, commits int }{{1000, 2000}}
	if os.Getenv("BACKLOG_BENCH_LARGE") != "" {
		sizes = append(sizes, struct{ items, commits int }{10000, 20000})
	}
	timed := func(b *testing.B, f func() error) time.Duration {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	for _, size := range sizes {
		content := benchdata.Content(b, size.items, size.commits)
		name := fmt.Sprintf("items=%d/commits=%d", size.items, size.commits)
		b.Run("cold/"+name, func(b *testing.B) {
			if _, err := exec.LookPath("git"); err != nil {
				b.Skip("git is not installed")
			}
			out := benchOut(b)
			var build, gitlog time.Duration
			for b.Loop() {
				opts := Options{ContentDir: content, OutDir: out, HistoryCache: b.TempDir()}
				build += timed(b, func() error { _, err := Build(opts); return err })
				gitlog += timed(b, exec.Command("git", "-C", content, "log", "--raw", "--no-renames").Run)
			}
			b.ReportMetric(build.Seconds()/float64(b.N), "s-build")
			b.ReportMetric(gitlog.Seconds()/float64(b.N), "s-gitlog")
			b.ReportMetric(build.Seconds()/gitlog.Seconds(), "build/gitlog")
		})
		b.Run("warm/"+name, func(b *testing.B) {
			out, cache := benchOut(b), b.TempDir()
			withHistory := Options{ContentDir: content, OutDir: out, HistoryCache: cache}
			none := Options{ContentDir: content, OutDir: out, NoHistory: true}
			if _, err := Build(withHistory); err != nil { // fills the cache
				b.Fatal(err)
			}
			var warm, without time.Duration
			for b.Loop() {
				warm += timed(b, func() error { _, err := Build(withHistory); return err })
				without += timed(b, func() error { _, err := Build(none); return err })
			}
			b.ReportMetric(warm.Seconds()/float64(b.N), "s-warm")
			b.ReportMetric(without.Seconds()/float64(b.N), "s-none")
			b.ReportMetric(warm.Seconds()/without.Seconds(), "warm/none")
		})
	}
}
