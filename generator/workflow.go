package generator

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/edit"
	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// NewItemOptions describe an item to propose.
type NewItemOptions struct {
	Title   string
	Type    string
	Release string
	Labels  []string
}

// NewItem writes a new item into the content folder, named after its title and made
// unique, with the first status of category todo. It returns the file's path.
func NewItem(contentDir string, opts NewItemOptions) (string, error) {
	b, _, err := loadContent(contentDir)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(opts.Title) == "" {
		return "", errors.New("an item needs a title")
	}
	if opts.Release != "" {
		r, ok := b.Settings.Release(opts.Release)
		if !ok {
			return "", fmt.Errorf("unknown release %q (backlog.yaml defines %s)", opts.Release, releaseNames(b))
		}
		opts.Release = r.Name // the release's own name, however it was typed
	}
	status := ""
	for _, st := range b.Settings.Statuses {
		if st.Category == model.Todo {
			status = st.ID
			break
		}
	}
	if status == "" {
		return "", errors.New("backlog.yaml has no status of category todo for a new item")
	}
	// A new item goes where the items are: the first folder backlog.yaml's items names.
	where := load.ItemsDir
	for _, place := range b.Settings.Items {
		if !strings.ContainsAny(place, "*?[") {
			where = place
			break
		}
	}
	dir := filepath.Join(contentDir, filepath.FromSlash(where))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	data := edit.NewItem{Title: opts.Title, Status: status, Type: opts.Type, Release: opts.Release, Labels: opts.Labels}.Bytes()
	// The new item's id is its file's name, which must not be the id of another item:
	// ids need not be file names (an id: field, as in task-2 - Title.md), and ids are
	// told apart as the loader does, by the page they give.
	taken := map[string]bool{}
	for _, it := range slices.Concat(b.Items, b.Drafts) {
		taken[it.Slug] = true
	}
	idTaken := func(id string) bool { return taken[model.Slug(id)] }
	// The title's own letters name the file when the loader reads such a name as an
	// item; else the ASCII form of the name does.
	var failed error
	for _, slug := range itemSlugs(opts.Title) {
		file, err := writeNew(dir, slug, data, idTaken)
		if err != nil {
			return "", err
		}
		fsys, err := ContentFS(contentDir)
		if err != nil {
			return "", err
		}
		it, findings := load.ReadItem(fsys, path.Join(where, filepath.Base(file)), b.Settings)
		if it != nil && !findings.HasErrors() {
			return file, nil
		}
		failed = fmt.Errorf("%s would not load: %v", file, findings)
		os.Remove(file) // written a moment ago by this call (O_EXCL), never the user's
	}
	return "", failed
}

// writeNew writes data to slug.md in dir, or slug-2.md, slug-3.md... for the first name
// whose file does not exist and whose id is not taken, and returns the path.
func writeNew(dir, slug string, data []byte, taken func(id string) bool) (string, error) {
	for n := 1; ; n++ {
		id := slug
		if n > 1 {
			id = fmt.Sprintf("%s-%d", slug, n)
		}
		if taken(id) {
			continue
		}
		path := filepath.Join(dir, id+".md")
		// O_EXCL refuses to overwrite, even a file that appeared a moment ago.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return path, err
	}
}

// itemSlugs are the names to try for a new item's file, best first: the title's words
// (letters of any script kept), then the same with those letters as code points.
func itemSlugs(title string) []string {
	slug := edit.Slug(title)
	if slug == "" {
		return []string{"item"} // a title of symbols only (emoji) names nothing
	}
	var out []string
	for _, s := range []string{slug, edit.ASCIISlug(slug)} {
		if model.ReservedName(s) {
			s += "-item" // a name Windows reserves, such as con
		}
		if len(out) == 0 || out[len(out)-1] != s {
			out = append(out, s)
		}
	}
	return out
}

func releaseNames(b *model.Backlog) string {
	var names []string
	for _, r := range b.Settings.Releases {
		names = append(names, r.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// MoveItem moves one item in order.yaml, keeping the file's comments and layout. An
// item order.yaml lists under several names is ranked once after: the first entry
// naming it moves, the others are removed.
func MoveItem(contentDir, id string, where edit.Where) error {
	b, _, err := loadContent(contentDir)
	if err != nil {
		return err
	}
	// An item may be named by its id, slug or file name in any case: order.yaml is
	// edited under the name it already lists the item by, else under its id.
	listed := func(ref string) (string, []string, error) {
		it := b.Item(ref)
		if it == nil {
			return "", nil, fmt.Errorf("%q is not an item: no item has this id, and no item file this name", ref)
		}
		name, others := b.OrderNames(it)
		return name, others, nil
	}
	id, aliases, err := listed(id)
	if err != nil {
		return err
	}
	for _, ref := range []*string{&where.Before, &where.After} {
		if *ref == "" {
			continue
		}
		if *ref, _, err = listed(*ref); err != nil {
			return err
		}
	}
	return editOrder(contentDir, func(data []byte) ([]byte, error) { return edit.Move(data, id, where, aliases...) })
}

// AppendUnranked appends every unranked item at the bottom of order.yaml in the order
// they were proposed, oldest first (see proposalOrder). It returns their ids.
func AppendUnranked(contentDir string) ([]string, error) {
	b, _, err := loadContent(contentDir)
	if err != nil {
		return nil, err
	}
	if h, err := history.Read(contentDir, history.Options{CacheDir: history.DefaultCacheDir()}); err == nil {
		history.Apply(b, h)
	}
	ids := proposalOrder(contentDir, b.Unranked)
	return ids, editOrder(contentDir, func(data []byte) ([]byte, error) { return edit.Append(data, ids) })
}

// editOrder rewrites order.yaml through change, replacing the file in one step.
func editOrder(contentDir string, change func([]byte) ([]byte, error)) error {
	path := filepath.Join(contentDir, load.OrderFile)
	fsys, err := ContentFS(contentDir)
	if err != nil {
		return err
	}
	// A named pipe or a device in its place is refused, not waited on.
	data, err := load.ReadSmallFile(fsys, load.OrderFile, load.MaxOrderBytes)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: %w", path, err)
	}
	out, err := change(data)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(contentDir, ".order.yaml-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil {
		os.Chmod(tmp.Name(), info.Mode().Perm())
	} else {
		os.Chmod(tmp.Name(), 0o644)
	}
	return os.Rename(tmp.Name(), path)
}
