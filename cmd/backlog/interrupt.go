package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/backlogtool/backlog/generator/write"
)

// removeSiteOnSignal makes SIGINT and SIGTERM remove the temporary folder of the site
// being written before the command exits (with 128 and the signal's number, as a shell
// reports a process that a signal ended): a build stopped halfway leaves the previous
// site as it was and nothing beside it. The function it returns ends the watch.
func removeSiteOnSignal(command string, stderr io.Writer) (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			write.AbortAll()
			fmt.Fprintf(stderr, "backlog %s: stopped by %v; the unfinished site is removed\n", command, sig)
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-quit:
			close(finished)
		}
	}()
	// Once the signal is taken, the build fails for its removed folder and returns: stop
	// then waits for the exit with the signal's status, never closing finished, so the
	// command cannot exit first with the build's error.
	return func() {
		signal.Stop(signals)
		close(quit)
		<-finished
	}
}
