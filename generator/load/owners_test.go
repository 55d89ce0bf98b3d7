package load

import (
	"reflect"
	"testing"

	"github.com/backlogtool/backlog/generator/model"
)

func TestOwnersAsPeople(t *testing.T) {
	in := `title: x
owners:
  order:
    - "@alice"
    - Bob Jones
    - carol@corp.example
    - {name: Dana Smith, github: dana, emails: [dsmith@corp.example, dana@home.example]}
  roadmap: erin
`
	var f model.Findings
	s := ParseSettings("backlog.yaml", []byte(in), &f)
	checkFindings(t, f, nil)
	want := model.Owners{
		Order: []model.Person{
			{Written: "@alice", Handles: []string{"alice"}},
			{Written: "Bob Jones", Names: []string{"Bob Jones"}},
			{Written: "carol@corp.example", Emails: []string{"carol@corp.example"}},
			{Written: "Dana Smith", Names: []string{"Dana Smith"}, Handles: []string{"dana"}, Emails: []string{"dsmith@corp.example", "dana@home.example"}},
		},
		Roadmap: []model.Person{{Written: "erin", Names: []string{"erin"}, Handles: []string{"erin"}}},
	}
	if !reflect.DeepEqual(s.Owners, want) {
		t.Errorf("owners\n%+v\nwant\n%+v", s.Owners, want)
	}
}

func TestOwnersMistakes(t *testing.T) {
	for in, want := range map[string]string{
		"owners: {order: [{nmae: x, github: y}]}": `unknown field "nmae" in owners.order (did you mean "name"?)`,
		"owners: {order: [{}]}":                   "a person in owners.order needs a name, a github handle or an email",
		"owners: {roadmap: [[a]]}":                "owners.roadmap lists people",
	} {
		var f model.Findings
		ParseSettings("backlog.yaml", []byte("title: x\n"+in+"\n"), &f)
		found := false
		for _, x := range f {
			found = found || x.Message == want || len(x.Message) > len(want) && x.Message[:len(want)] == want
		}
		if !found {
			t.Errorf("%s: findings %v, want %q", in, f, want)
		}
	}
}
