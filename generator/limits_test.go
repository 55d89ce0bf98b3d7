package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	os.MkdirAll(filepath.Join(dir, "items"), 0o755)
	os.WriteFile(filepath.Join(dir, "backlog.yaml"), []byte("title: Limits\n"), 0o644)
	return dir
}

func TestHugeItemRefusedWithoutReading(t *testing.T) {
	dir := newContent(t)
	big := filepath.Join(dir, "items", "big.md")
	f, _ := os.Create(big)
	f.Truncate(50 << 20) // sparse: refusing it must not read 50 MB
	f.Close()
	findings, err := Check(Options{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || !strings.Contains(findings[0].Message, "file is 50MB, over the item size limit of 1MB") {
		t.Errorf("findings: %v", findings)
	}
}

func TestOrderNamingManyMissingItems(t *testing.T) {
	dir := newContent(t)
	var sb strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&sb, "- ghost-%d\n", i)
	}
	os.WriteFile(filepath.Join(dir, "order.yaml"), []byte(sb.String()), 0o644)
	findings, err := Check(Options{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 100000 || findings[0].Pos.Line != 1 || !strings.Contains(findings[0].Message, `"ghost-0" is not an item`) {
		t.Errorf("%d findings, first %v", len(findings), findings[0])
	}
}

func TestTenThousandItemsInOneFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	dir := newContent(t)
	for i := range 10000 {
		os.WriteFile(filepath.Join(dir, "items", fmt.Sprintf("item-%05d.md", i)), fmt.Appendf(nil, "---\ntitle: Item %d\nstatus: proposed\n---\nBody %d.\n", i, i), 0o644)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{ContentDir: dir, OutDir: out, NoHistory: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "items", "item-09999", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestDeeplyNestedListsBounded(t *testing.T) {
	dir := newContent(t)
	var sb strings.Builder
	sb.WriteString("---\ntitle: Deep\nstatus: ready\n---\n")
	// Lists in quotes in lists, 5,000 levels on one line: "- > - > ... x".
	sb.WriteString(strings.Repeat("- > ", 2500) + "x\n")
	os.WriteFile(filepath.Join(dir, "items", "deep.md"), []byte(sb.String()), 0o644)
	findings, err := Check(Options{ContentDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !findings.HasErrors() || !strings.Contains(findings[0].Message, "nested more than 100 levels") {
		t.Errorf("findings: %v", findings)
	}
}
