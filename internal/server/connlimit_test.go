package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// limitedServer serves the fixture on loopback through LimitConnections.
func limitedServer(t *testing.T, max int) (addr string, l *limitListener) {
	t.Helper()
	hs := &http.Server{Handler: New(fixtureSnapshot(t), Options{}).Handler(),
		ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = LimitConnections(ln, hs, max).(*limitListener)
	go func() { _ = hs.Serve(l) }()
	t.Cleanup(func() { _ = hs.Close() })
	return ln.Addr().String(), l
}

// normalClient makes n requests, each on a new connection, and returns their
// latencies; every one must be a 200.
func normalClient(t *testing.T, addr string, n int) []time.Duration {
	t.Helper()
	client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var lat []time.Duration
	for range n {
		start := time.Now()
		resp, err := client.Get("http://" + addr + "/glossary")
		if err != nil {
			t.Fatalf("normal client: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("normal client: %d", resp.StatusCode)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	return lat
}

// TestConnectionFlood: 2,000 attackers each open a connection, make a request and
// keep the connection, idle, against a limit of 64. The server never holds more
// than 64, and a normal client, arriving in the middle of the flood, is served.
func TestConnectionFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("opens thousands of connections")
	}
	const max, attackers = 64, 2000
	addr, l := limitedServer(t, max)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var held []net.Conn
	served := 0
	for range attackers {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
			_ = c.SetDeadline(time.Now().Add(60 * time.Second))
			if _, err := io.WriteString(c, "GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
				return
			}
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				io.Copy(io.Discard, resp.Body)
				mu.Lock()
				served++
				mu.Unlock()
			}
		})
	}
	// Once the server is full, the client's requests compete with the flood.
	for l.peak.Load() < max {
		time.Sleep(time.Millisecond)
	}
	lat := normalClient(t, addr, 50)
	wg.Wait()
	for _, c := range held {
		c.Close()
	}
	if p := l.peak.Load(); p > max {
		t.Errorf("%d connections open at once, limit %d", p, max)
	}
	t.Logf("attackers: %d connected, %d served; normal client p50 %v, p99 %v", len(held), served, lat[len(lat)/2], lat[len(lat)*99/100])
	if p99 := lat[len(lat)*99/100]; p99 > 5*time.Second {
		t.Errorf("normal client p99 %v during the flood", p99)
	}
}

// TestSilentConnections: connections that send nothing fill the server; under
// pressure those silent for silentGrace are closed, long before the 30 s
// ReadHeaderTimeout, so a normal client gets in.
func TestSilentConnections(t *testing.T) {
	const max = 32
	addr, l := limitedServer(t, max)
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range 2*max - 1 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for l.peak.Load() < max {
		time.Sleep(time.Millisecond)
	}
	lat := normalClient(t, addr, 5)
	if worst := lat[len(lat)-1]; worst > 10*time.Second {
		t.Errorf("normal client waited %v behind silent connections", worst)
	}
	if p := l.peak.Load(); p > max {
		t.Errorf("%d connections open at once, limit %d", p, max)
	}
}

// TestKeepAliveWithoutPressure: below 3/4 of the limit, idle connections stay open.
func TestKeepAliveWithoutPressure(t *testing.T) {
	addr, l := limitedServer(t, 100)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 10}}
	defer client.CloseIdleConnections()
	for range 20 {
		resp, err := client.Get("http://" + addr + "/robots.txt")
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if p := l.peak.Load(); p != 1 {
		t.Errorf("20 sequential requests used %d connections, want 1 kept alive", p)
	}
}
