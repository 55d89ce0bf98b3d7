package edit

import "strings"

// Japanese kana in Hepburn romanisation. Katakana are read as the hiragana they match.
var kanaLatin = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o",
	'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko",
	'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go",
	'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so",
	'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to",
	'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do",
	'な': "na", 'に': "ni", 'ぬ': "nu", 'ね': "ne", 'の': "no",
	'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho",
	'ば': "ba", 'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo",
	'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo",
	'や': "ya", 'ゆ': "yu", 'よ': "yo",
	'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n", 'ゔ': "vu",
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゎ': "wa",
	'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo",
}

var smallVowel = map[rune]string{'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o"}

// isKana reports whether r is a hiragana or katakana letter, or the long vowel mark.
func isKana(r rune) bool {
	return r >= 'ぁ' && r <= 'ゖ' || r >= 'ァ' && r <= 'ヺ' || r == 'ー'
}

// hiragana reads a katakana letter as the hiragana it matches.
func hiragana(r rune) rune {
	if r >= 'ァ' && r <= 'ヶ' {
		return r - 0x60
	}
	return r
}

// kana romanises the run of kana that starts text, and says how many runes it read.
func kana(text []rune) (string, int) {
	var sb strings.Builder
	n := 0
	double := false // a small tsu doubles the next consonant
	for ; n < len(text) && isKana(text[n]); n++ {
		r := hiragana(text[n])
		switch {
		case r == 'っ':
			double = true
			continue
		case r == 'ー': // the long vowel mark lengthens the vowel before it: left out
			continue
		}
		latin := kanaLatin[r]
		// A small ya, yu or yo joins the syllable before: き+ゃ is kya, し+ゃ is sha.
		if n+1 < len(text) {
			if y := hiragana(text[n+1]); y == 'ゃ' || y == 'ゅ' || y == 'ょ' {
				vowel := map[rune]string{'ゃ': "a", 'ゅ': "u", 'ょ': "o"}[y]
				base := strings.TrimSuffix(latin, "i")
				if base == "sh" || base == "ch" || base == "j" {
					latin = base + vowel
				} else {
					latin = base + "y" + vowel
				}
				n++
			} else if v := smallVowel[y]; v != "" && latin != "" {
				// A small vowel replaces the vowel before: フ+ァ is fa, テ+ィ is ti.
				latin = strings.TrimRight(latin, "aiueo") + v
				n++
			}
		}
		if double && latin != "" {
			if strings.HasPrefix(latin, "ch") {
				sb.WriteByte('t')
			} else {
				sb.WriteByte(latin[0])
			}
		}
		double = false
		sb.WriteString(latin)
	}
	return sb.String(), n
}
