package render

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// summaryLength is about what a link preview in a chat or a search result shows.
const summaryLength = 200

// summary is the plain text of a body's first paragraph, up to the end of its first
// sentence or so, for the description that search engines and link previews show. The
// body is the HTML the site's own Markdown converter wrote: raw HTML is never in it, so
// its tags can be dropped without parsing. A body without a paragraph has no summary.
func summary(body string) string {
	start := strings.Index(body, "<p>")
	if start < 0 {
		return ""
	}
	body = body[start+len("<p>"):]
	if end := strings.Index(body, "</p>"); end >= 0 {
		body = body[:end]
	}
	var text strings.Builder
	inTag := false
	for _, c := range body {
		switch {
		case c == '<':
			inTag = true
		case c == '>' && inTag:
			inTag = false
		case !inTag:
			text.WriteRune(c)
		}
	}
	plain := strings.Join(strings.Fields(html.UnescapeString(text.String())), " ")
	// The first sentence, and the next ones while it is short: "Fix it. Now." says little.
	cut := 0
	for cut < len(plain) && cut < 60 {
		next := sentenceEnd(plain[cut:])
		if next < 0 {
			cut = len(plain)
			break
		}
		cut += next
	}
	plain = strings.TrimSpace(plain[:cut])
	if utf8.RuneCountInString(plain) <= summaryLength {
		return plain
	}
	// Too long: cut at the last space before the length, with an ellipsis.
	end := 0
	for i := range plain {
		if utf8.RuneCountInString(plain[:i]) >= summaryLength-1 {
			break
		}
		if plain[i] == ' ' {
			end = i
		}
	}
	if end == 0 {
		end = len(string([]rune(plain)[:summaryLength-1]))
	}
	return strings.TrimRightFunc(plain[:end], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// sentenceEnd returns the length of s up to the end of its first sentence (a '.', '!'
// or '?' followed by a space), or -1 when it has none before its end.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			return i + 2
		}
	}
	return -1
}

// pageURL is the absolute address of a page when base_url is set, without index.html.
func pageURL(baseURL, path string) string {
	if baseURL == "" {
		return ""
	}
	return baseURL + "/" + strings.TrimSuffix(path, "index.html")
}
