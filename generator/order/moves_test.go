package order

import (
	"fmt"
	"testing"
)

func TestMoves(t *testing.T) {
	tests := []struct {
		name          string
		before, after []string
		want          string
		shifted       int
	}{
		{"same", []string{"a", "b", "c"}, []string{"a", "b", "c"}, "[]", 0},
		{"one to top", []string{"a", "b", "c", "d"}, []string{"d", "a", "b", "c"}, "[{d 4 1}]", 3},
		{"one down", []string{"a", "b", "c", "d"}, []string{"b", "c", "a", "d"}, "[{a 1 3}]", 2},
		{"swap", []string{"a", "b"}, []string{"b", "a"}, "[{b 2 1}]", 1},
		{"new and removed", []string{"a", "b", "c"}, []string{"x", "a", "c"}, "[{x 0 1} {b 2 0}]", 1},
		{"empty before", nil, []string{"a", "b"}, "[{a 0 1} {b 0 2}]", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves, shifted := Moves(tt.before, tt.after)
			if got := fmt.Sprint(moves); got != tt.want && !(got == "[]" && tt.want == "[]") {
				t.Errorf("moves = %v, want %v", got, tt.want)
			}
			if shifted != tt.shifted {
				t.Errorf("shifted = %d, want %d", shifted, tt.shifted)
			}
		})
	}
}
