package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// FuzzJSONItem holds appendJSONItem to json.MarshalIndent, error for error.
func FuzzJSONItem(f *testing.F) {
	f.Add("sync-engine", "Sync <engine> & \"more\"", "ready", "todo", 3, "feature", "2027.1", "", 2.5, 1e21, true, "ann", "a,b", "", true, "", "", int64(0))
	f.Add("x", "Ünïcödé\u2028\x01\xff", "done", "done", 0, "", "", "goal", 0.0000001, -0.0, false, "", "", "dep", false, "risk", "high", int64(1700000000))
	f.Fuzz(func(t *testing.T, id, title, status, category string, rank int, typ, release, goal string,
		estimate, value float64, valueSet bool, owner, labels, deps string, blocked bool, key, fieldValue string, date int64) {
		j := jsonItem{ID: id, Title: title, Status: status, Category: category, Type: typ, Release: release, Goal: goal,
			Owner: owner, Labels: split(labels), DependsOn: split(deps), Blocked: blocked, URL: ItemPath(id), Fields: map[string]any{}}
		if rank != 0 {
			j.Rank = &rank
		}
		if estimate != 0 {
			j.Estimate = &estimate
		}
		if valueSet {
			j.Value = &value
		}
		if key != "" {
			j.Fields[key] = fieldValue
			j.Fields[key+"s"] = []any{fieldValue, 1.5, map[string]any{"k": nil}}
		}
		if date != 0 {
			d := time.Unix(date, 0).UTC()
			j.Updated, j.Created, j.ProposedBy = &d, &d, &owner
		}
		want, wantErr := json.MarshalIndent(&j, "    ", "  ")
		got, gotErr := appendJSONItem(nil, &j, "    ")
		if (wantErr != nil) != (gotErr != nil) {
			t.Fatalf("error %v, want %v", gotErr, wantErr)
		}
		if wantErr == nil && string(got) != string(want) {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// split makes a list of strings of s, an empty one of "".
func split(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}
