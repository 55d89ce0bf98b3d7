// Package tmplexec executes html/template templates without text/template's interpreter:
// each escaped template is compiled once into Go closures that look fields up by index and
// call the escapers directly. Output is byte-identical to html/template's; what the
// compiler or a value at run time does not support is reported as ErrUnsupported, so that
// the caller runs html/template instead.
//
// Profiles of a 10,000-item build put text/template's execution at about 40% of the CPU,
// most of it in reflective calls of the escapers html/template adds to every action and
// in looking fields and methods up by name.
package tmplexec

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"slices"
	"strconv"
	"sync/atomic"
	"text/template/parse"

	"github.com/backlogtool/backlog/generator/internal/shortcuts"
)

// ErrUnsupported reports a template or a value this package does not handle: the caller
// executes the template with html/template instead, which gives the real output or error.
var ErrUnsupported = errors.New("tmplexec: unsupported")

// Set executes the templates of one html/template set.
type Set struct {
	set       *template.Template
	funcs     template.FuncMap
	programs  map[string]*program // by template name, for those that compiled
	fallbacks atomic.Int64        // compiled executions that html/template had to redo
}

// New compiles the templates names of set, whose functions are funcs (as given to
// set.Funcs). A template html/template cannot escape, or that uses what the compiler
// does not support, is left to html/template, and so is every template when shortcuts
// are off.
func New(set *template.Template, funcs template.FuncMap, names ...string) *Set {
	s := &Set{set: set, funcs: funcs, programs: map[string]*program{}}
	if !shortcuts.On() {
		return s // html/template runs every template
	}
	for _, name := range names {
		// html/template escapes a template, and those it calls, when it first executes it;
		// the escaped trees are what is compiled. Without data the execution is short.
		err := set.ExecuteTemplate(io.Discard, name, nil)
		if _, ok := errors.AsType[*template.Error](err); ok {
			continue
		}
		c := &compiler{set: s, programs: map[string]*program{}}
		if p, err := c.template(name); err == nil {
			s.programs[name] = p
		}
	}
	return s
}

// ExecuteTemplate appends the template name applied to data to w, exactly as
// html/template's ExecuteTemplate would write it, and returns its error if any.
func (s *Set) ExecuteTemplate(w *bytes.Buffer, name string, data any) error {
	if p := s.programs[name]; p != nil {
		start := w.Len()
		err := p.run(&state{w: w}, reflect.ValueOf(data))
		if err == nil {
			return nil
		}
		// html/template gives the real output, or the real error.
		w.Truncate(start)
		s.fallbacks.Add(1)
	}
	return s.set.ExecuteTemplate(w, name, data)
}

// A File takes a long output in pieces. Restart empties it, for an execution that
// starts over.
type File interface {
	io.Writer
	Restart() error
}

// spillSize is how much output Stream holds before it writes it to its file.
const spillSize = 64 << 10

// Stream writes the template name applied to data to f, like ExecuteTemplate, but in
// pieces of about spillSize bytes: an output of megabytes is never held whole. When
// the compiled template falls back once pieces went out, f is restarted and
// html/template writes the whole output to it.
func (s *Set) Stream(f File, buf *bytes.Buffer, name string, data any) error {
	var spilled bool
	var spillErr error
	if p := s.programs[name]; p != nil {
		st := &state{w: buf, spill: func() {
			if spillErr == nil {
				_, spillErr = f.Write(buf.Bytes())
			}
			buf.Reset()
			spilled = true
		}}
		err := p.run(st, reflect.ValueOf(data))
		if err == nil && spillErr == nil {
			_, err = f.Write(buf.Bytes())
			return err
		}
		if spillErr != nil {
			return spillErr
		}
		s.fallbacks.Add(1)
		buf.Reset()
		if spilled {
			if err := f.Restart(); err != nil {
				return err
			}
		}
	}
	w := bufio.NewWriterSize(f, spillSize)
	if err := s.set.ExecuteTemplate(w, name, data); err != nil {
		return err
	}
	return w.Flush()
}

// Stats reports how many templates are compiled, and how many executions of a compiled
// template fell back to html/template, for tests and benchmarks to check the fast path.
func (s *Set) Stats() (compiled int, fallbacks int64) {
	return len(s.programs), s.fallbacks.Load()
}

