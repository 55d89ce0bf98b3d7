package preview

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/backlogtool/backlog/generator/model"
)

// live is a running preview: server, watcher and an event stream, as a browser sees it.
type live struct {
	t        *testing.T
	dir      string
	url      string
	builder  *Builder
	srv      *Server
	reloads  chan int
	rebuilds atomic.Int64
}

func startLive(t *testing.T) *live {
	t.Helper()
	dir := contentDir(t, "testdata/fixture.txtar")
	return startLiveWith(t, generator.Options{ContentDir: dir, NoHistory: true})
}

// startLiveWith runs the preview of opts.ContentDir.
func startLiveWith(t *testing.T, opts generator.Options) *live {
	t.Helper()
	dir := opts.ContentDir
	b, err := NewBuilder(opts)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWatcher(b, opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := NewServer(b)
	if srv.desk, err = NewDesk(b, opts); err != nil {
		t.Fatal(err)
	}
	l := &live{t: t, dir: dir, url: "http://" + ln.Addr().String(), builder: b, srv: srv, reloads: make(chan int, 1000)}
	go w.Run(ctx, func(changed bool, _ time.Duration, _ model.Findings) {
		if changed {
			l.rebuilds.Add(1)
		}
		srv.Announce()
	})
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("shutdown: %v", err)
		}
		w.Close()
	})
	// Listen for reloads as the injected script does.
	resp, err := http.Get(l.url + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "hello":
				close(ready)
			case strings.HasPrefix(line, "data: ") && event == "reload":
				var g int
				fmt.Sscan(strings.TrimPrefix(line, "data: "), &g)
				l.reloads <- g
			}
		}
	}()
	<-ready
	return l
}

func (l *live) get(p string) (int, string) {
	l.t.Helper()
	resp, err := http.Get(l.url + p)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitFor waits for reload events until the page at p satisfies ok, or fails after a timeout.
func (l *live) waitFor(what, p string, ok func(status int, body string) bool) {
	l.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case <-l.reloads:
			if ok(l.get(p)) {
				return
			}
		case <-deadline:
			status, body := l.get(p)
			l.t.Fatalf("%s: %s never became as expected (status %d):\n%.2000s", what, p, status, body)
		}
	}
}

func has(s string) func(int, string) bool {
	return func(status int, body string) bool { return status == 200 && strings.Contains(body, s) }
}

func TestLiveReload(t *testing.T) {
	l := startLive(t)
	if status, body := l.get("/items/offline-mode/"); status != 200 || !strings.Contains(body, "<h1>Offline mode</h1>") || !strings.Contains(body, EventsPath) {
		t.Fatalf("first page: %d\n%s", status, body)
	}
	item := func(title string) string {
		return "---\ntitle: " + title + "\nstatus: ready\n---\nBody of " + title + ".\n"
	}

	write(t, l.dir, "items/offline-mode.md", item("Offline mode, edited"))
	l.waitFor("edit", "/items/offline-mode/", has("<h1>Offline mode, edited</h1>"))

	// An editor's save: write a temporary file, rename it over the original.
	tmp := filepath.Join(l.dir, "items", ".offline-mode.md.tmp")
	os.WriteFile(tmp, []byte(item("Offline mode, saved by rename")), 0o644)
	os.Rename(tmp, filepath.Join(l.dir, "items", "offline-mode.md"))
	l.waitFor("rename over", "/items/offline-mode/", has("saved by rename"))

	// Rename an item: the old page goes, the new one comes.
	os.Rename(filepath.Join(l.dir, "items", "share-sheet.md"), filepath.Join(l.dir, "items", "sharing.md"))
	l.waitFor("rename", "/items/sharing/", has("<h1>Share sheet</h1>"))
	if status, _ := l.get("/items/share-sheet/"); status != 404 {
		t.Errorf("renamed item's old page: %d", status)
	}

	// Delete and recreate.
	os.Remove(filepath.Join(l.dir, "items", "sharing.md"))
	l.waitFor("delete", "/items/sharing/", func(status int, _ string) bool { return status == 404 })
	write(t, l.dir, "items/sharing.md", item("Sharing again"))
	l.waitFor("recreate", "/items/sharing/", has("Sharing again"))

	// A folder created later is watched too.
	os.MkdirAll(filepath.Join(l.dir, "pages"), 0o755)
	write(t, l.dir, "pages/faq.md", "# FAQ\n")
	l.waitFor("new page", "/pages/faq/", has("<h1 id=\"faq\">FAQ</h1>"))
}

