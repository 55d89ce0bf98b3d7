package load

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// fileGroup is the files of one folder that are read as items.
type fileGroup struct {
	dir   string
	files []string
}

// itemFiles lists the item files where the settings say items are (folders, or glob
// patterns such as "rfcs/*.md"), less those an exclude pattern matches, grouped by
// folder, each file once. A folder that does not exist holds no items; a pattern that
// names a missing folder is said so, since it is likely a typing mistake.
func itemFiles(fsys fs.FS, s *model.Settings, findings *model.Findings) []fileGroup {
	seen := map[string]bool{}
	var groups []fileGroup
	add := func(dir string, files []string) {
		var kept []string
		for _, f := range files {
			// Other files beside the items (images, attachments) are not items; the
			// bodies that link to them publish them.
			if !strings.HasSuffix(f, ".md") {
				if markdownName(f) && !excluded(f, s.Exclude) {
					findings.Warnf(model.Pos{File: f}, "not read as an item: item files end in .md: rename it to %s, or list it in exclude: in %s",
						strings.TrimSuffix(path.Base(f), path.Ext(f))+".md", SettingsFile)
				}
				continue
			}
			if !seen[f] && !excluded(f, s.Exclude) {
				seen[f] = true
				kept = append(kept, f)
			}
		}
		if len(kept) == 0 {
			return
		}
		if i := slices.IndexFunc(groups, func(g fileGroup) bool { return g.dir == dir }); i >= 0 {
			groups[i].files = append(groups[i].files, kept...)
			slices.Sort(groups[i].files)
			return
		}
		groups = append(groups, fileGroup{dir, kept})
	}
	for _, place := range s.Items {
		if !strings.ContainsAny(place, "*?[") {
			if place != ItemsDir {
				if info, err := fs.Stat(fsys, place); errors.Is(err, fs.ErrNotExist) || err == nil && !info.IsDir() {
					findings.Warnf(model.Pos{File: SettingsFile}, "items: %q is not a folder of the content folder, so no items are read from it", place)
					continue
				}
			}
			add(place, markdownFiles(fsys, place, findings))
			continue
		}
		matches, _ := fs.Glob(fsys, place) // the pattern was checked when the settings were read
		byDir := map[string][]string{}
		var dirs []string
		for _, m := range matches {
			dir, name := path.Split(m)
			dir = strings.TrimSuffix(dir, "/")
			if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") {
				continue
			}
			if info, err := fs.Stat(fsys, m); err == nil && info.IsDir() {
				continue
			}
			if _, ok := byDir[dir]; !ok {
				dirs = append(dirs, dir)
			}
			byDir[dir] = append(byDir[dir], m)
		}
		for _, dir := range dirs {
			add(dir, byDir[dir])
		}
	}
	return groups
}

// excluded reports whether an exclude pattern matches the file's path or name.
func excluded(file string, patterns []string) bool {
	name := file[strings.LastIndexByte(file, '/')+1:]
	for _, p := range patterns {
		if ok, _ := path.Match(p, file); ok {
			return true
		}
		if ok, _ := path.Match(p, name); ok {
			return true
		}
		if strings.HasPrefix(file, p+"/") {
			return true
		}
	}
	return false
}

// unread returns the files that gave no item; items are in the order of files.
func unread(files []string, items []*model.Item) []string {
	var out []string
	i := 0
	for _, f := range files {
		if i < len(items) && items[i].Path == f {
			i++
			continue
		}
		out = append(out, f)
	}
	return out
}

// distinct reports items whose ids are the same ignoring case, or whose slugs (their
// page folders) are the same, naming both files, and keeps the first of each. Ids
// that differ only in case have the same slug. items are sorted by id.
func distinct(items []*model.Item, findings *model.Findings) []*model.Item {
	bySlug := make(map[string]*model.Item, len(items))
	out := items[:0]
	for _, it := range items {
		first := bySlug[it.Slug]
		switch {
		case first == nil:
			bySlug[it.Slug] = it
			out = append(out, it)
		case strings.EqualFold(first.ID, it.ID):
			findings.Errorf(idPos(it), "id %q is also the id of %s: each item needs an id of its own (set id: in one of them)", it.ID, first.Path)
		default:
			findings.Errorf(idPos(it), "id %q gives the page items/%s/, as the id %q of %s does: give one of them another id (id: in its front matter)", it.ID, it.Slug, first.ID, first.Path)
		}
	}
	return out
}

// idPos places an item's id: its id field, or the file.
func idPos(it *model.Item) model.Pos {
	if p, ok := it.Pos.Get("id"); ok {
		return p
	}
	return model.Pos{File: it.Path}
}

// markdownName reports a file name of Markdown that is not read as an item: an
// extension other than ".md" that editors and other tools give Markdown (".MD",
// ".markdown"), which an author would expect to be read.
func markdownName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}
