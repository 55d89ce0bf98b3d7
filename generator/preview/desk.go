package preview

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/edit"
	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

// DeskPath is where the PO's desk takes its requests: reorder, set a field, undo,
// discard, the diff and "prepare a pull request". Only the preview has it.
const DeskPath = "/_backlog/desk/"

// Desk lets the PO change the content from the preview's pages: it rewrites order.yaml
// and single fields of item files through package edit, each write validated as check
// would and made atomically. It is offered only on a loopback address, and every request
// must carry the per-start secret the pages embed and come from the preview's own origin.
type Desk struct {
	opts   generator.Options
	b      *Builder
	secret string
	log    io.Writer // where "prepare a pull request" says what it did; nil for none

	mu    sync.Mutex // one change at a time
	undo  []deskWrite
	wrote map[string]bool // content paths the desk changed since the last pull request
}

// deskWrite is one file the desk replaced: what it held before and what it was given.
type deskWrite struct {
	path          string // inside the content folder, slash-separated
	before, after []byte
	what          string
}

// NewDesk makes a desk with a fresh secret.
func NewDesk(b *Builder, opts generator.Options) (*Desk, error) {
	var key [32]byte
	if _, err := rand.Read(key[:]); err != nil {
		return nil, err
	}
	return &Desk{opts: opts, b: b, secret: hex.EncodeToString(key[:]), wrote: map[string]bool{}}, nil
}

// deskError is a refusal with its HTTP status and, for content errors, the findings.
type deskError struct {
	status   int
	msg      string
	findings []string
}

func (e *deskError) Error() string { return e.msg }

func refuse(status int, format string, args ...any) *deskError {
	return &deskError{status: status, msg: fmt.Sprintf(format, args...)}
}

// authorize checks that a request comes from a page this preview served: the exact
// Host of a loopback name with the preview's port, the same Origin, and the secret.
func (d *Desk) authorize(r *http.Request, hosts hostCheck) *deskError {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil || port != hosts.port || !(host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1") {
		return refuse(http.StatusForbidden, "the desk answers only on a loopback address")
	}
	if r.Method != http.MethodGet {
		// A browser sends Origin with every POST; another site's page has its own.
		if r.Header.Get("Origin") != "http://"+r.Host {
			return refuse(http.StatusForbidden, "the request does not come from this preview's pages")
		}
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			return refuse(http.StatusUnsupportedMediaType, "send JSON")
		}
	} else if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		return refuse(http.StatusForbidden, "the request does not come from this preview's pages")
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Backlog-Desk")), []byte(d.secret)) != 1 {
		return refuse(http.StatusForbidden, "the request lacks this preview's secret: reload the page")
	}
	return nil
}

// deskRequest is what the page sends.
type deskRequest struct {
	Gen    int64  `json:"gen"`  // the state the page shows
	Item   string `json:"item"` // an item's id or slug
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
	Top    bool   `json:"top,omitempty"`
	Bottom bool   `json:"bottom,omitempty"`
	Unrank bool   `json:"unrank,omitempty"`
	Field  string `json:"field,omitempty"`
	Value  string `json:"value"`
}

// serve handles a desk request.
func (d *Desk) serve(w http.ResponseWriter, r *http.Request, hosts hostCheck) {
	if err := d.authorize(r, hosts); err != nil {
		d.reply(w, nil, err)
		return
	}
	action := strings.TrimPrefix(r.URL.Path, DeskPath)
	if r.Method == http.MethodGet && action == "diff" {
		v, err := d.diff()
		d.reply(w, v, err)
		return
	}
	if r.Method != http.MethodPost {
		d.reply(w, nil, refuse(http.StatusMethodNotAllowed, "use POST"))
		return
	}
	var req deskRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 64<<10))
	if err := dec.Decode(&req); err != nil {
		d.reply(w, nil, refuse(http.StatusBadRequest, "the request is not valid JSON: %v", err))
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if action == "pr" {
		v, err := d.preparePR()
		d.reply(w, v, err)
		return
	}
	if cur := d.b.current().gen; req.Gen != cur {
		d.reply(w, nil, refuse(http.StatusConflict, "the content changed since this page was shown (another tab or an editor saved): the page reloads, try again"))
		return
	}
	var err error
	switch action {
	case "rank":
		err = d.rank(req)
	case "field":
		err = d.setField(req)
	case "undo":
		err = d.undoLast()
	case "discard":
		err = d.discardAll()
	default:
		err = refuse(http.StatusNotFound, "no such desk action %q", action)
	}
	if err == nil {
		d.awaitRebuild(req.Gen)
	}
	d.reply(w, nil, err)
}

