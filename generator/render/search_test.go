package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
)

func TestSearchWords(t *testing.T) {
	got := searchWords([]byte("## Sync Engine\n\nThe sync engine syncs **Café** data; see [docs](https://example.org/sync) 2027 and the ÉLAN.\n"))
	want := "sync engine syncs café data see docs https example org élan"
	if got != want {
		t.Errorf("searchWords = %q, want %q", got, want)
	}
}

// referenceWords is what a wordScanner computes, written the plain way.
func referenceWords(body string) string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 || strings.Trim(w, "0123456789") == "" || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// One scanner over many bodies, with words enough to grow its table several times and
// words that share their first and last eight bytes, gives what referenceWords gives.
func TestWordScannerMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var ws wordScanner
	for body := range 200 {
		var b strings.Builder
		for range 100 {
			switch rng.IntN(5) {
			case 0:
				fmt.Fprintf(&b, "word%d ", rng.IntN(20000))
			case 1:
				fmt.Fprintf(&b, "abcdefgh%dstuvwxyz ", rng.IntN(500)) // same first and last eight bytes
			case 2:
				fmt.Fprintf(&b, "Ünïcödé%d, ", rng.IntN(50))
			case 3:
				b.WriteString("the and 12345 a1 ab The AND ")
			default:
				fmt.Fprintf(&b, "%c%c%c ", 'a'+rng.IntN(26), 'a'+rng.IntN(26), 'A'+rng.IntN(26))
			}
		}
		src := b.String()
		if got, want := ws.words([]byte(src)), referenceWords(src); got != want {
			t.Fatalf("body %d:\n got %q\nwant %q", body, got, want)
		}
	}
	if len(ws.table) <= 1024 {
		t.Errorf("the table never grew: %d slots", len(ws.table))
	}
}

// FuzzWordScanner holds one scanner, over every input in turn, to referenceWords.
func FuzzWordScanner(f *testing.F) {
	for _, s := range []string{"Sync engine\x00syncs, ÉLAN élan", "abc", "ab\xffcd Ab", "1234 a1b2 Ünï—cödé"} {
		f.Add(s)
	}
	var ws wordScanner
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := ws.words([]byte(src)), referenceWords(src); got != want {
			t.Fatalf("%q:\n got %q\nwant %q", src, got, want)
		}
	})
}

func TestLowerRun(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"abc def", 3}, {"abcdefgh", 8}, {"abcdefghij-k", 10},
		{"0123456789z{", 11}, {"abcdefg/", 7}, {"abcdefgA", 7}, {"a\x00bcdefghij", 1},
		{"abcdefgh\xc3\xa9", 8}, {"`abc", 0}, {"@", 0}, {"[", 0}, {":", 0},
		// the ends of both ranges, and bytes over 0x7f, where eight bytes are tested at once
		{"abcdefg`", 7}, {"abcdefg{", 7}, {"abcdefg:", 7}, {"abcdefg/", 7}, {"abc\xe1defgh", 3},
		{"abcdefg\xff", 7}, {"abcdefg\xba", 7}, {"abcdefg\xb0", 7}, {"zzzzzzz9", 8},
	} {
		if got := lowerRun([]byte(c.in)); got != c.want {
			t.Errorf("lowerRun(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}

// Words crafted to look alike (the same length and the same first and last eight
// bytes, what the table once hashed alone) must not slow the scan: a megabyte of them
// takes about as long as a megabyte of words that differ at their ends (the crafted
// ones once took ten seconds). The two are timed alternately, several times, and the
// fastest of each compared, so that a busy machine does not decide the test.
func TestWordScannerCraftedWordsLinear(t *testing.T) {
	makeBody := func(word func(i int) string) []byte {
		var b strings.Builder
		for i := 0; b.Len() < 1<<20; i++ {
			b.WriteString(word(i))
		}
		return []byte(b.String())
	}
	crafted := makeBody(func(i int) string { return fmt.Sprintf("abcdefgh%08dstuvwxyz ", i) })
	plain := makeBody(func(i int) string { return fmt.Sprintf("%08dabcdefghstuvwxyz ", i) })
	fastest := func(body []byte) (time.Duration, string) {
		var ws wordScanner
		start := time.Now()
		words := ws.words(body)
		return time.Since(start), words
	}
	best := [2]time.Duration{time.Hour, time.Hour}
	for range 3 {
		for i, body := range [][]byte{crafted, plain} {
			d, words := fastest(body)
			best[i] = min(best[i], d)
			if got, want := strings.Count(words, " ")+1, bytes.Count(body, []byte(" ")); got != want {
				t.Fatalf("%d distinct words, want %d", got, want)
			}
		}
	}
	if best[0] > 5*best[1]+50*time.Millisecond {
		t.Errorf("a megabyte of crafted words took %v, of plain words %v: the table does not spread them", best[0], best[1])
	}
}
