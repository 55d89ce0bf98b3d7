// Package report prints findings for people, for CI annotations and for tools.
// Every format names each finding's place as the file, line and column.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
			fmt.Fprintf(w, "%s: %s%s\n", f.Pos, prefix, f.Message)
		}
	case "github":
		for _, f := range findings {
			// The severities' names are GitHub's workflow commands: error, warning, notice.
			kind := f.Severity.String()
			props := "file=" + escapeProperty(f.Pos.File)
			if f.Pos.Line > 0 {
				props += fmt.Sprintf(",line=%d", f.Pos.Line)
			}
			if f.Pos.Col > 0 {
				props += fmt.Sprintf(",col=%d", f.Pos.Col)
			}
			fmt.Fprintf(w, "::%s %s::%s\n", kind, props, escapeData(f.Message))
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
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
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

// GitHub workflow commands escape these characters in messages and properties.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }
