package edit

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// NewItem is what a new item file starts with.
type NewItem struct {
	Title   string
	Status  string
	Type    string
	Release string
	Labels  []string
}

// Bytes writes the item file: valid front matter and a body that says what to write.
func (n NewItem) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	field := func(key string, v any) {
		out, _ := yaml.Marshal(map[string]any{key: v})
		b.Write(out)
	}
	field("title", n.Title)
	field("status", n.Status)
	if n.Type != "" {
		field("type", n.Type)
	}
	if n.Release != "" {
		b.WriteString("release: " + quote(n.Release) + "\n")
	}
	if len(n.Labels) > 0 {
		quoted := make([]string, len(n.Labels))
		for i, l := range n.Labels {
			quoted[i] = quote(l)
		}
		b.WriteString("labels: [" + strings.Join(quoted, ", ") + "]\n")
	}
	b.WriteString("---\nDescribe the problem and who has it, then what done looks like.\n")
	return b.Bytes()
}

// quote writes a string as a double-quoted YAML scalar, so "2027.1" stays a string.
func quote(s string) string {
	out, _ := yaml.Marshal(s)
	t := strings.TrimSpace(string(out))
	if strings.HasPrefix(t, `"`) || strings.HasPrefix(t, `'`) {
		return t
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
