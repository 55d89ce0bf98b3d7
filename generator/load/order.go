package load

import (
	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

// ParseOrder reads order.yaml: a YAML list of item ids, most important first.
// An empty file is an empty ranking. Ids listed twice are reported and kept once; an
// item named twice under different names (id, file name...) is package validate's finding.
func ParseOrder(path string, data []byte, findings *model.Findings) []model.OrderEntry {
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" && msg != "empty file" {
		findings.Errorf(model.Pos{File: path, Line: line, Col: col}, "%s", msg)
		return nil
	}
	if out, ok := simpleOrder(path, data, findings); ok {
		return out
	}
	return yamlOrder(path, data, findings)
}

// yamlOrder reads order.yaml with yaml.v3, whatever its layout.
func yamlOrder(path string, data []byte, findings *model.Findings) []model.OrderEntry {
	d := &doc{path: path, findings: findings}
	n, ok := d.parse(data)
	if !ok || n == nil || isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "order.yaml must be a list of item ids, one \"- id\" per line, found %s", describe(n))
		return nil
	}
	out := make([]model.OrderEntry, 0, len(n.Content))
	first := make(map[string]int, len(n.Content))
	for _, e := range n.Content {
		if e.Kind != yaml.ScalarNode || isNull(e) {
			d.errorf(e, "order.yaml must list item ids, found %s", describe(e))
			continue
		}
		if line, dup := first[e.Value]; dup {
			d.errorf(e, "%q is listed twice (first on line %d)", e.Value, line)
			continue
		}
		first[e.Value] = e.Line
		out = append(out, model.OrderEntry{ID: e.Value, Pos: d.pos(e)})
	}
	return out
}
