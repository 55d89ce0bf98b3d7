package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/benchdata"
	"github.com/backlogtool/backlog/generator/internal/shortcuts"
)

// TestShortcutsMatchLibraries builds content with every shortcut taken and with none
// (BACKLOG_NO_SHORTCUTS's switch), and requires the same files, byte for byte: the
// compiled templates against html/template, the front matter reader against yaml.v3,
// the skip of bodies in check against the parse. Each shortcut has its fuzz target too;
// this holds them all at once on whole sites.
func TestShortcutsMatchLibraries(t *testing.T) {
	corpora := map[string]string{
		"example":   "../content",
		"hostile":   unpacked(t, "testdata/hostile.txtar"),
		"synthetic": benchdata.Content(t, 300, 0),
	}
	for name, content := range corpora {
		t.Run(name, func(t *testing.T) {
			var sites [2]map[string][]byte
			var checks [2]string
			for i, on := range []bool{true, false} {
				restore := shortcuts.Set(on)
				found, err := Check(Options{ContentDir: content})
				checks[i] = fmt.Sprint(found, err)
				out := filepath.Join(t.TempDir(), "public")
				findings, err := Build(Options{ContentDir: content, OutDir: out, NoHistory: true})
				restore()
				if err != nil {
					if len(findings) > 5 {
						findings = findings[:5]
					}
					t.Fatalf("shortcuts %v: %v, first findings %v", on, err, findings)
				}
				sites[i] = readTree(t, out)
			}
			if checks[0] != checks[1] {
				t.Errorf("check finds, with shortcuts:\n%s\nwithout:\n%s", checks[0], checks[1])
			}
			if len(sites[0]) != len(sites[1]) {
				t.Errorf("%d files with shortcuts, %d without", len(sites[0]), len(sites[1]))
			}
			for p, want := range sites[1] {
				if got := sites[0][p]; !bytes.Equal(got, want) {
					t.Errorf("%s differs with shortcuts (%d bytes, %d without)", p, len(got), len(want))
				}
			}
		})
	}
}

// unpacked writes a txtar archive into a temporary content folder.
func unpacked(t *testing.T, archive string) string {
	dir := filepath.Join(t.TempDir(), "content")
	unpack(t, archive, dir)
	return dir
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
