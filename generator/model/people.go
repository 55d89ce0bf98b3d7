package model

import "strings"

// Person is someone named in backlog.yaml's owners, known by any of their names, GitHub
// handles and email addresses. An entry written as one string is one of them: "@alice"
// a handle, "asmith@corp.example" an email, "Alice Smith" a name, and a single word such
// as "alice" a name or a handle.
type Person struct {
	Written string   // the entry as backlog.yaml writes it, for messages
	Names   []string // as git writes an author's name
	Handles []string // GitHub handles, without the "@"
	Emails  []string
}

// String is the entry as written.
func (p Person) String() string { return p.Written }

// PersonFromText reads an owner written as one string.
func PersonFromText(s string) Person {
	s = strings.TrimSpace(s)
	p := Person{Written: s}
	switch {
	case strings.HasPrefix(s, "@"):
		p.Handles = []string{strings.TrimPrefix(s, "@")}
	case strings.Contains(s, "@"):
		p.Emails = []string{s}
	case !strings.ContainsAny(s, " \t"):
		p.Names, p.Handles = []string{s}, []string{s}
	default:
		p.Names = []string{s}
	}
	return p
}

// Is reports whether a git author (name and email) is this person: the same name or
// email ignoring case, or an email GitHub makes for one of the handles
// (alice@users.noreply.github.com, 12345+alice@users.noreply.github.com). A handle
// also matches an author name written as that handle. Git takes the author's word
// for both: this tells who a commit claims to be by, not who made it.
func (p Person) Is(name, email string) bool {
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	for _, n := range p.Names {
		if name != "" && strings.EqualFold(n, name) {
			return true
		}
	}
	for _, e := range p.Emails {
		if email != "" && strings.EqualFold(e, email) {
			return true
		}
	}
	handle := noreplyHandle(email)
	for _, h := range p.Handles {
		if h != "" && (strings.EqualFold(h, handle) || strings.EqualFold(h, name)) {
			return true
		}
	}
	return false
}

// noreplyHandle is the GitHub handle of a noreply address, or "".
func noreplyHandle(email string) string {
	local, host, ok := strings.Cut(email, "@")
	if !ok || !strings.EqualFold(host, "users.noreply.github.com") {
		return ""
	}
	if id, handle, ok := strings.Cut(local, "+"); ok {
		if id == "" || strings.Trim(id, "0123456789") != "" {
			return ""
		}
		return handle
	}
	return local
}

// AnyIs reports whether any of people is the author name <email>.
func AnyIs(people []Person, name, email string) bool {
	for _, p := range people {
		if p.Is(name, email) {
			return true
		}
	}
	return false
}
