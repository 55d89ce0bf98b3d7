package generator

import "io"

// discard is an Output that throws the site away, to measure rendering alone.
type discard struct{}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func (discard) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }
