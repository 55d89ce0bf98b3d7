package edit

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Offline mode for the mobile app", "offline-mode-for-the-mobile-app"},
		{`Crash when offline: "sync" fails`, "crash-when-offline-sync-fails"},
		{"Café crème brûlée", "cafe-creme-brulee"},
		{"Straße über Łódź", "strasse-uber-lodz"},
		{"Συγχρονισμός εκτός σύνδεσης", "sygchronismos-ektos-syndesis"},
		{"Синхронизация данных", "sinkhronizatsiya-dannykh"},
		{"オフラインモード", "ofurainmodo"},
		{"ちょっと待って", "chotto-待-tte"},
		{"同期エンジン", "同期-enjin"},
		{"同期", "同期"},
		{"데이터 동기화", "데이터-동기화"},
		{"Sync 2.0 ✨", "sync-2-0"},
		{"🚀🚀", ""},
		{"e\u0301clair", "eclair"}, // a combining accent
	}
	for _, tt := range tests {
		if got := Slug(tt.title); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	long := "a very long title that goes on and on well past what a file name should carry along"
	got := Slug(long)
	if len(got) > maxSlug || got != "a-very-long-title-that-goes-on-and-on-well-past-what-a-file" {
		t.Errorf("Slug(long) = %q (%d), want it cut at a word's end within %d", got, len(got), maxSlug)
	}
}

func TestASCIISlug(t *testing.T) {
	for in, want := range map[string]string{"同期-enjin": "u540c-u671f-enjin", "sync": "sync", "a同b": "a-u540c-b"} {
		if got := ASCIISlug(in); got != want {
			t.Errorf("ASCIISlug(%q) = %q, want %q", in, got, want)
		}
	}
}
