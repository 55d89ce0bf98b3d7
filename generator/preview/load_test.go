package preview

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestLoadWhileRebuilding drives the preview with 50 concurrent clients on loopback while
// an item is rewritten again and again: no request may fail, and every page must be one
// whole version (its <title>, <h1> and body name the same version), never a mix.
// BACKLOG_LOAD_SECONDS sets how long (default 2).
func TestLoadWhileRebuilding(t *testing.T) {
	seconds := 2.0
	if s, err := strconv.ParseFloat(os.Getenv("BACKLOG_LOAD_SECONDS"), 64); err == nil {
		seconds = s
	}
	l := startLive(t)
	version := func(n int) string {
		return fmt.Sprintf("---\ntitle: Version %d\nstatus: ready\n---\nThis is version %d.\n", n, n)
	}
	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Go(func() {
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				write(t, l.dir, "items/offline-mode.md", version(n))
			}
		}
	})
	title := regexp.MustCompile(`<title>Version (\d+) ·`)
	h1 := regexp.MustCompile(`<h1>Version (\d+)</h1>`)
	body := regexp.MustCompile(`This is version (\d+)\.`)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}, Timeout: 10 * time.Second}
	paths := []string{"/items/offline-mode/", "/", "/board/", "/roadmap/", "/backlog.json", "/static/style.css"}
	end := time.Now().Add(time.Duration(seconds * float64(time.Second)))
	var mu sync.Mutex
	var latencies []time.Duration
	var failures, torn, versions int
	var clients sync.WaitGroup
	for c := range 50 {
		clients.Go(func() {
			for i := 0; time.Now().Before(end); i++ {
				p := paths[(c+i)%len(paths)]
				start := time.Now()
				resp, err := client.Get(l.url + p)
				var data []byte
				if err == nil {
					data, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				took := time.Since(start)
				mu.Lock()
				latencies = append(latencies, took)
				switch {
				case err != nil || resp.StatusCode != 200:
					failures++
				case p == "/items/offline-mode/":
					a, b, c := title.FindSubmatch(data), h1.FindSubmatch(data), body.FindSubmatch(data)
					if a != nil && (b == nil || c == nil || string(a[1]) != string(b[1]) || string(a[1]) != string(c[1])) {
						torn++
					} else if a != nil {
						versions++
					}
				}
				mu.Unlock()
			}
		})
	}
	clients.Wait()
	close(stop)
	writer.Wait()
	slices.Sort(latencies)
	p := func(q float64) time.Duration { return latencies[int(float64(len(latencies)-1)*q)] }
	t.Logf("%d requests in %.0fs from 50 clients, %d rebuilds: p50 %v, p99 %v, max %v; %d versioned item pages",
		len(latencies), seconds, l.rebuilds.Load(), p(0.5), p(0.99), p(1), versions)
	if failures > 0 || torn > 0 {
		t.Errorf("%d failed requests, %d torn pages", failures, torn)
	}
	if l.rebuilds.Load() == 0 {
		t.Error("nothing was rebuilt during the load")
	}
}
