package load

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// readBoard reads a kanbn-style index (board: in backlog.yaml): each "## " heading is a
// column, and each list entry under it that links to a Markdown file, or names a task
// by its id, places that file in the column. It returns the column of each file, by its
// path in the content folder.
func readBoard(fsys fs.FS, name string, findings *model.Findings) map[string]string {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		findings.Errorf(model.Pos{File: SettingsFile}, "board: cannot read %s: %v", name, cleanErr(err))
		return nil
	}
	return ReadBoard(name, data, findings)
}

// ReadBoard reads a version of the board file name (its path in the content folder), as
// Load does: the column of each item file it lists, by path. It is nil when the file
// cannot be read as text; history reads each committed version with it.
func ReadBoard(name string, data []byte, findings *model.Findings) map[string]string {
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
// item files listed under each (by a link to the file, or by the task's id alone),
// relative to the index, for Load and init.
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
		if column == "" || !(strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "* ")) {
			continue
		}
		open, end := strings.Index(l, "]("), strings.LastIndexByte(l, ')')
		if open < 0 || end < open {
			// kanbn reads a list entry's text as a task's id, which is its file's name in
			// tasks/: "- task-1" lists tasks/task-1.md as a link to it would.
			if id := strings.TrimSpace(l[2:]); isBareID(id) {
				files[column] = append(files[column], "tasks/"+id+".md")
			}
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

// isBareID reports whether a list entry's text can be a kanbn task's id, a file name in
// tasks/: text without the characters that would make it a path, a link or other
// Markdown.
func isBareID(text string) bool {
	if text == "" || text == "." || text == ".." || len(text) > 255 {
		return false
	}
	return !strings.ContainsFunc(text, func(r rune) bool {
		return r < ' ' || r == 0x7f || strings.ContainsRune("/\\[]()<>`*", r)
	})
}

// notOnBoard says how to put an item the board does not list on it: a line linking its
// file, as kanbn writes them, under a column of the board file.
func notOnBoard(it *model.Item, s *model.Settings) string {
	target := it.Path
	if dir := path.Dir(s.Board); dir != "." {
		if rel, ok := strings.CutPrefix(it.Path, dir+"/"); ok {
			target = rel
		}
	}
	column := "a column"
	if first := firstTodo(s.Statuses); first != "" {
		column = strconv.Quote("## " + first)
	}
	if strings.ContainsAny(target, " ()<>") {
		target = "<" + target + ">" // a Markdown link destination with spaces
	}
	return fmt.Sprintf("%s lists it in no column: add a line \"- [%s](%s)\" under %s of %s", s.Board, it.ID, target, column, s.Board)
}
