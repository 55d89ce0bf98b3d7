package preview

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-git/go-git/v5"
)

// deskBrowser opens the preview in headless Chromium; without Chromium the test skips
// (fails on CI, where it is installed).
func deskBrowser(t *testing.T) context.Context {
	t.Helper()
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is not installed: apt-get install chromium")
		}
		t.Skip("Chromium is not installed: apt-get install chromium")
	}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1280, 1000))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}

// center is where the element matched by sel is on screen. The pages tested fit the
// window: nothing scrolls between finding a place and pressing there.
func center(ctx context.Context, t *testing.T, sel string) (x, y, top, height float64) {
	t.Helper()
	js := `(function(){var e=document.querySelector(` + jsString(sel) + `);var b=e.getBoundingClientRect();return [b.left+b.width/2,b.top+b.height/2,b.top,b.height]})()`
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return r[0], r[1], r[2], r[3]
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// drag presses the left button at (x0, y0), moves to (x1, y1) in steps and releases.
func drag(ctx context.Context, t *testing.T, x0, y0, x1, y1 float64) {
	t.Helper()
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	actions := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x0, y0), chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x0, y0, held, chromedp.ClickCount(1))}
	for i := 1; i <= 8; i++ {
		f := float64(i) / 8
		actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x0+(x1-x0)*f, y0+(y1-y0)*f, held))
	}
	actions = append(actions, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x1, y1, held, chromedp.ClickCount(1)))
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eventually polls ok until it holds, or fails after a while saying what.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: never happened", what)
		}
	}
}

func evalString(ctx context.Context, t *testing.T, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		return ""
	}
	return s
}

