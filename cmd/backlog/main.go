// Command backlog turns a folder of Markdown backlog items into a static backlog
// and roadmap site. Run "backlog help" for the commands.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
