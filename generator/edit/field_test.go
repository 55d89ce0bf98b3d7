package edit

import (
	"strings"
	"testing"
)

func TestSetField(t *testing.T) {
	const item = "---\ntitle: Offline mode   # the name\nstatus: ready # PO said so\nrelease: \"2027.1\"\nowner:\nlabels: [a, b]\n---\nBody: status: done\n"
	for _, tc := range []struct {
		name, in, key, value, want string
	}{
		{"a plain value, comment kept", item, "status", "in-progress", strings.Replace(item, "status: ready # PO", "status: in-progress # PO", 1)},
		{"a quoted value", item, "release", "2027.2", strings.Replace(item, `release: "2027.1"`, `release: "2027.2"`, 1)},
		{"an empty value", item, "owner", "alice", strings.Replace(item, "owner:\n", "owner: alice\n", 1)},
		{"a new field goes last", item, "goal", "onboarding", strings.Replace(item, "labels: [a, b]\n", "labels: [a, b]\ngoal: onboarding\n", 1)},
		{"removed", item, "release", "", strings.Replace(item, "release: \"2027.1\"\n", "", 1)},
		{"removing what is not there", item, "goal", "", item},
		{"a number stays a string", item, "owner", "2027", strings.Replace(item, "owner:\n", "owner: \"2027\"\n", 1)},
		{"a boolean stays a string", item, "owner", "true", strings.Replace(item, "owner:\n", "owner: \"true\"\n", 1)},
		{"a value with a colon", item, "owner", "a: b", strings.Replace(item, "owner:\n", "owner: 'a: b'\n", 1)},
		{"CRLF and a BOM", "\ufeff---\r\ntitle: T\r\nstatus: ready\r\n---\r\nBody\r\n", "status", "done", "\ufeff---\r\ntitle: T\r\nstatus: done\r\n---\r\nBody\r\n"},
		{"single quotes replaced", "---\ntitle: T\nstatus: 'ready'\n---\n", "status", "done", "---\ntitle: T\nstatus: done\n---\n"},
		{"unicode before the value", "---\ntitle: Café\nowner: Zoë  # x\n---\n", "owner", "Åsa", "---\ntitle: Café\nowner: Åsa  # x\n---\n"},
	} {
		got, err := SetField([]byte(tc.in), tc.key, tc.value)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestSetFieldRefuses(t *testing.T) {
	for _, tc := range []struct{ name, in, key, value, want string }{
		{"no front matter", "title: x\n", "status", "done", "does not start"},
		{"never closed", "---\ntitle: x\n", "status", "done", "never closed"},
		{"a block scalar", "---\ntitle: x\nowner: |\n  alice\n---\n", "owner", "bob", "several lines"},
		{"a plain value over lines", "---\ntitle: x\nowner: alice\n  smith\n---\n", "owner", "bob", "several lines"},
		{"a list", "---\ntitle: x\nowner:\n  - a\n---\n", "owner", "bob", "several lines"},
		{"flow style", "---\n{title: x, status: ready}\n---\n", "status", "done", "flow style"},
		{"a newline in the value", "---\ntitle: x\n---\n", "owner", "a\nb", "one line"},
		{"invalid YAML", "---\ntitle: [x\n---\n", "owner", "a", "not valid YAML"},
	} {
		_, err := SetField([]byte(tc.in), tc.key, tc.value)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}
