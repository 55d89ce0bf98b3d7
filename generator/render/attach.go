package render

import (
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"

	"github.com/backlogtool/backlog/generator/markdown"
)

// AttachmentsDir is the site folder that holds the copies of the content folder's
// other files that bodies link to or show: an image at assets/flow.png in the content
// folder is files/assets/flow.png in the site.
const AttachmentsDir = "files"

// attacher returns the markdown.Resolver of attachments for pages at root, or nil when
// the backlog was not read from a folder (as in tests that build one in memory).
func (r *Renderer) attacher(root string) markdown.Resolver {
	if r.b.Files == nil {
		return nil
	}
	return func(target string) (string, bool) {
		info, err := fs.Stat(r.b.Files, target)
		if err != nil || !info.Mode().IsRegular() {
			return "", false
		}
		r.attached.Store(target, info.Size())
		segments := strings.Split(target, "/")
		for i, s := range segments {
			segments[i] = url.PathEscape(s)
		}
		return root + AttachmentsDir + "/" + strings.Join(segments, "/"), true
	}
}

// copyAttachments copies into the site every file a rendered body linked to, each once,
// in a fixed order. Each is read through the content folder's root, so nothing outside
// it is read; one over the size limit of all content is left out with an error.
func (r *Renderer) copyAttachments(out Output) error {
	var targets []string
	r.attached.Range(func(k, _ any) bool {
		targets = append(targets, k.(string))
		return true
	})
	slices.Sort(targets)
	for _, t := range targets {
		info, err := fs.Stat(r.b.Files, t)
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		if info.Size() > r.b.Settings.Limits.TotalBytes {
			return fmt.Errorf("%s: the file is over the total size limit (limits.total_size in backlog.yaml)", t)
		}
		data, err := fs.ReadFile(r.b.Files, t)
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		if err := out.WriteFile(AttachmentsDir+"/"+t, data); err != nil {
			return err
		}
	}
	return nil
}
