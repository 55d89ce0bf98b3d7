package preview

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator"
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
