package generator

// discard is an Output that throws the site away, to measure rendering alone.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
