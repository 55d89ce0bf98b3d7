package model

import "testing"

func TestPersonIs(t *testing.T) {
	dana := Person{Written: "Dana Smith", Names: []string{"Dana Smith"}, Handles: []string{"dana"}, Emails: []string{"dsmith@corp.example"}}
	tests := []struct {
		p           Person
		name, email string
		want        bool
	}{
		{PersonFromText("@alice"), "Alice Smith", "12345+alice@users.noreply.github.com", true},
		{PersonFromText("@alice"), "Alice Smith", "alice@users.noreply.github.com", true},
		{PersonFromText("@alice"), "Alice Smith", "ALICE@Users.NoReply.GitHub.com", true},
		{PersonFromText("@alice"), "alice", "a@b.example", true}, // a handle written as the git name
		{PersonFromText("@alice"), "Alice Smith", "alice@corp.example", false},
		{PersonFromText("@alice"), "Mallory", "12345+mallory@users.noreply.github.com", false},
		{PersonFromText("@alice"), "Mallory", "x+alice@users.noreply.github.com", false}, // not a number before '+'
		{PersonFromText("@alice"), "Mallory", "alice@users.noreply.github.com.evil.example", false},
		{PersonFromText("alice"), "Mallory", "alice@users.noreply.github.com", true},
		{PersonFromText("asmith@corp.example"), "Whoever", "ASmith@corp.example", true},
		{PersonFromText("Alice Smith"), "alice smith", "x@y.example", true},
		{PersonFromText("Alice Smith"), "Alice", "x@y.example", false},
		{dana, "Dana Smith", "dana@laptop.local", true},
		{dana, "D", "dsmith@corp.example", true},
		{dana, "D", "99+dana@users.noreply.github.com", true},
		{dana, "", "", false},
	}
	for _, tt := range tests {
		if got := tt.p.Is(tt.name, tt.email); got != tt.want {
			t.Errorf("%q.Is(%q, %q) = %v, want %v", tt.p.Written, tt.name, tt.email, got, tt.want)
		}
	}
}
