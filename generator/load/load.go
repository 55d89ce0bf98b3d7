// Package load reads a content folder into the shared model: settings, the PO's
// order, items and free pages, each problem recorded as a finding with its place.
// It checks each file on its own; rules that span files belong to package validate.
package load

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/backlogtool/backlog/generator/internal/pool"
	"github.com/backlogtool/backlog/generator/model"
)

// Content folder layout.
const (
	SettingsFile = "backlog.yaml"
	OrderFile    = "order.yaml"
	ItemsDir     = "items"
	PagesDir     = "pages"
)

// Load reads the content folder fsys. It returns the backlog as far as it could be
// read and every finding; callers decide from the findings whether to go on.
func Load(fsys fs.FS) (*model.Backlog, model.Findings) {
	var findings model.Findings
	b := &model.Backlog{Files: fsys}

	data, err := ReadSmallFile(fsys, SettingsFile, MaxSettingsBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		findings.Errorf(model.Pos{File: SettingsFile}, "missing: a content folder needs a backlog.yaml with the site settings (is -content the right folder?)")
		b.Settings = ParseSettings(SettingsFile, nil, &findings)
	case err != nil:
		findings.Errorf(model.Pos{File: SettingsFile}, "%s", readError(err))
		b.Settings = ParseSettings(SettingsFile, nil, &findings)
	default:
		b.Settings = ParseSettings(SettingsFile, data, &findings)
	}
	// The logo and the favicon must be there: a page would show a broken image.
	for _, f := range []struct {
		field string
		path  *string
	}{{"logo", &b.Settings.Logo}, {"favicon", &b.Settings.Favicon}} {
		if *f.path == "" {
			continue
		}
		if info, err := fs.Stat(fsys, StaticDir+"/"+*f.path); err != nil || !info.Mode().IsRegular() {
			findings.Errorf(model.Pos{File: SettingsFile}, "%s: %s/%s is not a file of the content folder: put the file there, or correct the path", f.field, StaticDir, *f.path)
			*f.path = ""
		}
	}

	b.Static = staticFiles(fsys, b.Settings.Limits, &findings)

	// The ranking of a large backlog takes yaml.v3 tens of milliseconds: it is read
	// while the items folder is listed and the items parsed.
	var orderFindings model.Findings
	orderRead := make(chan struct{})
	go func() {
		defer close(orderRead)
		if data, err := ReadSmallFile(fsys, OrderFile, MaxOrderBytes); err == nil {
			b.Order = ParseOrder(OrderFile, data, &orderFindings)
		} else if !errors.Is(err, fs.ErrNotExist) {
			orderFindings.Errorf(model.Pos{File: OrderFile}, "%s", readError(err))
		}
	}()

	budget := &budget{limits: b.Settings.Limits}
	var itemFindings model.Findings
	if b.Settings.Board != "" {
		b.Settings.Columns = readBoard(fsys, b.Settings.Board, &itemFindings)
	}
	for _, group := range itemFiles(fsys, &b.Settings, &itemFindings) {
		items := parseAll(fsys, group.dir, group.files, budget, &itemFindings, func(path string, data []byte, fs *model.Findings) *model.Item {
			it, f := ParseItem(path, data, &b.Settings)
			*fs = append(*fs, f...)
			return it
		})
		b.Items = append(b.Items, items...)
		if len(items) < len(group.files) {
			b.Unread = append(b.Unread, unread(group.files, items)...)
		}
	}
	<-orderRead
	findings = append(append(findings, orderFindings...), itemFindings...)
	slices.SortFunc(b.Items, func(a, c *model.Item) int { return strings.Compare(a.ID, c.ID) })
	b.Items = distinct(b.Items, &findings)

	pageFiles := markdownFiles(fsys, PagesDir, &findings)
	b.Pages = parseAll(fsys, PagesDir, pageFiles, budget, &findings, ParsePage)
	return b, findings
}

// budget enforces the size limits across all files read.
type budget struct {
	limits model.Limits
	total  atomic.Int64
}

