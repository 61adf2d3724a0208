package server

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// silentGrace is how long a connection may stay open without sending a byte
// before, under pressure, it may be closed to make room (ReadHeaderTimeout closes
// it anyway, later).
const silentGrace = time.Second

// LimitConnections returns a listener that keeps at most max connections of hs
// open, and sets hs.ConnState (calling any ConnState already set) to follow them.
// At max, Accept waits for a connection to close, and new connections wait in
// the kernel's accept queue. Under pressure (from 3/4 of max), connections are not
// kept alive: those idle between requests are closed, and each is closed as soon
// as it goes idle, as are connections that have sent nothing for silentGrace. So
// an attacker holding thousands of idle connections cannot lock a client out, and
// the process never runs out of file descriptors (see DefaultMaxConns).
func LimitConnections(ln net.Listener, hs *http.Server, max int) net.Listener {
	l := &limitListener{Listener: ln, slots: make(chan struct{}, max), high: max - max/4,
		conns: map[*limitedConn]struct{}{}, done: make(chan struct{})}
	prev := hs.ConnState
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		if lc, ok := c.(*limitedConn); ok {
			lc.state.Store(int32(st))
			if st == http.StateIdle && l.pressed() {
				_ = lc.Close()
			}
		}
		if prev != nil {
			prev(c, st)
		}
	}
	return l
}

// limitListener is the listener of LimitConnections.
type limitListener struct {
	net.Listener
	slots     chan struct{} // one for each open connection
	high      int           // from this many open connections on, the server is under pressure
	mu        sync.Mutex
	conns     map[*limitedConn]struct{}
	lastScan  time.Time
	peak      atomic.Int32 // the most connections open at once, for tests
	done      chan struct{}
	closeOnce sync.Once
}

// pressed reports whether the listener is under pressure.
func (l *limitListener) pressed() bool { return len(l.slots) >= l.high }

// Accept waits for a free slot, making room under pressure, then for a connection.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		select {
		case l.slots <- struct{}{}:
		default:
			l.reclaim(true)
			t := time.NewTimer(100 * time.Millisecond)
			select {
			case l.slots <- struct{}{}:
				t.Stop()
			case <-t.C:
				continue // connections that were too young to close may be old enough now
			case <-l.done:
				t.Stop()
				return nil, net.ErrClosed
			}
		}
		break
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	lc := &limitedConn{Conn: c, l: l, opened: time.Now()}
	l.mu.Lock()
	l.conns[lc] = struct{}{}
	if n := int32(len(l.conns)); n > l.peak.Load() {
		l.peak.Store(n)
	}
	l.mu.Unlock()
	if l.pressed() {
		l.reclaim(false)
	}
	return lc, nil
}

// Close stops Accept, including one waiting for a slot.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// reclaim closes the connections that are idle, or have been silent for
// silentGrace. Unless the listener is full (force), it looks at most every 50 ms:
// looking costs a pass over every connection.
func (l *limitListener) reclaim(force bool) {
	now := time.Now()
	var victims []*limitedConn
	l.mu.Lock()
	if force || now.Sub(l.lastScan) >= 50*time.Millisecond {
		l.lastScan = now
		for c := range l.conns {
			switch http.ConnState(c.state.Load()) {
			case http.StateIdle:
				victims = append(victims, c)
			case http.StateNew:
				if now.Sub(c.opened) >= silentGrace {
					victims = append(victims, c)
				}
			}
		}
	}
	l.mu.Unlock()
	for _, c := range victims {
		_ = c.Close()
	}
}

// limitedConn is a connection that gives its slot back when closed.
type limitedConn struct {
	net.Conn
	l         *limitListener
	opened    time.Time
	state     atomic.Int32 // an http.ConnState
	closeOnce sync.Once
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c)
		c.l.mu.Unlock()
		<-c.l.slots
	})
	return err
}

// maxConnsCeiling bounds DefaultMaxConns: an idle connection holds about 20 KB
// (a goroutine and its buffers), so 10,000 of them hold about 200 MB.
const maxConnsCeiling = 10_000

// DefaultMaxConns is the connection limit for LimitConnections: the file
// descriptor limit less a tenth (at least 64) for everything else the process
// opens, and at most maxConnsCeiling.
func DefaultMaxConns() int {
	n := fdLimit()
	if n <= 0 {
		return maxConnsCeiling
	}
	return max(1, min(n-max(n/10, 64), maxConnsCeiling))
}
