package tmplexec

import (
	"reflect"
	"strings"
)

// escapers are the html/template escapers this package runs itself, by the names
// html/template gives them in escaped templates, for plain values (see plain). Each
// gives the same bytes as html/template's function of that name, as FuzzEscapers and the
// table tests check.
var escapers = map[string]escaper{
	"_html_template_htmlescaper": {value: func(v reflect.Value) (string, bool) {
		s, html, ok := plain(v)
		if !ok || html {
			return s, ok
		}
		return escapeHTML(s), true
	}, text: escapeHTML},
	"_html_template_attrescaper":   textEscaper(escapeHTML),
	"_html_template_rcdataescaper": textEscaper(escapeHTML),
	// In CSS, only integers: their text is what html/template's filter lets through.
	"_html_template_cssvaluefilter": {value: func(v reflect.Value) (string, bool) {
		s, _, ok := plain(v)
		return s, ok && isInteger(v)
	}},
	"_html_template_urlfilter": textEscaper(func(s string) string {
		if !isSafeURL(s) {
			return "#ZgotmplZ"
		}
		return s
	}),
	"_html_template_urlnormalizer": textEscaper(func(s string) string { return processURL(s, true) }),
	"_html_template_urlescaper":    textEscaper(func(s string) string { return processURL(s, false) }),
}

// An escaper is one of html/template's, on a value (the first of an action's escapers)
// or on the text the one before gave; text is nil where only a value is supported.
type escaper struct {
	value func(reflect.Value) (string, bool)
	text  func(string) string
}

// textEscaper is an escaper of plain text; typed HTML is left to html/template.
func textEscaper(escape func(string) string) escaper {
	return escaper{value: func(v reflect.Value) (string, bool) {
		s, html, ok := plain(v)
		if !ok || html {
			return "", false
		}
		return escape(s), true
	}, text: escape}
}

// htmlSpecial marks the bytes escapeHTML replaces. A table: strings.IndexAny builds a
// set of its characters on every call, and this runs for most of a page's text.
var htmlSpecial = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// escapeHTML replaces the bytes html/template escapes in text and quoted attributes.
// They are all ASCII, so bytes can be replaced without decoding runes.
func escapeHTML(s string) string {
	i := 0
	for i < len(s) && !htmlSpecial[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
			b.WriteString("\uFFFD")
		case '"':
			b.WriteString("&#34;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '+':
			b.WriteString("&#43;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isSafeURL reports whether a URL is relative or has the scheme http, https or mailto.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// processURL percent-encodes the bytes of s that are not unreserved in RFC 3986; when
// normalizing, reserved characters and valid escapes are kept.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// isInteger reports whether v is an integer, perhaps in an interface.
func isInteger(v reflect.Value) bool {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return isInt(v)
}

const hexDigits = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
