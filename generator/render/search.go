package render

import (
	"bufio"
	"slices"
	"strings"
	"unicode"

	"github.com/backlogtool/backlog/generator/model"
)

// Filters are the values the backlog and the board can be filtered by.
type Filters struct {
	Statuses []model.Status
	Types    []string
	Releases []string
	Goals    []model.Goal
	Labels   []string
	Owners   []string
}

func newFilters(b *model.Backlog) *Filters {
	f := &Filters{Statuses: b.Settings.Statuses, Goals: b.Settings.Goals}
	for _, r := range b.Settings.Releases {
		f.Releases = append(f.Releases, r.Name)
	}
	types, labels, owners := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, it := range b.Items {
		types[it.Type] = true
		owners[it.Owner] = true
		for _, l := range it.Labels {
			labels[l] = true
		}
	}
	f.Types, f.Labels, f.Owners = sortedKeys(types), sortedKeys(labels), sortedKeys(owners)
	return f
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		if k != "" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// SearchIndexPath is the search index: a script, so that it loads from file:// too.
const SearchIndexPath = "static/search-index.js"

// SearchIndex writes the words of each item's body for the search box, which matches
// titles, ids and labels from the page itself. Each item's words are unique, lowercase,
// at least three letters long, common English words left out.
func (r *Renderer) SearchIndex(out Output) error {
	w, err := out.Create(SearchIndexPath)
	if err != nil {
		return err
	}
	// Written by hand, not with encoding/json: ids and words are letters, digits and '-'
	// only, so nothing needs escaping, and the preview rewrites this file on every save.
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("window.backlogIndex={")
	for i, it := range r.b.Items { // sorted by id: the file is deterministic
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(`"` + it.ID + `":"`)
		bw.WriteString(r.opts.Bodies.words(it.Path, it.Body))
		bw.WriteByte('"')
	}
	bw.WriteString("};\n")
	err = bw.Flush()
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the and for with that this from are was were will would can could should has have had not but all any its our their they them you your into over under when what which who how why also than then there here been being more most some such only very just about after before between each other same both few many much does did done make made per via use used using out off one two new") {
		stopWords[w] = true
	}
}

// searchWords reduces a Markdown body to its distinct words, in first-seen order.
func searchWords(body []byte) string {
	seen := map[string]bool{}
	var sb strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(string(body)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 || stopWords[w] || seen[w] || isNumber(w) {
			continue
		}
		seen[w] = true
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
	}
	return sb.String()
}

func isNumber(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}
