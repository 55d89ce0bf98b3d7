package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// runVersion prints the module version and the commit the binary was built from.
func runVersion(args []string, stdout, stderr io.Writer) error {
	if err := parseNoArgs(newFlags("version", stderr), args); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "backlog", version())
	return nil
}

// version reads the module version and commit from the build information.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " commit " + rev + modified
	}
	return v
}
