package tmplexec

import (
	"fmt"
	"reflect"
	"slices"
	"text/template/parse"
)

// action writes output for the dot and variables of the running template.
type action func(st *state, dot reflect.Value, vars []reflect.Value) error

// value evaluates to a value; final is the previous command's value in a pipeline, or
// the invalid Value with hasFinal false.
type value func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool) (reflect.Value, error)

type compiler struct {
	set      *Set
	programs map[string]*program // compiled so far by this compiler, for recursion
	scope    []string            // variable names by slot, of the template being compiled
	visible  []int               // slots in scope, innermost last
}

// cannot reports what a template uses that the compiler does not support.
func cannot(what any) error { return fmt.Errorf("%w: %v", ErrUnsupported, what) }

func (c *compiler) template(name string) (*program, error) {
	if p, ok := c.programs[name]; ok {
		return p, nil
	}
	t := c.set.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return nil, cannot("template " + name)
	}
	p := &program{}
	c.programs[name] = p
	outerScope, outerVisible := c.scope, c.visible
	c.scope, c.visible = []string{"$"}, []int{0}
	body, err := c.list(t.Tree.Root)
	p.body, p.slots = body, len(c.scope)
	c.scope, c.visible = outerScope, outerVisible
	return p, err
}

func (c *compiler) list(l *parse.ListNode) (action, error) {
	if l == nil {
		return func(*state, reflect.Value, []reflect.Value) error { return nil }, nil
	}
	var actions []action
	for _, n := range l.Nodes {
		a, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if a != nil {
			actions = append(actions, a)
		}
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value) error {
		for _, a := range actions {
			if err := a(st, dot, vars); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (action, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(st *state, _ reflect.Value, _ []reflect.Value) error {
			st.w.Write(text)
			return nil
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			if a, ok := c.escapedAction(n.Pipe.Cmds); ok {
				return a, nil
			}
		}
		pipe, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		if len(n.Pipe.Decl) > 0 {
			return func(st *state, dot reflect.Value, vars []reflect.Value) error {
				_, err := pipe(st, dot, vars, reflect.Value{}, false)
				return err
			}, nil
		}
		return func(st *state, dot reflect.Value, vars []reflect.Value) error {
			v, err := pipe(st, dot, vars, reflect.Value{}, false)
			if err != nil {
				return err
			}
			// Every action of an escaped template ends in an escaper, which gives a string.
			if v.Kind() != reflect.String {
				return ErrUnsupported
			}
			st.w.WriteString(v.String())
			return nil
		}, nil
	case *parse.IfNode:
		return c.branch(&n.BranchNode, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.call(n)
	}
	return nil, cannot(n)
}

// escapedAction compiles an action that ends in escapers, as html/template leaves every
// action that prints, so that their text goes to the output without being boxed in a
// reflect.Value between them.
func (c *compiler) escapedAction(cmds []*parse.CommandNode) (action, bool) {
	var tail []escaper
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) > 1 {
			break
		}
		e, ok := escapers[id.Ident]
		if !ok {
			break
		}
		tail = append(tail, e)
		cmds = cmds[:len(cmds)-1]
	}
	if len(tail) == 0 {
		return nil, false
	}
	slices.Reverse(tail)
	for _, e := range tail[1:] {
		if e.text == nil {
			return nil, false
		}
	}
	mark := len(c.visible)
	pipe, err := c.pipe(&parse.PipeNode{Cmds: cmds})
	c.visible = c.visible[:mark]
	if err != nil {
		return nil, false
	}
	first, rest := tail[0].value, tail[1:]
	return func(st *state, dot reflect.Value, vars []reflect.Value) error {
		v, err := pipe(st, dot, vars, reflect.Value{}, false)
		if err != nil {
			return err
		}
		s, ok := first(v)
		if !ok {
			return ErrUnsupported
		}
		for _, e := range rest {
			s = e.text(s)
		}
		st.w.WriteString(s)
		return nil
	}, true
}

// branch compiles if and with: with also sets the dot.
func (c *compiler) branch(b *parse.BranchNode, setDot bool) (action, error) {
	mark := len(c.visible)
	pipe, err := c.pipe(b.Pipe)
	if err != nil {
		return nil, err
	}
	then, otherwise, err := c.blocks(b.List, b.ElseList, mark)
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value) error {
		v, err := pipe(st, dot, vars, reflect.Value{}, false)
		if err != nil {
			return err
		}
		truth, ok := isTrue(v)
		if !ok {
			return ErrUnsupported
		}
		if !truth {
			return otherwise(st, dot, vars)
		}
		if setDot {
			dot = v
		}
		return then(st, dot, vars)
	}, nil
}

// blocks compiles the list and the else list of a control structure whose variables
// were declared since mark: they are in scope in both, the list's own only in the list,
// and none after the structure.
func (c *compiler) blocks(list, elseList *parse.ListNode, mark int) (then, otherwise action, err error) {
	declared := len(c.visible)
	if then, err = c.list(list); err != nil {
		return nil, nil, err
	}
	c.visible = c.visible[:declared]
	if otherwise, err = c.list(elseList); err != nil {
		return nil, nil, err
	}
	c.visible = c.visible[:mark]
	return then, otherwise, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (action, error) {
	if len(r.Pipe.Decl) > 2 || r.Pipe.IsAssign {
		return nil, cannot(r)
	}
	mark := len(c.visible)
	// The range variables are declared by the range, not by its pipeline.
	decl := r.Pipe.Decl
	pipeNode := *r.Pipe
	pipeNode.Decl = nil
	pipe, err := c.pipe(&pipeNode)
	if err != nil {
		return nil, err
	}
	slots := make([]int, len(decl))
	for i, d := range decl {
		slots[i] = c.declare(d.Ident[0])
	}
	body, otherwise, err := c.blocks(r.List, r.ElseList, mark)
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value) error {
		v, err := pipe(st, dot, vars, reflect.Value{}, false)
		if err != nil {
			return err
		}
		for v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Invalid:
		case reflect.Slice, reflect.Array:
		default:
			return ErrUnsupported
		}
		if !v.IsValid() || v.Len() == 0 {
			return otherwise(st, dot, vars)
		}
		for i := range v.Len() {
			elem := v.Index(i)
			switch len(slots) {
			case 1:
				vars[slots[0]] = elem
			case 2:
				vars[slots[0]] = reflect.ValueOf(i)
				vars[slots[1]] = elem
			}
			if err := body(st, elem, vars); err != nil {
				return err
			}
			// Long outputs are lists: each element is a place to write out what is made.
			if st.spill != nil && st.w.Len() >= spillSize {
				st.spill()
			}
		}
		return nil
	}, nil
}

func (c *compiler) call(t *parse.TemplateNode) (action, error) {
	var pipe value
	if t.Pipe != nil {
		var err error
		if pipe, err = c.pipe(t.Pipe); err != nil {
			return nil, err
		}
	}
	p, err := c.template(t.Name)
	if err != nil {
		return nil, err
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value) error {
		var data reflect.Value
		if pipe != nil {
			var err error
			if data, err = pipe(st, dot, vars, reflect.Value{}, false); err != nil {
				return err
			}
		}
		return p.run(st, data)
	}, nil
}

func (c *compiler) declare(name string) int {
	c.scope = append(c.scope, name)
	slot := len(c.scope) - 1
	c.visible = append(c.visible, slot)
	return slot
}

func (c *compiler) lookup(name string) (int, bool) {
	for i := len(c.visible) - 1; i >= 0; i-- {
		if c.scope[c.visible[i]] == name {
			return c.visible[i], true
		}
	}
	return 0, false
}
