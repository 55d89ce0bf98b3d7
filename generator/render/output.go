package render

import (
	"bytes"
	"io"
	"sync"
)

// Output receives the files of the site. WriteFile may be called from several goroutines.
type Output interface {
	// WriteFile writes a new file at a slash-separated path relative to the site root.
	// It must not keep data, whose memory is reused once it returns.
	WriteFile(path string, data []byte) error
}

// A Streamer is an Output that also takes files in pieces, so that the few files of
// megabytes (the backlog, roadmap and board pages, backlog.json, the search index) are
// never held whole.
type Streamer interface {
	Output
	// Create starts a new file, like WriteFile, to be written in pieces and closed.
	Create(path string) (File, error)
}

// A File is a file being written in pieces. Restart empties it, for a file that is
// written again from the start.
type File interface {
	io.Writer
	Restart() error
	Close() error
}

// buffers hold files while they are made: each is written to the output at once.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeFile lets fill make a file, then writes it to out.
func writeFile(out Output, path string, fill func(buf *bytes.Buffer) error) error {
	buf := getBuffer()
	defer putBuffer(buf)
	if err := fill(buf); err != nil {
		return err
	}
	return out.WriteFile(path, buf.Bytes())
}

func getBuffer() *bytes.Buffer {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}

func putBuffer(buf *bytes.Buffer) {
	// Pages are tens of kilobytes; a large file made whole is not kept.
	if buf.Cap() <= 1<<20 {
		buffers.Put(buf)
	}
}

// streamFile lets fill write a large file to out in pieces, through buf, when out is a
// Streamer; otherwise fill writes it whole into a buffer that writeFile then writes.
func streamFile(out Output, path string, fill func(f File, buf *bytes.Buffer) error) error {
	buf := getBuffer()
	defer putBuffer(buf)
	s, ok := out.(Streamer)
	if !ok {
		return writeFile(out, path, func(whole *bytes.Buffer) error { return fill(bufferFile{whole}, buf) })
	}
	f, err := s.Create(path)
	if err != nil {
		return err
	}
	err = fill(f, buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// pieceSize is how much of a large file is made before it is written out.
const pieceSize = 64 << 10

// spill writes what buf holds to f, once it is a piece's worth.
func spill(f File, buf *bytes.Buffer) error {
	if buf.Len() < pieceSize {
		return nil
	}
	_, err := f.Write(buf.Bytes())
	buf.Reset()
	return err
}

// bufferFile is a File held whole in memory.
type bufferFile struct{ *bytes.Buffer }

func (b bufferFile) Restart() error { b.Reset(); return nil }
func (bufferFile) Close() error     { return nil }
