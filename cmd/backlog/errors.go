package main

import (
	"errors"
	"fmt"
)

// errUsage marks wrong usage: an unknown flag, a missing or extra argument.
var errUsage = errors.New("wrong usage")

// failure is a command's error: the message run prints (empty when it was printed
// already, as the flag package does) and the kind exitCode maps to a status.
type failure struct {
	msg  string
	kind error
}

func (f *failure) Error() string { return f.msg }
func (f *failure) Unwrap() error { return f.kind }

// usagef reports wrong usage with a message.
func usagef(format string, args ...any) error {
	return &failure{fmt.Sprintf(format, args...), errUsage}
}

// printed wraps an error whose message has been printed already.
func printed(kind error) error { return &failure{"", kind} }

// failed reports an error of the given kind with a message of its own.
func failed(kind error, format string, args ...any) error {
	return &failure{fmt.Sprintf(format, args...), kind}
}
