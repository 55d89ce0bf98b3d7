package diff

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// hostileTexts are what a pull request may put in a title, an id, a key or a value,
// each meant to add something to the review: headings, links, images, HTML, a new
// table row or a broken table.
var hostileTexts = []string{
	"\n## Approved by the PO\n",
	"x\r\n# Approved",
	"[approve](https://evil.example/a)",
	"![img](https://evil.example/i.png)",
	"<img src=x onerror=alert(1)>",
	"<!-- hidden -->",
	"https://evil.example/autolink www.evil.example",
	"<https://evil.example>",
	"a | b | c",
	`a\|b`,
	`a\\|b\`,
	"`code` ``more`` `",
	"```\nfence\n```",
	"*bold* _em_ ~~strike~~ &amp; &#x3C;",
	"| --- | --- |",
	"\x1b[31mred\x1b[0m \u202eevil",
	"[ref]: https://evil.example",
	"- [x] task",
}

func hostileReport() *Report {
	r := &Report{Base: "main\n# Base", Head: "[head](https://evil.example)"}
	for i, h := range hostileTexts {
		r.Added = append(r.Added, ItemRef{ID: h, Title: h, Status: h, Rank: i})
		r.Removed = append(r.Removed, ItemRef{ID: h, Title: h, Status: h})
		r.Renamed = append(r.Renamed, Rename{From: h, To: h, Title: h, Status: h, Rank: i})
		r.Moves = append(r.Moves, RankMove{ID: h, Title: h, From: 1, To: 2})
		r.Status = append(r.Status, StatusChange{ID: h, Title: h, From: h, To: h})
		r.Fields = append(r.Fields, FieldChange{ID: h, Field: h, From: h, To: h})
		r.Releases = append(r.Releases, ReleaseChange{Change: Renamed, Name: h, Date: h, OldName: h, OldDate: h})
		r.Goals = append(r.Goals, GoalChange{Change: Changed, ID: h, Title: h, OldTitle: h})
		r.Statuses = append(r.Statuses, StatusDefinitionChange{Change: Changed, ID: h, Title: h, Category: h, OldTitle: h, OldCategory: h})
	}
	return r
}

// TestMarkdownIsInert parses the Markdown of a report full of hostile texts as GitHub
// does (tables, autolinks, raw HTML) and finds only the report's own structure: its
// headings, tables of the right shape, and no link, image or HTML.
func TestMarkdownIsInert(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "markdown", hostileReport()); err != nil {
		t.Fatal(err)
	}
	src := out.Bytes()
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(src))
	var headings []string
	var tables []int // rows per table
	var cells []int  // cells per row
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindHeading:
			headings = append(headings, strings.TrimSpace(string(nodeText(n, src))))
		case ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindRawHTML, ast.KindHTMLBlock,
			ast.KindEmphasis, east.KindStrikethrough, east.KindTaskCheckBox, ast.KindList, ast.KindFencedCodeBlock:
			t.Errorf("the report holds a %s: %q", n.Kind(), nodeText(n, src))
		case east.KindTable:
			tables = append(tables, 0)
		case east.KindTableRow:
			tables[len(tables)-1]++
			cells = append(cells, n.ChildCount())
		case ast.KindText:
			if strings.Contains(string(n.(*ast.Text).Segment.Value(src)), "evil.example") && n.Parent().Kind() != ast.KindCodeSpan {
				t.Errorf("hostile text outside a code span: %q", n.(*ast.Text).Segment.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	wantHeadings := []string{"Backlog changes: main\\n# Base → [head](https://evil.example)", "Added", "Removed", "Renamed", "Rank moves", "Status changes", "Field changes", "Releases", "Goals", "Statuses"}
	if !slices.Equal(headings, wantHeadings) {
		t.Errorf("headings %q, want %q", headings, wantHeadings)
	}
	for i, rows := range tables {
		if rows != len(hostileTexts) {
			t.Errorf("table %d has %d rows, want %d", i, rows, len(hostileTexts))
		}
	}
	for i, n := range cells {
		if n != 4 && n != 5 {
			t.Errorf("row %d has %d cells", i, n)
		}
	}
	if t.Failed() {
		t.Logf("the Markdown:\n%s", src)
	}
}

// TestCodeShowsTheText: a code span shows the text itself (line breaks as \n).
func TestCodeShowsTheText(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, s := range []string{"plain", "`x`", "a `` b", " lead", "trail ", "<b>&amp;</b>", "| pipe |", `back\slash`} {
		for _, inTable := range []bool{false, true} {
			src := code(s)
			if inTable {
				src = "| a |\n| --- |\n| " + cell(s) + " |\n"
			}
			var html bytes.Buffer
			if err := md.Convert([]byte(src), &html); err != nil {
				t.Fatal(err)
			}
			want := "<code>" + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s) + "</code>"
			if !strings.Contains(html.String(), want) {
				t.Errorf("code(%q) in table %v = %q renders %q, want %q", s, inTable, src, html.String(), want)
			}
		}
	}
}

func TestJSONHasTheRoadmap(t *testing.T) {
	var out bytes.Buffer
	r := &Report{Releases: []ReleaseChange{{Change: Redated, Name: "2027.1", Date: "2027-04-30", OldDate: "2027-03-31"}}}
	if err := Write(&out, "json", r); err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	rel := back["release_changes"].([]any)[0].(map[string]any)
	if rel["change"] != "redated" || rel["old_date"] != "2027-03-31" || rel["date"] != "2027-04-30" {
		t.Errorf("release_changes = %v", back["release_changes"])
	}
}

func nodeText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		} else {
			b.Write(nodeText(c, src))
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 && b.Len() == 0 {
		for i := 0; i < n.Lines().Len(); i++ {
			l := n.Lines().At(i)
			b.Write(l.Value(src))
		}
	}
	return b.Bytes()
}

// The summary line counts each kind of change in the singular or the plural.
func TestSummaryCounts(t *testing.T) {
	for _, c := range []struct {
		r    Report
		want string
	}{
		{Report{Status: make([]StatusChange, 1), Fields: make([]FieldChange, 2)}, "1 status change, 2 field changes."},
		{Report{Releases: make([]ReleaseChange, 1), Goals: make([]GoalChange, 1)}, "1 release change, 1 goal change."},
		{Report{Status: make([]StatusChange, 3), Goals: make([]GoalChange, 2)}, "3 status changes, 2 goal changes."},
	} {
		var b bytes.Buffer
		writeMarkdown(&b, &c.r)
		if !strings.Contains(b.String(), "\n"+c.want+"\n") {
			t.Errorf("summary of %+v:\n%s\nwant the line %q", c.r, b.String(), c.want)
		}
	}
}
