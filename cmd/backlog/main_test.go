package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "backlog" as a real command, served by this test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"backlog": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a txtar archive
// holding a content folder and the commands to run on it, with their expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
