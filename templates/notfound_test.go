package templates_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// pagesHost serves a site as GitHub Pages serves a project site: under /repo/, with the
// site's 404.html as the body of every missing address.
func pagesHost(dir *string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel, ok := strings.CutPrefix(r.URL.Path, "/repo/")
		if ok {
			p := filepath.Join(*dir, filepath.FromSlash(rel))
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				p = filepath.Join(p, "index.html")
			}
			if _, err := os.Stat(p); err == nil && !strings.Contains(rel, "..") {
				http.ServeFile(w, r, p)
				return
			}
		}
		body, _ := os.ReadFile(filepath.Join(*dir, "404.html"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
	})
}

// TestNotFoundAtAnyDepth opens missing addresses at several depths of a project site on
// a host named like GitHub Pages, built with and without base_url, and follows the 404
// page's way back to the backlog.
func TestNotFoundAtAnyDepth(t *testing.T) {
	var dir string
	srv := httptest.NewServer(pagesHost(&dir))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	const host = "acme.github.io"
	b := newBrowser(t, chromedp.Flag("host-resolver-rules", "MAP "+host+" 127.0.0.1:"+port))
	site := "http://" + host + ":" + port + "/repo/"

	for _, baseURL := range []string{"", strings.TrimSuffix(site, "/")} {
		content := t.TempDir()
		os.MkdirAll(filepath.Join(content, "items"), 0o755)
		settings := "title: Acme\n"
		if baseURL != "" {
			settings += "base_url: " + baseURL + "\n"
		}
		os.WriteFile(filepath.Join(content, "backlog.yaml"), []byte(settings), 0o644)
		os.WriteFile(filepath.Join(content, "items", "sync.md"), []byte("---\ntitle: Sync\nstatus: ready\n---\nBody.\n"), 0o644)
		os.WriteFile(filepath.Join(content, "order.yaml"), []byte("- sync\n"), 0o644)
		dir = filepath.Join(t.TempDir(), "public")
		if _, err := generator.Build(generator.Options{ContentDir: content, OutDir: dir, NoHistory: true}); err != nil {
			t.Fatal(err)
		}
		scripts := []bool{true}
		if baseURL != "" {
			scripts = append(scripts, false) // base_url makes the links absolute: no script needed
		}
		for _, script := range scripts {
			scriptsOn(t, b, script)
			for _, missing := range []string{"items/old-id/", "items/old-id/index.html", "pages/gone/", "board/x/y/", "static/missing.png", "a/b/c/d", "nothing", "roadmap/old/"} {
				where := "base_url " + baseURL + ", script " + map[bool]string{true: "on", false: "off"}[script] + ": /repo/" + missing
				b.do(t, chromedp.Navigate(site+missing), chromedp.WaitReady("footer"))
				styled := get(t, b, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector("header.site")).display === "flex"`))
				back := get(t, b, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main a")).find(a => /Back/.test(a.textContent)).href`))
				if !styled {
					t.Errorf("%s: the page is not styled", where)
				}
				if back != site+"index.html" {
					t.Errorf("%s: 'Back to the backlog' leads to %s, want %s", where, back, site+"index.html")
				}
				b.forget("HTTP 404 for " + site + missing)
				b.clean(t, where)
			}
		}
		scriptsOn(t, b, true)
		b.do(t, chromedp.Navigate(site+"items/old-id/"), chromedp.WaitReady("footer"), chromedp.Click("main a"), chromedp.WaitReady("#q"))
		// The test's server, as http.ServeFile, answers /repo/index.html with /repo/.
		if loc := get(t, b, chromedp.Location()); loc != site+"index.html" && loc != site {
			t.Errorf("base_url %q: back at %s", baseURL, loc)
		}
		b.forget("HTTP 404 for " + site + "items/old-id/")
		b.clean(t, "back to the backlog")
	}
}

func scriptsOn(t *testing.T, b *browser, on bool) {
	t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on}); err != nil {
		t.Fatal(err)
	}
}

// forget drops the problems recorded that are expected, such as the status of a page
// asked for to see its 404.
func (b *browser) forget(expected string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var left []string
	for _, p := range b.problems {
		if p != expected {
			left = append(left, p)
		}
	}
	b.problems = left
}
