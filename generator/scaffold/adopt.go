package scaffold

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

// Layout is a backlog that another tool keeps in a repository, and the settings that
// read it where it is.
type Layout struct {
	Tool    string // "Backlog.md" or "kanbn"
	Content string // the tool's folder, which becomes the content folder, slash-separated
	// Settings is a backlog.yaml that reads the tool's files in place; Order an
	// order.yaml in the order the tool keeps.
	Settings, Order []byte
}

// ContentDirs are where the commands look for a content folder when none is named:
// a new backlog's content/, then the folders of the tools Detect recognises.
var ContentDirs = []string{"content", "backlog", ".backlog", ".kanbn"}

// ContentDir is the content folder of the repository at dir when none is named: the
// first of ContentDirs that holds a backlog.yaml, else content.
func ContentDir(dir string) string {
	for _, c := range ContentDirs {
		if info, err := os.Stat(filepath.Join(dir, c, load.SettingsFile)); err == nil && info.Mode().IsRegular() {
			return c
		}
	}
	return "content"
}

// Detect recognises a Backlog.md project (backlog/config.yml beside backlog/tasks/) or
// a kanbn board (.kanbn/index.md) in dir, and works out the settings and the order
// that read it in place. It returns nil when there is neither. It reads files only.
func Detect(dir, title string) (*Layout, error) {
	for _, c := range []string{"backlog", ".backlog"} {
		config, err := os.ReadFile(filepath.Join(dir, c, "config.yml"))
		if err == nil && isDir(filepath.Join(dir, c, "tasks")) {
			return backlogMD(dir, c, config, title)
		}
	}
	if index, err := os.ReadFile(filepath.Join(dir, ".kanbn", "index.md")); err == nil {
		return kanbn(dir, index, title)
	}
	return nil, nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// backlogMD reads a Backlog.md project: its statuses from config.yml, in board order;
// its tasks in tasks/ and completed/; its order from each task's ordinal; its
// milestones, as releases, from its milestone files and the tasks' milestone fields.
func backlogMD(dir, content string, config []byte, title string) (*Layout, error) {
	var cfg struct {
		ProjectName  string   `yaml:"project_name"`
		ProjectName2 string   `yaml:"projectName"`
		Statuses     []string `yaml:"statuses"`
		TaskPrefix   string   `yaml:"task_prefix"`
	}
	if err := yaml.Unmarshal(config, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %v", path.Join(content, "config.yml"), err)
	}
	statuses := cfg.Statuses
	if len(statuses) == 0 {
		statuses = []string{"To Do", "In Progress", "Done"}
	}
	var folders []string
	for _, f := range []string{"tasks", "completed"} {
		if isDir(filepath.Join(dir, content, f)) {
			folders = append(folders, f)
		}
	}
	s := settingsHeader("Backlog.md", content, cmp.Or(cfg.ProjectName, cfg.ProjectName2, title, "Backlog"))
	s += "items: " + flowList(folders) + "\n"
	// Backlog.md reads as tasks the files named with its task prefix (task-12 - Title.md).
	prefix := strings.ToLower(cmp.Or(cfg.TaskPrefix, "task")) + "-"

	// Backlog.md ranks tasks by their ordinal; tasks without one are left unranked.
	type ranked struct {
		id      string
		ordinal float64
	}
	var order []ranked
	var used []string     // the milestones tasks name, in file order
	var notTasks []string // files of the task folders that Backlog.md does not read as tasks
	var unlisted []string // statuses tasks have that config.yml does not list
	// The fields Backlog.md writes, then any other the tasks have, in the order met.
	fields := []string{"created_date", "updated_date", "completed_date", "reporter", "parent_task_id", "parent", "subtasks", "ordinal", "references", "documentation", "acceptance_criteria"}
	settings := model.Settings{IDField: "id", Statuses: model.DefaultStatuses, Limits: model.DefaultLimits}
	for _, f := range folders {
		entries, err := os.ReadDir(filepath.Join(dir, content, f))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, content, f, e.Name()))
			if err != nil {
				return nil, err
			}
			if _, _, _, err := load.SplitFrontMatter(data); err != nil || !strings.HasPrefix(strings.ToLower(e.Name()), prefix) {
				// Backlog.md reads only files with its prefix and front matter as tasks
				// (its folders may hold a readme.md, or documents, doc-1 - Notes.md): the
				// others are left out, not taken for proposals.
				if !slices.Contains(notTasks, e.Name()) {
					notTasks = append(notTasks, e.Name())
				}
				continue
			}
			it, _ := load.ParseItem(f+"/"+e.Name(), data, &settings)
			if it == nil {
				continue
			}
			if st := strings.TrimSpace(it.Status); st != "" {
				same := func(known string) bool { return model.StatusKey(known) == model.StatusKey(st) }
				if !slices.ContainsFunc(statuses, same) && !slices.ContainsFunc(unlisted, same) {
					unlisted = append(unlisted, st)
				}
			}
			if m := strings.TrimSpace(it.Release); m != "" { // milestone, by the built-in alias
				used = append(used, m)
			}
			for _, field := range it.Fields {
				if !slices.ContainsFunc(fields, func(f string) bool { return strings.EqualFold(f, field.Key) }) {
					fields = append(fields, field.Key) // one of the project's own, known too
				}
				if strings.EqualFold(field.Key, "ordinal") {
					if n, err := strconv.ParseFloat(field.Text, 64); err == nil {
						order = append(order, ranked{it.ID, n})
					}
				}
			}
		}
	}
	s += statusList(statuses, nil, nil)
	for _, st := range unlisted {
		// A status tasks use that config.yml does not list (Completed, where the board
		// says Done) is kept as they write it, placed by its name, else todo.
		s += fmt.Sprintf("  - {id: %s, category: %s}\n", strconv.Quote(st), cmp.Or(categoryByName(st), model.Todo))
	}
	s += "# Fields Backlog.md writes, and the others the tasks have, shown on item pages as they are.\n"
	s += "fields: " + flowList(fields) + "\n"
	if len(notTasks) > 0 {
		s += "# Files of those folders that Backlog.md does not read as tasks: without its task\n# prefix, or without front matter.\n"
		s += "exclude: " + flowList(notTasks) + "\n"
	}
	releases, err := milestoneReleases(dir, content, used)
	if err != nil {
		return nil, err
	}
	s += releases
	slices.SortStableFunc(order, func(a, b ranked) int { return cmp.Compare(a.ordinal, b.ordinal) })
	ids := make([]string, len(order))
	for i, r := range order {
		ids[i] = r.id
	}
	return &Layout{Tool: "Backlog.md", Content: content, Settings: []byte(s), Order: orderFile("Backlog.md's ordinal fields", ids)}, nil
}

