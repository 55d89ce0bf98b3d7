package load

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// readBoard reads a kanbn-style index (board: in backlog.yaml): each "## " heading is a
// column, and each list entry under it that links to a Markdown file places that file
// in the column. It returns the column of each file, by its path in the content folder.
func readBoard(fsys fs.FS, name string, findings *model.Findings) map[string]string {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		findings.Errorf(model.Pos{File: SettingsFile}, "board: cannot read %s: %v", name, cleanErr(err))
		return nil
	}
	data = normalize(data)
	if line, col, msg := textError(data); msg != "" {
		findings.Errorf(model.Pos{File: name, Line: line, Col: col}, "%s", msg)
		return nil
	}
	names, files := BoardColumns(data)
	columns := map[string]string{}
	for _, column := range names {
		for _, f := range files[column] {
			file := path.Join(path.Dir(name), f)
			if _, seen := columns[file]; !seen {
				columns[file] = column
			}
		}
	}
	return columns
}

// BoardColumns reads the columns of a kanbn-style index, in their order, with the
// links to item files listed under each, for init.
func BoardColumns(data []byte) (columns []string, files map[string][]string) {
	files = map[string][]string{}
	data = normalize(data)
	if _, body, _, err := SplitFrontMatter(data); err == nil {
		data = body
	}
	column := ""
	for line := range bytes.Lines(data) {
		l := strings.TrimSpace(string(line))
		if h, ok := strings.CutPrefix(l, "## "); ok {
			column = strings.TrimSpace(h)
			columns = append(columns, column)
			continue
		}
		open, end := strings.Index(l, "]("), strings.LastIndexByte(l, ')')
		if column == "" || !(strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ")) || open < 0 || end < open {
			continue
		}
		target := strings.Trim(strings.TrimSpace(l[open+2:end]), "<>")
		if u, err := url.PathUnescape(target); err == nil {
			target = u
		}
		if strings.HasSuffix(target, ".md") {
			files[column] = append(files[column], path.Clean(target))
		}
	}
	return columns, files
}
