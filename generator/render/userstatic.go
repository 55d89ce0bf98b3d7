package render

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/load"
)

// CustomCSS is the name of the stylesheet a team adds to the default theme, in the
// content folder's static/ folder (the site's root) or in the theme's static/ folder.
const CustomCSS = "custom.css"

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
	if r.b.Files != nil && slices.Contains(r.b.Static, load.StaticDir+"/"+CustomCSS) {
		out = append(out, CustomCSS)
	}
	return out
}

// copyUserStatic copies the content folder's static/ folder to the site's root as it
// is: CNAME, robots.txt, .nojekyll, a favicon, a logo, images. It copies the files the
// load stage listed (model.Backlog.Static), having reported any it would refuse, so
// check refuses them too and the folder is walked once. Files are read through the
// content folder's root, so a symbolic link that leads out of it is still refused.
func (r *Renderer) copyUserStatic(out Output) error {
	if r.b.Files == nil {
		return nil
	}
	for _, p := range r.b.Static {
		data, err := fs.ReadFile(r.b.Files, p)
		if err != nil {
			return fmt.Errorf("copying the static folder: %w", err)
		}
		if err := out.WriteFile(strings.TrimPrefix(p, load.StaticDir+"/"), data); err != nil {
			return fmt.Errorf("copying the static folder: %w", err)
		}
	}
	return nil
}
