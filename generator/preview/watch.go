package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/report"
	"github.com/fsnotify/fsnotify"
)

// Editors save in bursts (write a temporary file, rename it over the original, touch a
// backup): a rebuild waits until the files have been quiet this long, but never longer
// than maxWait after the first change.
const (
	quiet   = 15 * time.Millisecond
	maxWait = 250 * time.Millisecond
)

// Options are the preview's settings.
type Options struct {
	generator.Options
	Addr string // listen address; loopback by default
	Open bool   // open the site in a browser
}

// Run builds the site, serves it on opts.Addr and rebuilds on every change until ctx is done.
func Run(ctx context.Context, opts Options, stdout, stderr io.Writer) error {
	if opts.Addr == "" {
		// net.Listen would take every interface and a random port.
		return errors.New("no address to listen on: give -addr host:port, such as 127.0.0.1:8080")
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.Addr, err)
	}
	if !IsLoopback(opts.Addr) {
		fmt.Fprintf(stderr, "warning: %s is not a loopback address: the preview is visible to the network\n", opts.Addr)
	}
	b, err := NewBuilder(opts.Options)
	if err != nil {
		ln.Close()
		return err
	}
	w, err := NewWatcher(b, opts.Options)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	srv := NewServer(b)
	if IsLoopback(ln.Addr().String()) {
		// The PO's desk writes files: only this machine may reach it.
		if srv.desk, err = NewDesk(b, opts.Options); err != nil {
			ln.Close()
			return err
		}
		srv.desk.log = stdout
	}
	url := "http://" + ln.Addr().String() + "/"
	printFindings(stderr, b.Findings())
	fmt.Fprintf(stdout, "backlog serve: %s (Ctrl-C to stop)\n", url)
	if opts.Open {
		openBrowser(url)
	}
	go w.Run(ctx, func(changed bool, took time.Duration, f model.Findings) {
		printFindings(stderr, f)
		if changed {
			fmt.Fprintf(stdout, "rebuilt in %s\n", took.Round(time.Millisecond))
		}
		srv.Announce()
	})
	return srv.ListenAndServe(ctx, ln)
}

func printFindings(w io.Writer, f model.Findings) {
	report.Write(w, "text", f)
	if f.HasErrors() {
		fmt.Fprintf(w, "backlog serve: %s; serving the last good site\n", report.Summary(f))
	}
}

// Watcher turns file system events under the content and template folders into updates.
type Watcher struct {
	b       *Builder
	fsw     *fsnotify.Watcher
	content string // absolute
	theme   string // absolute, or ""
	// The repository's folders, when the content is in one: HEAD is in gitDir,
	// the branches in commonDir (they differ in a linked work tree).
	gitDir, commonDir string
}

// NewWatcher watches the content folder (and every folder created in it later), the
// templates folder and the content folder's parent (to see the folder itself come and go).
func NewWatcher(b *Builder, opts generator.Options) (*Watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{b: b, fsw: fsw}
	w.content, _ = filepath.Abs(opts.ContentDir)
	if dir := generator.ThemeDir(opts); dir != "" {
		w.theme, _ = filepath.Abs(dir)
	}
	fsw.Add(filepath.Dir(w.content))
	for _, dir := range []string{w.content, w.theme} {
		if dir != "" {
			w.addTree(dir)
		}
	}
	if !opts.NoHistory {
		w.watchGit()
	}
	return w, nil
}

// addTree watches dir and every folder below it.
func (w *Watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			w.fsw.Add(p)
		}
		return nil
	})
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Run waits for changes, coalesces each burst into one update, and calls done after it.
func (w *Watcher) Run(ctx context.Context, done func(changed bool, took time.Duration, f model.Findings)) {
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time
	last := ""
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[""] = true // events may have been lost (an overflowed queue): reload everything
			timer.Reset(quiet)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			rel, relevant := w.relative(ev)
			if !relevant {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name) // files may have appeared before the watch did
					if rel != gitKey {
						rel = ""
					}
				}
			}
			if len(pending) == 0 {
				// The first change of a burst: a file saved again and again (every few
				// milliseconds) is one burst, rebuilt at the latest maxWait after it began.
				first = time.Now()
			}
			pending[rel] = true
			timer.Reset(min(quiet, max(0, maxWait-time.Since(first))))
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			clear(pending)
			slices.Sort(paths)
			git := slices.Contains(paths, gitKey)
			if slices.Contains(paths, "") {
				paths = []string{""}
			}
			start := time.Now()
			var changed bool
			if git {
				// A commit or a branch switch: history first, then every page (a switch
				// changes files too, and every page may show history).
				changed = w.b.RefreshHistory()
			} else {
				changed = w.b.Update(paths)
			}
			f := w.b.Findings()
			var sb strings.Builder
			report.Write(&sb, "text", f)
			if changed || sb.String() != last {
				last = sb.String()
				done(changed, time.Since(start), f)
			}
		}
	}
}

// relative maps an event to the content path it concerns: "" for anything that calls for
// a full reload (templates, settings, the content folder itself). Editors' temporary and
// hidden files are not relevant.
func (w *Watcher) relative(ev fsnotify.Event) (string, bool) {
	if change, inGit := w.isGitChange(ev.Name); inGit {
		return gitKey, change
	}
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return "", false
	}
	if w.theme != "" && (ev.Name == w.theme || strings.HasPrefix(ev.Name, w.theme+string(filepath.Separator))) {
		return "", true
	}
	if ev.Name == w.content {
		return "", true
	}
	rel, err := filepath.Rel(w.content, ev.Name)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false // another file beside the content folder
	}
	return filepath.ToSlash(rel), true
}

func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
