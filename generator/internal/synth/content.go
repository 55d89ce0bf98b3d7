package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Text is the item's file; see text.
func (it *Item) Text() string { return it.text(len(it.path)-1, true) }

// text is the item's file as it was at a point of its history: with the status of
// level in its path, and without its last section when full is false (before the edit
// that added it).
func (it *Item) text(level int, full bool) string {
	var b strings.Builder
	b.WriteString("---\ntitle: " + yamlScalar(it.Title) + "\nstatus: " + it.path[level] + "\n")
	if it.Type != "" {
		b.WriteString("type: " + it.Type + "\n")
	}
	if it.Release != "" {
		b.WriteString("release: \"" + it.Release + "\"\n")
	}
	if it.Goal != "" {
		b.WriteString("goal: " + it.Goal + "\n")
	}
	if it.Estimate != 0 {
		fmt.Fprintf(&b, "estimate: %d\n", it.Estimate)
	}
	if it.Value != 0 {
		fmt.Fprintf(&b, "value: %d\n", it.Value)
	}
	if it.Owner != "" {
		b.WriteString("owner: " + it.Owner + "\n")
	}
	if len(it.Labels) > 0 {
		b.WriteString("labels: [" + strings.Join(it.Labels, ", ") + "]\n")
	}
	if len(it.DependsOn) > 0 {
		b.WriteString("depends_on: [" + strings.Join(it.DependsOn, ", ") + "]\n")
	}
	b.WriteString("---\n")
	secs := it.sections
	if !full && len(secs) >= 2 {
		secs = secs[:len(secs)-1]
	}
	for _, s := range secs {
		b.WriteString(s)
	}
	return b.String()
}

var plainScalar = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 ,.()/'-]*$`)

// yamlScalar is s as a YAML scalar: plain when that cannot be misread, double-quoted
// otherwise.
func yamlScalar(s string) string {
	switch strings.ToLower(s) {
	case "yes", "no", "true", "false", "on", "off", "null", "y", "n":
	default:
		if plainScalar.MatchString(s) && !strings.HasSuffix(s, " ") {
			return s
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// BacklogYAML is the corpus's backlog.yaml: the statuses, releases, goals and owners.
func BacklogYAML() string {
	var b strings.Builder
	b.WriteString("title: Acme Platform Backlog\n" +
		"description: Everything the platform team may build, in the order the Product Owner set.\n" +
		"base_url: https://backlog.example.com/\n" +
		"repo_url: https://git.example.com/acme/platform\n" +
		"branch: main\n" +
		"statuses:\n")
	categories := map[string]string{"proposed": "todo", "ready": "todo", "in-progress": "doing", "done": "done", "dropped": "dropped"}
	for _, s := range statuses {
		fmt.Fprintf(&b, "  - id: %s\n    title: %s\n    category: %s\n", s, capitalize(strings.ReplaceAll(s, "-", " ")), categories[s])
	}
	b.WriteString("releases:\n")
	for _, r := range releases {
		fmt.Fprintf(&b, "  - name: %q\n    date: %s\n    description: Release %s.\n", r.name, r.date, r.name)
	}
	b.WriteString("goals:\n")
	for _, g := range goals {
		fmt.Fprintf(&b, "  - id: %s\n    title: %s\n", g.id, g.title)
	}
	fmt.Fprintf(&b, "owners:\n  order: [%s@example.com]\n  roadmap: [%s@example.com]\n", productOwner.handle, owners[0].handle)
	return b.String()
}

// orderYAML is order.yaml listing ids.
func orderYAML(ids []string) string {
	var b strings.Builder
	b.WriteString("# Owned by the Product Owner. Top is most important.\n")
	for _, id := range ids {
		b.WriteString("- " + id + "\n")
	}
	return b.String()
}

// OrderYAML is the corpus's order.yaml.
func (c *Corpus) OrderYAML() string { return orderYAML(c.Order) }

// WriteContent writes the corpus into dir/content, which must not exist yet.
func (c *Corpus) WriteContent(dir string) error {
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(filepath.Join(content, "items"), 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"backlog.yaml": BacklogYAML(),
		"order.yaml":   c.OrderYAML(),
	}
	for _, it := range c.Items {
		files[filepath.Join("items", it.ID+".md")] = it.Text()
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
