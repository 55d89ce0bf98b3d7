package render

import (
	"testing"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/write"
)

// The load stage refuses the static files that would take the name of something the
// site writes: its list names the folder of attachments and the build's marker too.
func TestSiteNamesHoldWhatTheSiteWrites(t *testing.T) {
	for _, name := range []string{AttachmentsDir, write.MarkerFile, "static", "index.html", "items"} {
		if !load.SiteNames[name] {
			t.Errorf("load.SiteNames leaves out %q, which the site writes", name)
		}
	}
}
