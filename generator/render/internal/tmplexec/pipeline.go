package tmplexec

import (
	"reflect"
	"text/template/parse"
)

// pipe compiles a pipeline: each command's value is the last argument of the next.
func (c *compiler) pipe(p *parse.PipeNode) (value, error) {
	if p == nil || len(p.Cmds) == 0 {
		return nil, cannot("empty pipeline")
	}
	cmds := make([]value, len(p.Cmds))
	for i, cmd := range p.Cmds {
		v, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		cmds[i] = v
	}
	var slots []int
	for _, d := range p.Decl {
		if len(d.Ident) != 1 {
			return nil, cannot(d)
		}
		if p.IsAssign {
			slot, ok := c.lookup(d.Ident[0])
			if !ok {
				return nil, cannot(d)
			}
			slots = append(slots, slot)
		} else {
			slots = append(slots, c.declare(d.Ident[0]))
		}
	}
	if len(slots) > 1 {
		return nil, cannot(p)
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value, _ reflect.Value, _ bool) (reflect.Value, error) {
		var v reflect.Value
		for i, cmd := range cmds {
			var err error
			if v, err = cmd(st, dot, vars, v, i > 0); err != nil {
				return v, err
			}
		}
		for _, slot := range slots {
			vars[slot] = v
		}
		return v, nil
	}, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (value, error) {
	if len(cmd.Args) == 0 {
		return nil, cannot(cmd)
	}
	switch first := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		return c.function(first.Ident, cmd.Args[1:])
	case *parse.FieldNode:
		if len(cmd.Args) > 1 {
			return nil, cannot(cmd)
		}
		return noFinal(fieldChain(func(_ *state, dot reflect.Value, _ []reflect.Value) (reflect.Value, error) { return dot, nil }, first.Ident)), nil
	case *parse.VariableNode:
		if len(cmd.Args) > 1 {
			return nil, cannot(cmd)
		}
		return c.variable(first)
	}
	if len(cmd.Args) > 1 {
		return nil, cannot(cmd)
	}
	arg, err := c.arg(cmd.Args[0])
	if err != nil {
		return nil, err
	}
	return noFinal(arg), nil
}

// operand evaluates an argument of a command.
type operand func(st *state, dot reflect.Value, vars []reflect.Value) (reflect.Value, error)

// noFinal makes an operand a command, which must not receive a previous value.
func noFinal(o operand) value {
	return func(st *state, dot reflect.Value, vars []reflect.Value, _ reflect.Value, hasFinal bool) (reflect.Value, error) {
		if hasFinal {
			return reflect.Value{}, ErrUnsupported
		}
		return o(st, dot, vars)
	}
}

func (c *compiler) variable(n *parse.VariableNode) (value, error) {
	slot, ok := c.lookup(n.Ident[0])
	if !ok {
		return nil, cannot(n)
	}
	base := func(_ *state, _ reflect.Value, vars []reflect.Value) (reflect.Value, error) { return vars[slot], nil }
	return noFinal(fieldChain(base, n.Ident[1:])), nil
}

func (c *compiler) arg(n parse.Node) (operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value, _ []reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.FieldNode:
		return fieldChain(func(_ *state, dot reflect.Value, _ []reflect.Value) (reflect.Value, error) { return dot, nil }, n.Ident), nil
	case *parse.VariableNode:
		slot, ok := c.lookup(n.Ident[0])
		if !ok {
			return nil, cannot(n)
		}
		return fieldChain(func(_ *state, _ reflect.Value, vars []reflect.Value) (reflect.Value, error) { return vars[slot], nil }, n.Ident[1:]), nil
	case *parse.StringNode:
		return constant(reflect.ValueOf(n.Text)), nil
	case *parse.BoolNode:
		return constant(reflect.ValueOf(n.True)), nil
	case *parse.NumberNode:
		if n.IsInt {
			return constant(reflect.ValueOf(int(n.Int64))), nil
		}
		return nil, cannot(n)
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			return nil, cannot(n)
		}
		pipe, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return func(st *state, dot reflect.Value, vars []reflect.Value) (reflect.Value, error) {
			return pipe(st, dot, vars, reflect.Value{}, false)
		}, nil
	}
	return nil, cannot(n)
}
