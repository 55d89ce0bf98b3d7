package synth

import (
	"fmt"
	"strconv"
	"strings"
)

// filler fills the {placeholders} of the vocabulary's templates. ids are the items made
// before the one being written, for links between items.
type filler struct {
	r   random
	ids []string
}

// fill expands tmpl: {name} becomes a word of the vocabulary, {{ and }} a brace.
func (f filler) fill(tmpl string) string {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(tmpl) && tmpl[i+1] == c:
			b.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(tmpl[i:], '}')
			b.WriteString(f.word(tmpl[i+1 : i+end]))
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func (f filler) word(name string) string {
	r := f.r
	switch name {
	case "Noun":
		return capitalize(pick(r, nouns))
	case "noun":
		return pick(r, nouns)
	case "verb":
		return pick(r, verbs)
	case "obj":
		return pick(r, objects)
	case "pain":
		return pick(r, pains)
	case "n":
		return strconv.Itoa(r.between(3, 4000))
	case "area":
		return pick(r, areas)
	case "metric":
		return pick(r, metrics)
	case "label":
		return pick(r, labels)
	case "feature":
		return pick(r, features)
	case "condition":
		return pick(r, conditions)
	case "persona":
		return pick(r, personas)
	case "code":
		return pick(r, codePaths)
	case "dep_id":
		if len(f.ids) == 0 {
			return "sync-engine" // a link to no item, which check reports
		}
		return pick(r, f.ids)
	case "flag":
		return pick(r, []string{"bulk_edit", "offline_mode", "new_billing", "fast_search"})
	case "func":
		return pick(r, functionNames)
	case "Func":
		return capitalize(pick(r, functionNames))
	}
	panic("synth: no placeholder " + name) // the vocabulary is this package's own
}

var functionNames = []string{"touchProject", "refreshIndex", "archiveOld", "syncNow", "recalcTotals", "visibleItems"}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// title is an item's title for its type.
func title(r random, typ string) string {
	var tmpl string
	switch typ {
	case "feature":
		tmpl = pick(r, []string{"{V} {f}", "{V} {f} in the {a}", "{V} {f} for {p}", "{V} {f} on {pl}",
			"Redesign the {a}", "Speed up the {a}", "Simplify the {a}"})
	case "bug":
		tmpl = pick(r, []string{"Fix {s} in the {a}", "Fix {s} when {c}", "{S} in the {a} when {c}", "Fix {s} on {pl}"})
	case "chore":
		tmpl = pick(r, []string{"Upgrade {d} in the {a}", "Remove legacy {a} code", "Migrate the {a} to {t}",
			"Clean up {a} tests", "Document {f}"})
	default:
		tmpl = pick(r, []string{"Investigate {t} for the {a}", "Evaluate {t}", "Prototype {f} in the {a}", "Spike: {f} on {pl}"})
	}
	symptom := pick(r, symptoms)
	t := strings.NewReplacer(
		"{V}", pick(r, []string{"Add", "Support", "Allow", "Introduce", "Enable", "Improve", "Offer", "Expose"}),
		"{f}", pick(r, features), "{a}", pick(r, areas), "{p}", pick(r, personas), "{pl}", pick(r, platforms),
		"{s}", symptom, "{S}", capitalize(symptom), "{c}", pick(r, conditions),
		"{d}", pick(r, dependencies), "{t}", pick(r, techs),
	).Replace(tmpl)
	return capitalize(t)
}

// paragraph is lo to hi sentences.
func (f filler) paragraph(lo, hi int) string {
	n := f.r.between(lo, hi)
	s := make([]string, n)
	for i := range s {
		s[i] = f.fill(pick(f.r, sentences))
	}
	return strings.Join(s, " ")
}

// table is one of three GFM tables: options, metrics or platforms.
func table(r random) string {
	var rows []string
	switch r.IntN(3) {
	case 0:
		rows = []string{"| Option | Effort | Risk | Notes |", "|--------|:------:|:----:|-------|"}
		options := []string{"A: extend the current model", "B: new service", "C: buy a vendor tool", "D: do nothing", "E: client-side only"}
		for _, name := range sample(r, options, r.between(2, 4)) {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s |", name,
				pick(r, []string{"S", "M", "L", "XL"}), pick(r, []string{"low", "medium", "high"}),
				pick(r, []string{"needs design", "fastest to ship", "blocks on infra", "best long term", "-"})))
		}
	case 1:
		rows = []string{"| Metric | Today | Target |", "|---|---:|---:|"}
		for _, m := range sample(r, metrics, r.between(2, 4)) {
			a := r.between(10, 900)
			rows = append(rows, fmt.Sprintf("| %s | %d | %d |", m, a, a*r.between(50, 95)/100))
		}
	default:
		rows = []string{"| Platform | Supported | Since |", "|----------|-----------|-------|"}
		for _, p := range sample(r, platforms, r.between(2, 5)) {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s |", p,
				pick(r, []string{"yes", "no", "partial", "~~yes~~ no"}), pick(r, releases).name))
		}
	}
	return strings.Join(rows, "\n")
}
