package load

import (
	"fmt"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

var simpleYAMLSeeds = []string{
	"title: \"404 on refresh in the admin console\"\nstatus: done\ntype: bug\ngoal: faster-onboarding\nestimate: 1\nowner: hiro\n",
	"title: Offline mode\nstatus: in-progress\nrelease: \"2026.1\"\nlabels: [i18n, quick-win]\ndepends_on: [sync-engine]\nvalue: 10\n",
	"labels: []\n",
	"owner: Ada Lovelace\nversion: v1.2/a_b\n",
	// Read by yaml.v3 instead:
	"status: true\n", "a: null\n", "a: 08\n", "a: 1.5\n", "a: 2026-01-02\n", "a: yes\n", "a: x # note\n",
	"a: \"x\\ty\"\n", "a: [a,b]\n", "a: [a, ]\n", "a: [ a ]\n", "a: b \n", "a:\n  - b\n", "a: b\n\nc: d\n",
	"a: 'b'\n", "a: \"\n", "a: [\n", "a: b: c\n", "a: 99999999999999999999\n", "a: -1\n", "a: \"é\"\n",
	"a: b\na: c\n", "true: x\n", "a: [true]\n", "a:  two  spaces\n", "a: b", "\n", " a: b\n",
}

// FuzzSimpleYAML holds simpleYAML to yaml.v3: whatever it reads must be read by yaml.v3
// into the same tree. One scratch serves every input, as one serves many items.
func FuzzSimpleYAML(f *testing.F) {
	for _, s := range simpleYAMLSeeds {
		f.Add(s)
	}
	scratch := new(yamlScratch)
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := simpleYAML([]byte(s), scratch)
		if !ok {
			return
		}
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(s), &root); err != nil {
			t.Fatalf("simpleYAML read %q, which yaml.v3 refuses: %v", s, err)
		}
		if len(root.Content) != 1 || !reflect.DeepEqual(root.Content[0], got) {
			t.Fatalf("simpleYAML(%q) differs from yaml.v3:\n got %s\nwant %s", s, dump(got), dump(root.Content[0]))
		}
	})
}

// The fast path must take the front matter most items are written in.
func TestSimpleYAMLReadsCommonFrontMatter(t *testing.T) {
	for _, s := range simpleYAMLSeeds[:4] {
		if _, ok := simpleYAML([]byte(s), nil); !ok {
			t.Errorf("simpleYAML left %q to yaml.v3", s)
		}
	}
}

// dump shows a node tree, a node a line.
func dump(n *yaml.Node) string {
	c := *n
	c.Content = nil
	s := fmt.Sprintf("%+v\n", c)
	for _, k := range n.Content {
		s += dump(k)
	}
	return s
}
