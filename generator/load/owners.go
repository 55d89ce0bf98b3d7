package load

import (
	"strings"

	"github.com/backlogtool/backlog/generator/model"
	"gopkg.in/yaml.v3"
)

func (d *doc) owners(n *yaml.Node) model.Owners {
	var o model.Owners
	pairs, ok := d.mapping(n, "owners")
	if !ok {
		return o
	}
	for _, p := range pairs {
		switch p.key {
		case "order":
			o.Order = d.people(p.v, "owners.order")
		case "roadmap":
			o.Roadmap = d.people(p.v, "owners.roadmap")
		default:
			d.unknownField(p.k, []string{"order", "roadmap"}, "owners")
		}
	}
	return o
}

// people reads a list of owners (owners.order, owners.roadmap): one entry or a list,
// each a handle, a name or an email, or a person with several:
// {name: Alice Smith, github: alice, emails: [asmith@corp.example]}.
func (d *doc) people(n *yaml.Node, field string) []model.Person {
	if isNull(n) {
		return nil
	}
	entries := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		entries = n.Content
	}
	var out []model.Person
	for _, e := range entries {
		switch {
		case e.Kind == yaml.ScalarNode && !isNull(e) && strings.TrimSpace(e.Value) != "":
			out = append(out, model.PersonFromText(e.Value))
		case e.Kind == yaml.MappingNode:
			if p, ok := d.person(e, field); ok {
				out = append(out, p)
			}
		default:
			d.errorf(e, "%s lists people: a @handle, a name, an email or {name: ..., github: ..., emails: [...]}, found %s", field, describe(e))
		}
	}
	return out
}

// personFields are the keys of a person written as a mapping.
var personFields = []string{"name", "names", "github", "email", "emails"}

func (d *doc) person(n *yaml.Node, field string) (model.Person, bool) {
	pairs, ok := d.mapping(n, field)
	if !ok {
		return model.Person{}, false
	}
	var p model.Person
	var written []string
	for _, kv := range pairs {
		var values []string
		if kv.v.Kind == yaml.ScalarNode && !isNull(kv.v) {
			values = []string{kv.v.Value}
		} else if values, ok = d.list(kv.v, field+"."+kv.key); !ok {
			continue
		}
		switch kv.key {
		case "name", "names":
			p.Names = append(p.Names, values...)
		case "github":
			for _, h := range values {
				p.Handles = append(p.Handles, strings.TrimPrefix(h, "@"))
			}
		case "email", "emails":
			p.Emails = append(p.Emails, values...)
		default:
			d.unknownField(kv.k, personFields, field)
			continue
		}
		written = append(written, values...)
	}
	if len(written) == 0 {
		d.errorf(n, "a person in %s needs a name, a github handle or an email", field)
		return p, false
	}
	p.Written = written[0]
	return p, true
}
