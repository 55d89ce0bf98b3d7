package load

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

var bom = []byte("\xef\xbb\xbf")

// normalize strips a UTF-8 byte-order mark and turns CRLF line endings into LF,
// so files edited on Windows read like any other. Line numbers are unchanged.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, bom)
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data
}

// textError reports why data is not text the generator accepts, with its line and column.
func textError(data []byte) (line, col int, msg string) {
	if len(bytes.TrimSpace(data)) == 0 {
		return 1, 1, "empty file"
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		l, c := lineCol(data, i)
		return l, c, "binary file: contains a NUL byte"
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		l, c := lineCol(data, i)
		return l, c, fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", data[i])
	}
	return 0, 0, ""
}

// lineCol turns a byte offset into a 1-based line and column (columns count runes).
func lineCol(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// SplitError is a front matter block that is missing or never closed.
type SplitError struct {
	Line, Col int
	Msg       string
	Missing   bool // the file does not start with "---": it has no front matter
}

func (e *SplitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// SplitFrontMatter separates the YAML front matter from the Markdown body.
// The file must start with a line "---"; the front matter ends at the next line "---".
// It returns the front matter, the body and the 1-based line the body starts on.
// data must already be normalized (no BOM, LF line endings).
func SplitFrontMatter(data []byte) (front, body []byte, bodyLine int, err error) {
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !isFence(first) {
		return nil, nil, 0, &SplitError{1, 1, `missing front matter: the file must start with a line "---"`, true}
	}
	if !ok {
		return nil, nil, 0, &SplitError{1, 1, `front matter is never closed: add a line "---" after the fields`, false}
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end = len(rest) - off
			next = len(rest) + 1
		}
		if isFence(rest[off : off+end]) {
			body = rest[min(next, len(rest)):]
			return rest[:off], body, line + 1, nil
		}
		off = next
		line++
	}
	return nil, nil, 0, &SplitError{1, 1, `front matter is never closed: add a line "---" after the fields`, false}
}

// isFence reports whether a line is "---", allowing trailing blanks.
func isFence(line []byte) bool {
	return bytes.Equal(bytes.TrimRight(line, " \t"), []byte("---"))
}
