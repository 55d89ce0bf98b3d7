package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render/internal/tmplexec"
)

// The templates a theme must provide. Files starting with "_" are partials that
// pages include, such as _head.html; they can be overridden like any other.
var pageTemplates = []string{"index.html", "item.html", "roadmap.html", "board.html", "page.html", "changes.html", "404.html"}

// Theme is a parsed set of templates and the static files that go with them.
type Theme struct {
	templates *template.Template
	exec      *tmplexec.Set // runs templates, faster than templates.Execute
	files     []file        // static files, by output path
	overrides bool          // some file came from the override folder
}

// Overridden reports whether any template or static file came from the override folder.
// The preview then re-renders every page on a change, since it cannot know what a
// custom template shows.
func (th *Theme) Overridden() bool { return th.overrides }

type file struct {
	path string
	from fs.FS
}

// ThemeError is a problem with a file of the override folder: File is its path in the
// folder (slash-separated), Line its line when known.
type ThemeError struct {
	File    string
	Line    int
	Message string
}

func (e *ThemeError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return e.File + ": " + e.Message
}

// LoadTheme parses the templates of base, each replaced by the file of the same
// name in override when override (which may be nil) has one. A problem with a file of
// override is a *ThemeError.
func LoadTheme(base, override fs.FS) (*Theme, error) {
	// File systems are told apart by position, not compared: some (fstest.MapFS) cannot be.
	th := &Theme{}
	themes := []fs.FS{base, override}
	sources := map[string]int{} // by index in themes
	for i, fsys := range themes {
		if fsys == nil {
			continue
		}
		names, err := fs.Glob(fsys, "*.html")
		if err != nil {
			return nil, themeError(i == 1, fsys, ".", err)
		}
		for _, n := range names {
			if i == 1 && sameFile(base, override, n) {
				continue // a copy of the default, as in a checkout of this project
			}
			sources[n] = i
			th.overrides = th.overrides || i == 1
		}
	}
	names := make([]string, 0, len(sources))
	for n := range sources {
		names = append(names, n)
	}
	slices.Sort(names)
	t := template.New("").Funcs(funcs)
	for _, name := range names {
		fsys, overridden := themes[sources[name]], sources[name] == 1
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, themeError(overridden, fsys, name, err)
		}
		text := string(src)
		if strings.HasPrefix(name, "_") {
			// A partial's final newline would end up inside the markup that includes it.
			text = strings.TrimSuffix(text, "\n")
		}
		if _, err := t.New(name).Parse(text); err != nil {
			if overridden {
				return nil, parseError(name, err)
			}
			return nil, fmt.Errorf("template error: %w", err)
		}
	}
	for _, name := range pageTemplates {
		if t.Lookup(name) == nil {
			return nil, fmt.Errorf("template %s is missing from the theme", name)
		}
	}
	th.templates = t
	th.exec = tmplexec.New(t, funcs, pageTemplates...)
	seen := map[string]bool{}
	for i, fsys := range []fs.FS{override, base} {
		if fsys == nil {
			continue
		}
		err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == "static" {
					return fs.SkipDir
				}
				return themeError(i == 0, fsys, p, err)
			}
			if strings.HasPrefix(d.Name(), ".") || d.IsDir() || seen[p] {
				return nil
			}
			if !d.Type().IsRegular() {
				// A link is followed inside the folder only (os.Root sees to that), to a file.
				info, err := fs.Stat(fsys, p)
				if err != nil {
					return themeError(i == 0, fsys, p, err)
				}
				if !info.Mode().IsRegular() {
					return themeError(i == 0, fsys, p, errors.New("not a regular file"))
				}
			}
			if i == 0 && sameFile(base, override, p) {
				return nil
			}
			seen[p] = true
			th.overrides = th.overrides || i == 0
			th.files = append(th.files, file{p, fsys})
			return nil
		})
		if err != nil {
			var te *ThemeError
			if errors.As(err, &te) {
				return nil, err
			}
			return nil, fmt.Errorf("theme static files: %w", err)
		}
	}
	slices.SortFunc(th.files, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return th, nil
}

