package model

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
)

// Slug is the name of an item's page folder, made from its id: lowercase ASCII
// letters, digits and '-', so it is safe in a URL and on every file system. Accented
// Latin letters lose their accent; other letters and digits become their code point
// ("u4efb"), so ids in other scripts keep distinct pages. Other characters separate
// words. The same id always gives the same slug. A slug is never cut short where two
// ids could then share it: one over maxSlug bytes keeps its start and ends with a hash
// of the whole id.
func Slug(id string) string {
	if isSlug(id) {
		return id
	}
	var sb strings.Builder
	dash := false
	word := func(s string) {
		if dash && sb.Len() > 0 {
			sb.WriteByte('-')
		}
		sb.WriteString(s)
		dash = false
	}
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word(string(r))
		case r < 0x80:
			dash = true
		default:
			if base, ok := foldAccent(r); ok {
				word(string(base))
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				dash = true
				word("u" + strconv.FormatInt(int64(r), 16))
				dash = true
			} else {
				dash = true
			}
		}
	}
	s := sb.String()
	if s == "" {
		s = "item"
	}
	if len(s) > maxSlug {
		sum := sha256.Sum256([]byte(id))
		s = strings.TrimRight(s[:maxSlug-17], "-") + "-" + hex.EncodeToString(sum[:8])
	}
	if reservedNames[s] {
		s += "-item"
	}
	return s
}

// maxSlug keeps a page folder's name well inside the 255 bytes file systems allow.
const maxSlug = 120

// isSlug reports whether id is already its own slug.
func isSlug(id string) bool {
	if id == "" || len(id) > maxSlug || id[0] == '-' || id[len(id)-1] == '-' || reservedNames[id] {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') || c == '-' && id[i-1] == '-' {
			return false
		}
	}
	return true
}

// reservedNames are the device names Windows reserves, in any case and with any
// extension: no page folder may take one. They are con, prn, aux, nul, and com and lpt
// followed by a digit 0 to 9 or a superscript 1, 2 or 3 (which Windows counts as digits
// there; a slug is ASCII and never holds one, but the table is Windows' whole list).
var reservedNames = func() map[string]bool {
	m := map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}
	for _, port := range []string{"com", "lpt"} {
		for _, digit := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "\u00b9", "\u00b2", "\u00b3"} {
			m[port+digit] = true
		}
	}
	return m
}()

// ReservedName reports whether name is a device name Windows reserves.
func ReservedName(name string) bool { return reservedNames[name] }

// foldAccent maps common accented Latin letters to their ASCII base letter.
func foldAccent(r rune) (rune, bool) {
	const from, to = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy"
	for i, f := range []rune(from) {
		if r == f {
			return rune(to[i]), true
		}
	}
	return 0, false
}

// RefKey is the form in which a reference to an item is looked up: without a leading
// "./", a ".md" ending or surrounding blanks, in lower case. Items are indexed under
// the RefKey of their id, their file name and their path.
func RefKey(ref string) string {
	ref = strings.TrimSpace(ref)
	ref = strings.TrimPrefix(ref, "./")
	if len(ref) > 3 && strings.EqualFold(ref[len(ref)-3:], ".md") {
		ref = ref[:len(ref)-3]
	}
	return strings.ToLower(ref)
}

// NaturalCompare orders strings as people number things: runs of digits compare by
// value, so item-2 comes before item-10.
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			// Numbers of any length: the longer one (without leading zeros) is larger.
			na, nb := trimZeros(a[:da]), trimZeros(b[:db])
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}
