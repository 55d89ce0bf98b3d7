// Command floor is the speed floor that backlog's build is measured against: the least a
// Go program must do to publish a backlog. It reads every item, splits the front matter,
// parses it with yaml.v3, renders the body with goldmark (GFM, heading ids) and writes one
// HTML file per item plus an ordered index, on two goroutines.
//
//	floor CONTENT_DIR OUT_DIR   (OUT_DIR "-" writes nothing)
package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"gopkg.in/yaml.v3"
)

type front struct {
	Title     string   `yaml:"title"`
	Status    string   `yaml:"status"`
	Type      string   `yaml:"type"`
	Release   string   `yaml:"release"`
	Goal      string   `yaml:"goal"`
	Estimate  float64  `yaml:"estimate"`
	Value     float64  `yaml:"value"`
	Owner     string   `yaml:"owner"`
	Labels    []string `yaml:"labels"`
	DependsOn []string `yaml:"depends_on"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor CONTENT_DIR OUT_DIR")
		os.Exit(2)
	}
	content, out := os.Args[1], os.Args[2]
	write := out != "-"
	entries, err := os.ReadDir(filepath.Join(content, "items"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	titles := make([]string, len(entries))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(entries) {
					return
				}
				name := entries[i].Name()
				data, err := os.ReadFile(filepath.Join(content, "items", name))
				if err != nil {
					panic(err)
				}
				fm, body, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("---\n")), []byte("\n---\n"))
				var f front
				if err := yaml.Unmarshal(fm, &f); err != nil {
					panic(fmt.Sprintf("%s: %v", name, err))
				}
				titles[i] = f.Title
				buf.Reset()
				fmt.Fprintf(&buf, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body><h1>%s</h1><dl>", html.EscapeString(f.Title), html.EscapeString(f.Title))
				fmt.Fprintf(&buf, "<dt>Status</dt><dd>%s</dd><dt>Type</dt><dd>%s</dd><dt>Release</dt><dd>%s</dd><dt>Goal</dt><dd>%s</dd><dt>Estimate</dt><dd>%g</dd><dt>Value</dt><dd>%g</dd><dt>Owner</dt><dd>%s</dd><dt>Labels</dt><dd>%s</dd><dt>Depends on</dt><dd>",
					html.EscapeString(f.Status), html.EscapeString(f.Type), html.EscapeString(f.Release), html.EscapeString(f.Goal), f.Estimate, f.Value, html.EscapeString(f.Owner), html.EscapeString(strings.Join(f.Labels, ", ")))
				for _, d := range f.DependsOn {
					fmt.Fprintf(&buf, "<a href=\"../%s/index.html\">%s</a> ", d, html.EscapeString(d))
				}
				buf.WriteString("</dd></dl>")
				if err := md.Convert(body, &buf); err != nil {
					panic(err)
				}
				buf.WriteString("</body></html>\n")
				if write {
					dir := filepath.Join(out, "items", strings.TrimSuffix(name, ".md"))
					if err := os.MkdirAll(dir, 0o755); err != nil {
						panic(err)
					}
					if err := os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644); err != nil {
						panic(err)
					}
				}
			}
		})
	}
	wg.Wait()

	orderData, err := os.ReadFile(filepath.Join(content, "order.yaml"))
	if err != nil {
		panic(err)
	}
	var order []string
	if err := yaml.Unmarshal(orderData, &order); err != nil {
		panic(err)
	}
	title := map[string]string{}
	for i, e := range entries {
		title[strings.TrimSuffix(e.Name(), ".md")] = titles[i]
	}
	var idx bytes.Buffer
	idx.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Backlog</title></head><body><ol>")
	ranked := map[string]bool{}
	for _, id := range order {
		ranked[id] = true
		fmt.Fprintf(&idx, "<li><a href=\"items/%s/index.html\">%s</a></li>", id, html.EscapeString(title[id]))
	}
	idx.WriteString("</ol><ul>")
	for _, e := range entries {
		if id := strings.TrimSuffix(e.Name(), ".md"); !ranked[id] {
			fmt.Fprintf(&idx, "<li><a href=\"items/%s/index.html\">%s</a></li>", id, html.EscapeString(title[id]))
		}
	}
	idx.WriteString("</ul></body></html>\n")
	if write {
		if err := os.WriteFile(filepath.Join(out, "index.html"), idx.Bytes(), 0o644); err != nil {
			panic(err)
		}
	}
}
