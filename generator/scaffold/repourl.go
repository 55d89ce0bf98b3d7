package scaffold

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"
)

// repoForms says which forms of a repository's address RepoURL reads.
const repoForms = "https://HOST/OWNER/REPO (.git or not), or for github.com and gitlab.com the SSH forms " +
	"`git remote get-url origin` prints, git@github.com:OWNER/REPO.git and ssh://git@github.com/OWNER/REPO.git " +
	"(on gitlab.com, OWNER may be a group with subgroups: acme/sub)"

// RepoURL is the web address of a repository, for repo_url, from the address of it
// that a user gives: the https address, with or without .git, or, for github.com and
// gitlab.com, the SSH forms `git remote get-url` prints (git@github.com:acme/mobile.git,
// ssh://git@github.com/acme/mobile.git), all read as https://github.com/acme/mobile.
// It drops a user name or token from the address, never writing it into a file. An
// empty address is none: "". An address it cannot read is an error saying the forms
// it reads: the SSH form of another host is one, since its web address is not known.
func RepoURL(addr string) (string, error) {
	bad := func(why string) (string, error) {
		return "", fmt.Errorf("%q is not a repository address backlog can read (%s); give %s", addr, why, repoForms)
	}
	s := strings.TrimSpace(addr)
	if s == "" {
		return "", nil
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return bad("it has spaces")
	}
	var scheme, host, p string // host with its port, if any
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		if err != nil {
			return bad("it is not a URL")
		}
		scheme = strings.ToLower(u.Scheme)
		switch scheme {
		case "https", "http":
			host = u.Host
		case "ssh", "git+ssh", "git":
			host = u.Hostname() // the port is the SSH or git port, not the web server's
		default:
			return bad("its scheme is " + u.Scheme)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
			return bad("it has a query or a fragment")
		}
		p = u.Path
	} else if colon := strings.Index(s, ":"); colon > 0 && !strings.Contains(s[:colon], "/") {
		// The scp-like SSH form: [user@]host:path.
		scheme, p = "ssh", s[colon+1:]
		host = s[:colon]
		if at := strings.LastIndex(host, "@"); at >= 0 {
			host = host[at+1:]
		}
	} else {
		return bad("it has no scheme")
	}
	host = strings.ToLower(host)
	if host == "" {
		return bad("it has no host")
	}
	p = strings.TrimSuffix(strings.Trim(p, "/"), ".git")
	var parts []string
	if p != "" {
		parts = strings.Split(p, "/")
	}
	if slices.ContainsFunc(parts, func(s string) bool { return s == "" || s == "." || s == ".." }) {
		return bad("its path has an empty, . or .. part")
	}
	switch host {
	case "github.com", "www.github.com", "ssh.github.com":
		if len(parts) != 2 {
			return bad("a github.com repository is github.com/OWNER/REPO")
		}
		host = "github.com"
	case "gitlab.com", "www.gitlab.com", "altssh.gitlab.com":
		if len(parts) < 2 || slices.Contains(parts, "-") {
			return bad("a gitlab.com repository is gitlab.com/GROUP/REPO or gitlab.com/GROUP/SUBGROUP/REPO")
		}
		host = "gitlab.com"
	default:
		if scheme != "https" && scheme != "http" {
			return bad("the web address of a repository on " + host + " is not known from its SSH address")
		}
		if len(parts) == 0 {
			return bad("it names no repository")
		}
		return scheme + "://" + host + "/" + strings.Join(parts, "/"), nil
	}
	return "https://" + host + "/" + strings.Join(parts, "/"), nil
}
