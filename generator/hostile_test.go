package generator

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
)

// unpack writes a txtar archive into dir.
func unpack(t *testing.T, archive, dir string) {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileContent builds a site from payloads (committed, so the change log and the
// feed carry them too) and checks that none survives as markup in any file.
func TestHostileContent(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "content")
	unpack(t, "testdata/hostile.txtar", content)
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	wt.AddWithOptions(&git.AddOptions{All: true})
	sig := &object.Signature{Name: "<script>alert('author')</script>", Email: "x@example.org", When: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit("hostile", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "public")
	findings, err := Build(Options{ContentDir: content, OutDir: out})
	if err != nil {
		t.Fatalf("build: %v %v", err, findings)
	}
	var files int
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		switch filepath.Ext(p) {
		case ".html":
			for _, problem := range scriptable(data) {
				t.Errorf("%s: %s", rel, problem)
			}
		case ".json":
			if bytes.Contains(data, []byte("<")) {
				t.Errorf("%s: a raw '<' in JSON", rel)
			}
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: %v", rel, err)
			}
		case ".xml":
			if bytes.Contains(bytes.ToLower(data), []byte("<script")) {
				t.Errorf("%s: a script element", rel)
			}
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s: not well-formed: %v", rel, err)
					break
				}
			}
		}
		return nil
	})
	if files < 8 {
		t.Fatalf("only %d files built", files)
	}
	if _, err := os.Stat(filepath.Join(out, "feed.xml")); err != nil {
		t.Error("no feed: the payloads in the change log were not tested")
	}
}

// scriptable lists the elements, attributes and URLs in page that could run a script.
func scriptable(page []byte) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "form", "base", "meta":
			if tok.Data == "meta" && !hasAttr(tok, "http-equiv") ||
				tok.Data == "script" && ownScript(tok) && z.Next() == html.EndTagToken ||
				tok.Data == "form" && hasAttr(tok, "data-filters") && !hasAttr(tok, "action") {
				break // the theme's own: its script file, loaded from static/, and its filter form
			}
			problems = append(problems, "a <"+tok.Data+"> element: "+tok.String())
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				problems = append(problems, "an event handler attribute: "+tok.String())
			}
			if key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" {
				v := strings.ToLower(strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1
					}
					return r
				}, a.Val))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text/html"} {
					if strings.HasPrefix(v, scheme) {
						problems = append(problems, "a "+scheme+" URL: "+tok.String())
					}
				}
			}
		}
	}
}

// ownScript reports whether a script element loads the theme's script and nothing else.
func ownScript(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "src" && strings.HasSuffix(a.Val, "static/backlog.js") && !strings.Contains(a.Val, "javascript:") {
			return true
		}
	}
	return false
}

func hasAttr(tok html.Token, key string) bool {
	for _, a := range tok.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// TestScriptableFindsScripts keeps the checker above honest.
func TestScriptableFindsScripts(t *testing.T) {
	for _, bad := range []string{
		"<p><script>x</script></p>", "<img src=x onerror=y>", `<a href=" JavaScript:x">`,
		`<iframe src="/"></iframe>`, `<img src="data:text/html,x">`, `<meta http-equiv="refresh" content="0;url=x">`,
	} {
		if len(scriptable([]byte(bad))) == 0 {
			t.Errorf("not caught: %s", bad)
		}
	}
	for _, bad := range []string{`<script src="static/backlog.js">alert(1)</script>`, `<script src="https://evil.example/x.js"></script>`, `<form action="https://evil.example">`} {
		if len(scriptable([]byte(bad))) == 0 {
			t.Errorf("not caught: %s", bad)
		}
	}
	if p := scriptable([]byte(`<p class="x"><a href="../items/a/index.html">&lt;script&gt;</a></p><script src="../static/backlog.js" defer></script>`)); len(p) != 0 {
		t.Errorf("false alarm: %v", p)
	}
}
