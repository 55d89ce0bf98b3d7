package render

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
		for _, o := range it.Owners {
			owners[o] = true
		}
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
	// A build reduces each body to its words as it writes them, on one core (the other
	// renders pages meanwhile): the words of every item at once were megabytes held for
	// nothing. The preview keeps them between renders.
	var ws wordScanner
	writeWords := func(buf *bytes.Buffer, i int) { buf.Write(ws.scan(r.b.Items[i].Body)) }
	if r.opts.Bodies != nil {
		kept := r.searchWords()
		writeWords = func(buf *bytes.Buffer, i int) { buf.WriteString(kept[i]) }
	}
	// Written by hand, not with encoding/json: slugs and words are letters, digits and '-'
	// only, so nothing needs escaping, and the preview rewrites this file on every save.
	return streamFile(out, SearchIndexPath, func(f File, buf *bytes.Buffer) error {
		buf.WriteString("window.backlogIndex={")
		for i, it := range r.b.Items { // sorted by id: the file is deterministic
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteByte('"')
			buf.WriteString(it.Slug)
			buf.WriteString(`":"`)
			writeWords(buf, i)
			buf.WriteByte('"')
			if err := spill(f, buf); err != nil {
				return err
			}
		}
		buf.WriteString("};\n")
		_, err := f.Write(buf.Bytes())
		return err
	})
}

// searchWords returns the words of every item, in the order of the backlog's items,
// for the preview (which keeps bodies between renders): computed once per Renderer, then
// refreshed only for the items that changed (RefreshWords).
func (r *Renderer) searchWords() []string {
	r.wordsOnce.Do(func() { r.words = r.computeWords() })
	return r.words
}

func (r *Renderer) computeWords() []string {
	// Reducing ten thousand bodies to words is real work: spread it over the cores.
	words := make([]string, len(r.b.Items))
	const chunk = 256
	var tasks []func() (model.Findings, error)
	for lo := 0; lo < len(words); lo += chunk {
		tasks = append(tasks, func() (model.Findings, error) {
			var ws wordScanner
			for i := lo; i < min(lo+chunk, len(words)); i++ {
				it := r.b.Items[i]
				words[i] = r.opts.Bodies.words(&ws, it.Path, it.Body)
			}
			return nil, nil
		})
	}
	run(tasks)
	return words
}

// RefreshWords recomputes the search words of items whose bodies changed in place.
func (r *Renderer) RefreshWords(items ...*model.Item) {
	words := r.searchWords()
	for _, it := range items {
		i, found := slices.BinarySearchFunc(r.b.Items, it.ID, func(x *model.Item, id string) int { return strings.Compare(x.ID, id) })
		if found {
			words[i] = searchWords(it.Body)
		}
	}
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("the and for with that this from are was were will would can could should has have had not but all any its our their they them you your into over under when what which who how why also than then there here been being more most some such only very just about after before between each other same both few many much does did done make made per via use used using out off one two new") {
		stopWords[w] = true
	}
}

// searchWords reduces a Markdown body to its distinct words, in first-seen order.
func searchWords(body []byte) string {
	var ws wordScanner
	return ws.words(body)
}

// A wordScanner reduces bodies to their search words. It keeps every word it meets
// once, with whether it is a stop word and the last body it was seen in, so that scanning
// thousands of bodies takes one lookup a word and allocates each distinct word once. It
// is not safe for concurrent use.
//
// The words are kept in a hash table of its own, hashed with hash/maphash over every
// byte and a seed of the scanner's own: words that share their ends, or any other
// pattern a body is crafted with, spread over the table like any others, so a lookup
// stays short whatever the words (a hash of a word's ends alone let one crafted item of
// a megabyte take ten seconds).
type wordScanner struct {
	table []*knownWord // open addressing with linear probing, a power of two long
	count int
	body  int // the number of the body being scanned, from 1
	seed  maphash.Seed
	word  []byte
	out   []byte
}

type knownWord struct {
	text   string
	hash   uint64
	stop   bool
	seenIn int // the body it was last seen in
}

// words returns the distinct words of body, in first-seen order, separated by spaces.
func (ws *wordScanner) words(body []byte) string { return string(ws.scan(body)) }

