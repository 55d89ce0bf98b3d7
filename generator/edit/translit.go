package edit

// translit writes letters of Latin, Greek and Cyrillic in ASCII, lowercase only (Slug
// lowercases first). Letters missing here but not ASCII are kept as they are.
var translit = map[rune]string{}

func init() {
	add := func(from string, to ...string) {
		for i, r := range []rune(from) {
			translit[r] = to[i]
		}
	}
	// Latin with accents and the letters of other alphabets written in Latin.
	add("àáâãäåāăą", "a", "a", "a", "a", "a", "a", "a", "a", "a")
	add("çćĉċč", "c", "c", "c", "c", "c")
	add("ďđð", "d", "d", "d")
	add("èéêëēĕėęě", "e", "e", "e", "e", "e", "e", "e", "e", "e")
	add("ĝğġģ", "g", "g", "g", "g")
	add("ĥħ", "h", "h")
	add("ìíîïĩīĭįı", "i", "i", "i", "i", "i", "i", "i", "i", "i")
	add("ĵķĺļľŀł", "j", "k", "l", "l", "l", "l", "l")
	add("ñńņňŉ", "n", "n", "n", "n", "n")
	add("òóôõöøōŏő", "o", "o", "o", "o", "o", "o", "o", "o", "o")
	add("ŕŗřśŝşšșţťŧț", "r", "r", "r", "s", "s", "s", "s", "s", "t", "t", "t", "t")
	add("ùúûüũūŭůűų", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u")
	add("ŵýÿŷźżž", "w", "y", "y", "y", "z", "z", "z")
	add("ßæœþĳ", "ss", "ae", "oe", "th", "ij")
	// Greek, by the ELOT 743 / ISO 843 transcription, accents dropped.
	add("αβγδεζηθικλμνξοπρσςτυφχψω", "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o")
	add("άέήίόύώϊϋΐΰ", "a", "e", "i", "i", "o", "y", "o", "i", "y", "i", "y")
	// Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Bulgarian letters).
	add("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya")
	add("іїєґўђјљњћџ", "i", "yi", "ye", "g", "u", "dj", "j", "lj", "nj", "c", "dz")
}