// kanbn reads a kanbn board: its columns from index.md, which the board keeps as the
// status of each task and, top to bottom, its order.
func kanbn(dir string, index []byte, title string) (*Layout, error) {
	var front struct {
		Started      []string `yaml:"startedColumns"`
		Completed    []string `yaml:"completedColumns"`
		CustomFields []struct {
			Name string `yaml:"name"`
		} `yaml:"customFields"`
	}
	if fm, body, _, err := load.SplitFrontMatter([]byte(strings.ReplaceAll(string(index), "\r\n", "\n"))); err == nil {
		yaml.Unmarshal(fm, &front) // a front matter kanbn cannot read leaves the defaults
		index = body
	}
	for _, l := range strings.Split(string(index), "\n") {
		if h, ok := strings.CutPrefix(l, "# "); ok && title == "" {
			title = strings.TrimSpace(h)
		}
	}
	columns, files := load.BoardColumns(index)
	if len(columns) == 0 {
		return nil, errors.New(".kanbn/index.md has no columns (\"## Column\" headings)")
	}
	s := settingsHeader("kanbn", ".kanbn", cmp.Or(title, "Backlog"))
	s += "items: [tasks]\n"
	s += "# A task's status is the column .kanbn/index.md lists it in.\n"
	s += "board: index.md\n"
	s += statusList(columns, front.Started, front.Completed)
	s += "# Fields kanbn writes, shown on item pages as they are.\n"
	fields := []string{"created", "updated", "started", "completed", "due", "postponed", "progress", "comments", "sub-tasks", "relations"}
	for _, f := range front.CustomFields { // the board's own fields (customFields in index.md)
		if name := strings.TrimSpace(f.Name); name != "" && !slices.Contains(fields, name) {
			fields = append(fields, name)
		}
	}
	s += "fields: " + flowList(fields) + "\n"
	// The order lists each task once, where the board first lists it, and only tasks
	// whose file is there: an entry naming no task would make order.yaml invalid.
	var ids []string
	for _, c := range columns {
		for _, f := range files[c] {
			folder, name := path.Split(f)
			id := strings.TrimSuffix(name, ".md")
			if folder != "tasks/" || slices.Contains(ids, id) {
				continue
			}
			if info, err := os.Stat(filepath.Join(dir, ".kanbn", filepath.FromSlash(f))); err == nil && info.Mode().IsRegular() {
				ids = append(ids, id)
			}
		}
	}
	return &Layout{Tool: "kanbn", Content: ".kanbn", Settings: []byte(s), Order: orderFile("the columns of .kanbn/index.md, top to bottom", ids)}, nil
}

func settingsHeader(tool, content, title string) string {
	return fmt.Sprintf("# Site settings, owned by the Product Manager. Written by backlog init to read the\n# %s files in %s/ where they are: none of them was changed.\ntitle: %s\n", tool, content, strconv.Quote(title))
}

func flowList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func orderFile(from string, ids []string) []byte {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# The Product Owner's ranking, most important first, written by backlog init from\n# %s. Items missing here are unranked proposals.\n", from)
	if len(ids) == 0 {
		sb.WriteString("[]\n")
	}
	for _, id := range ids {
		fmt.Fprintf(&sb, "- %s\n", strconv.Quote(id))
	}
	return []byte(sb.String())
}

// writeNew writes data to dir/rel unless a file is there; it says which it did.
func writeNew(dir, rel string, data []byte) (wrote bool, err error) {
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Lstat(target); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return false, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return true, err
}
