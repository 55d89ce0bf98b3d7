// Package edit changes content files for the PO and contributors: it moves ids in
// order.yaml without disturbing its comments or layout, and writes new items.
package edit

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Where says where Move puts an id.
type Where struct {
	Top, Bottom   bool
	Before, After string // an id already in the order
}

// Move puts id at a new place in the order file data, adding it when it is not there,
// and returns the new file. Each entry moves with the comment lines right above it;
// blank lines, the file's header and every other line stay where they are.
//
// aliases are the item's other names (its slug, file name, path, id in another case):
// an item is ranked once, so of the entries naming it by id or by an alias only the
// first stays, and moves; the others are removed, with their comments.
func Move(data []byte, id string, where Where, aliases ...string) ([]byte, error) {
	f, err := parseOrder(data)
	if err != nil {
		return nil, err
	}
	names := append([]string{id}, aliases...)
	if ref := where.Before + where.After; ref != "" && slices.Contains(names, ref) {
		return nil, fmt.Errorf("%q cannot be ranked next to itself: name another item", ref)
	}
	from := -1
	for i, e := range slices.Backward(f.ids()) {
		if slices.Contains(names, e) {
			if from >= 0 {
				f.drop(from)
			}
			from = i
		}
	}
	ids := f.ids()
	block := []string{"- " + id}
	if from >= 0 {
		block = f.blocks[from]
		ids = slices.Delete(ids, from, from+1)
		f.blocks = slices.Delete(f.blocks, from, from+1)
	}
	to := 0
	switch {
	case where.Top:
	case where.Bottom:
		to = len(ids)
	case where.Before != "" || where.After != "":
		ref := where.Before + where.After
		i := slices.Index(ids, ref)
		if i < 0 {
			return nil, fmt.Errorf("%q is not in order.yaml", ref)
		}
		to = i
		if where.After != "" {
			to = i + 1
		}
	default:
		return nil, errors.New("say where: top, bottom, before an id or after one")
	}
	f.blocks = slices.Insert(f.blocks, to, block)
	return f.bytes(), nil
}

// Append adds ids at the bottom of the order, skipping those already in it.
func Append(data []byte, ids []string) ([]byte, error) {
	f, err := parseOrder(data)
	if err != nil {
		return nil, err
	}
	have := f.ids()
	for _, id := range ids {
		if !slices.Contains(have, id) {
			f.blocks = append(f.blocks, []string{"- " + id})
			have = append(have, id)
		}
	}
	return f.bytes(), nil
}

// orderFile is order.yaml as slots: gaps (lines that belong to no entry) around blocks
// (an entry's line and the comment lines right above it). Reordering fills the same
// slots with the blocks in a new order, so the layout between entries is kept.
type orderFile struct {
	gaps   [][]string // len(blocks)+1 of them at the start; more blocks reuse an empty gap
	blocks [][]string
	crlf   bool
	final  bool // the file ended with a newline
}

