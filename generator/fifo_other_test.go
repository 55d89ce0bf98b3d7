//go:build !unix

package generator

import "testing"

// mkfifo skips the test: no named pipes here (settingsfiles_unix_test.go makes one).
func mkfifo(t *testing.T, path string) { t.Skip("no named pipes here") }
