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
	"html/template"
	"io"
	"reflect"
	"sync/atomic"

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
