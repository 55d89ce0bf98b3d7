package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Feed writes feed.xml, the change log as an Atom 1.0 feed, when there is history.
// Links are absolute when base_url is set.
func (r *Renderer) Feed(out Output) error {
	h := r.b.History
	events := r.publishedEvents()
	if h == nil || len(events) == 0 {
		return nil
	}
	base := r.b.Settings.BaseURL
	abs := func(p string) string {
		if base == "" {
			return p
		}
		return base + "/" + strings.TrimSuffix(p, "index.html")
	}
	type link struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type person struct { // a name only: the feed is public, and addresses are not
		Name string `xml:"name"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Author  person `xml:"author"`
		Link    *link  `xml:"link,omitempty"`
		Summary string `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Links   []link   `xml:"link"`
		Entries []entry  `xml:"entry"`
	}
	f := feed{Title: r.b.Settings.Title + ": changes", Updated: atom(events[0].Date)}
	if base != "" {
		f.ID = base + "/feed.xml"
		f.Links = []link{{Rel: "self", Href: base + "/feed.xml"}, {Href: base + "/changes/"}}
	} else {
		f.ID = "urn:backlog:" + anchor(r.b.Settings.Title)
		f.Links = []link{{Href: "changes/index.html"}}
	}
	for i, e := range events[:min(FeedEntries, len(events))] {
		en := entry{
			Title:   r.summary(e),
			ID:      fmt.Sprintf("urn:backlog:%s:%s:%s:%d", e.Commit, e.Kind, e.Item, i),
			Updated: atom(e.Date),
			Author:  person{Name: e.Author},
			Summary: r.summary(e),
		}
		if en.Author.Name == "" {
			en.Author.Name = "unknown"
		}
		if u := r.eventURL(e); u != "" {
			en.Link = &link{Href: abs(u)}
		}
		f.Entries = append(f.Entries, en)
	}
	return writeFile(out, "feed.xml", func(w *bytes.Buffer) error {
		io.WriteString(w, xml.Header)
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(f); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	})
}

func atom(t time.Time) string { return t.UTC().Format(time.RFC3339) }
