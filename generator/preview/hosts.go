package preview

import (
	"net"
	"os"
	"strings"
	"time"
)

// timeouts bound what one client can hold of the server. Variables, so tests can
// shorten them.
var timeouts = struct{ readHeader, read, write, idle time.Duration }{
	readHeader: 5 * time.Second,
	read:       30 * time.Second,
	write:      30 * time.Second,
	idle:       60 * time.Second,
}

// hostCheck decides which Host headers the preview answers: the names of the address
// it listens on, with its port. A zero hostCheck answers none.
type hostCheck struct {
	port  string
	names map[string]bool // lowercase host names and IP literals, without brackets
	anyIP bool            // any IP literal: the preview listens on every interface
}

// hostsFor lists the names under which a browser reaches addr. On loopback these are
// localhost, 127.0.0.1 and [::1]; on another address, that address, this machine's name,
// and any IP literal (a literal address cannot be rebound by DNS).
func hostsFor(addr net.Addr) hostCheck {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return hostCheck{}
	}
	h := hostCheck{port: port, names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return h
	}
	h.names[strings.ToLower(host)] = true
	if ip == nil || ip.IsUnspecified() {
		h.anyIP = true
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		h.names[strings.ToLower(name)] = true
	}
	return h
}

// allows reports whether a request's Host names this preview.
func (h hostCheck) allows(hostport string) bool {
	if h.port == "" || hostport == "" {
		return false
	}
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		// No port: the default one, 80.
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), "80"
	}
	if port != h.port {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if h.names[host] {
		return true
	}
	return h.anyIP && net.ParseIP(host) != nil
}
