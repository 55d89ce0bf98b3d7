package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/backlogtool/backlog/generator/model"
)

// EventsPath is where open pages listen for reloads (Server-Sent Events).
const EventsPath = "/_backlog/events"

// Server serves the builder's current site over HTTP. Each response is one version of one
// file: a rebuild swaps the whole site at once, so no page is ever half old, half new.
type Server struct {
	builder *Builder
	hosts   hostCheck // the names requests may give in Host: set when it listens
	desk    *Desk     // nil: the pages cannot be edited

	mu         sync.Mutex
	generation int
	listeners  map[chan int]bool
}

// NewServer serves what b builds.
func NewServer(b *Builder) *Server {
	return &Server{builder: b, listeners: map[chan int]bool{}}
}

// Generation counts the rebuilds announced so far.
func (s *Server) Generation() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.generation
}

// Announce tells every open page to reload: a rebuild finished, or its findings changed.
func (s *Server) Announce() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.generation++
	for ch := range s.listeners {
		select {
		case ch <- s.generation:
		default: // the page has a reload pending already
		}
	}
}

func (s *Server) listen() (chan int, func()) {
	ch := make(chan int, 1)
	s.mu.Lock()
	s.listeners[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.listeners, ch)
		s.mu.Unlock()
	}
}

// ServeHTTP serves the files of the site, and the reload events.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allows(r.Host) {
		// DNS rebinding: a web page whose name now points at 127.0.0.1 would read the
		// preview with its own name in Host. Only the preview's own names are answered.
		http.Error(w, "this preview answers only to its own address", http.StatusMisdirectedRequest)
		return
	}
	if strings.HasPrefix(r.URL.Path, DeskPath) {
		if s.desk == nil {
			http.Error(w, "editing is offered only while serving on a loopback address", http.StatusForbidden)
			return
		}
		s.desk.serve(w, r, s.hosts)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	snap := s.builder.current()
	site, findings := snap.site, snap.findings
	// Only files of the built site exist here: a cleaned path is looked up in memory,
	// so ".." cannot reach anything else and no folder is ever listed.
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok := site.File(name)
	if !ok {
		if _, dir := site.File(path.Join(name, "index.html")); dir {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name = "404.html"
		if data, ok = site.File(name); !ok {
			data = []byte("<!DOCTYPE html><html lang=\"en\"><head><title>Not built yet</title></head><body><h1>The site is not built yet</h1></body></html>")
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		var desk []byte
		if s.desk != nil {
			desk = s.desk.pagePart(snap)
		}
		data = inject(data, findings, desk)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// events streams a "reload" event after every rebuild, until the page goes away.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch, stop := s.listen()
	defer stop()
	// The stream lives as long as the page: no write deadline for the whole stream, one
	// per event instead, so a client that stops reading is dropped.
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(timeouts.write))
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 1000\nevent: hello\ndata: %d\n\n", s.Generation())
	flusher.Flush()
	for {
		select {
		case g := <-ch:
			rc.SetWriteDeadline(time.Now().Add(timeouts.write))
			fmt.Fprintf(w, "event: reload\ndata: %d\n\n", g)
			flusher.Flush()
		case <-r.Context().Done():
			return
		}
	}
}

// reloadScript is injected by the preview only, never into a build: it reloads the page
// when the server announces a finished rebuild.
const reloadScript = `<script>(function(){var e=new EventSource("` + EventsPath + `");e.addEventListener("reload",function(){location.reload()});})();</script>`

// inject adds the reload script, and the findings as an overlay when the content has errors.
func inject(page []byte, findings model.Findings, desk []byte) []byte {
	var extra bytes.Buffer
	if findings.HasErrors() {
		extra.WriteString(`<div id="backlog-errors" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#3b0a0f;color:#ffe3e3;font:14px/1.5 ui-monospace,monospace;z-index:99999;border-top:4px solid #ff6b6b">`)
		extra.WriteString(`<strong>The content has errors; this is the last good version of the site.</strong><ul style="margin:.5rem 0 0;padding-left:1.2rem">`)
		for _, f := range findings {
			if f.Severity == model.Error {
				fmt.Fprintf(&extra, "<li>%s: %s</li>", html.EscapeString(f.Pos.String()), html.EscapeString(f.Message))
			}
		}
		extra.WriteString(`</ul></div>`)
	}
	extra.WriteString(reloadScript)
	extra.Write(desk)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), extra.Bytes()...)
	}
	out := make([]byte, 0, len(page)+extra.Len())
	out = append(out, page[:i]...)
	out = append(out, extra.Bytes()...)
	return append(out, page[i:]...)
}

// ListenAndServe serves on addr until ctx is done, then shuts down cleanly: requests in
// flight finish, event streams end.
func (s *Server) ListenAndServe(ctx context.Context, ln net.Listener) error {
	s.hosts = hostsFor(ln.Addr())
	srv := &http.Server{
		Handler: s,
		// Slow and idle clients must not hold connections forever: a browser sends its
		// headers at once and reuses an idle connection within seconds.
		ReadHeaderTimeout: timeouts.readHeader,
		ReadTimeout:       timeouts.read,
		WriteTimeout:      timeouts.write, // the event stream lifts it for itself
		IdleTimeout:       timeouts.idle,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if errors.Is(err, context.DeadlineExceeded) {
		// A connection still busy, or opened and never used (net/http waits five seconds
		// before it takes such a one for idle), is closed: a preview stops when asked.
		err = srv.Close()
	}
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// IsLoopback reports whether a listen address only accepts connections from this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