// A program is one compiled template.
type program struct {
	body  action
	slots int // variables, $ first
}

func (p *program) run(st *state, dot reflect.Value) error {
	if st.depth++; st.depth > maxDepth {
		return ErrUnsupported
	}
	// The variables of each template call are a frame on the execution's own stack.
	base := len(st.vars)
	st.vars = append(st.vars, make([]reflect.Value, p.slots)...)
	vars := st.vars[base:len(st.vars):len(st.vars)]
	vars[0] = dot
	err := p.body(st, dot, vars)
	clear(vars)
	st.vars = st.vars[:base]
	st.depth--
	return err
}

// maxDepth bounds template recursion well below text/template's own limit, which then
// reports the error.
const maxDepth = 10000

type state struct {
	w     *bytes.Buffer
	spill func() // for Stream: writes w out and empties it
	depth int
	vars  []reflect.Value // the frames of the template calls running
	args  []reflect.Value // the arguments of the function calls running
}

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

func constant(v reflect.Value) operand {
	return func(*state, reflect.Value, []reflect.Value) (reflect.Value, error) { return v, nil }
}

// fieldChain evaluates .A.B.C on the value of base.
func fieldChain(base operand, names []string) operand {
	for _, name := range names {
		base = field(base, name)
	}
	return base
}

// field evaluates one field or method, as text/template does: a method of the value
// (or of its address) first, then a struct field, then a map key. The last lookup is
// kept for the next value of the same type: a template sees the same types again.
func field(receiver operand, name string) operand {
	type lookup struct {
		typ     reflect.Type
		canAddr bool
		method  int // index of the method in the (pointer) type's method set, or -1
		index   []int
		isMap   bool
	}
	var last atomic.Pointer[lookup]
	resolve := func(v reflect.Value) (*lookup, bool) {
		l := last.Load()
		if l != nil && l.typ == v.Type() && l.canAddr == v.CanAddr() {
			return l, true
		}
		l = &lookup{typ: v.Type(), canAddr: v.CanAddr(), method: -1}
		ptr := v.Type()
		if v.Kind() != reflect.Pointer && v.CanAddr() {
			ptr = reflect.PointerTo(ptr)
		}
		if m, ok := ptr.MethodByName(name); ok {
			l.method = m.Index
		} else {
			switch v.Kind() {
			case reflect.Struct:
				f, ok := v.Type().FieldByName(name)
				if !ok || !f.IsExported() {
					return nil, false
				}
				l.index = f.Index
			case reflect.Map:
				if v.Type().Key().Kind() != reflect.String {
					return nil, false
				}
				l.isMap = true
			default:
				return nil, false
			}
		}
		last.Store(l)
		return l, true
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value) (reflect.Value, error) {
		v, err := receiver(st, dot, vars)
		if err != nil {
			return v, err
		}
		// Through pointers and interfaces to the value; a nil one is text/template's error.
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return v, ErrUnsupported
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return v, ErrUnsupported
		}
		l, ok := resolve(v)
		if !ok {
			return v, ErrUnsupported
		}
		switch {
		case l.method >= 0:
			if v.Kind() != reflect.Pointer && v.CanAddr() {
				v = v.Addr()
			}
			m := v.Method(l.method)
			if m.Type().NumIn() != 0 {
				return v, ErrUnsupported
			}
			return result(m.Call(nil))
		case l.isMap:
			r := v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
			if !r.IsValid() {
				return r, ErrUnsupported
			}
			return r, nil
		default:
			return v.FieldByIndexErr(l.index)
		}
	}
}

// result is the value of a call that returns a value, and perhaps an error.
func result(out []reflect.Value) (reflect.Value, error) {
	switch len(out) {
	case 1:
		return out[0], nil
	case 2:
		if !out[1].IsNil() {
			return out[0], ErrUnsupported
		}
		return out[0], nil
	}
	return reflect.Value{}, ErrUnsupported
}

