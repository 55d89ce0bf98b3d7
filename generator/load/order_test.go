package load

import (
	"reflect"
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestParseOrder(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ids  string
		want []string
	}{
		{name: "list", in: "# ranking\n- a\n- b\n- c\n", ids: "a,b,c"},
		{name: "flow list", in: "[a, b]", ids: "a,b"},
		{name: "empty", in: "", ids: ""},
		{name: "only comments", in: "# nothing ranked yet\n", ids: ""},
		{name: "numeric id", in: "- 2024\n", ids: "2024"},
		{name: "duplicate", in: "- a\n- b\n- a\n", ids: "a,b", want: []string{`3:3: error: "a" is listed twice (first on line 1)`}},
		{name: "mapping", in: "a: 1\n", want: []string{"1:1: error: order.yaml must be a list of item ids"}},
		{name: "scalar", in: "a\n", want: []string{"1:1: error: order.yaml must be a list of item ids"}},
		{name: "nested list", in: "- a\n- [b]\n", ids: "a", want: []string{"2:3: error: order.yaml must list item ids, found a list"}},
		{name: "null entry", in: "- a\n-\n", ids: "a", want: []string{"error: order.yaml must list item ids, found nothing"}},
		{name: "bad yaml", in: "- a\n- [b\n", want: []string{"error: invalid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f model.Findings
			entries := ParseOrder("order.yaml", []byte(tt.in), &f)
			var ids []string
			for _, e := range entries {
				ids = append(ids, e.ID)
			}
			if got := strings.Join(ids, ","); got != tt.ids {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			checkFindings(t, f, tt.want)
		})
	}
}

func FuzzParseOrder(f *testing.F) {
	for _, s := range []string{"- a\n- b\n", "[a, a]", "a: b", "- &x a\n- *x\n", "", "- [a, [b]]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fs model.Findings
		entries := ParseOrder("order.yaml", data, &fs)
		seen := map[string]bool{}
		for _, e := range entries {
			if seen[e.ID] {
				t.Fatalf("%q returned twice", e.ID)
			}
			seen[e.ID] = true
		}
	})
}

// FuzzSimpleOrder holds the fast reader of order.yaml to yaml.v3: the same entries,
// positions and findings whenever it reads a file at all.
func FuzzSimpleOrder(f *testing.F) {
	for _, s := range []string{"- a\n- b\n", "# c\n\n- a # x\n- a\n", "[a, b]", "- 'a'\n", "- a:\n", "-  a\n", "- null\n", "- a #\n- b# c\n", "  - a\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = normalize(data)
		if _, _, msg := textError(data); msg != "" {
			return
		}
		var fast model.Findings
		got, ok := simpleOrder("order.yaml", data, &fast)
		if !ok {
			return
		}
		var slow model.Findings
		want := yamlOrder("order.yaml", data, &slow)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(fast, slow) {
			t.Fatalf("simpleOrder(%q) = %v %v, yaml.v3 gives %v %v", data, got, fast, want, slow)
		}
	})
}