// awaitRebuild waits, a few seconds at most, for the preview to show the write just
// made. Requests wait their turn meanwhile, so one sent from a page that showed the
// content before the write (another tab) is refused as out of date, never applied on
// top of what that page did not show.
func (d *Desk) awaitRebuild(gen int64) {
	for deadline := time.Now().Add(3 * time.Second); d.b.current().gen == gen && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
}

func (d *Desk) reply(w http.ResponseWriter, v any, err error) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	var de *deskError
	switch {
	case errors.As(err, &de):
		w.WriteHeader(de.status)
		json.NewEncoder(w).Encode(map[string]any{"error": de.msg, "findings": de.findings})
	case err != nil:
		w.WriteHeader(http.StatusInternalServerError)
		json.NewEncoder(w).Encode(map[string]any{"error": err.Error()})
	default:
		if v == nil {
			v = map[string]any{"ok": true}
		}
		json.NewEncoder(w).Encode(v)
	}
}

// content loads the content as it is on disk now.
func (d *Desk) content() (fs.FS, *model.Backlog, error) {
	fsys, err := generator.ContentFS(d.opts.ContentDir)
	if err != nil {
		return nil, nil, err
	}
	b, _ := generator.Content(fsys, generator.BodyErrors)
	return fsys, b, nil
}

// orderID is how order.yaml names an item: the entry as written, or the id for an
// item not in it.
func orderID(b *model.Backlog, it *model.Item) string {
	for _, e := range b.Order {
		if b.Item(e.ID) == it {
			return e.ID
		}
	}
	return it.ID
}

// rank moves an item in order.yaml, ranks an unranked one, or unranks one.
func (d *Desk) rank(req deskRequest) error {
	fsys, b, err := d.content()
	if err != nil {
		return err
	}
	it := b.Item(req.Item)
	if it == nil {
		return refuse(http.StatusNotFound, "%q is not an item", req.Item)
	}
	where := edit.Where{Top: req.Top, Bottom: req.Bottom}
	for _, ref := range []struct {
		id  string
		set *string
	}{{req.Before, &where.Before}, {req.After, &where.After}} {
		if ref.id == "" {
			continue
		}
		other := b.Item(ref.id)
		if other == nil || other.Rank == 0 {
			return refuse(http.StatusConflict, "%q is not a ranked item", ref.id)
		}
		*ref.set = orderID(b, other)
	}
	data, err := fs.ReadFile(fsys, load.OrderFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var next []byte
	var what string
	if req.Unrank {
		next, err = edit.Remove(data, orderID(b, it))
		what = "unranked " + it.ID
	} else {
		next, err = edit.Move(data, orderID(b, it), where)
		what = "moved " + it.ID
	}
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, "%s: %v", load.OrderFile, err)
	}
	return d.write(fsys, load.OrderFile, data, next, what)
}

// deskFields are the fields the desk sets, each from the configured values.
var deskFields = []string{"status", "release", "goal", "owner"}

// setField sets one field of an item's file.
func (d *Desk) setField(req deskRequest) error {
	if !slices.Contains(deskFields, req.Field) {
		return refuse(http.StatusBadRequest, "the desk sets only %s", strings.Join(deskFields, ", "))
	}
	if len(req.Value) > 200 || strings.ContainsFunc(req.Value, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return refuse(http.StatusBadRequest, "a %s is one short line", req.Field)
	}
	fsys, b, err := d.content()
	if err != nil {
		return err
	}
	it := b.Item(req.Item)
	if it == nil {
		return refuse(http.StatusNotFound, "%q is not an item", req.Item)
	}
	data, err := fs.ReadFile(fsys, it.Path)
	if err != nil {
		return err
	}
	next, err := edit.SetField(data, req.Field, req.Value)
	if err != nil {
		return refuse(http.StatusUnprocessableEntity, "%s: %v", it.Path, err)
	}
	return d.write(fsys, it.Path, data, next, fmt.Sprintf("%s of %s set to %q", req.Field, it.ID, req.Value))
}

// write validates the content with path holding next, as check would, and replaces
// the file atomically, unless it no longer holds before.
func (d *Desk) write(fsys fs.FS, path string, before, next []byte, what string) error {
	if bytes.Equal(before, next) {
		return nil
	}
	_, findings := generator.Content(overlayFS{fsys, path, next}, generator.AllBodyFindings)
	if findings.HasErrors() {
		e := refuse(http.StatusUnprocessableEntity, "refused: the change would make the content invalid")
		if _, now := generator.Content(fsys, generator.BodyErrors); now.HasErrors() {
			e.msg = "refused: the content has errors already; fix them first"
		}
		for _, f := range generator.RelativizeAndSort(d.opts, findings) {
			if f.Severity == model.Error {
				e.findings = append(e.findings, f.Pos.String()+": "+f.Message)
			}
		}
		return e
	}
	if err := replaceFile(filepath.Join(d.opts.ContentDir, filepath.FromSlash(path)), before, next); err != nil {
		return err
	}
	d.undo = append(d.undo, deskWrite{path: path, before: before, after: next, what: what})
	d.wrote[path] = true
	return nil
}

