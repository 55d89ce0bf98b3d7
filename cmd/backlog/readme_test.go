package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestREADMEUsageLines runs every usage line of the README's "Commands" block exactly
// as written: flags in the order shown, every optional part left out and then put in,
// each alternative in turn, with the placeholders (DIR, ID, REV...) replaced by real
// values. Each runs in a fresh copy of the example content, committed twice with go-git
// so that revisions exist. A usage line the command does not accept fails the test.
func TestREADMEUsageLines(t *testing.T) {
	lines := readmeUsageLines(t)
	if len(lines) < 8 {
		t.Fatalf("found %d usage lines in the README's Commands block", len(lines))
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	t.Setenv("PATH", t.TempDir()) // -open finds no browser to start
	for _, line := range lines {
		for _, args := range expandUsage(t, line) {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				dir := committedExample(t)
				var code int
				var stdout, stderr string
				if args[0] == "serve" {
					code, stdout, stderr = serveUntilReady(t, dir, args)
				} else {
					code, stdout, stderr = runIn(t, dir, args...)
				}
				if code != exitOK {
					t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
				}
			})
		}
	}
}

// readmeUsageLines returns the lines of the first code block under "## Commands", each
// without its leading "backlog".
func readmeUsageLines(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "\n## Commands\n")
	if i < 0 {
		t.Fatal(`README.md has no "## Commands" section`)
	}
	text = text[i:]
	start := strings.Index(text, "\n```\n")
	end := strings.Index(text[start+5:], "\n```")
	if start < 0 || end < 0 {
		t.Fatal("the Commands section has no code block")
	}
	var lines []string
	for _, l := range strings.Split(text[start+5:start+5+end], "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, "backlog "); ok {
			lines = append(lines, rest)
		} else if l != "" {
			t.Fatalf("usage line %q does not start with backlog", l)
		}
	}
	return lines
}

// A usage line's grammar: words, [optional parts], (alternatives | separated | so), and
// words with alternatives inside (text|github|json).
type usageNode struct {
	word     string        // a word, when the others are empty
	optional []usageNode   // [ ... ]
	choice   [][]usageNode // ( a | b )
}

var usageToken = regexp.MustCompile(`\[|\]|\(|\)|[^\s\[\]()]+`)

func parseUsage(t *testing.T, line string) []usageNode {
	tokens := usageToken.FindAllString(line, -1)
	pos := 0
	var seq func(closer string) [][]usageNode
	seq = func(closer string) [][]usageNode {
		alts := [][]usageNode{nil}
		for pos < len(tokens) {
			tok := tokens[pos]
			pos++
			switch tok {
			case closer:
				return alts
			case "]", ")":
				t.Fatalf("usage line %q: unbalanced %q", line, tok)
			case "|":
				alts = append(alts, nil)
			case "[":
				inner := seq("]")
				if len(inner) != 1 {
					t.Fatalf("usage line %q: '|' inside [...]", line)
				}
				alts[len(alts)-1] = append(alts[len(alts)-1], usageNode{optional: inner[0]})
			case "(":
				alts[len(alts)-1] = append(alts[len(alts)-1], usageNode{choice: seq(")")})
			default:
				alts[len(alts)-1] = append(alts[len(alts)-1], usageNode{word: tok})
			}
		}
		if closer != "" {
			t.Fatalf("usage line %q: %q never closed", line, closer)
		}
		return alts
	}
	top := seq("")
	if len(top) != 1 {
		t.Fatalf("usage line %q: '|' outside (...)", line)
	}
	return top[0]
}

// expandUsage lists the command lines a usage line stands for: optional parts all out,
// then all in, for the k-th alternative of every choice, k up to the most alternatives.
func expandUsage(t *testing.T, line string) [][]string {
	nodes := parseUsage(t, line)
	most := 1
	var count func([]usageNode)
	count = func(ns []usageNode) {
		for _, n := range ns {
			most = max(most, len(n.choice), len(strings.Split(n.word, "|")))
			count(n.optional)
			for _, c := range n.choice {
				count(c)
			}
		}
	}
	count(nodes)
	seen := map[string]bool{}
	var out [][]string
	for k := 0; k < most; k++ {
		for _, all := range []bool{false, true} {
			var words []string
			var walk func([]usageNode)
			walk = func(ns []usageNode) {
				for _, n := range ns {
					switch {
					case n.choice != nil:
						walk(n.choice[k%len(n.choice)])
					case n.optional != nil:
						if all {
							walk(n.optional)
						}
					default:
						alts := strings.Split(n.word, "|")
						words = append(words, alts[k%len(alts)])
					}
				}
			}
			walk(nodes)
			args := fillPlaceholders(t, line, words)
			if key := strings.Join(args, "\x00"); !seen[key] {
				seen[key] = true
				out = append(out, args)
			}
		}
	}
	return out
}

