package preview

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// deskConfigOf reads the desk's settings from a served page, as its script does.
func (l *live) deskConfig() deskConfig {
	l.t.Helper()
	_, body := l.get("/")
	m := regexp.MustCompile(`<script type="application/json" id="backlog-desk-config">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		l.t.Fatal("the page has no desk")
	}
	var c deskConfig
	if err := json.Unmarshal([]byte(m[1]), &c); err != nil {
		l.t.Fatal(err)
	}
	return c
}

// deskPost sends a desk request as the page's script does; change lets a test alter it.
func (l *live) deskPost(action string, body map[string]any, change func(*http.Request)) (int, map[string]any) {
	l.t.Helper()
	c := l.deskConfig()
	if _, ok := body["gen"]; !ok {
		body["gen"] = c.Gen
	}
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, l.url+DeskPath+action, bytes.NewReader(data))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", l.url)
	req.Header.Set("X-Backlog-Desk", c.Secret)
	if change != nil {
		change(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

// snapshotFiles reads every file of the content folder.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return files
}

// changedFiles compares two snapshots of the content folder.
func changedFiles(before, after map[string]string) []string {
	var out []string
	for p, data := range after {
		if before[p] != data {
			out = append(out, p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

func TestDeskRefusesForeignRequests(t *testing.T) {
	l := startLive(t)
	before := snapshotFiles(t, l.dir)
	move := map[string]any{"item": "dark-theme", "top": true}
	for name, change := range map[string]func(*http.Request){
		"no secret":      func(r *http.Request) { r.Header.Del("X-Backlog-Desk") },
		"a wrong secret": func(r *http.Request) { r.Header.Set("X-Backlog-Desk", strings.Repeat("0", 64)) },
		"another Origin": func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") },
		"no Origin":      func(r *http.Request) { r.Header.Del("Origin") },
		"a null Origin":  func(r *http.Request) { r.Header.Set("Origin", "null") },
		"another Host":   func(r *http.Request) { r.Host = "evil.example:" + strings.Split(r.URL.Host, ":")[1] },
		"a rebound name": func(r *http.Request) {
			r.Host = "localhost.evil.example:" + strings.Split(r.URL.Host, ":")[1]
			r.Header.Set("Origin", "http://"+r.Host)
		},
		"a form post":        func(r *http.Request) { r.Header.Set("Content-Type", "text/plain") },
		"Origin of the port": func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:1") },
	} {
		status, out := l.deskPost("rank", map[string]any{"item": "dark-theme", "top": true}, change)
		if status < 400 || status >= 500 {
			t.Errorf("%s: status %d %v", name, status, out)
		}
	}
	if changed := changedFiles(before, snapshotFiles(t, l.dir)); len(changed) > 0 {
		t.Fatalf("refused requests changed %v", changed)
	}
	// The same request, from the page: it is made.
	if status, out := l.deskPost("rank", move, nil); status != 200 {
		t.Fatalf("the page's own request: %d %v", status, out)
	}
	want := "# The PO's ranking\n- dark-theme\n- sync-engine\n- offline-mode\n- old-login\n"
	if got := snapshotFiles(t, l.dir)["order.yaml"]; got != want {
		t.Errorf("order.yaml:\n%s\nwant\n%s", got, want)
	}
}

// TestDeskOnlyOnLoopback runs the preview on every interface: the desk is not offered.
func TestDeskOnlyOnLoopback(t *testing.T) {
	dir := contentDir(t, "testdata/fixture.txtar")
	before := snapshotFiles(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Options: generator.Options{ContentDir: dir, NoHistory: true}, Addr: "0.0.0.0:0"}, &stdout, &stderr)
	}()
	defer func() { cancel(); <-done }()
	var port string
	for deadline := time.Now().Add(10 * time.Second); port == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := regexp.MustCompile(`:(\d+)/`).FindStringSubmatch(stdout.String()); m != nil {
			port = m[1]
		}
	}
	if port == "" {
		t.Fatalf("no address printed: %s %s", stdout.String(), stderr.String())
	}
	url := "http://127.0.0.1:" + port
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(page), "backlog-desk-config") {
		t.Error("a preview visible to the network offers the desk")
	}
	req, _ := http.NewRequest(http.MethodPost, url+DeskPath+"rank", strings.NewReader(`{"item":"dark-theme","top":true}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", url)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a desk request on a network address: %d", resp.StatusCode)
	}
	if changed := changedFiles(before, snapshotFiles(t, dir)); len(changed) > 0 {
		t.Fatalf("files changed: %v", changed)
	}
}

