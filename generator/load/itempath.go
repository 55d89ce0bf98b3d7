package load

import (
	"path"
	"strings"

	"github.com/backlogtool/backlog/generator/model"
)

// ItemFolders are the folders of the content folder that the settings' items: places
// read from, each with the pattern its files must match ("" for every .md file): what
// history diffs in each commit. A pattern whose folder part is itself a pattern
// ("*/tasks/*.md") names no fixed folder and is left out.
func ItemFolders(s *model.Settings) map[string][]string {
	out := map[string][]string{}
	for _, place := range s.Items {
		if !strings.ContainsAny(place, "*?[") {
			out[place] = append(out[place], "")
			continue
		}
		dir := path.Dir(place)
		if strings.ContainsAny(dir, "*?[") || dir == "." {
			continue
		}
		out[dir] = append(out[dir], place)
	}
	return out
}

// IsItemFile reports whether the file at p (a path in the content folder, in the folder
// dir of ItemFolders with its patterns) is read as an item, as Load decides.
func IsItemFile(p string, patterns []string, s *model.Settings) bool {
	name := p[strings.LastIndexByte(p, '/')+1:]
	if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".md") || excluded(p, s.Exclude) {
		return false
	}
	for _, pattern := range patterns {
		if pattern == "" {
			return true
		}
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}
