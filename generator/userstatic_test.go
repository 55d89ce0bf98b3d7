package generator

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

// What build would refuse of the content folder's static/ folder, check reports too:
// the same findings, at the same files, and build reports them before it writes anything.
func TestStaticFolderRefusedByCheckAndBuild(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "hostname")
	os.WriteFile(outside, []byte("host\n"), 0o644)
	write := func(p string) func(t *testing.T, static string) {
		return func(t *testing.T, static string) {
			p := filepath.Join(static, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("x"), 0o644)
		}
	}
	symlink := func(target, name string) func(t *testing.T, static string) {
		return func(t *testing.T, static string) {
			if err := os.Symlink(target, filepath.Join(static, name)); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		}
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, static string)
		file  string // of the finding, in static/; "" for none
		msg   string
	}{
		{"harmless file", write("logo.png"), "", ""},
		{"harmless file in a folder", write("img/items.png"), "", ""},
		{"harmless hidden file", write(".nojekyll"), "", ""},
		{"link to a file inside the content folder", func(t *testing.T, static string) {
			write("img/logo.png")(t, static)
			symlink("img/logo.png", "logo.png")(t, static)
		}, "", ""},
		{"clashing file", write("index.html"), "index.html",
			"the site writes index.html itself: rename or remove this file"},
		{"clashing marker", write(".backlog-site"), ".backlog-site",
			"the site writes .backlog-site itself: rename or remove this file"},
		{"clashing folder", write("items/x.png"), "items",
			"the site writes items itself: rename or remove this folder"},
		{"link out of the content folder", symlink(outside, "host.txt"), "host.txt",
			`a symbolic link to "` + outside + `", outside the content folder or to nothing, which the build does not follow: copy the file in instead`},
		{"link to nothing", symlink("gone.txt", "host.txt"), "host.txt",
			`a symbolic link to "gone.txt", outside the content folder or to nothing, which the build does not follow: copy the file in instead`},
		{"link to a folder", func(t *testing.T, static string) {
			write("img/logo.png")(t, static)
			symlink("img", "pictures")(t, static)
		}, "pictures", `a symbolic link to the folder "img", which the build does not follow: copy the files in instead`},
		{"named pipe", func(t *testing.T, static string) { mkfifo(t, filepath.Join(static, "pipe")) }, "pipe",
			"not a regular file (a named pipe, a device or a socket): the static folder holds files to publish as they are; remove it"},
		{"file over the total size limit", func(t *testing.T, static string) {
			os.WriteFile(filepath.Join(static, "..", "backlog.yaml"), []byte("title: Limits\nlimits:\n  total_size: 1MB\n"), 0o644)
			f, _ := os.Create(filepath.Join(static, "big.bin"))
			f.Truncate(2 << 20) // sparse
			f.Close()
		}, "big.bin", "the file is 2MB, over the total size limit of 1MB (limits.total_size in backlog.yaml): make it smaller, or raise the limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newContent(t)
			static := filepath.Join(dir, "static")
			os.MkdirAll(static, 0o755)
			tc.setup(t, static)
			var want model.Findings
			if tc.file != "" {
				want.Errorf(model.Pos{File: filepath.ToSlash(filepath.Join(dir, "static", tc.file))}, "%s", tc.msg)
			}

			checked, err := Check(Options{ContentDir: dir})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(checked, want) {
				t.Errorf("check:\n got %v\nwant %v", checked, want)
			}

			parent := t.TempDir()
			out := filepath.Join(parent, "public")
			built, err := Build(Options{ContentDir: dir, OutDir: out, NoHistory: true})
			if !slices.Equal(built, checked) {
				t.Errorf("build reports other findings than check:\nbuild %v\ncheck %v", built, checked)
			}
			if tc.file == "" {
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				// Every file of the folder, or what its link leads to, is in the site.
				filepath.WalkDir(static, func(p string, d os.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					rel, _ := filepath.Rel(static, p)
					if got, err := os.ReadFile(filepath.Join(out, rel)); err != nil || string(got) != "x" {
						t.Errorf("%s in the site: %q, %v", rel, got, err)
					}
					return nil
				})
				return
			}
			if err != ErrContent {
				t.Errorf("build: %v, want ErrContent", err)
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if e.Name() != ".public.lock" {
					t.Errorf("a refused build wrote %s", e.Name())
				}
			}
		})
	}
}
