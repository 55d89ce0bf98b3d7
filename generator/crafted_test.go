package generator

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// craftedBodies are bodies under the 1 MB size limit crafted to make a Markdown
// converter, a search index or the site's lists do work out of proportion to their
// size: each once took from ten seconds to hours to build.
func craftedBodies() map[string]string {
	const size = 1<<20 - 512 // the front matter fits beside it under the limit
	rep := func(s string) string { return strings.Repeat(s, size/len(s)) }
	growing := func(unit func(i int) string) string {
		var b strings.Builder
		for i := 1; b.Len() < size-200; i++ {
			u := unit(i)
			if b.Len()+len(u) > size {
				break
			}
			b.WriteString(u)
		}
		return b.String()
	}
	return map[string]string{
		"www":                rep("www."),
		"urls and www":       rep("http://a.b/ www.x.com "),
		"definitions":        rep("[a]: http://x\n[a]\n"),
		"open links":         rep("[a]("),
		"emphasis":           rep("*a_"),
		"strikethrough":      rep("~a*"),
		"tilde run":          "a" + rep("~"),
		"definition lines":   rep("[a]: b\n"),
		"marks after blocks": strings.Repeat("#\n", (size-40010)/2) + strings.Repeat("x *a", 10001) + "\n",
		"brackets":           rep("["),
		"nested brackets":    strings.Repeat("[", size/2) + strings.Repeat("]", size/2),
		"closed brackets":    rep("[a]"),
		"images":             rep("!["),
		"emphasis runs":      rep("* a "),
		"code spans":         growing(func(i int) string { return strings.Repeat("`", i) + "a" }),
		"comments":           rep("<!--"),
		"angle destinations": rep("[a](<"),
		"titles":             rep("[a](b '"),
		"references":         rep("[a][b]"),
		"footnotes":          rep("[^a]"),
		"footnote notes":     rep("[^a]: "),
		"quotes":             rep(">"),
		"quoted lines":       rep(strings.Repeat("> ", 99) + "x\n"),
		"ordered lists":      rep("1. "),
		"deep lists":         growing(func(i int) string { return strings.Repeat("  ", i) + "- x\n" }),
		"long table":         "| a | b |\n|---|---|\n" + rep("| x | y |\n"),
		"wide table":         "|" + strings.Repeat(" a |", size/16) + "\n|" + strings.Repeat("---|", size/16) + "\n" + strings.Repeat("|x\n", 1000),
		"emails":             rep("a@"),
		"address words":      rep("a.b-c@d"),
		"one long url word":  rep("http:"),
		"urls in one line":   rep(" http://a.bc"),
		"urls on lines":      rep("http://a.bc\n"),
		"urls after a '['":   "[" + rep(" www.a.bc"),
		"urls after marks":   rep(" x*http://a.bc_"),
		"signs among code":   rep("`x`@"),
		"table of addresses": "|" + strings.Repeat("www.a|", size/8) + "\n|" + strings.Repeat("-|", size/8) + "\n",
		"lines":              rep("a\n"),
		"look-alike words":   growing(func(i int) string { return "abcdefgh" + strings.Repeat("m", i%50) + "stuvwxyz " }),
	}
}

// TestCraftedBodiesBounded builds each crafted body, as the one body of a backlog: each
// builds or is refused within 2 s of processor time, and what build refuses, check
// refuses first, with the same finding.
func TestCraftedBodiesBounded(t *testing.T) {
	for name, body := range craftedBodies() {
		t.Run(name, func(t *testing.T) {
			content := filepath.Join(t.TempDir(), "content")
			os.MkdirAll(filepath.Join(content, "items"), 0o755)
			os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte("title: Crafted\n"), 0o644)
			os.WriteFile(filepath.Join(content, "order.yaml"), []byte("- crafted\n"), 0o644)
			item := "---\ntitle: Crafted\nstatus: ready\n---\n" + body
			if err := os.WriteFile(filepath.Join(content, "items", "crafted.md"), []byte(item), 0o644); err != nil {
				t.Fatal(err)
			}
			start := cpuTime()
			checked, checkErr := Check(Options{ContentDir: content, NoHistory: true})
			checkTime := cpuTime() - start
			start = cpuTime()
			built, buildErr := Build(Options{ContentDir: content, OutDir: filepath.Join(t.TempDir(), "public"), NoHistory: true})
			buildTime := cpuTime() - start
			if checkTime > 2*time.Second || buildTime > 2*time.Second {
				t.Errorf("check took %v, build %v of processor time (budget 2s each)", checkTime, buildTime)
			}
			if checkErr != nil && !errors.Is(checkErr, ErrContent) || buildErr != nil && !errors.Is(buildErr, ErrContent) {
				t.Fatalf("check: %v; build: %v", checkErr, buildErr)
			}
			if checked.HasErrors() != built.HasErrors() {
				t.Fatalf("check found %v, build %v", checked, built)
			}
			if built.HasErrors() {
				first := func(fs model.Findings) string {
					for _, f := range fs {
						if f.Severity == model.Error {
							return f.Pos.String() + ": " + f.Message
						}
					}
					return ""
				}
				if first(checked) != first(built) {
					t.Errorf("check's error %q, build's %q", first(checked), first(built))
				}
				t.Logf("refused: %s", first(built))
			}
		})
	}
}
