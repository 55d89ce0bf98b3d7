package markdown

import (
	"github.com/backlogtool/backlog/generator/internal/shortcuts"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// quickWriter is goldmark's html.DefaultWriter, which writes every text, code span and
// title of a page: it reads each byte for an escape, an entity or a character HTML
// needs escaped, and writes the runs between them one by one. Most text holds none, and
// such text it writes as it is: unless shortcuts are off, quickWriter finds that with one
// pass of a table made from goldmark's own escape table, and writes it whole.
type quickWriter struct{ html.Writer }

// changed are the bytes DefaultWriter's RawWrite escapes; resolved, those its Write also
// resolves ('\\' escapes, '&' references).
var changed, resolved [256]bool

func init() {
	for b := range 256 {
		changed[b] = util.EscapeHTMLByte(byte(b)) != nil
		resolved[b] = changed[b]
	}
	resolved['\\'], resolved['&'], resolved[0] = true, true, true
}

func (q quickWriter) Write(w util.BufWriter, source []byte) {
	if shortcuts.On() && !holds(&resolved, source) {
		w.Write(source)
		return
	}
	q.Writer.Write(w, source)
}

func (q quickWriter) RawWrite(w util.BufWriter, source []byte) {
	if shortcuts.On() && !holds(&changed, source) {
		w.Write(source)
		return
	}
	q.Writer.RawWrite(w, source)
}

// holds reports whether source holds a byte of set.
func holds(set *[256]bool, source []byte) bool {
	for _, c := range source {
		if set[c] {
			return true
		}
	}
	return false
}
