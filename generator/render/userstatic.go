package render

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
)

// CustomCSS is the name of the stylesheet a team adds to the default theme, in the
// content folder's static/ folder (the site's root) or in the theme's static/ folder.
const CustomCSS = "custom.css"

// siteNames are the files and folders at the site's root that the site writes itself:
// a file of the content folder's static/ folder may not take one of their names.
var siteNames = map[string]bool{
	"index.html": true, "404.html": true, "backlog.json": true, "sitemap.xml": true, "feed.xml": true,
	"items": true, "pages": true, "roadmap": true, "board": true, "changes": true, "static": true, AttachmentsDir: true,
	".backlog-site": true, // write.MarkerFile, the list of the files the build wrote
}

// customCSS lists the team's stylesheets by their path in the site: the theme's, then
// the content folder's, which is read last and so wins.
func (r *Renderer) customCSS() []string {
	var out []string
	if r.theme == nil {
		return nil // the renderer only checks bodies
	}
	for _, f := range r.theme.files {
		if f.path == "static/"+CustomCSS {
			out = append(out, f.path)
		}
	}
	if r.b.Files != nil {
		if info, err := fs.Stat(r.b.Files, load.StaticDir+"/"+CustomCSS); err == nil && info.Mode().IsRegular() {
			out = append(out, CustomCSS)
		}
	}
	return out
}

// copyUserStatic copies the content folder's static/ folder to the site's root as it
// is: CNAME, robots.txt, .nojekyll, a favicon, a logo, images. Files are read through
// the content folder's root, so a symbolic link that leads out of it is refused.
func (r *Renderer) copyUserStatic(out Output) error {
	if r.b.Files == nil {
		return nil
	}
	err := fs.WalkDir(r.b.Files, load.StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == load.StaticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel := strings.TrimPrefix(p, load.StaticDir+"/")
		if p == load.StaticDir {
			return nil
		}
		if top, _, _ := strings.Cut(rel, "/"); siteNames[top] {
			return fmt.Errorf("%s: the site writes %s itself: rename this file or folder", p, top)
		}
		if d.IsDir() {
			return nil
		}
		info, err := fs.Stat(r.b.Files, p)
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file; the static folder holds files to publish as they are", p)
		}
		if info.Size() > r.b.Settings.Limits.TotalBytes {
			return fmt.Errorf("%s: the file is over the total size limit (limits.total_size in backlog.yaml)", p)
		}
		data, err := fs.ReadFile(r.b.Files, p)
		if err != nil {
			return err
		}
		return out.WriteFile(rel, data)
	})
	if err != nil {
		return fmt.Errorf("copying the static folder: %w", err)
	}
	return nil
}
