package render_test

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/backlogtool/backlog/generator/model"
	"github.com/backlogtool/backlog/generator/render"
	"github.com/backlogtool/backlog/templates"
)

func TestHistoryPages(t *testing.T) {
	files, _ := renderFixture(t, "testdata/fixture.txtar")
	if _, ok := files["changes/index.html"]; ok {
		t.Error("change log written without history")
	}

	// The same fixture with a history attached.
	b := loadFixture(t, "testdata/fixture.txtar")
	attachHistory(b)
	th, err := render.LoadTheme(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := render.NewMemory(nil)
	if _, err := render.New(b, th, render.Options{}).Site(out); err != nil {
		t.Fatal(err)
	}
	page := func(p string) string { return string(out.Files()[p]) }
	for path, wants := range map[string][]string{
		"items/offline-mode/index.html": {
			`<dt>Proposed</dt><dd><time datetime="2027-01-01T09:00:00Z">2027-01-01</time> by alice</dd>`,
			`status Proposed → Ready <span class="who">bob</span>`,
			`rank #3 → #2`,
		},
		"changes/index.html": {
			`<a href="../items/offline-mode/index.html">Offline mode: Proposed → Ready</a>`,
			`Reordered: offline-mode #3 → #2; 1 shifted`,
			`Removed: Gone &amp; &lt;b&gt;forgotten&lt;/b&gt;`,
			`po &lt;script&gt;`,
		},
		"roadmap/index.html": {`<svg class="burnup"`, `scope grew to 2 items, 1 done`},
		"index.html":         {`<a href="changes/index.html">Changes</a>`, `href="feed.xml"`},
	} {
		for _, w := range wants {
			if !strings.Contains(page(path), w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
	// The feed is well-formed Atom with absolute links.
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Author struct {
				Name string `xml:"name"`
			} `xml:"author"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out.Files()["feed.xml"], &feed); err != nil {
		t.Fatalf("feed.xml: %v\n%s", err, out.Files()["feed.xml"])
	}
	if len(feed.Entries) != 3 || feed.Entries[0].Link.Href != "https://org.example/mobile/items/offline-mode/" || feed.Entries[1].Author.Name != "po <script>" {
		t.Errorf("feed: %+v", feed)
	}
}

// attachHistory gives the fixture a history: one item with status and rank changes, a
// change log with each kind of event, and a burn-up.
func attachHistory(b *model.Backlog) {
	d := func(n int) time.Time { return time.Date(2027, 1, n, 9, 0, 0, 0, time.UTC) }
	ch := func(n int, who string) model.Change {
		return model.Change{Commit: strings.Repeat("a", 40), Date: d(n), Author: who, Email: who + "@example.org"}
	}
	created := ch(1, "alice")
	b.Item("offline-mode").History = &model.ItemHistory{Created: &created, Updated: ch(3, "bob"),
		Statuses: []model.StatusChange{{Change: ch(1, "alice"), To: "proposed"}, {Change: ch(3, "bob"), From: "proposed", To: "ready"}},
		Ranks:    []model.RankChange{{Change: ch(2, "po"), From: 3, To: 2}}}
	b.History = &model.History{
		Events: []model.Event{
			{Kind: model.StatusChanged, Change: ch(3, "bob"), Item: "offline-mode", Title: "Offline mode", From: "proposed", To: "ready"},
			{Kind: model.Reordered, Change: ch(2, "po <script>"), Moves: []model.Move{{ID: "offline-mode", From: 3, To: 2}}, Shifted: 1},
			{Kind: model.Removed, Change: ch(2, "po"), Item: "gone", Title: "Gone & <b>forgotten</b>"},
		},
		Burnup: map[string][]model.BurnPoint{"2027.1": {{Date: d(1), Scope: 1}, {Date: d(2), Scope: 2}, {Date: d(3), Scope: 2, Done: 1}}},
	}
}