// TestDeskInTheBrowser drives the desk as the PO does: drag an item to the top, rank a
// proposal with the keyboard, move a card across the board, set a release from a card's
// menu, read the diff panel, and prepare a pull request. After each step the files hold
// exactly the intended change.
func TestDeskInTheBrowser(t *testing.T) {
	dir, _ := repoContent(t)
	repo, _ := git.PlainOpen(filepath.Dir(dir))
	cfg, _ := repo.Config()
	cfg.User.Name, cfg.User.Email = "Pat Owner", "pat@example.org"
	repo.SetConfig(cfg)
	l := startLiveWith(t, generator.Options{ContentDir: dir, NoHistory: true})
	ctx := deskBrowser(t)
	original := snapshotFiles(t, dir)
	read := func(name string) string { data, _ := os.ReadFile(filepath.Join(dir, name)); return string(data) }
	firstRows := func() string {
		return evalString(ctx, t, `Array.from(document.querySelectorAll('section[aria-labelledby="backlog"] tr[data-item]')).map(function(r){return r.dataset.item}).join(" ")`)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url+"/"), chromedp.WaitVisible(`#desk-panel`)); err != nil {
		t.Fatal(err)
	}
	if got := firstRows(); got != "sync-engine offline-mode" {
		t.Fatalf("the backlog starts as %q", got)
	}

	// The state the page shows: a write sent from a page that shows an older one is
	// refused (the page then reloads), so each step waits for the page of the last write.
	pageGen := func() string {
		return evalString(ctx, t, `String(JSON.parse(document.getElementById("backlog-desk-config").textContent).gen)`)
	}
	genBefore := pageGen()

	// 1. Drag offline-mode above sync-engine.
	x0, y0, _, _ := center(ctx, t, `tr[data-item="offline-mode"] .desk-handle`)
	_, _, top, _ := center(ctx, t, `tr[data-item="sync-engine"]`)
	drag(ctx, t, x0, y0, x0, top+3)
	wantOrder := "# The PO's ranking\n- offline-mode\n- sync-engine\n- dark-theme\n- old-login\n"
	eventually(t, "order.yaml after the drag", func() bool { return read("order.yaml") == wantOrder })
	eventually(t, "the page after the drag", func() bool { return firstRows() == "offline-mode sync-engine" })
	eventually(t, "the page of the drag's rebuild", func() bool { g := pageGen(); return g != "" && g != genBefore })

	// 2. With the keyboard: pick share-sheet up, one step up into the backlog, put down.
	// The drag's rebuild may reload the page under the keys on a loaded machine: the
	// move is then made again on the new page, which the reload left as it was.
	before := read("order.yaml")
	for attempt := 1; ; attempt++ {
		err := chromedp.Do(ctx, chromedp.WaitVisible(`tr[data-item="share-sheet"] .desk-handle`),
			chromedp.Focus(`tr[data-item="share-sheet"] .desk-handle`), chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(" "))
		if err == nil {
			break
		}
		if attempt == 3 || read("order.yaml") != before || !strings.Contains(err.Error(), "Could not find node") {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	wantOrder = "# The PO's ranking\n- offline-mode\n- sync-engine\n- share-sheet\n- dark-theme\n- old-login\n"
	eventually(t, "order.yaml after the keyboard move", func() bool { return read("order.yaml") == wantOrder })
	eventually(t, "the page after the keyboard move", func() bool { return firstRows() == "offline-mode sync-engine share-sheet" })
	eventually(t, "the move announced and focus kept", func() bool {
		return strings.Contains(evalString(ctx, t, `document.querySelector(".desk-live").textContent`), "Share sheet moved to position 3 of 3") &&
			evalString(ctx, t, `document.activeElement.closest("tr") ? document.activeElement.closest("tr").dataset.item : ""`) == "share-sheet"
	})

	// 3. On the board, drag share-sheet's card into the Ready column.
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url+"/board/"), chromedp.WaitVisible(`li[data-item="share-sheet"] .desk-handle`)); err != nil {
		t.Fatal(err)
	}
	genBefore = pageGen()
	x0, y0, _, _ = center(ctx, t, `li[data-item="share-sheet"] .desk-handle`)
	x1, y1, _, _ := center(ctx, t, `#col-ready`)
	drag(ctx, t, x0, y0, x1, y1)
	wantItem := strings.Replace(original["items/share-sheet.md"], "status: proposed", "status: ready", 1)
	eventually(t, "the card's status", func() bool { return read("items/share-sheet.md") == wantItem })

	// 4. A card's menu sets offline-mode's release.
	eventually(t, "the board after the move", func() bool {
		return evalString(ctx, t, `(document.querySelector('li[data-item="share-sheet"]')||{}).dataset.status||""`) == "ready"
	})
	eventually(t, "the board of the move's rebuild", func() bool { g := pageGen(); return g != "" && g != genBefore })
	if err := chromedp.Do(ctx, chromedp.Click(`li[data-item="offline-mode"] .desk-menu-button`), chromedp.WaitVisible(`#desk-release-offline-mode`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){var s=document.getElementById("desk-release-offline-mode");s.value="later";s.dispatchEvent(new Event("change"));return true})()`)); err != nil {
		t.Fatal(err)
	}
	wantItem = strings.Replace(original["items/offline-mode.md"], `release: "2027.1"`, "release: later", 1)
	eventually(t, "the release", func() bool { return read("items/offline-mode.md") == wantItem })
	changed := changedFiles(original, snapshotFiles(t, dir))
	slices.Sort(changed)
	if !slices.Equal(changed, []string{"items/offline-mode.md", "items/share-sheet.md", "order.yaml"}) {
		t.Errorf("files changed: %v", changed)
	}

	// 5. The diff panel tells it as a reviewer reads it.
	eventually(t, "the diff panel", func() bool {
		text := evalString(ctx, t, `document.getElementById("desk-diff").textContent`)
		return strings.Contains(text, "Moved offline-mode from #2 to #1") && strings.Contains(text, "Ranked share-sheet at #3") &&
			strings.Contains(text, "Status of share-sheet: proposed → ready") && strings.Contains(text, "release of offline-mode: 2027.1 → later")
	})

	// 6. Prepare a pull request, from the backlog with the panel open.
	if err := chromedp.Do(ctx, chromedp.Navigate(l.url+"/"), chromedp.WaitVisible(`#desk-panel`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("desk-panel").open=true`)); err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("BACKLOG_DESK_SCREENSHOT"); path != "" {
		// The README's picture: go test ./generator/preview -run DeskInTheBrowser with
		// BACKLOG_DESK_SCREENSHOT=$PWD/docs/desk.png.
		eventually(t, "the diff panel on the backlog", func() bool {
			return strings.Contains(evalString(ctx, t, `document.getElementById("desk-diff").textContent`), "Moved offline-mode")
		})
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#desk-pr`)); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the pull request", func() bool {
		return strings.Contains(evalString(ctx, t, `document.getElementById("desk-pr-result").textContent`), "git push -u origin backlog-desk-")
	})
	head, _ := repo.Head()
	commit, _ := repo.CommitObject(head.Hash())
	if !strings.HasPrefix(head.Name().Short(), "backlog-desk-") || !strings.Contains(commit.Message, "- Move offline-mode from #2 to #1") {
		t.Errorf("HEAD %s, commit message:\n%s", head.Name(), commit.Message)
	}
	wt, _ := repo.Worktree()
	if st, _ := wt.Status(); !st.IsClean() {
		t.Errorf("the tree is not clean after the commit:\n%v", st)
	}
}
