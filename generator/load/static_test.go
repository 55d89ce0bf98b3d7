package load

import (
	"strings"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestLogoAndFaviconSettings(t *testing.T) {
	for _, tc := range []struct{ yaml, logo, favicon, err string }{
		{"logo: logo.svg\nfavicon: img/icon.png\n", "logo.svg", "img/icon.png", ""},
		{"logo: ../secret.svg\n", "", "", "backlog.yaml:1:7: logo must be the path of a file in the content folder's static/ folder"},
		{"favicon: /etc/icon.png\n", "", "", "backlog.yaml:1:10: favicon must be the path of a file"},
		{"logo: 'img\\\\logo.svg'\n", "", "", "logo must be the path"},
	} {
		var findings model.Findings
		s := ParseSettings("backlog.yaml", []byte("title: T\n"+tc.yaml), &findings)
		got := ""
		for _, f := range findings {
			got += f.Pos.String() + ": " + f.Message + "\n"
		}
		if s.Logo != tc.logo || s.Favicon != tc.favicon || (tc.err == "") != (got == "") || !strings.Contains(got, strings.Replace(tc.err, ":1:", ":2:", 1)) {
			t.Errorf("%q: logo %q favicon %q, findings %q; want %q %q %q", tc.yaml, s.Logo, s.Favicon, got, tc.logo, tc.favicon, tc.err)
		}
	}
}
