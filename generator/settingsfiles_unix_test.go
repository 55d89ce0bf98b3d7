//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/edit"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// within fails the test when run takes more than ten seconds: what it guards would
// otherwise wait forever.
func within(t *testing.T, what string, run func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		run()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s waits on a named pipe", what)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	os.Remove(path)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
}

// The settings and order files must be regular files of a bounded size: a named pipe in
// their place is refused at once, by check, build and rank, and a file over the limit is
// refused without being read.
func TestSettingsFilesRefused(t *testing.T) {
	for _, c := range []struct {
		name, file, message string
		make                func(t *testing.T, path string)
	}{
		{"settings pipe", "backlog.yaml", "not a regular file (a named pipe, a device or a socket): backlog.yaml must be a regular file", mkfifo},
		{"order pipe", "order.yaml", "not a regular file (a named pipe, a device or a socket): order.yaml must be a regular file", mkfifo},
		{"order folder", "order.yaml", "not a regular file (a folder): order.yaml must be a regular file", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }},
		{"large settings", "backlog.yaml", "file is 2MB, over the size limit of 1MB for backlog.yaml", func(t *testing.T, path string) { sparse(t, path, 2<<20) }},
		{"large order", "order.yaml", "file is 200MB, over the size limit of 10MB for order.yaml", func(t *testing.T, path string) { sparse(t, path, 200<<20) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := newContent(t)
			os.WriteFile(filepath.Join(dir, "items", "one.md"), []byte("---\ntitle: One\nstatus: ready\n---\n"), 0o644)
			c.make(t, filepath.Join(dir, c.file))
			want := filepath.ToSlash(filepath.Join(dir, c.file)) + ": " + c.message
			has := func(what string, findings []string) {
				t.Helper()
				for _, f := range findings {
					if f == want {
						return
					}
				}
				t.Errorf("%s: no finding %q in %q", what, want, findings)
			}
			within(t, "check", func() {
				findings, err := Check(Options{ContentDir: dir})
				if err != nil {
					t.Error(err)
				}
				has("check", texts(findings))
			})
			within(t, "build", func() {
				findings, err := Build(Options{ContentDir: dir, OutDir: filepath.Join(t.TempDir(), "public")})
				if err != ErrContent {
					t.Errorf("build: %v", err)
				}
				has("build", texts(findings))
			})
			if c.file == "order.yaml" {
				within(t, "rank", func() {
					if err := MoveItem(dir, "one", edit.Where{Top: true}); err == nil || !strings.Contains(err.Error(), c.message) {
						t.Errorf("rank: %v", err)
					}
				})
			}
		})
	}
}

// texts gives each finding as "file: message".
func texts(findings model.Findings) []string {
	var out []string
	for _, f := range findings {
		out = append(out, f.Pos.File+": "+f.Message)
	}
	return out
}

func sparse(t *testing.T, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(size) // sparse: refusing it must not read it
	f.Close()
}

// A named pipe in place of the history cache file is not read: the cache is rebuilt.
func TestCachePipeRebuilt(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	os.MkdirAll(filepath.Join(content, "items"), 0o755)
	os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte("title: Cache\n"), 0o644)
	os.WriteFile(filepath.Join(content, "items", "one.md"), []byte("---\ntitle: One\nstatus: ready\n---\n"), 0o644)
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	wt.AddWithOptions(&git.AddOptions{All: true})
	sig := &object.Signature{Name: "alice", Email: "alice@example.org", When: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("one", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	opts := Options{ContentDir: content, OutDir: filepath.Join(t.TempDir(), "public"), HistoryCache: cache}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	mkfifo(t, files[0])
	within(t, "build", func() {
		if _, err := Build(opts); err != nil {
			t.Error(err)
		}
	})
	if info, err := os.Lstat(files[0]); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the cache was not rebuilt: %v %v", info, err)
	}
	page, _ := os.ReadFile(filepath.Join(opts.OutDir, "items", "one", "index.html"))
	if !strings.Contains(string(page), "alice") {
		t.Error("the rebuilt history is not on the item's page")
	}
}

// A named pipe in the theme, as a template or a static file, is refused at once by
// check and build, as one in the content is.
func TestThemePipeRefused(t *testing.T) {
	for _, name := range []string{"_foot.html", "static/site.js"} {
		t.Run(name, func(t *testing.T) {
			dir := newContent(t)
			theme := filepath.Join(filepath.Dir(dir), "templates")
			os.MkdirAll(filepath.Join(theme, "static"), 0o755)
			mkfifo(t, filepath.Join(theme, filepath.FromSlash(name)))
			want := filepath.ToSlash(filepath.Join(theme, name)) + ": not a regular file (a named pipe, a device or a socket): a theme file must be a regular file"
			within(t, "check", func() {
				findings, err := Check(Options{ContentDir: dir})
				if err != nil || len(findings) != 1 || texts(findings)[0] != want {
					t.Errorf("check: %v %q, want %q", err, texts(findings), want)
				}
			})
			within(t, "build", func() {
				findings, err := Build(Options{ContentDir: dir, OutDir: filepath.Join(t.TempDir(), "public"), NoHistory: true})
				if err != ErrContent || len(findings) != 1 || texts(findings)[0] != want {
					t.Errorf("build: %v %q, want %q", err, texts(findings), want)
				}
			})
		})
	}
}