// markdownFiles lists the files of a folder, but hidden ones. Which can be read is for
// parseAll to check (checkFile), in parallel: it takes a stat of each.
func markdownFiles(fsys fs.FS, dir string, findings *model.Findings) []string {
	names, err := readNames(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		findings.Errorf(model.Pos{File: dir}, "cannot read folder: %v", cleanErr(err))
		return nil
	}
	files := make([]string, 0, len(names))
	for _, name := range names {
		if strings.HasPrefix(name, ".") {
			continue
		}
		files = append(files, dir+"/"+name)
	}
	return files
}

// readNames returns the sorted names in the folder dir. A folder that can list bare
// names (an *os.File can) is listed so: fs.ReadDir makes an entry of each name and
// sorts the entries, which on 50,000 items took 230 ms, seven times as long as the
// names alone.
func readNames(fsys fs.FS, dir string) ([]string, error) {
	f, err := fsys.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	switch f := f.(type) {
	case interface{ Readdirnames(n int) ([]string, error) }:
		names, err = f.Readdirnames(-1)
	case fs.ReadDirFile:
		var entries []fs.DirEntry
		entries, err = f.ReadDir(-1)
		for _, e := range entries {
			names = append(names, e.Name())
		}
	default:
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: errors.ErrUnsupported}
	}
	slices.Sort(names)
	return names, err
}

// checkFile says why path, a file of items/ or pages/ found at rel in fsys, is not read,
// or returns nil.
func checkFile(fsys fs.FS, rel, path string, limits model.Limits) *model.Finding {
	if f := checkName(path); f != nil {
		return f
	}
	pos := model.Pos{File: path}
	info, err := fs.Stat(fsys, rel)
	switch {
	case err != nil:
		return &model.Finding{Pos: pos, Message: fmt.Sprintf("cannot read: %v", cleanErr(err))}
	case !info.Mode().IsRegular():
		return &model.Finding{Pos: pos, Message: "not a regular file"}
	case info.Size() > limits.ItemBytes:
		return &model.Finding{Pos: pos, Message: fmt.Sprintf("file is %s, over the item size limit of %s (limits.item_size in backlog.yaml)", FormatSize(info.Size()), FormatSize(limits.ItemBytes))}
	}
	return nil
}

// A RegularFileFS reads regular files in fewer system calls than fs.ReadFile takes.
// ReadRegular reads name, a regular file of the folder itself (not a link) of at most
// max bytes; ok is false for anything else, which is then read the usual way.
type RegularFileFS interface {
	fs.FS
	ReadRegular(name string, max int64) (data []byte, ok bool)
}

// checkName says why the file at path cannot be an item or page by its name, or returns
// nil. Any Markdown file can be an item, since its page is named by its slug; a free
// page is named by its file name, which must then be fit for a URL.
func checkName(path string) *model.Finding {
	name := path[strings.LastIndexByte(path, '/')+1:]
	pos := model.Pos{File: path}
	if !strings.HasSuffix(name, ".md") {
		return &model.Finding{Pos: pos, Severity: model.Warning, Message: "ignored: only .md files are read here"}
	}
	if !strings.HasPrefix(path, PagesDir+"/") {
		return nil
	}
	if id := strings.TrimSuffix(name, ".md"); model.ReservedName(id) {
		return &model.Finding{Pos: pos, Message: fmt.Sprintf("invalid file name %q: %q is a device name Windows reserves, so the site could not be checked out there; choose another name", name, id)}
	} else if !ValidID(id) {
		return &model.Finding{Pos: pos, Message: fmt.Sprintf("invalid file name %q: the name without .md is the id, and uses only lowercase letters, digits and '-' (such as %q)", name, Slug(id))}
	}
	return nil
}

// ReadItem reads one item file, as Load does for each. It returns nil and the reason
// when the file cannot be an item; a missing file gives nil and no findings.
func ReadItem(fsys fs.FS, path string, s model.Settings) (*model.Item, model.Findings) {
	return readOne(fsys, path, s.Limits, func(data []byte, f *model.Findings) *model.Item {
		it, found := ParseItem(path, data, &s)
		*f = append(*f, found...)
		return it
	})
}

