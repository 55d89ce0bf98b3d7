package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/internal/shortcuts"
)

// TestAttachments: relative links and images to other files of the content folder point
// at their copies in the site; a missing one is a warning at its place; links out of the
// content folder, to the site's pages and to addresses without a scheme stay as written.
func TestAttachments(t *testing.T) {
	files := map[string]bool{"assets/flow.png": true, "items/spec sheet.pdf": true}
	attach := func(target string) (string, bool) {
		return "../../files/" + target, files[target]
	}
	body := "![flow](../assets/flow.png)\n\n[spec](<spec sheet.pdf>)\n\n![gone](img/gone.png)\n\n" +
		"[up](../../outside.txt) [board](../../board/index.html) [mail](sam@example.org) [issue](golang.org/issue/1)\n"
	var out bytes.Buffer
	f, err := New().Convert(&out, Doc{Path: "items/a.md", Body: []byte(body), BodyLine: 3, Attach: attach})
	if err != nil {
		t.Fatal(err)
	}
	html := out.String()
	for _, want := range []string{
		`src="../../files/assets/flow.png"`, `href="../../files/items/spec%20sheet.pdf"`, `src="img/gone.png"`,
		`href="../../outside.txt"`, `href="../../board/index.html"`, `href="sam@example.org"`, `href="golang.org/issue/1"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
	if len(f) != 1 || f[0].Pos.String()+": "+f[0].Message != `items/a.md:7:3: broken link: "img/gone.png": there is no such file in the content folder` {
		t.Errorf("findings = %v", f)
	}
	if findingFree(Doc{Path: "items/a.md", Body: []byte(body), Attach: attach}) {
		t.Error("findingFree skips a body that links to files")
	}
	// An address is a mailto: link, however it looks, never a file.
	for _, body := range []string{"mail a/b@c.de now\n", "a?b@c.de\n", "0#@0.00", "<x/y@z.org>"} {
		for _, on := range []bool{true, false} {
			restore := shortcuts.Set(on)
			d := Doc{Path: "items/a.md", Body: []byte(body), BodyLine: 1, Attach: attach}
			out.Reset()
			converted, _ := New().Convert(&out, d)
			checked := New().Check(d)
			restore()
			if len(converted) > 0 || len(checked) > 0 {
				t.Errorf("%q (shortcuts %v): findings %v and %v", body, on, converted, checked)
			}
		}
	}
}
