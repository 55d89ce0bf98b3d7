package tmplexec

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
)

type item struct {
	ID, Title string
	Rank      int
	Labels    []string
	Body      template.HTML
	Parent    *item
	Kind      kind
	Deps      []*item
}

type kind string

func (it *item) Blocked() bool { return len(it.Deps) > 0 }

type stringer string

func (s stringer) String() string { return "stringer:" + string(s) }

var funcs = template.FuncMap{
	"upper": strings.ToUpper,
	"join":  func(l []string) string { return strings.Join(l, ", ") },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"fails": func() (string, error) { return "", errors.New("fails") },
}

// run executes src's template "page" on data with html/template and then compiled, and
// returns both outputs and the compiled set's statistics.
func run(t *testing.T, src string, data any) (want, got string, compiled int, fallbacks int64) {
	t.Helper()
	set := template.Must(template.New("").Funcs(funcs).Parse(src))
	var w bytes.Buffer
	wantErr := set.ExecuteTemplate(&w, "page", data)
	s := New(template.Must(template.New("").Funcs(funcs).Parse(src)), funcs, "page")
	var g bytes.Buffer
	gotErr := s.ExecuteTemplate(&g, "page", data)
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("error %v, html/template's %v", gotErr, wantErr)
	}
	compiled, fallbacks = s.Stats()
	return w.String(), g.String(), compiled, fallbacks
}

func TestMatchesHTMLTemplate(t *testing.T) {
	dep := &item{ID: "b", Title: "B & co"}
	it := &item{ID: "a", Title: `Sync "fast" <now> + 'then'`, Rank: 3, Labels: []string{"x", "y z"},
		Body: "<p>kept</p>", Parent: dep, Kind: "bug", Deps: []*item{dep}}
	tests := []struct {
		name, src string
		data      any
		compiles  bool // the compiled template runs without falling back
	}{
		{"text and attributes", `{{define "page"}}<h1 title="{{.Title}}">{{.Title}}</h1>{{.Body}}<p>{{.Rank}}</p>{{end}}`, it, true},
		{"title is RCDATA", `{{define "page"}}<title>{{.Title}}</title>{{end}}`, it, true},
		{"URLs", `{{define "page"}}<a href="{{.ID}}/x?q={{.Title}}#{{.ID}}">l</a><a href="{{.Title}}">m</a><a href="javascript:{{.ID}}">n</a>{{end}}`, it, true},
		{"unsafe URL", `{{define "page"}}<a href="{{.}}">l</a>{{end}}`, "javascript:alert(1)", true},
		{"CSS integer", `{{define "page"}}<span style="width: {{.Rank}}%"></span>{{end}}`, it, true},
		{"CSS string falls back", `{{define "page"}}<span style="color: {{.Title}}"></span>{{end}}`, it, false},
		{"if else if", `{{define "page"}}{{if eq .Rank 1}}one{{else if gt .Rank 2}}big{{else}}small{{end}}{{end}}`, it, true},
		{"with and else", `{{define "page"}}{{with .Parent}}{{.Title}}{{end}}{{with .Parent.Parent}}x{{else}}none{{end}}{{end}}`, it, true},
		{"range with variables", `{{define "page"}}{{range $i, $l := .Labels}}{{if $i}}, {{end}}{{$i}}={{$l}} ({{$.ID}}){{end}}{{range .Deps}}[{{.ID}}]{{else}}no deps{{end}}{{end}}`, it, true},
		{"empty range", `{{define "page"}}{{range .Labels}}x{{else}}empty{{end}}{{end}}`, &item{}, true},
		{"a with's variable in its else", `{{define "page"}}{{with $p := .Parent.Parent}}{{$p.ID}}{{else}}[{{$p}}]{{end}}{{end}}`, it, false},
		{"scopes end with their block", `{{define "page"}}{{range .Labels}}{{$l := .}}{{$l}}{{end}}{{$l := "after"}}{{$l}}{{end}}`, it, true},
		{"variables", `{{define "page"}}{{$t := .Title}}{{$n := 1}}{{if .Rank}}{{$n = 2}}{{end}}{{$t}} {{$n}}{{end}}`, it, true},
		{"and, or, not, len, printf", `{{define "page"}}{{if and .Rank (not .Parent.Parent)}}a{{end}}{{or .Parent.Parent "dflt"}} {{len .Labels}} {{printf "%s-%d" .ID .Rank}}{{end}}`, it, true},
		{"methods and named types", `{{define "page"}}{{if .Blocked}}blocked{{end}} {{.Kind}}{{end}}`, it, true},
		{"partials and dict", `{{define "row"}}<li>{{.Item.Title}} {{.Root}}</li>{{end}}{{define "page"}}{{template "row" dict "Root" "../" "Item" .}}{{template "row" (dict "Root" "" "Item" .Parent)}}{{end}}`, it, true},
		{"functions", `{{define "page"}}{{upper .Title}} {{join .Labels}} {{.Title | upper}}{{end}}`, it, true},
		{"a stringer falls back", `{{define "page"}}{{.}}{{end}}`, stringer("s"), false},
		{"a missing map key falls back", `{{define "page"}}{{.Missing}}{{end}}`, map[string]any{}, false},
		{"a nil pointer falls back with html/template's error", `{{define "page"}}{{.Parent.Parent.Title}}{{end}}`, it, false},
		{"a failing function falls back with html/template's error", `{{define "page"}}{{fails}}{{end}}`, it, false},
		{"a partial in a tag is left to html/template", `{{define "attrs"}}data-id="{{.ID}}"{{end}}{{define "page"}}<p {{template "attrs" .}}>x</p>{{end}}`, it, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, got, compiled, fallbacks := run(t, tc.src, tc.data)
			if got != want {
				t.Errorf("compiled:\n%s\nhtml/template:\n%s", got, want)
			}
			if fast := compiled == 1 && fallbacks == 0; fast != tc.compiles {
				t.Errorf("%d compiled, %d fallbacks; want compiled and run: %v", compiled, fallbacks, tc.compiles)
			}
		})
	}
}

