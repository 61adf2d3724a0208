package server

import (
	"cmp"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Under pressure (from 3/4 of the limit), a connection idle between requests for
// pressureIdle, or silent since it opened for silentGrace, is closed to make room
// (IdleTimeout and ReadHeaderTimeout would close them anyway, later).
const (
	pressureIdle = time.Second
	silentGrace  = time.Second
)

// LimitConnections returns a listener that keeps at most limit connections of hs
// open, and sets hs.ConnState (calling any ConnState already set) to follow them.
// Under pressure, from 3/4 of the limit on, a connection is closed when it goes
// idle after its first request, the idle timeout of the others drops to
// pressureIdle, and connections that have sent nothing for silentGrace are
// closed. At the limit, the
// connections idle the longest are closed to make room (at least 1/4 of them,
// so that a client in the middle of its requests keeps its connection while an
// attacker's idle ones go), and new connections wait in the kernel's accept queue
// meanwhile. So an attacker holding thousands of idle connections cannot lock a
// client out, and the process never runs out of file descriptors (see
// DefaultMaxConns).
func LimitConnections(ln net.Listener, hs *http.Server, limit int) net.Listener {
	l := &limitListener{Listener: ln, slots: make(chan struct{}, limit), high: limit - limit/4,
		batch: max(1, limit/4), conns: map[*limitedConn]struct{}{}, done: make(chan struct{})}
	prev := hs.ConnState
	hs.ConnState = func(c net.Conn, st http.ConnState) {
		if lc, ok := c.(*limitedConn); ok {
			switch st {
			case http.StateActive:
				lc.requests.Add(1)
			case http.StateIdle:
				lc.idleSince.Store(monotonic())
			}
			lc.state.Store(int32(st))
			if st == http.StateIdle && lc.requests.Load() == 1 && l.pressed() {
				_ = lc.Close() // one request so far: the cheapest to close, and the commonest attack
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
	batch     int           // connections closed at least when the listener is full
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

// reclaim closes the connections idle for pressureIdle or silent for silentGrace;
// when the listener is full (force), at least l.batch of them, those idle the
// longest first. Unless forced, it looks at most every 50 ms: looking costs a
// pass over every connection.
func (l *limitListener) reclaim(force bool) {
	now := time.Now()
	mono := int64(now.Sub(clockBase)) // as monotonic() reads it
	var victims, idle []*limitedConn
	l.mu.Lock()
	if force || now.Sub(l.lastScan) >= 50*time.Millisecond {
		l.lastScan = now
		for c := range l.conns {
			switch http.ConnState(c.state.Load()) {
			case http.StateIdle:
				if mono-c.idleSince.Load() >= int64(pressureIdle) {
					victims = append(victims, c)
				} else if force {
					idle = append(idle, c)
				}
			case http.StateNew:
				if now.Sub(c.opened) >= silentGrace {
					victims = append(victims, c)
				}
			}
		}
	}
	l.mu.Unlock()
	if n := l.batch - len(victims); n > 0 && len(idle) > 0 {
		slices.SortFunc(idle, func(a, b *limitedConn) int { return cmp.Compare(a.idleSince.Load(), b.idleSince.Load()) })
		victims = append(victims, idle[:min(n, len(idle))]...)
	}
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
	idleSince atomic.Int64 // when it last went idle, a monotonic() reading
	requests  atomic.Int32 // requests started on it
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

// clockBase is the start of monotonic's clock.
var clockBase = time.Now()

// monotonic is the time on the monotonic clock, in nanoseconds since clockBase:
// one clock reading, where time.Now takes two (the wall clock's and the
// monotonic), for the ConnState hook, which runs twice for every request.
func monotonic() int64 { return int64(time.Since(clockBase)) }

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
