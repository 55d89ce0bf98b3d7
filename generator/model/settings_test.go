package model

import "testing"

func TestReleaseMatchesLiberally(t *testing.T) {
	s := &Settings{Releases: []Release{
		{Name: "m-1", Description: "CLI Development"},
		{Name: "M3 - GUI"},
		{Name: "2027.1", Date: "2027-03-31", Description: "Offline first"},
		{Name: "m 1 beta"},
		{Name: "offline-first"}, // a name wins over another release's description
		{Name: "undescribed"},
	}}
	tests := []struct {
		name, want string
	}{
		{"m-1", "m-1"},
		{"M-1", "m-1"},
		{"m_1", "m-1"},
		{" m 1 ", "m-1"},
		{"cli development", "m-1"},
		{"CLI-Development", "m-1"},
		{"m3 - gui", "M3 - GUI"},
		{"M3-GUI", "M3 - GUI"},
		{"2027.1", "2027.1"},
		{"M-1 Beta", "m 1 beta"},
		{"Offline First", "offline-first"},
		{"m-2", ""},
		{"2027", ""},
		{"", ""},
		{" - ", ""}, // nothing to compare: never the release without a description
	}
	for _, tt := range tests {
		r, ok := s.Release(tt.name)
		if ok != (tt.want != "") || r.Name != tt.want {
			t.Errorf("Release(%q) = %q, %v; want %q", tt.name, r.Name, ok, tt.want)
		}
	}
}

func TestReleaseExactNameFirst(t *testing.T) {
	// Two releases that differ only in case: each is found by its own name.
	s := &Settings{Releases: []Release{{Name: "Beta"}, {Name: "beta"}}}
	for _, name := range []string{"Beta", "beta"} {
		if r, _ := s.Release(name); r.Name != name {
			t.Errorf("Release(%q) = %q", name, r.Name)
		}
	}
}

func TestGoalMatchesLiberally(t *testing.T) {
	s := &Settings{Goals: []Goal{
		{ID: "faster-onboarding", Title: "Faster onboarding"},
		{ID: "fewer-bugs", Title: "Fewer Bugs In Sync"},
	}}
	tests := []struct {
		id, want string
	}{
		{"faster-onboarding", "faster-onboarding"},
		{"Faster Onboarding", "faster-onboarding"},
		{"faster_onboarding", "faster-onboarding"},
		{"FEWER-BUGS", "fewer-bugs"},
		{"fewer bugs in sync", "fewer-bugs"},
		{"faster", ""},
		{"", ""},
	}
	for _, tt := range tests {
		g, ok := s.Goal(tt.id)
		if ok != (tt.want != "") || g.ID != tt.want {
			t.Errorf("Goal(%q) = %q, %v; want %q", tt.id, g.ID, ok, tt.want)
		}
	}
}
