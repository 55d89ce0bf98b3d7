// Package scaffold sets a repository up for the backlog workflow: a content folder,
// a CI workflow that checks pull requests and publishes the site, CODEOWNERS lines and
// a .gitignore for what a local build writes.
// It never overwrites a file that exists.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/backlogtool/backlog/generator/load"
)

//go:embed all:files
var files embed.FS

// Options fill in the files written.
type Options struct {
	Title   string
	RepoURL string
	Branch  string   // the default branch, which publishes
	PO, PM  []string // owners of order.yaml and backlog.yaml: @handles or emails
	Module  string   // the Go module to install backlog from in CI
	Now     time.Time
}

// Init writes the files of a new backlog into dir. It returns the paths written and
// the paths skipped because they exist, both relative to dir.
func Init(dir string, opts Options) (written, skipped []string, err error) {
	if opts.Branch == "" {
		opts.Branch = "main"
	}
	if opts.Title == "" {
		opts.Title = "Backlog"
	}
	// Read before anything is written: an address it cannot read writes nothing.
	repoURL, err := RepoURL(opts.RepoURL)
	if err != nil {
		return nil, nil, err
	}
	opts.RepoURL = repoURL
	// A backlog another tool keeps is read where it is: its folder becomes the content
	// folder, with settings and an order written beside its files.
	title := opts.Title
	if title == "Backlog" {
		title = "" // the default: the tool's project name is better
	}
	layout, err := Detect(dir, title)
	if err != nil {
		return nil, nil, err
	}
	content := "content"
	if layout != nil {
		content = layout.Content
		// The settings that read the tool's files, with those a new backlog has from
		// the flags: where the site is published, the repository, the branch, the owners.
		settings := withSite(layout.Settings, siteSettings(opts), ownerSettings(opts))
		for _, f := range []struct {
			name string
			data []byte
		}{{load.SettingsFile, settings}, {load.OrderFile, layout.Order}} {
			rel := content + "/" + f.name
			wrote, err := writeNew(dir, rel, f.data)
			if err != nil {
				return written, skipped, err
			}
			if wrote {
				written = append(written, rel)
			} else {
				skipped = append(skipped, rel)
			}
		}
	}
	data := map[string]any{
		"Content": content,
		"Title":   opts.Title, "Site": siteSettings(opts), "Owners": ownerSettings(opts), "Branch": opts.Branch, "Module": opts.Module,
		"POHandles": handles(opts.PO), "PMHandles": handles(opts.PM),
		"Release": opts.Now.Format("2006") + ".1", "ReleaseDate": opts.Now.AddDate(0, 3, 0).Format(time.DateOnly),
	}
	err = fs.WalkDir(files, "files", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := strings.TrimPrefix(p, "files/")
		if layout != nil && strings.HasPrefix(rel, "content/") {
			return nil // the tool's files are the content
		}
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Lstat(target); err == nil {
			skipped = append(skipped, rel)
			return nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		src, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := template.New(rel).Funcs(template.FuncMap{"join": strings.Join}).Parse(string(src))
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := t.Execute(&out, data); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		// O_EXCL: a file that appeared since the check is not overwritten either.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(out.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		written = append(written, rel)
		return err
	})
	return written, skipped, err
}

// siteSettings are the lines of backlog.yaml that say where the site is published and
// from which repository and branch, from init's flags; the same in a new backlog and
// in one adopted. Without -repo, base_url and repo_url are comments to fill in.
func siteSettings(opts Options) string {
	var sb strings.Builder
	const baseComment = "   # where the site is published: absolute links in sitemap.xml, feed.xml, share cards and the 404 page\n"
	if base := PagesURL(opts.RepoURL); base != "" {
		sb.WriteString("base_url: " + base + baseComment)
	} else {
		sb.WriteString("# base_url: https://ORG.github.io/REPO/" + baseComment)
	}
	if opts.RepoURL != "" {
		sb.WriteString("repo_url: " + opts.RepoURL + "\n")
	} else {
		sb.WriteString("# repo_url: https://github.com/ORG/REPO  # \"edit this item\" and \"propose an item\" links\n")
	}
	sb.WriteString("branch: " + opts.Branch + "\n")
	return sb.String()
}

// ownerSettings are the owners of backlog.yaml, from init's -po and -pm.
func ownerSettings(opts Options) string {
	return "# Who owns the ranking (order.yaml) and the roadmap (this file): git author names or\n" +
		"# emails, as CODEOWNERS lines and `backlog check -base` use them.\n" +
		"owners:\n" +
		"  order: [" + strings.Join(quoteAll(opts.PO), ", ") + "]\n" +
		"  roadmap: [" + strings.Join(quoteAll(opts.PM), ", ") + "]\n"
}

// withSite puts the site settings into the settings of an adopted backlog, after its
// title, and the owners at the end.
func withSite(settings []byte, site, owners string) []byte {
	s := string(settings)
	at := 0 // after the title line, which settingsHeader writes; else at the top
	if i := strings.Index(s, "\ntitle: "); i >= 0 {
		if j := strings.IndexByte(s[i+1:], '\n'); j >= 0 {
			at = i + 1 + j + 1
		}
	}
	return []byte(s[:at] + site + s[at:] + owners)
}

// PagesURL is where GitHub Pages or GitLab Pages publish the site of a repository, such
// as https://org.github.io/repo/ for https://github.com/org/repo, or "" for other hosts.
// A repository named after the host (org.github.io) is published at the host's root.
func PagesURL(repoURL string) string {
	u, err := url.Parse(strings.TrimSuffix(strings.TrimRight(repoURL, "/"), ".git"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	var pagesHost string
	switch strings.ToLower(u.Host) {
	case "github.com", "www.github.com":
		pagesHost = "github.io"
	case "gitlab.com":
		pagesHost = "gitlab.io"
	default:
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return ""
	}
	owner, repo := strings.ToLower(parts[0]), parts[1]
	host := owner + "." + pagesHost
	if strings.EqualFold(repo, host) {
		return "https://" + host + "/"
	}
	return "https://" + host + "/" + repo + "/"
}

// handles keeps the owners that are code host handles (@name), for CODEOWNERS.
func handles(owners []string) []string {
	var out []string
	for _, o := range owners {
		if strings.HasPrefix(o, "@") || strings.Contains(o, "@") {
			out = append(out, o)
		}
	}
	return out
}

// quoteAll quotes owners for a YAML flow list ("@" cannot start a plain scalar).
func quoteAll(owners []string) []string {
	out := make([]string, len(owners))
	for i, o := range owners {
		out[i] = `"` + strings.ReplaceAll(o, `"`, `\"`) + `"`
	}
	return out
}
