package tmplexec

import (
	"html/template"
	"reflect"
	"strconv"
	"sync/atomic"
)

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

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
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
