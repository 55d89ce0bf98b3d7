package render

import "testing"

func TestSearchWords(t *testing.T) {
	got := searchWords([]byte("## Sync Engine\n\nThe sync engine syncs **Café** data; see [docs](https://example.org/sync) 2027 and the ÉLAN.\n"))
	want := "sync engine syncs café data see docs https example org élan"
	if got != want {
		t.Errorf("searchWords = %q, want %q", got, want)
	}
}
