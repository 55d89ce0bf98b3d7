package preview

import (
	"bytes"
	_ "embed"
	"encoding/json"
)

//go:embed desk/desk.js
var deskScript string

//go:embed desk/desk.css
var deskStyle string

// deskConfig is what the desk's script needs from the server.
type deskConfig struct {
	Secret   string       `json:"secret"`
	Gen      int64        `json:"gen"`
	Statuses []deskChoice `json:"statuses"`
	Releases []deskChoice `json:"releases"`
	Goals    []deskChoice `json:"goals"`
}

type deskChoice struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// pagePart is what the desk adds to a page served from snap: its settings (as JSON,
// which escapes <, > and &), its style and its script.
func (d *Desk) pagePart(snap *snapshot) []byte {
	c := deskConfig{Secret: d.secret, Gen: snap.gen, Statuses: []deskChoice{}, Releases: []deskChoice{}, Goals: []deskChoice{}}
	for _, s := range snap.settings.Statuses {
		c.Statuses = append(c.Statuses, deskChoice{s.ID, s.Title})
	}
	for _, r := range snap.settings.Releases {
		c.Releases = append(c.Releases, deskChoice{r.Name, r.Name})
	}
	for _, g := range snap.settings.Goals {
		c.Goals = append(c.Goals, deskChoice{g.ID, g.Title})
	}
	data, _ := json.Marshal(c)
	var b bytes.Buffer
	b.WriteString(`<script type="application/json" id="backlog-desk-config">`)
	b.Write(data)
	b.WriteString("</script><style>")
	b.WriteString(deskStyle)
	b.WriteString("</style><script>")
	b.WriteString(deskScript)
	b.WriteString("</script>")
	return b.Bytes()
}