// FuzzEscapers checks the escapers on any string, in each context the theme uses,
// against html/template.
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<script>"&'+`, "\x00", "a%20b%zz%", "javascript:x", "HTTPS://ok", "mailto:x@y", "/a/b:c", "ü€\xff", "é?&=#[]@!$*,;"} {
		f.Add(s)
	}
	const src = `{{define "page"}}<title>{{.}}</title><p title="{{.}}">{{.}}</p><a href="{{.}}">a</a><a href="/x/{{.}}?q={{.}}&r=1#{{.}}">b</a>{{end}}`
	f.Fuzz(func(t *testing.T, s string) {
		want, got, _, fallbacks := run(t, src, s)
		if got != want {
			t.Errorf("%q:\ncompiled:      %s\nhtml/template: %s", s, got, want)
		}
		if fallbacks != 0 {
			t.Errorf("%q fell back", s)
		}
	})
}

// memFile is a File in memory that counts its writes and restarts.
type memFile struct {
	bytes.Buffer
	writes, restarts int
}

func (f *memFile) Write(p []byte) (int, error) { f.writes++; return f.Buffer.Write(p) }
func (f *memFile) Restart() error              { f.restarts++; f.Reset(); return nil }

// Stream writes long outputs in pieces, and when the compiled template gives up once
// pieces went out, the file is written again, whole, by html/template.
func TestStream(t *testing.T) {
	rows := make([]*item, 5000)
	for i := range rows {
		rows[i] = &item{ID: strings.Repeat("x", 20), Title: "<row>"}
	}
	for _, tc := range []struct {
		name, src string
		data      any
		pieces    bool // more than one write
		restarts  int
		fallbacks int64
	}{
		{"short", `{{define "page"}}<p>{{.Title}}</p>{{end}}`, rows[0], false, 0, 0},
		{"long", `{{define "page"}}{{range .}}<li id="{{.ID}}">{{.Title}}</li>{{end}}{{end}}`, rows, true, 0, 0},
		// A range over a map is not compiled: it fails once the list was written out.
		{"fallback after pieces", `{{define "page"}}{{range .L}}<li id="{{.ID}}">{{.Title}}</li>{{end}}{{range .M}}{{.}}{{end}}{{end}}`,
			map[string]any{"L": rows, "M": map[string]string{"a": "<b>"}}, false, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := template.Must(template.New("").Funcs(funcs).Parse(tc.src))
			var want bytes.Buffer
			if err := set.ExecuteTemplate(&want, "page", tc.data); err != nil {
				t.Fatal(err)
			}
			s := New(template.Must(template.New("").Funcs(funcs).Parse(tc.src)), funcs, "page")
			var f memFile
			if err := s.Stream(&f, new(bytes.Buffer), "page", tc.data); err != nil {
				t.Fatal(err)
			}
			if f.String() != want.String() {
				t.Errorf("streamed output differs from html/template's: %d bytes, want %d", f.Len(), want.Len())
			}
			if _, fallbacks := s.Stats(); f.restarts != tc.restarts || fallbacks != tc.fallbacks {
				t.Errorf("%d restarts, %d fallbacks; want %d, %d", f.restarts, fallbacks, tc.restarts, tc.fallbacks)
			}
			if tc.pieces && f.writes < 2 {
				t.Errorf("%d writes: the output was held whole", f.writes)
			}
		})
	}
}
