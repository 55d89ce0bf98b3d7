package history

import (
	"slices"
	"testing"

	"github.com/backlogtool/backlog/generator/load"
	"github.com/backlogtool/backlog/generator/model"
)

func TestScanFacts(t *testing.T) {
	got := scanFacts([]byte("\xef\xbb\xbf---\r\ntitle: \"Say \\\"hi\\\"\"\r\nstatus: ready # groomed\r\nrelease: '2027.1'\r\n---\r\nstatus: not this\n"))
	want := facts{Title: `Say "hi"`, Status: "ready", Release: "2027.1"}
	if got != want {
		t.Errorf("scanFacts = %+v, want %+v", got, want)
	}
	if (scanFacts([]byte("no front matter\nstatus: x\n")) != facts{}) {
		t.Error("read fields outside front matter")
	}
}

// FuzzReadOrder checks the fast order reader agrees with the YAML parser.
func FuzzReadOrder(f *testing.F) {
	for _, s := range []string{"- a\n- b\n", "# c\n\n- a # x\n- a\n", "[a, b]", "- 'a'\n", "- a:\n", "-  a\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var fs model.Findings
		var want []string
		for _, e := range load.ParseOrder(load.OrderFile, data, &fs) {
			want = append(want, e.ID)
		}
		if fs.HasErrors() {
			return
		}
		if got := readOrder(data); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("readOrder(%q) = %q, ParseOrder gives %q", data, got, want)
		}
	})
}