// errChanged says a file changed on disk between reading it and replacing it.
var errChanged = refuse(http.StatusConflict, "the file changed on disk meanwhile (an editor saved it?): nothing was written; the page reloads, try again")

// replaceFile writes data to a temporary file beside path and renames it over path, so
// a crash leaves the old file or the new one, never half of one. It refuses when path
// no longer holds before: a save by an editor since is never overwritten.
func replaceFile(path string, before, data []byte) error {
	info, err := os.Lstat(path)
	mode := os.FileMode(0o644)
	switch {
	case err == nil && !info.Mode().IsRegular():
		return refuse(http.StatusConflict, "%s is not a regular file", path)
	case err == nil:
		mode = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".backlog-desk-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	now, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if !bytes.Equal(now, before) {
		return errChanged
	}
	return os.Rename(tmp.Name(), path)
}

// undoLast puts back the file of the last write, if it still holds what the desk wrote.
func (d *Desk) undoLast() error {
	if len(d.undo) == 0 {
		return refuse(http.StatusConflict, "nothing to undo")
	}
	last := d.undo[len(d.undo)-1]
	if err := replaceFile(filepath.Join(d.opts.ContentDir, filepath.FromSlash(last.path)), last.after, last.before); err != nil {
		return err
	}
	d.undo = d.undo[:len(d.undo)-1]
	return nil
}

// discardAll undoes every write of the desk since the last pull request, newest first.
func (d *Desk) discardAll() error {
	for len(d.undo) > 0 {
		if err := d.undoLast(); err != nil {
			return err
		}
	}
	clear(d.wrote)
	return nil
}

// overlayFS is the content folder with one file replaced, to validate a write before
// making it.
type overlayFS struct {
	fs.FS
	path string
	data []byte
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if name == o.path {
		return memFileOf(o.path, o.data)
	}
	return o.FS.Open(name)
}

func (o overlayFS) ReadFile(name string) ([]byte, error) {
	if name == o.path {
		return slices.Clone(o.data), nil
	}
	return fs.ReadFile(o.FS, name)
}

func (o overlayFS) Stat(name string) (fs.FileInfo, error) {
	if name == o.path {
		f, _ := memFileOf(o.path, o.data)
		return f.Stat()
	}
	return fs.Stat(o.FS, name)
}

func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.FS, name) }

func (o overlayFS) Sub(dir string) (fs.FS, error) {
	sub, err := fs.Sub(o.FS, dir)
	if err != nil {
		return nil, err
	}
	if rel, ok := strings.CutPrefix(o.path, dir+"/"); ok {
		return overlayFS{sub, rel, o.data}, nil
	}
	return sub, nil
}

//go:embed desk/desk.js
var deskScript string

//go:embed desk/desk.css
var deskStyle string

// deskConfig is what the desk's script needs from the server.
type deskConfig struct {
	Secret   string       `json:"secret"`
	Gen      int64        `json:"gen"`
	Statuses []deskChoice `json:"statuses"`
	Releases []deskChoice `json:"releases"`
	Goals    []deskChoice `json:"goals"`
}

type deskChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// pagePart is what the desk adds to a page served from snap: its settings (as JSON,
// which escapes <, > and &), its style and its script.
func (d *Desk) pagePart(snap *snapshot) []byte {
	c := deskConfig{Secret: d.secret, Gen: snap.gen, Statuses: []deskChoice{}, Releases: []deskChoice{}, Goals: []deskChoice{}}
	for _, s := range snap.settings.Statuses {
		c.Statuses = append(c.Statuses, deskChoice{s.ID, s.Title})
	}
	for _, r := range snap.settings.Releases {
		c.Releases = append(c.Releases, deskChoice{r.Name, r.Name})
	}
	for _, g := range snap.settings.Goals {
		c.Goals = append(c.Goals, deskChoice{g.ID, g.Title})
	}
	data, _ := json.Marshal(c)
	var b bytes.Buffer
	b.WriteString(`<script type="application/json" id="backlog-desk-config">`)
	b.Write(data)
	b.WriteString("</script><style>")
	b.WriteString(deskStyle)
	b.WriteString("</style><script>")
	b.WriteString(deskScript)
	b.WriteString("</script>")
	return b.Bytes()
}
