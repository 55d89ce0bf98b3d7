package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run "backlog" as a real command, served by this test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"backlog": main,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a txtar archive
// holding a content folder and the commands to run on it, with their expected output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"commit": commitCmd,
			"tag":    tagCmd,
			"glob":   globCmd,
		},
	})
}

// commitCmd commits every file of the work folder with go-git, so the scripts need no git binary:
//
//	commit AUTHOR YYYY-MM-DD [EMAIL]
//
// The email defaults to AUTHOR@example.org.
func commitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 && len(args) != 3 {
		ts.Fatalf("usage: commit AUTHOR YYYY-MM-DD [EMAIL]")
	}
	email := args[0] + "@example.org"
	if len(args) == 3 {
		email = args[2]
	}
	dir := ts.Getenv("WORK")
	repo, err := git.PlainOpen(dir)
	if err == git.ErrRepositoryNotExists {
		repo, err = git.PlainInit(dir, false)
	}
	ts.Check(err)
	wt, err := repo.Worktree()
	ts.Check(err)
	ts.Check(wt.AddWithOptions(&git.AddOptions{All: true}))
	when, err := time.Parse(time.DateOnly, args[1])
	ts.Check(err)
	sig := &object.Signature{Name: args[0], Email: email, When: when.Add(12 * time.Hour)}
	_, err = wt.Commit("commit by "+args[0], &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	ts.Check(err)
}

// tagCmd tags the current commit: tag NAME
func tagCmd(ts *testscript.TestScript, neg bool, args []string) {
	repo, err := git.PlainOpen(ts.Getenv("WORK"))
	ts.Check(err)
	head, err := repo.Head()
	ts.Check(err)
	_, err = repo.CreateTag(args[0], head.Hash(), nil)
	ts.Check(err)
}

// globCmd asserts that a pattern matches a file of the work folder, or with ! that it
// matches none (testscript's exists takes names, not patterns): glob PATTERN
func globCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: glob PATTERN")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	switch {
	case neg && len(matches) > 0:
		ts.Fatalf("%s matches %s", args[0], strings.Join(matches, ", "))
	case !neg && len(matches) == 0:
		ts.Fatalf("%s matches nothing", args[0])
	}
}