// scan is words, in memory of the scanner's that the next scan reuses.
func (ws *wordScanner) scan(body []byte) []byte {
	if ws.table == nil {
		ws.table = make([]*knownWord, 1024)
		ws.seed = maphash.MakeSeed()
	}
	ws.body++
	ws.out = ws.out[:0]
	for i := 0; i < len(body); {
		if c := body[i]; c < utf8.RuneSelf && asciiLower[c] == 0 {
			i++ // between words
			continue
		}
		// Most words are lowercase ASCII and end in ASCII: they are looked up where they
		// stand in the body. Any other word is copied, lowercased.
		start := i
		i += lowerRun(body[i:])
		if i < len(body) && (body[i] >= utf8.RuneSelf || asciiLower[body[i]] != 0) {
			i = ws.copyWord(body, start)
			continue
		}
		ws.consider(body[start:i])
	}
	return ws.out
}

// copyWord reads the word at body[i:] into ws.word, lowercased, considers it, and
// returns where the scan goes on: after the word, and after the character that ended
// it when that is not ASCII.
func (ws *wordScanner) copyWord(body []byte, i int) int {
	word := ws.word[:0]
	for i < len(body) {
		if c := body[i]; c < utf8.RuneSelf {
			if asciiLower[c] == 0 {
				break
			}
			word = append(word, asciiLower[c])
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		word = utf8.AppendRune(word, unicode.ToLower(r))
	}
	ws.consider(word)
	ws.word = word
	return i
}

// consider adds a word of three bytes or more that is not a number.
func (ws *wordScanner) consider(word []byte) {
	if len(word) >= 3 && !isNumber(word) {
		ws.add(word)
	}
}

// asciiLower maps ASCII letters and digits to themselves in lower case, any other byte
// to 0.
var asciiLower = func() (t [256]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

// lowerRun is the length of the run of lowercase ASCII letters and digits that b starts
// with. It tests eight bytes at a time, for most words end within eight.
func lowerRun(b []byte) int {
	n := 0
	for ; len(b)-n >= 8; n += 8 {
		if other := notLowerAlnum(binary.LittleEndian.Uint64(b[n:])); other != 0 {
			return n + bits.TrailingZeros64(other)/8
		}
	}
	for n < len(b) && b[n] >= '0' && asciiLower[b[n]] == b[n] { // not NUL, which maps to 0 too
		n++
	}
	return n
}

// notLowerAlnum sets the high bit of each byte of x that is not a lowercase ASCII letter
// or digit, and clears every other bit. Each byte is compared with the ends of both
// ranges at once: with its own high bit cleared, adding 0x80-lo sets that bit when the
// byte is at least lo, adding 0x7f-hi when it is over hi, and no sum carries into the
// next byte.
func notLowerAlnum(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	low7 := x &^ high
	atLeast := func(lo uint64) uint64 { return low7 + (0x80-lo)*ones }
	over := func(hi uint64) uint64 { return low7 + (0x7f-hi)*ones }
	letter := atLeast('a') &^ over('z')
	digit := atLeast('0') &^ over('9')
	return (letter|digit)&^x&high ^ high
}

// add puts a word in the output, unless it is a stop word or already there.
func (ws *wordScanner) add(word []byte) {
	h := maphash.Bytes(ws.seed, word)
	mask := uint64(len(ws.table) - 1)
	i := h & mask
	w := ws.table[i]
	for w != nil && (w.hash != h || w.text != string(word)) {
		i = (i + 1) & mask
		w = ws.table[i]
	}
	if w == nil {
		w = &knownWord{text: string(word), hash: h}
		w.stop = stopWords[w.text]
		ws.table[i] = w
		if ws.count++; 2*ws.count > len(ws.table) {
			ws.grow()
		}
	}
	if w.stop || w.seenIn == ws.body {
		return
	}
	w.seenIn = ws.body
	if len(ws.out) > 0 {
		ws.out = append(ws.out, ' ')
	}
	ws.out = append(ws.out, w.text...)
}

// grow doubles the table, which is kept at most half full.
func (ws *wordScanner) grow() {
	old := ws.table
	ws.table = make([]*knownWord, 2*len(old))
	mask := uint64(len(ws.table) - 1)
	for _, w := range old {
		if w != nil {
			i := w.hash & mask
			for ws.table[i] != nil {
				i = (i + 1) & mask
			}
			ws.table[i] = w
		}
	}
}

func isNumber(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
