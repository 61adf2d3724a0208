// Package logbuf buffers log output, so that a server logging every request does
// not make a system call for every line.
package logbuf

import (
	"io"
	"sync"
	"time"
)

// Writer collects what is written to it and passes it on to the underlying writer
// when its buffer would overflow and otherwise at least every interval, so that
// no line waits longer than that. Each Write is passed on whole, never split, so
// lines written by one Write each (as log/slog does) stay lines. It is safe for
// concurrent use; Close passes on what is left.
type Writer struct {
	mu   sync.Mutex
	out  io.Writer
	buf  []byte
	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// New returns a Writer to out with a buffer of size bytes, flushed every interval.
func New(out io.Writer, size int, interval time.Duration) *Writer {
	w := &Writer{out: out, buf: make([]byte, 0, size), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				_ = w.Flush()
			case <-w.stop:
				return
			}
		}
	}()
	return w
}

// Write buffers p, passing on what was buffered before when p does not fit.
// A p larger than the whole buffer is passed on at once.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf)+len(p) > cap(w.buf) {
		if err := w.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) > cap(w.buf) {
			return w.out.Write(p)
		}
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// Flush passes on everything buffered.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.flushLocked()
}

func (w *Writer) flushLocked() error {
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.out.Write(w.buf)
	w.buf = w.buf[:0]
	return err
}

// Close stops the periodic flushing and passes on what is left. Writes after
// Close are still passed on, when the buffer fills or at the next Flush. Closing
// again only flushes.
func (w *Writer) Close() error {
	w.once.Do(func() { close(w.stop) })
	<-w.done
	return w.Flush()
}