// themeError says what is wrong with the file name of fsys, when fsys is the override
// folder; errors of the default theme are returned as they are.
func themeError(overridden bool, fsys fs.FS, name string, err error) error {
	if !overridden {
		return fmt.Errorf("theme file %s: %w", name, err)
	}
	if info, lerr := fs.Lstat(fsys, name); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := fs.ReadLink(fsys, name)
		info, serr := fs.Stat(fsys, name)
		switch {
		case serr != nil:
			return &ThemeError{File: name, Message: fmt.Sprintf("a symbolic link to %q, outside the templates folder or to nothing: a theme is read only from inside its folder; put the file itself there", target)}
		case info.IsDir():
			return &ThemeError{File: name, Message: fmt.Sprintf("a symbolic link to the folder %q, which is not followed: put the files themselves there", target)}
		}
	}
	if info, serr := fs.Stat(fsys, name); serr == nil && !info.IsDir() && !info.Mode().IsRegular() {
		return &ThemeError{File: name, Message: "not a regular file (a named pipe, a device or a socket): a theme file must be a regular file"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &ThemeError{File: name, Message: fmt.Sprintf("cannot read: %v", err)}
}

// parseError gives a template's syntax error the place html/template names in it
// ("template: _foot.html:3: unexpected ...").
func parseError(name string, err error) error {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: "+name+":")
	if !ok {
		return &ThemeError{File: name, Message: msg}
	}
	lineText, message, ok := strings.Cut(rest, ": ")
	line, convErr := strconv.Atoi(lineText)
	if !ok || convErr != nil {
		return &ThemeError{File: name, Message: rest}
	}
	return &ThemeError{File: name, Line: line, Message: message}
}

// sameFile reports whether two file systems hold the same bytes at name.
func sameFile(a, b fs.FS, name string) bool {
	x, err1 := fs.ReadFile(a, name)
	y, err2 := fs.ReadFile(b, name)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

var funcs = template.FuncMap{
	// num formats an optional number: "5", "2.5", or "" when unset.
	"num": func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	},
	// points formats a number of points without needless decimals.
	"points": func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
	// join joins a list of strings with ", ".
	"join": func(list []string) string { return strings.Join(list, ", ") },
	// date formats a time as its UTC day, 2027-03-31.
	"date": func(t time.Time) string { return t.UTC().Format(time.DateOnly) },
	// iso formats a time for a datetime attribute.
	"iso": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	// abs returns the absolute value of a number, for moves such as "down 3".
	"abs": func(n int) int { return max(n, -n) },
	// anchor makes a string usable as an id in a URL fragment ("Release 2" -> "release-2").
	"anchor": anchor,
	// chunks splits a list of items into runs of at most 100, so that a theme can put
	// each run in a box the browser skips while it is off screen (content-visibility).
	"chunks": func(items []*model.Item) [][]*model.Item { return slices.Collect(slices.Chunk(items, 100)) },
	// few returns the first n items of a list and how many more it holds, so a theme can
	// name a few and count the rest ("a, b and 4998 more"): a list repeated on every page
	// that shows an item, such as what it waits for, then stays small however long it is.
	"few": few,
	// dict builds a map from key, value pairs, to pass several values to a partial.
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict needs key, value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// Few is the start of a list and the count of the rest, as the theme function few gives.
type Few struct {
	Items []*model.Item
	More  int
}

func few(n int, items []*model.Item) Few {
	n = max(0, min(n, len(items)))
	return Few{Items: items[:n], More: len(items) - n}
}

// anchor keeps letters, digits, '.', '_' and '-', lowercased, and turns runs of anything else into '-'.
func anchor(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			sb.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return sb.String()
}