func TestOverlayKeepsLastGoodSite(t *testing.T) {
	l := startLive(t)
	write(t, l.dir, "items/offline-mode.md", "---\ntitle: Broken\nstatus: nonsense\n---\n")
	l.waitFor("broken", "/items/offline-mode/", has(`id="backlog-errors"`))
	_, body := l.get("/items/offline-mode/")
	if !strings.Contains(body, "<h1>Offline mode</h1>") || !strings.Contains(body, `offline-mode.md:3:9: unknown status &#34;nonsense&#34;`) {
		t.Errorf("overlay page:\n%s", body)
	}
	if _, other := l.get("/board/"); !strings.Contains(other, `id="backlog-errors"`) {
		t.Error("other pages lack the overlay")
	}
	write(t, l.dir, "items/offline-mode.md", "---\ntitle: Fixed\nstatus: ready\n---\n")
	l.waitFor("fixed", "/items/offline-mode/", func(status int, body string) bool {
		return status == 200 && strings.Contains(body, "<h1>Fixed</h1>") && !strings.Contains(body, "backlog-errors")
	})
}

func TestBurstOfWrites(t *testing.T) {
	l := startLive(t)
	for i := range 200 {
		write(t, l.dir, "items/offline-mode.md", fmt.Sprintf("---\ntitle: Version %d\nstatus: ready\n---\n", i))
	}
	l.waitFor("last write", "/items/offline-mode/", has("<h1>Version 199</h1>"))
	if n := l.rebuilds.Load(); n > 20 {
		t.Errorf("200 writes caused %d rebuilds", n)
	}
	t.Logf("200 writes, %d rebuilds", l.rebuilds.Load())
}

func TestServingIsSafe(t *testing.T) {
	l := startLive(t)
	for _, p := range []string{"/../../etc/passwd", "/items/../../backlog.yaml", "/%2e%2e/%2e%2e/etc/passwd", "/items/", "/nope"} {
		status, body := l.get(p)
		if status != 404 || !strings.Contains(body, "Page not found") {
			t.Errorf("%s: %d", p, status)
		}
	}
	resp, err := http.Head(l.url + "/static/style.css")
	if err != nil || resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("style.css: %v %v", err, resp.Header)
	}
	if resp, _ := http.Get(l.url + "/backlog.json"); resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("backlog.json: %v", resp.Header.Get("Content-Type"))
	}
	if resp, _ := http.Post(l.url+"/", "text/plain", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.2:80": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%q) = %v", addr, !want)
		}
	}
}

func TestContentFolderDisappears(t *testing.T) {
	l := startLive(t)
	if err := os.RemoveAll(l.dir); err != nil {
		t.Fatal(err)
	}
	l.waitFor("folder removed", "/items/offline-mode/", has(`id="backlog-errors"`))
	if _, body := l.get("/"); !strings.Contains(body, "<h1>Mobile app</h1>") || !strings.Contains(body, "content folder") {
		t.Errorf("the last good site with the reason was not served:\n%.3000s", body)
	}
	// The folder comes back (a branch switch, say): the preview recovers.
	restored := contentDir(t, "testdata/fixture.txtar")
	if err := os.Rename(restored, l.dir); err != nil {
		t.Fatal(err)
	}
	l.waitFor("folder back", "/items/offline-mode/", func(status int, body string) bool {
		return status == 200 && !strings.Contains(body, "backlog-errors")
	})
}
