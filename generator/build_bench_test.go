package generator

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/order"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/generator/validate"
	"github.com/backlogtool/backlog/templates"
)

// corpus returns the content folder of a synthetic backlog of n items made by
// ../shared/bench/synth.py, generating it once into the temporary folder.
func corpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("backlog-bench-%d", n))
	content := filepath.Join(dir, "content")
	if _, err := os.Stat(filepath.Join(content, "order.yaml")); err == nil {
		return content
	}
	synth := filepath.Join("..", "..", "shared", "bench", "synth.py")
	if _, err := os.Stat(synth); err != nil {
		b.Skipf("no corpus generator at %s", synth)
	}
	os.RemoveAll(dir)
	if out, err := exec.Command("python3", synth, "--items", fmt.Sprint(n), "--out", dir).CombinedOutput(); err != nil {
		b.Fatalf("synth.py: %v\n%s", err, out)
	}
	return content
}

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

// benchSizes are 1,000 items, and 10,000 unless -short (as CI runs the benchmarks).
func benchSizes() []int {
	if testing.Short() {
		return []int{1000}
	}
	return []int{1000, 10000}
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			opts := Options{ContentDir: corpus(b, n), OutDir: benchOut(b)}
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
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			opts := Options{ContentDir: corpus(b, n)}
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
	for _, n := range benchSizes() {
		content := corpus(b, n)
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
