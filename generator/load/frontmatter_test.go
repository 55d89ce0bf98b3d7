package load

import (
	"bytes"
	"testing"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		front     string
		body      string
		bodyLine  int
		errLine   int
		errSubstr string
	}{
		{name: "simple", in: "---\ntitle: A\n---\nbody\n", front: "title: A\n", body: "body\n", bodyLine: 4},
		{name: "empty body", in: "---\ntitle: A\n---\n", front: "title: A\n", body: "", bodyLine: 4},
		{name: "no newline after closing", in: "---\ntitle: A\n---", front: "title: A\n", body: "", bodyLine: 4},
		{name: "trailing blanks on fences", in: "---  \ntitle: A\n--- \t\nbody", front: "title: A\n", body: "body", bodyLine: 4},
		{name: "empty front matter", in: "---\n---\nbody", front: "", body: "body", bodyLine: 3},
		{name: "dashes inside body stay", in: "---\na: 1\n---\nx\n---\ny\n", front: "a: 1\n", body: "x\n---\ny\n", bodyLine: 4},
		{name: "missing opening", in: "title: A\n", errLine: 1, errSubstr: "must start with"},
		{name: "never closed", in: "---\ntitle: A\nbody\n", errLine: 1, errSubstr: "never closed"},
		{name: "only opening", in: "---", errLine: 1, errSubstr: "never closed"},
		{name: "four dashes is not a fence", in: "----\ntitle: A\n---\n", errLine: 1, errSubstr: "must start with"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			front, body, line, err := SplitFrontMatter([]byte(tt.in))
			if tt.errSubstr != "" {
				se, ok := err.(*SplitError)
				if !ok || se.Line != tt.errLine || !bytes.Contains([]byte(se.Msg), []byte(tt.errSubstr)) {
					t.Fatalf("err = %v, want line %d containing %q", err, tt.errLine, tt.errSubstr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(front) != tt.front || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got front %q body %q line %d, want %q %q %d", front, body, line, tt.front, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	in := []byte("\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nbody\r\n")
	if got := string(normalize(in)); got != "---\ntitle: A\n---\nbody\n" {
		t.Errorf("normalize = %q", got)
	}
}

// FuzzSplitFrontMatter checks the splitter never panics and that what it returns
// is a faithful cut of its input.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\n---\nbody", "---\n---\n", "---", "", "x", "---\n\n---", "--- \n---\t\n\n", "---\na\n---\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		front, body, line, err := SplitFrontMatter(data)
		if err != nil {
			return
		}
		if !bytes.HasPrefix(data, []byte("---")) {
			t.Fatalf("accepted input without an opening fence: %q", data)
		}
		if !bytes.Contains(data, front) || !bytes.HasSuffix(data, body) {
			t.Fatalf("front %q or body %q not cut from %q", front, body, data)
		}
		if want := bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1; len(body) > 0 && line != want {
			t.Fatalf("body line %d, want %d for %q", line, want, data)
		}
	})
}
