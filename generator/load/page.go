package load

import (
	"bytes"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// ParsePage reads a free page. Its front matter is optional and may set a title;
// without one the first "# heading" is the title, or else the file name.
func ParsePage(path string, data []byte, findings *model.Findings) *model.Page {
	name := strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".md")
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" {
		findings.Errorf(model.Pos{File: path, Line: line, Col: col}, "%s", msg)
		return nil
	}
	p := &model.Page{Name: name, Path: path, Body: data, BodyLine: 1}
	if bytes.HasPrefix(data, []byte("---")) {
		front, body, bodyLine, err := SplitFrontMatter(data)
		if err != nil {
			se := err.(*SplitError)
			findings.Errorf(model.Pos{File: path, Line: se.Line, Col: se.Col}, "%s", se.Msg)
			return nil
		}
		p.Body, p.BodyLine = body, bodyLine
		d := &doc{path: path, lineBase: 1, findings: findings}
		if n, ok := d.parse(front); ok && n != nil {
			pairs, _ := d.mapping(n, "front matter")
			for _, kv := range pairs {
				if kv.key == "title" {
					p.Title, _ = d.str(kv.v, "title")
				} else {
					d.unknownField(kv.k, []string{"title"}, "a page's front matter")
				}
			}
		}
	}
	if p.Title == "" {
		p.Title = firstHeading(p.Body)
	}
	if p.Title == "" {
		p.Title = name
	}
	return p
}

// firstHeading returns the text of the first level-one ATX heading.
func firstHeading(body []byte) string {
	for line := range bytes.Lines(body) {
		if t, ok := bytes.CutPrefix(line, []byte("# ")); ok {
			return strings.TrimSpace(strings.TrimRight(string(t), "# \n"))
		}
	}
	return ""
}
