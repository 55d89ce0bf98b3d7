// Package templates is the default theme: html/template files and static assets,
// embedded in the binary. A templates folder beside the content overrides any file by name.
package templates

import "embed"

// FS holds the theme's *.html templates and its static/ folder.
//
//go:embed *.html static
var FS embed.FS
