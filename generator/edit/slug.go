package edit

import (
	"fmt"
	"strings"
	"unicode"
)

// maxSlug is how many characters of a title name its file, cut at a word's end.
const maxSlug = 60

// Slug makes an item id from a title: lowercase words joined by '-'. Latin letters
// with accents, Greek, Cyrillic and Japanese kana are written in ASCII letters; the
// letters and digits of other scripts (Chinese characters, Hangul, ...) are kept as
// they are, so every title gives a readable id, never a bare placeholder. It returns
// "" for a title with no letter or digit at all.
func Slug(title string) string {
	var words []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			words = append(words, word.String())
			word.Reset()
		}
	}
	// put adds text to the word; letters kept as they are and ASCII ones stand as
	// words of their own (同期-enjin rather than 同期enjin).
	put := func(text string, kept bool) {
		if w := word.String(); w != "" && (w[len(w)-1] >= 0x80) != kept {
			flush()
		}
		word.WriteString(text)
	}
	runes := []rune(strings.ToLower(title))
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		latin, known := translit[r]
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			put(string(r), false)
		case isKana(r):
			latin, used := kana(runes[i:])
			i += used - 1
			put(latin, false)
		case known:
			put(latin, false)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			put(string(r), true)
		case unicode.Is(unicode.Mn, r): // a combining accent: the letter before it stands
		default:
			flush()
		}
	}
	flush()
	var sb strings.Builder
	for _, w := range words {
		if sb.Len() > 0 && len([]rune(sb.String()))+1+len([]rune(w)) > maxSlug {
			break
		}
		if sb.Len() > 0 {
			sb.WriteByte('-')
		}
		sb.WriteString(w)
	}
	s := sb.String()
	if r := []rune(s); len(r) > maxSlug { // one word longer than the limit
		s = string(r[:maxSlug])
	}
	return strings.Trim(s, "-")
}

// ASCIISlug writes the letters of a slug that are not ASCII as their code points
// (同期 -> u540c-u671f), for a loader that accepts only ASCII ids.
func ASCIISlug(slug string) string {
	var parts []string
	for _, w := range strings.Split(slug, "-") {
		var sb strings.Builder
		for _, r := range w {
			if r < 0x80 {
				sb.WriteRune(r)
				continue
			}
			if sb.Len() > 0 {
				parts = append(parts, sb.String())
				sb.Reset()
			}
			parts = append(parts, fmt.Sprintf("u%04x", r))
		}
		if sb.Len() > 0 {
			parts = append(parts, sb.String())
		}
	}
	return strings.Join(parts, "-")
}