// isTrue is text/template's truth: not the zero value of the type.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// function compiles a call of a builtin, an escaper or a function of the set.
func (c *compiler) function(name string, argNodes []parse.Node) (value, error) {
	args := make([]operand, len(argNodes))
	for i, n := range argNodes {
		a, err := c.arg(n)
		if err != nil {
			return nil, err
		}
		args[i] = a
	}
	// callWith evaluates the arguments, then the previous value of the pipeline, onto the
	// execution's argument stack, and calls f with them.
	callWith := func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool, f func([]reflect.Value) (reflect.Value, error)) (reflect.Value, error) {
		base := len(st.args)
		defer func() {
			clear(st.args[base:])
			st.args = st.args[:base]
		}()
		for _, a := range args {
			v, err := a(st, dot, vars)
			if err != nil {
				return reflect.Value{}, err
			}
			st.args = append(st.args, v)
		}
		if hasFinal {
			st.args = append(st.args, final)
		}
		return f(st.args[base:len(st.args):len(st.args)])
	}
	if esc, ok := escapers[name]; ok {
		// html/template appends escapers to pipelines: they take the previous value.
		if len(args) > 0 {
			return nil, cannot("arguments to " + name)
		}
		return func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool) (reflect.Value, error) {
			if !hasFinal {
				return reflect.Value{}, ErrUnsupported
			}
			s, ok := esc.value(final)
			if !ok {
				return reflect.Value{}, ErrUnsupported
			}
			return reflect.ValueOf(s), nil
		}, nil
	}
	switch name {
	case "and", "or":
		// Short-circuit: the first false (and) or true (or) argument, else the last.
		wantTrue := name == "or"
		return func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool) (reflect.Value, error) {
			var v reflect.Value
			n := len(args)
			if hasFinal {
				n++
			}
			for i := range n {
				if i < len(args) {
					var err error
					if v, err = args[i](st, dot, vars); err != nil {
						return v, err
					}
				} else {
					v = final
				}
				truth, ok := isTrue(v)
				if !ok {
					return v, ErrUnsupported
				}
				if truth == wantTrue {
					return v, nil
				}
			}
			return v, nil
		}, nil
	case "not", "len", "eq", "ne", "lt", "le", "gt", "ge", "print", "printf", "println":
		builtin := builtins[name]
		return func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool) (reflect.Value, error) {
			return callWith(st, dot, vars, final, hasFinal, builtin)
		}, nil
	}
	fn, ok := c.set.funcs[name]
	if !ok {
		return nil, cannot("function " + name)
	}
	call := caller(reflect.ValueOf(fn))
	if call == nil {
		return nil, cannot("function " + name)
	}
	return func(st *state, dot reflect.Value, vars []reflect.Value, final reflect.Value, hasFinal bool) (reflect.Value, error) {
		return callWith(st, dot, vars, final, hasFinal, call)
	}, nil
}

// caller calls a function of the set with arguments of exactly its parameter types.
// The signatures theme functions usually have are called without reflect.Call.
func caller(fn reflect.Value) func([]reflect.Value) (reflect.Value, error) {
	switch f := fn.Interface().(type) {
	case func(string) string:
		return unary(f)
	case func(int) int:
		return unary(f)
	case func(float64) string:
		return unary(f)
	case func(*float64) string:
		return unary(f)
	case func([]string) string:
		return unary(f)
	}
	t := fn.Type()
	if t.Kind() != reflect.Func || t.NumOut() == 0 || t.NumOut() > 2 {
		return nil
	}
	return func(vals []reflect.Value) (reflect.Value, error) {
		if t.IsVariadic() {
			if len(vals) < t.NumIn()-1 {
				return reflect.Value{}, ErrUnsupported
			}
		} else if len(vals) != t.NumIn() {
			return reflect.Value{}, ErrUnsupported
		}
		for i, v := range vals {
			want := t.In(min(i, t.NumIn()-1))
			if t.IsVariadic() && i >= t.NumIn()-1 {
				want = want.Elem()
			}
			if !v.IsValid() {
				return reflect.Value{}, ErrUnsupported
			}
			if !v.Type().AssignableTo(want) {
				if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(want) {
					vals[i] = v.Elem()
					continue
				}
				return reflect.Value{}, ErrUnsupported
			}
		}
		return result(fn.Call(vals))
	}
}

