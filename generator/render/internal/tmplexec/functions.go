package tmplexec

import (
	"fmt"
	"reflect"
	"text/template/parse"
)

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
