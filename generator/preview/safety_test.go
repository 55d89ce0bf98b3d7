package preview

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// requestHost sends one GET with the given Host header and returns the status.
func (l *live) requestHost(host, p string) int {
	l.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, l.url+p, nil)
	req.Host = host
	client := &http.Client{Timeout: 5 * time.Second} // an event stream answered would stay open
	resp, err := client.Do(req)
	if err != nil {
		l.t.Errorf("Host %q, %s: %v", host, p, err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func TestOnlyOwnHostsAreAnswered(t *testing.T) {
	l := startLive(t)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(l.url, "http://"))
	for host, want := range map[string]int{
		"127.0.0.1:" + port:              200,
		"localhost:" + port:              200,
		"LocalHost.:" + port:             200,
		"[::1]:" + port:                  200,
		"evil.example:" + port:           http.StatusMisdirectedRequest,
		"localhost.evil.example:" + port: http.StatusMisdirectedRequest,
		"127.0.0.1:1":                    http.StatusMisdirectedRequest,
		"localhost":                      http.StatusMisdirectedRequest, // port 80, not ours
		"192.168.1.2:" + port:            http.StatusMisdirectedRequest,
	} {
		for _, p := range []string{"/", "/backlog.json", EventsPath} {
			if p == EventsPath && want == 200 {
				continue // a stream that stays open
			}
			if got := l.requestHost(host, p); got != want {
				t.Errorf("Host %q, %s: status %d, want %d", host, p, got, want)
			}
		}
	}
}

func TestHostsOfAnAddressOnEveryInterface(t *testing.T) {
	h := hostsFor(&net.TCPAddr{IP: net.IPv4zero, Port: 8080})
	name, _ := os.Hostname()
	for host, want := range map[string]bool{
		"localhost:8080": true, "192.168.1.2:8080": true, "[fe80::1]:8080": true, name + ":8080": true,
		"evil.example:8080": false, "192.168.1.2:8081": false, "": false,
	} {
		if h.allows(host) != want {
			t.Errorf("allows(%q) = %v", host, !want)
		}
	}
	if (hostCheck{}).allows("localhost:8080") {
		t.Error("a server that never listened answers")
	}
}

// TestSlowAndIdleClientsAreDropped: a client that never finishes its headers, and a
// keep-alive connection left idle, are closed by the server.
func TestSlowAndIdleClientsAreDropped(t *testing.T) {
	saved := timeouts
	timeouts.readHeader, timeouts.idle = 300*time.Millisecond, 300*time.Millisecond
	t.Cleanup(func() { timeouts = saved })
	l := startLive(t)
	addr := strings.TrimPrefix(l.url, "http://")

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	fmt.Fprintf(slow, "GET / HTTP/1.1\r\nHost: %s\r\n", addr) // never ends its headers
	if !closedWithin(slow, 3*time.Second) {
		t.Error("a client that never finishes its headers kept its connection")
	}

	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprintf(idle, "GET /backlog.json HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
	resp, err := http.ReadResponse(bufio.NewReader(idle), nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("first request: %v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)
	if !closedWithin(idle, 3*time.Second) {
		t.Error("an idle keep-alive connection was kept")
	}
}

// closedWithin reports whether the server closes conn before d passes.
func closedWithin(conn net.Conn, d time.Duration) bool {
	conn.SetReadDeadline(time.Now().Add(d))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		return false
	}
	return true
}

// TestServedDuringRebuild: while a rebuild holds the builder, pages are served from the
// last good site.
func TestServedDuringRebuild(t *testing.T) {
	l := startLive(t)
	b := l.builder
	b.mu.Lock() // what a long rebuild does
	defer b.mu.Unlock()
	done := make(chan int, 1)
	go func() {
		status, _ := l.get("/items/offline-mode/")
		done <- status
	}()
	select {
	case status := <-done:
		if status != 200 {
			t.Errorf("status %d", status)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("a request waited for the rebuild")
	}
}

// TestSteadySavesStillRebuild: a file saved every few milliseconds, without a pause,
// is still rebuilt at least every second.
func TestSteadySavesStillRebuild(t *testing.T) {
	l := startLive(t)
	stop := time.After(2500 * time.Millisecond)
	n := 0
loop:
	for ; ; n++ {
		select {
		case <-stop:
			break loop
		case <-time.After(3 * time.Millisecond):
			// Saved as editors save, by renaming a whole file over the item: every
			// rebuild reads a complete version, so each one changes the site.
			tmp := filepath.Join(l.dir, "items", ".offline-mode.md.tmp")
			os.WriteFile(tmp, []byte(fmt.Sprintf("---\ntitle: Version %d\nstatus: ready\n---\n", n)), 0o644)
			os.Rename(tmp, filepath.Join(l.dir, "items", "offline-mode.md"))
		}
	}
	during := l.rebuilds.Load()
	if during < 3 {
		t.Errorf("%d saves in 2.5 s, without a pause, made %d rebuilds; want one a second at least", n, during)
	}
	t.Logf("%d saves, %d rebuilds while they went on", n, during)
	l.waitFor("last save", "/items/offline-mode/", has(fmt.Sprintf("<h1>Version %d</h1>", n-1)))
}