func TestDeskRefusesInvalidContent(t *testing.T) {
	l := startLive(t)
	before := snapshotFiles(t, l.dir)
	for _, tc := range []struct {
		field, value, finding string
	}{
		{"status", "nonsense", `unknown status "nonsense"`},
		{"release", "2099.9", `unknown release`},
		{"goal", "world-domination", `unknown goal`},
		{"title", "A new title", "the desk sets only"},
		{"owner", "bob\nstatus: done", "one short line"},
	} {
		status, out := l.deskPost("field", map[string]any{"item": "offline-mode", "field": tc.field, "value": tc.value}, nil)
		text := fmt.Sprint(out)
		if status < 400 || !strings.Contains(string(text), tc.finding) {
			t.Errorf("%s %q: status %d %s", tc.field, tc.value, status, text)
		}
	}
	// A cycle, as a write the desk would make: refused with the finding.
	fsys, _, err := l.srv.desk.content()
	if err != nil {
		t.Fatal(err)
	}
	cyclic := []byte("---\ntitle: Sync engine\nstatus: in-progress\ndepends_on: [offline-mode]\n---\n")
	err = l.srv.desk.write(fsys, "items/sync-engine.md", []byte(before["items/sync-engine.md"]), cyclic, "cycle")
	if de, ok := err.(*deskError); !ok || !strings.Contains(strings.Join(de.findings, "\n"), "cycle") {
		t.Errorf("a cycle: %v", err)
	}
	if changed := changedFiles(before, snapshotFiles(t, l.dir)); len(changed) > 0 {
		t.Fatalf("refused edits changed %v", changed)
	}
}

func TestDeskSetsOneField(t *testing.T) {
	l := startLive(t)
	before := snapshotFiles(t, l.dir)
	if status, out := l.deskPost("field", map[string]any{"item": "offline-mode", "field": "release", "value": "later"}, nil); status != 200 {
		t.Fatalf("%d %v", status, out)
	}
	after := snapshotFiles(t, l.dir)
	if changed := changedFiles(before, after); len(changed) != 1 || changed[0] != "items/offline-mode.md" {
		t.Fatalf("changed %v", changed)
	}
	if want := strings.Replace(before["items/offline-mode.md"], `release: "2027.1"`, "release: later", 1); after["items/offline-mode.md"] != want {
		t.Errorf("the item:\n%s\nwant\n%s", after["items/offline-mode.md"], want)
	}
	l.waitFor("rebuilt", "/items/offline-mode/", has(`later`))
}

// TestDeskConcurrentEdits: a page older than the content (another tab wrote, or an
// editor saved) is refused, and so is a write racing an editor's save.
func TestDeskConcurrentEdits(t *testing.T) {
	l := startLive(t)
	c := l.deskConfig()
	if status, _ := l.deskPost("rank", map[string]any{"item": "dark-theme", "top": true, "gen": c.Gen}, nil); status != 200 {
		t.Fatal("first tab")
	}
	l.waitFor("rebuilt", "/", func(int, string) bool { return l.deskConfig().Gen != c.Gen })
	before := snapshotFiles(t, l.dir)
	status, out := l.deskPost("rank", map[string]any{"item": "old-login", "top": true, "gen": c.Gen}, nil)
	if status != http.StatusConflict || !strings.Contains(out["error"].(string), "changed since this page") {
		t.Errorf("the second tab: %d %v", status, out)
	}
	if changed := changedFiles(before, snapshotFiles(t, l.dir)); len(changed) > 0 {
		t.Fatalf("a stale page changed %v", changed)
	}
	// Two tabs showing the same state send a move at once: one is made, one refused.
	gen := l.deskConfig().Gen
	results := make(chan int, 2)
	for _, id := range []string{"sync-engine", "offline-mode"} {
		go func() {
			status, _ := l.deskPost("rank", map[string]any{"item": id, "bottom": true, "gen": gen}, nil)
			results <- status
		}()
	}
	if a, b := <-results, <-results; a+b != 200+http.StatusConflict {
		t.Errorf("two tabs at once: %d and %d, want one 200 and one 409", a, b)
	}
	// An editor saves between the desk's read and its write.
	path := filepath.Join(l.dir, "order.yaml")
	read, _ := os.ReadFile(path)
	os.WriteFile(path, append(read, "# saved by an editor\n"...), 0o644)
	if err := replaceFile(path, read, []byte("- old-login\n")); err != errChanged {
		t.Errorf("a write over an editor's save: %v", err)
	}
	if now, _ := os.ReadFile(path); !strings.Contains(string(now), "saved by an editor") {
		t.Error("the editor's save was lost")
	}
}

func TestDeskUndoAndDiscard(t *testing.T) {
	l := startLive(t)
	before := snapshotFiles(t, l.dir)
	step := func(action string, body map[string]any) {
		t.Helper()
		gen := l.deskConfig().Gen
		if status, out := l.deskPost(action, body, nil); status != 200 {
			t.Fatalf("%s: %d %v", action, status, out)
		}
		l.waitFor(action, "/", func(int, string) bool { return l.deskConfig().Gen != gen })
	}
	step("rank", map[string]any{"item": "old-login", "top": true})
	step("field", map[string]any{"item": "share-sheet", "field": "status", "value": "ready"})
	moved := snapshotFiles(t, l.dir)["order.yaml"]
	step("undo", map[string]any{})
	after := snapshotFiles(t, l.dir)
	if after["items/share-sheet.md"] != before["items/share-sheet.md"] || after["order.yaml"] != moved {
		t.Errorf("undo put back the wrong file: %v", changedFiles(before, after))
	}
	step("rank", map[string]any{"item": "share-sheet", "after": "sync-engine"})
	step("discard", map[string]any{})
	if changed := changedFiles(before, snapshotFiles(t, l.dir)); len(changed) > 0 {
		t.Errorf("discard all left %v", changed)
	}
}