// ReadPage reads one free page, as Load does for each.
func ReadPage(fsys fs.FS, path string, s model.Settings) (*model.Page, model.Findings) {
	return readOne(fsys, path, s.Limits, func(data []byte, f *model.Findings) *model.Page { return ParsePage(path, data, f) })
}

func readOne[T any](fsys fs.FS, path string, limits model.Limits, parse func([]byte, *model.Findings) *T) (*T, model.Findings) {
	if _, err := fs.Stat(fsys, path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	data, refused := readFile(fsys, nil, path, limits)
	if refused != nil {
		return nil, model.Findings{*refused}
	}
	var f model.Findings
	return parse(data, &f), f
}

// parseAll checks, reads and parses files on a bounded pool of workers, one per core.
// Results keep the order of files; findings are merged in that order too.
func parseAll[T any](fsys fs.FS, dir string, files []string, budget *budget, findings *model.Findings, parse func(string, []byte, *model.Findings) *T) []*T {
	results := make([]*T, len(files))
	perFile := make([]model.Findings, len(files))
	folder, _ := fs.Sub(fsys, dir)
	pool.Each(len(files), func(i int) error {
		data, f := readFile(fsys, folder, files[i], budget.limits)
		if f != nil {
			perFile[i] = append(perFile[i], *f)
			return nil
		}
		if total := budget.total.Add(int64(len(data))); total > budget.limits.TotalBytes {
			perFile[i].Errorf(model.Pos{File: files[i]}, "the content is over the total size limit of %s (limits.total_size in backlog.yaml)", FormatSize(budget.limits.TotalBytes))
			return nil
		}
		results[i] = parse(files[i], data, &perFile[i])
		return nil
	})
	out := make([]*T, 0, len(files))
	for i, r := range results {
		*findings = append(*findings, perFile[i]...)
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// readFile reads path once checkFile accepts it. folder, when not nil, is fsys's folder
// of path: the file is read through it first, where opening it is one step, and
// whatever fails there is tried again through fsys, which gives the real error or the
// file.
func readFile(fsys, folder fs.FS, path string, limits model.Limits) ([]byte, *model.Finding) {
	if folder != nil {
		name := path[strings.LastIndexByte(path, '/')+1:]
		if f := checkName(path); f != nil {
			return nil, f
		}
		if r, ok := folder.(RegularFileFS); ok {
			if data, ok := r.ReadRegular(name, limits.ItemBytes); ok {
				return data, nil
			}
		}
		if checkFile(folder, name, path, limits) == nil {
			if data, err := fs.ReadFile(folder, name); err == nil {
				return data, nil
			}
		}
	}
	if f := checkFile(fsys, path, path, limits); f != nil {
		return nil, f
	}
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, &model.Finding{Pos: model.Pos{File: path}, Message: fmt.Sprintf("cannot read: %v", cleanErr(err))}
	}
	return data, nil
}

// cleanErr drops the path that fs errors repeat, since findings already name the file.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") {
			return errors.New("it is a symbolic link to a place outside the content folder, which is not read")
		}
		return pe.Err
	}
	return err
}

// Slug turns a title into an id: lowercase ASCII letters and digits, words joined by '-'.
func Slug(title string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		default:
			if r2, ok := foldAccent(r); ok {
				if dash && sb.Len() > 0 {
					sb.WriteByte('-')
				}
				sb.WriteRune(r2)
				dash = false
			} else {
				dash = true
			}
		}
		if sb.Len() >= 60 {
			break
		}
	}
	if sb.Len() == 0 {
		return "item"
	}
	return sb.String()
}

// foldAccent maps common accented Latin letters to their ASCII base letter.
func foldAccent(r rune) (rune, bool) {
	const from, to = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy"
	for i, f := range []rune(from) {
		if r == f {
			return rune(to[i]), true
		}
	}
	return 0, false
}
