package render

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// appendJSONItem appends j as json.MarshalIndent(j, prefix, "  ") would. backlog.json
// holds every item, and encoding/json's reflection and second pass to indent were 3%
// of a build. Whatever is not a plain string, number, flag or list of strings is
// still encoded by encoding/json (custom fields, dates, strings to escape); so is an
// item with a number JSON cannot hold, to give the same error. FuzzJSONItem holds the
// result to MarshalIndent.
func appendJSONItem(b []byte, j *jsonItem, prefix string) ([]byte, error) {
	if !finite(j.Estimate) || !finite(j.Value) {
		out, err := json.MarshalIndent(j, prefix, "  ")
		return append(b, out...), err
	}
	var err error
	first := true
	key := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '\n')
		b = append(b, prefix...)
		b = append(b, `  "`...)
		b = append(b, name...)
		b = append(b, `": `...)
	}
	str := func(name, value string) { key(name); b = appendJSONString(b, value) }
	strs := func(name string, list []string) { key(name); b = appendJSONStrings(b, list, prefix+"  ") }
	num := func(name string, f *float64) { key(name); b = appendJSONFloat(b, f) }
	date := func(name string, d *time.Time) {
		key(name)
		if err != nil {
			return
		}
		if d == nil {
			b = append(b, "null"...)
			return
		}
		var out []byte
		if out, err = d.MarshalJSON(); err == nil {
			b = append(b, out...)
		}
	}

	b = append(b, '{')
	str("id", j.ID)
	str("title", j.Title)
	str("status", j.Status)
	str("category", j.Category)
	key("rank")
	if j.Rank == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*j.Rank), 10)
	}
	str("type", j.Type)
	str("release", j.Release)
	str("goal", j.Goal)
	num("estimate", j.Estimate)
	num("value", j.Value)
	str("owner", j.Owner)
	strs("labels", j.Labels)
	strs("depends_on", j.DependsOn)
	key("blocked")
	b = strconv.AppendBool(b, j.Blocked)
	str("url", j.URL)
	key("fields")
	if len(j.Fields) == 0 {
		b = append(b, "{}"...)
	} else {
		out, err := json.MarshalIndent(j.Fields, prefix+"  ", "  ")
		if err != nil {
			return b, err
		}
		b = append(b, out...)
	}
	date("created", j.Created)
	date("updated", j.Updated)
	if err != nil {
		return b, err
	}
	key("proposed_by")
	if j.ProposedBy == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *j.ProposedBy)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, '}'), nil
}

func finite(f *float64) bool { return f == nil || !math.IsInf(*f, 0) && !math.IsNaN(*f) }

// appendJSONString appends s quoted. Printable ASCII that JSON and encoding/json's HTML
// escaping leave alone is copied; anything else goes through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			out, _ := json.Marshal(s) // a string always encodes
			return append(b, out...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONStrings appends a list of strings, one a line, indented from prefix.
func appendJSONStrings(b []byte, list []string, prefix string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	if len(list) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, prefix...)
		b = append(b, "  "...)
		b = appendJSONString(b, s)
	}
	b = append(b, '\n')
	b = append(b, prefix...)
	return append(b, ']')
}

// appendJSONFloat appends a finite number as encoding/json writes a float64: the
// shortest decimal that reads back the same, in exponent form only when very small or
// very large, with a one-digit exponent where one does.
func appendJSONFloat(b []byte, f *float64) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(*f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, *f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 becomes e-9
		b = b[:n-1]
	}
	return b
}