func TestDeskPreparesAPullRequest(t *testing.T) {
	dir, _ := repoContent(t)
	repo, _ := git.PlainOpen(filepath.Dir(dir))
	cfg, _ := repo.Config()
	cfg.User.Name, cfg.User.Email = "Pat Owner", "pat@example.org"
	repo.SetConfig(cfg)
	l := startLiveWith(t, generator.Options{ContentDir: dir, NoHistory: true})

	gen := l.deskConfig().Gen
	if status, out := l.deskPost("rank", map[string]any{"item": "dark-theme", "top": true}, nil); status != 200 {
		t.Fatalf("%d %v", status, out)
	}
	l.waitFor("moved", "/", func(int, string) bool { return l.deskConfig().Gen != gen })
	// Another change in the content folder, not the desk's: refused, named.
	write(t, dir, "items/late-idea.md", "---\ntitle: Late idea\nstatus: proposed\n---\n")
	status, out := l.deskPost("pr", map[string]any{}, nil)
	if status != http.StatusConflict || !strings.Contains(out["error"].(string), "content/items/late-idea.md") {
		t.Fatalf("other changes: %d %v", status, out)
	}
	os.Remove(filepath.Join(dir, "items/late-idea.md"))

	status, out = l.deskPost("pr", map[string]any{}, nil)
	if status != 200 {
		t.Fatalf("%d %v", status, out)
	}
	branch := out["branch"].(string)
	head, err := repo.Head()
	if err != nil || head.Name() != plumbing.NewBranchReferenceName(branch) {
		t.Fatalf("HEAD is %v, want the branch %s", head, branch)
	}
	commit, _ := repo.CommitObject(head.Hash())
	if commit.Author.Name != "Pat Owner" || !strings.Contains(commit.Message, "- Move dark-theme from #3 to #1") {
		t.Errorf("commit by %s:\n%s", commit.Author.Name, commit.Message)
	}
	if !strings.Contains(out["compare"].(string), "https://git.example/org/mobile/compare/") || out["push"] != "git push -u origin "+branch {
		t.Errorf("result: %v", out)
	}
	wt, _ := repo.Worktree()
	if st, _ := wt.Status(); !st.IsClean() {
		t.Errorf("the tree is not clean after:\n%v", st)
	}
	if _, err := repo.Reference(plumbing.NewBranchReferenceName("master"), false); err != nil {
		t.Error("the branch it left is gone")
	}
}

// syncBuffer is a buffer written by one goroutine and read by another.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBuildHasNoDesk: nothing of the desk (nor of the preview) reaches build's output.
func TestBuildHasNoDesk(t *testing.T) {
	dir := contentDir(t, "testdata/fixture.txtar")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(generator.Options{ContentDir: dir, OutDir: out, NoHistory: true}); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			for _, mark := range []string{"/_backlog/", "backlog-desk", "X-Backlog-Desk"} {
				if strings.Contains(string(data), mark) {
					t.Errorf("%s holds %q", p, mark)
				}
			}
		}
		return nil
	})
}

// TestDeskRanksAnAliasedItemOnce: order.yaml names dark-theme twice, by its id and by
// its file name, an error; moving or unranking it on the desk leaves it listed once or
// not at all, so the change is valid and made.
func TestDeskRanksAnAliasedItemOnce(t *testing.T) {
	for _, tt := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"item": "dark-theme", "top": true}, "# The PO's ranking\n- dark-theme\n- sync-engine\n- offline-mode\n- old-login\n"},
		{map[string]any{"item": "DARK-THEME.md", "unrank": true}, "# The PO's ranking\n- sync-engine\n- offline-mode\n- old-login\n"},
	} {
		dir := contentDir(t, "testdata/fixture.txtar")
		write(t, dir, "order.yaml", "# The PO's ranking\n- sync-engine\n- offline-mode\n- dark-theme\n- old-login\n- Dark-Theme.md\n")
		l := startLiveWith(t, generator.Options{ContentDir: dir, NoHistory: true})
		if status, out := l.deskPost("rank", tt.body, nil); status != 200 {
			t.Fatalf("%v: %d %v", tt.body, status, out)
		}
		if got := snapshotFiles(t, l.dir)["order.yaml"]; got != tt.want {
			t.Errorf("%v: order.yaml:\n%s\nwant\n%s", tt.body, got, tt.want)
		}
	}
}