// unary calls a function of one argument of the type P, given exactly that type.
func unary[P, R any](f func(P) R) func([]reflect.Value) (reflect.Value, error) {
	want := reflect.TypeFor[P]()
	return func(vals []reflect.Value) (reflect.Value, error) {
		if len(vals) != 1 || !vals[0].IsValid() || vals[0].Type() != want {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(f(vals[0].Interface().(P))), nil
	}
}

var builtins = map[string]func([]reflect.Value) (reflect.Value, error){
	"not": func(vals []reflect.Value) (reflect.Value, error) {
		if len(vals) != 1 {
			return reflect.Value{}, ErrUnsupported
		}
		truth, ok := isTrue(vals[0])
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(!truth), nil
	},
	"len": func(vals []reflect.Value) (reflect.Value, error) {
		if len(vals) != 1 {
			return reflect.Value{}, ErrUnsupported
		}
		v := vals[0]
		for v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(v.Len()), nil
		}
		return reflect.Value{}, ErrUnsupported
	},
	"eq": func(vals []reflect.Value) (reflect.Value, error) {
		if len(vals) < 2 {
			return reflect.Value{}, ErrUnsupported
		}
		for _, v := range vals[1:] {
			c, ok := compare(vals[0], v)
			if !ok {
				return reflect.Value{}, ErrUnsupported
			}
			if c == 0 {
				return reflect.ValueOf(true), nil
			}
		}
		return reflect.ValueOf(false), nil
	},
	"ne": comparison(func(c int) bool { return c != 0 }),
	"lt": comparison(func(c int) bool { return c < 0 }),
	"le": comparison(func(c int) bool { return c <= 0 }),
	"gt": comparison(func(c int) bool { return c > 0 }),
	"ge": comparison(func(c int) bool { return c >= 0 }),
	"print": func(vals []reflect.Value) (reflect.Value, error) {
		args, ok := interfaces(vals)
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(fmt.Sprint(args...)), nil
	},
	"println": func(vals []reflect.Value) (reflect.Value, error) {
		args, ok := interfaces(vals)
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(fmt.Sprintln(args...)), nil
	},
	"printf": func(vals []reflect.Value) (reflect.Value, error) {
		args, ok := interfaces(vals)
		if !ok || len(args) == 0 {
			return reflect.Value{}, ErrUnsupported
		}
		format, ok := args[0].(string)
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(fmt.Sprintf(format, args[1:]...)), nil
	},
}

func comparison(holds func(int) bool) func([]reflect.Value) (reflect.Value, error) {
	return func(vals []reflect.Value) (reflect.Value, error) {
		if len(vals) != 2 {
			return reflect.Value{}, ErrUnsupported
		}
		c, ok := compare(vals[0], vals[1])
		if !ok {
			return reflect.Value{}, ErrUnsupported
		}
		return reflect.ValueOf(holds(c)), nil
	}
}

// compare orders two values of the same basic kind: strings, signed integers or bools
// (equal or not). Anything else is left to text/template, with its rules and errors.
func compare(a, b reflect.Value) (int, bool) {
	for a.Kind() == reflect.Interface && !a.IsNil() {
		a = a.Elem()
	}
	for b.Kind() == reflect.Interface && !b.IsNil() {
		b = b.Elem()
	}
	switch {
	case a.Kind() == reflect.String && b.Kind() == reflect.String:
		x, y := a.String(), b.String()
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case isInt(a) && isInt(b):
		x, y := a.Int(), b.Int()
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
		if a.Bool() == b.Bool() {
			return 0, true
		}
		return 1, true
	}
	return 0, false
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// interfaces gives the values as print's arguments, for the kinds fmt prints the same
// whatever their type.
func interfaces(vals []reflect.Value) ([]any, bool) {
	out := make([]any, len(vals))
	for i, v := range vals {
		if !v.IsValid() || !v.CanInterface() {
			return nil, false
		}
		out[i] = v.Interface()
	}
	return out, true
}

// plain is the text of a value as html/template's escapers see it, for the values whose
// text is plain: strings and integers, also of named types without methods (fmt could
// call), and typed HTML, reported as such; not html/template's other content types.
func plain(v reflect.Value) (s string, html, ok bool) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() == reflect.Interface {
		return "", false, false
	}
	t := v.Type()
	switch {
	case t == htmlType:
		return v.String(), true, true
	case t.PkgPath() == "html/template" || t.NumMethod() > 0:
		return "", false, false
	case t.Kind() == reflect.String:
		return v.String(), false, true
	case isInt(v):
		return strconv.FormatInt(v.Int(), 10), false, true
	}
	return "", false, false
}

var htmlType = reflect.TypeFor[template.HTML]()
