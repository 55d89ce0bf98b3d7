// Package report prints findings for people, for CI annotations and for tools.
// Every format names each finding's place as the file, line and column.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/backlogtool/backlog/generator/model"
)

// Formats lists the names Write accepts.
var Formats = []string{"text", "github", "json"}

// Write prints findings in the named format.
func Write(w io.Writer, format string, findings model.Findings) error {
	switch format {
	case "text":
		for _, f := range findings {
			prefix := ""
			if f.Severity != model.Error {
				prefix = f.Severity.String() + ": "
			}
			pos := f.Pos
			pos.File = visible(pos.File)
			fmt.Fprintf(w, "%s: %s%s\n", pos, prefix, visible(f.Message))
		}
	case "github":
		for _, f := range findings {
			// The severities' names are GitHub's workflow commands: error, warning, notice.
			kind := f.Severity.String()
			props := "file=" + escapeProperty(githubVisible(f.Pos.File))
			if f.Pos.Line > 0 {
				props += fmt.Sprintf(",line=%d", f.Pos.Line)
			}
			if f.Pos.Col > 0 {
				props += fmt.Sprintf(",col=%d", f.Pos.Col)
			}
			fmt.Fprintf(w, "::%s %s::%s\n", kind, props, escapeData(githubVisible(f.Message)))
		}
	case "json":
		type jsonFinding struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		list := make([]jsonFinding, len(findings))
		for i, f := range findings {
			list[i] = jsonFinding{f.Pos.File, f.Pos.Line, f.Pos.Col, f.Severity.String(), f.Message}
		}
		data, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(jsonVisible(data), '\n'))
		return err
	default:
		return fmt.Errorf("unknown format %q (use one of %s)", format, strings.Join(Formats, ", "))
	}
	return nil
}

// Summary is the closing line of a text report, such as "2 errors, 1 warning".
func Summary(findings model.Findings) string {
	var errs, warns int
	for _, f := range findings {
		switch f.Severity {
		case model.Error:
			errs++
		case model.Warning:
			warns++
		}
	}
	return plural(errs, "error") + ", " + plural(warns, "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// githubVisible escapes what GitHub would show raw in a log (escape sequences, bidi
// overrides) and keeps line breaks, which the workflow command's own escaping carries
// as %0A and GitHub shows as lines of the annotation.
func githubVisible(s string) string { return escapeHidden(s, true) }

// jsonVisible writes the characters encoding/json leaves raw but a terminal or viewer
// would act on (DEL, C1 controls, bidi overrides, line separators) as \u escapes: the
// same strings for a JSON reader, nothing hidden for a person reading the output.
func jsonVisible(data []byte) []byte {
	if !needsEscape(string(data)) {
		return data
	}
	var out []byte
	for _, r := range string(data) {
		if hidden(r) && r != '\n' { // raw line breaks in JSON are its indentation
			out = fmt.Appendf(out, `\u%04x`, r)
			continue
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// GitHub workflow commands escape these characters in messages and properties.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