func parseOrder(data []byte) (*orderFile, error) {
	f := &orderFile{crlf: bytes.Contains(data, []byte("\r\n"))}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	f.final = strings.HasSuffix(text, "\n") || text == ""
	text = strings.TrimSuffix(text, "\n")
	var lines []string
	if text != "" {
		lines = strings.Split(text, "\n")
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(text), &root); err != nil {
		return nil, fmt.Errorf("order.yaml: %v", err)
	}
	var seq *yaml.Node
	if len(root.Content) > 0 {
		seq = root.Content[0]
	}
	if seq == nil || seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" {
		f.gaps = [][]string{lines}
		return f, nil
	}
	if seq.Kind != yaml.SequenceNode {
		return nil, errors.New("order.yaml must be a list of item ids")
	}
	if seq.Style&yaml.FlowStyle != 0 {
		// A flow list ([a, b]) has no lines to keep: write it out one id per line.
		f.gaps = [][]string{nil}
		for _, e := range seq.Content {
			f.blocks = append(f.blocks, []string{"- " + e.Value})
			f.gaps = append(f.gaps, nil)
		}
		return f, nil
	}
	prevEnd := 0 // first line not yet in a gap or block
	for i, e := range seq.Content {
		if e.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("order.yaml line %d: not an item id", e.Line)
		}
		line := e.Line - 1
		start := line
		for start > prevEnd && strings.HasPrefix(strings.TrimSpace(lines[start-1]), "#") {
			start--
		}
		if i == 0 && start == 0 && start < line {
			start = line // comments at the very top are the file's header, not the entry's
			for start > 0 && strings.HasPrefix(strings.TrimSpace(lines[start-1]), "#") && blankAbove(lines, start-1) {
				start--
			}
		}
		f.gaps = append(f.gaps, lines[prevEnd:start])
		f.blocks = append(f.blocks, lines[start:line+1])
		prevEnd = line + 1
	}
	f.gaps = append(f.gaps, lines[prevEnd:])
	return f, nil
}

// blankAbove reports whether a blank line separates line i's comment run from the top.
func blankAbove(lines []string, i int) bool {
	for j := i; j >= 0; j-- {
		if strings.TrimSpace(lines[j]) == "" {
			return true
		}
		if !strings.HasPrefix(strings.TrimSpace(lines[j]), "#") {
			return true
		}
	}
	return false
}

func (f *orderFile) ids() []string {
	out := make([]string, len(f.blocks))
	for i, b := range f.blocks {
		last := strings.TrimSpace(b[len(b)-1])
		last = strings.TrimSpace(strings.TrimPrefix(last, "-"))
		if j := strings.Index(last, " #"); j >= 0 {
			last = strings.TrimSpace(last[:j])
		}
		out[i] = strings.Trim(last, `"'`)
	}
	return out
}

func (f *orderFile) bytes() []byte {
	var lines []string
	if len(f.gaps) == 1 { // there were no entries: what the file held is its header
		f.gaps = [][]string{f.gaps[0], nil}
	}
	// The last gap (after every entry) stays last; the others are kept in place.
	inner, tail := f.gaps[:len(f.gaps)-1], f.gaps[len(f.gaps)-1]
	for i, b := range f.blocks {
		if i < len(inner) {
			lines = append(lines, inner[i]...)
		}
		lines = append(lines, b...)
	}
	if len(f.blocks) < len(inner) { // fewer entries than before cannot happen, but keep every line
		for _, g := range inner[len(f.blocks):] {
			lines = append(lines, g...)
		}
	}
	lines = append(lines, tail...)
	out := strings.Join(lines, "\n")
	if f.final || len(lines) > 0 {
		out += "\n"
	}
	if f.crlf {
		out = strings.ReplaceAll(out, "\n", "\r\n")
	}
	return []byte(out)
}

// Remove takes id out of the order, with the comment lines right above it: the item
// becomes an unranked proposal. Every entry naming it, by id or by one of aliases
// (its other names), goes. An id not in the order leaves the file as it is.
func Remove(data []byte, id string, aliases ...string) ([]byte, error) {
	f, err := parseOrder(data)
	if err != nil {
		return nil, err
	}
	names := append([]string{id}, aliases...)
	found := false
	for i, e := range slices.Backward(f.ids()) {
		if slices.Contains(names, e) {
			f.drop(i)
			found = true
		}
	}
	if !found {
		return data, nil
	}
	return f.bytes(), nil
}

// drop takes the i-th entry out, with the comment lines right above it.
func (f *orderFile) drop(i int) {
	f.blocks = slices.Delete(f.blocks, i, i+1)
	if i+1 < len(f.gaps)-1 {
		// One gap fewer: an empty one of the two around it, so blank lines stay.
		g := i + 1
		if len(f.gaps[i]) == 0 {
			g = i
		}
		f.gaps = slices.Delete(f.gaps, g, g+1)
	}
}