// fillPlaceholders replaces the README's placeholders with values that exist in the
// example content, by the flag they follow or, for arguments, by their name.
func fillPlaceholders(t *testing.T, line string, words []string) []string {
	byFlag := map[string]string{
		"-content DIR": "content", "-out DIR": "site", "-templates DIR": "theme",
		"-base REV": "HEAD~1", "-title T": "Mobile", "-repo URL": "https://example.org/team/repo",
		"-type T": "feature", "-release R": "0.2", "-before ID": "content-validation",
		"-after ID": "content-validation",
		// The README's port may be taken on a shared machine: any free one will do.
		"-addr 127.0.0.1:8080": "127.0.0.1:0",
	}
	byName := map[string]string{
		"ID": "atomic-output", "TITLE": "Offline mode", "BASE": "HEAD~1", "HEAD": "HEAD", "DIR": "newrepo",
	}
	out := slicesClone(words)
	for i, w := range out {
		if i > 0 {
			if v, ok := byFlag[out[i-1]+" "+w]; ok {
				out[i] = v
				continue
			}
		}
		if v, ok := byName[w]; ok && (i == 0 || !strings.HasPrefix(out[i-1], "-") || isBoolFlagWord(out[i-1])) {
			out[i] = v
			continue
		}
		if w == strings.ToUpper(w) && strings.ToLower(w) != w {
			t.Fatalf("usage line %q: no value for %q after %q: teach TestREADMEUsageLines one", line, w, out[max(i-1, 0)])
		}
	}
	return out
}

// isBoolFlagWord: the README's flags that take no value.
func isBoolFlagWord(w string) bool {
	switch w {
	case "-top", "-bottom", "-unranked", "-no-history", "-no-cache", "-open", "-strict-owners", "-drafts":
		return true
	}
	return false
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// committedExample is a repository holding a copy of the example content, committed
// twice (the second commit reorders and re-dates a release as the owners, "maintainers"),
// and an empty theme folder.
func committedExample(t *testing.T) string {
	dir := exampleCopy(t)
	if err := os.Mkdir(filepath.Join(dir, "theme"), 0o755); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC)
	commitAll(t, dir, "maintainers", "maintainers@example.org", day)
	order := filepath.Join(dir, "content", "order.yaml")
	data, err := os.ReadFile(order)
	if err != nil {
		t.Fatal(err)
	}
	moved := strings.Replace(string(data), "- atomic-output\n", "", 1)
	moved = strings.Replace(moved, "- site-generator\n", "- atomic-output\n- site-generator\n", 1)
	if moved == string(data) {
		t.Fatal("the example's order.yaml no longer lists atomic-output after site-generator")
	}
	writeFiles(t, dir, map[string]string{"content/order.yaml": moved})
	commitAll(t, dir, "maintainers", "maintainers@example.org", day.AddDate(0, 0, 1))
	return dir
}

// serveUntilReady runs serve until it says where it serves, then stops it as Ctrl-C does.
func serveUntilReady(t *testing.T, dir string, args []string) (int, string, string) {
	t.Chdir(dir)
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(args, &stdout, &stderr) }()
	deadline := time.After(60 * time.Second)
	for !strings.Contains(stdout.String(), "backlog serve: http://") {
		select {
		case code := <-done:
			return code, stdout.String(), stderr.String()
		case <-deadline:
			t.Fatalf("serve did not start in a minute\nstdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	// serve has registered for SIGINT before it listens (signal.NotifyContext in serve.go).
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		return code, stdout.String(), stderr.String()
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop on SIGINT")
	}
	return 0, "", ""
}

// syncBuffer is a bytes.Buffer the serving goroutine writes while the test reads.
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
