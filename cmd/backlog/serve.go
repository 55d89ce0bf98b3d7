package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/backlogtool/backlog/generator/history"
	"github.com/backlogtool/backlog/generator/preview"
)

// runServe serves the site and rebuilds it on every save, until Ctrl-C.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var opts preview.Options
	contentFlag(fs, &opts.ContentDir)
	templatesFlag(fs, &opts.TemplatesDir)
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "the `address` to listen on; loopback only by default")
	fs.BoolVar(&opts.Open, "open", false, "open the site in a browser")
	fs.BoolVar(&opts.NoHistory, "no-history", false, "leave out the history read from git")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	opts.HistoryCache = history.DefaultCacheDir()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return preview.Run(ctx, opts, stdout, stderr)
}
