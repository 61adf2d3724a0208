package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"net"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// loadResult is what one load test measured.
type loadResult struct {
	Requests  int64
	Errors    int64
	Duration  time.Duration
	RPS       float64
	P50, P99  time.Duration
	Max       time.Duration
	BodyBytes int64 // per response, as received
	Tool      string
	// ServerCPU is the CPU time the server used while measured (when
	// loadSpec.CPU is set).
	ServerCPU time.Duration
}

// histogram counts latencies in log-linear buckets: 64 per power of two of
// nanoseconds, so a percentile is within 1.6% of the true value.
type histogram struct{ counts [2048]int64 }

const histSub = 64

func histBucket(ns int64) int {
	v := uint64(max(ns, 0))
	if v < histSub {
		return int(v)
	}
	e := bits.Len64(v) - 7 // v>>e is in [64, 128)
	i := (e+1)*histSub + int(v>>uint(e)) - histSub
	return min(i, 2047)
}

// histLow is the smallest value of bucket i; its width is histLow(i)/64 (or 1).
func histLow(i int) int64 {
	if i < histSub {
		return int64(i)
	}
	e := i/histSub - 1
	return int64(i%histSub+histSub) << uint(e)
}

func (h *histogram) add(d time.Duration) { h.counts[histBucket(int64(d))]++ }

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
}

// quantile returns the middle of the bucket that holds quantile q.
func (h *histogram) quantile(q float64) time.Duration {
	var total int64
	for _, c := range h.counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	rank := int64(q*float64(total-1)) + 1
	var seen int64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			lo := histLow(i)
			width := max(lo/histSub, 1)
			if i < histSub {
				width = 1
			}
			return time.Duration(lo + width/2)
		}
	}
	return 0
}

func (h *histogram) max() time.Duration {
	for i := len(h.counts) - 1; i >= 0; i-- {
		if h.counts[i] > 0 {
			return time.Duration(histLow(i))
		}
	}
	return 0
}

// loadSpec is one load test: conns keep-alive connections to addr asking for path
// with an Accept-Encoding, for warmup and then for duration (measured).
type loadSpec struct {
	Addr, Path, Encoding string
	Conns                int
	Warmup, Duration     time.Duration
	// WantCoding and WantLength check every response.
	WantCoding string
	WantLength int
	// CPU, if set, reads the server's CPU time, at the start and the end of the
	// measured time.
	CPU func() time.Duration
}

// cpuDuring returns the CPU time that spec.CPU counts from from to end, sent
// when end has passed; zero without spec.CPU.
func (spec loadSpec) cpuDuring(from, end time.Time) <-chan time.Duration {
	c := make(chan time.Duration, 1)
	if spec.CPU == nil {
		c <- 0
		return c
	}
	go func() {
		time.Sleep(time.Until(from))
		c0 := spec.CPU()
		time.Sleep(time.Until(end))
		c <- spec.CPU() - c0
	}()
	return c
}

// goLoad runs spec with the load generator built in: one goroutine per connection
// writing a request and reading the response (HTTP/1.1, keep-alive, no
// pipelining), each with its own histogram.
func goLoad(spec loadSpec) (loadResult, error) {
	req := []byte("GET " + spec.Path + " HTTP/1.1\r\nHost: " + spec.Addr + "\r\nUser-Agent: strata-bench\r\nAccept-Encoding: " +
		spec.Encoding + "\r\n\r\n")
	type worker struct {
		hist     histogram
		n, errs  int64
		firstErr error
	}
	workers := make([]*worker, spec.Conns)
	var wg sync.WaitGroup
	start := time.Now()
	measureFrom := start.Add(spec.Warmup)
	end := measureFrom.Add(spec.Duration)
	cpu := spec.cpuDuring(measureFrom, end)
	for i := range workers {
		w := &worker{}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			var conn net.Conn
			var br *bufio.Reader
			closeConn := func() {
				if conn != nil {
					conn.Close()
					conn = nil
				}
			}
			defer closeConn()
			body := make([]byte, 64<<10)
			for {
				now := time.Now()
				if now.After(end) {
					return
				}
				if conn == nil {
					c, err := net.DialTimeout("tcp", spec.Addr, 5*time.Second)
					if err != nil {
						w.errs++
						w.firstErr = cmpErr(w.firstErr, err)
						time.Sleep(10 * time.Millisecond)
						continue
					}
					conn = c
					br = bufio.NewReaderSize(conn, 16<<10)
				}
				t0 := time.Now()
				_ = conn.SetDeadline(t0.Add(10 * time.Second))
				if _, err := conn.Write(req); err != nil {
					w.errs++
					w.firstErr = cmpErr(w.firstErr, err)
					closeConn()
					continue
				}
				status, length, coding, keep, err := readHead(br)
				if err == nil {
					if length < 0 {
						err = errors.New("response without Content-Length")
					} else {
						for rest := length; rest > 0 && err == nil; {
							var n int
							n, err = io.ReadFull(br, body[:min(rest, len(body))])
							rest -= n
						}
					}
				}
				d := time.Since(t0)
				if err == nil && (status != 200 || coding != spec.WantCoding || (spec.WantLength > 0 && length != spec.WantLength)) {
					err = fmt.Errorf("status %d, coding %q, length %d; want 200, %q, %d", status, coding, length, spec.WantCoding, spec.WantLength)
				}
				if err != nil {
					w.errs++
					w.firstErr = cmpErr(w.firstErr, err)
					closeConn()
					continue
				}
				if t0.After(measureFrom) && t0.Before(end) {
					w.n++
					w.hist.add(d)
				}
				if !keep {
					closeConn()
				}
			}
		}()
	}
	wg.Wait()
	var all histogram
	res := loadResult{Duration: spec.Duration, Tool: "strata-bench (Go)", BodyBytes: int64(spec.WantLength), ServerCPU: <-cpu}
	var firstErr error
	for _, w := range workers {
		all.merge(&w.hist)
		res.Requests += w.n
		res.Errors += w.errs
		firstErr = cmpErr(firstErr, w.firstErr)
	}
	res.RPS = float64(res.Requests) / spec.Duration.Seconds()
	res.P50, res.P99, res.Max = all.quantile(0.50), all.quantile(0.99), all.max()
	if res.Requests == 0 {
		return res, fmt.Errorf("no successful request: %v", firstErr)
	}
	if res.Errors > 0 {
		return res, fmt.Errorf("%d failed requests, the first: %v", res.Errors, firstErr)
	}
	return res, nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// readHead reads a response's status line and headers.
func readHead(br *bufio.Reader) (status, length int, coding string, keep bool, err error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, 0, "", false, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, 0, "", false, fmt.Errorf("bad status line %q", line)
	}
	status, _ = strconv.Atoi(string(line[9:12]))
	length, keep = -1, true
	for {
		line, err = br.ReadSlice('\n')
		if err != nil {
			return 0, 0, "", false, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			return status, length, coding, keep, nil
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		v = bytes.TrimSpace(v)
		switch {
		case bytes.EqualFold(k, []byte("Content-Length")):
			length, _ = strconv.Atoi(string(v))
		case bytes.EqualFold(k, []byte("Content-Encoding")):
			coding = string(v)
		case bytes.EqualFold(k, []byte("Connection")):
			keep = !bytes.EqualFold(v, []byte("close"))
		}
	}
}

// wrkLoad runs spec with wrk (two threads), warming up with a first, unreported run.
func wrkLoad(ctx context.Context, wrk string, spec loadSpec) (loadResult, error) {
	run := func(d time.Duration) (string, error) {
		secs := max(int(d.Round(time.Second)/time.Second), 1)
		cmd := exec.CommandContext(ctx, wrk, "-t2", "-c"+strconv.Itoa(spec.Conns), "-d"+strconv.Itoa(secs)+"s", "--latency",
			"-H", "Accept-Encoding: "+spec.Encoding, "http://"+spec.Addr+spec.Path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return string(out), fmt.Errorf("wrk: %v\n%s", err, out)
		}
		return string(out), nil
	}
	if spec.Warmup > 0 {
		if _, err := run(spec.Warmup); err != nil {
			return loadResult{}, err
		}
	}
	var c0 time.Duration
	if spec.CPU != nil {
		c0 = spec.CPU()
	}
	out, err := run(spec.Duration)
	if err != nil {
		return loadResult{}, err
	}
	res := loadResult{Duration: spec.Duration, Tool: "wrk", BodyBytes: int64(spec.WantLength)}
	if spec.CPU != nil {
		res.ServerCPU = spec.CPU() - c0
	}
	if m := regexp.MustCompile(`(\d+) requests in ([\d.]+)(\w+)`).FindStringSubmatch(out); m != nil {
		res.Requests, _ = strconv.ParseInt(m[1], 10, 64)
		if d, err := time.ParseDuration(m[2] + m[3]); err == nil {
			res.Duration = d
		}
	}
	if m := regexp.MustCompile(`Requests/sec:\s+([\d.]+)`).FindStringSubmatch(out); m != nil {
		res.RPS, _ = strconv.ParseFloat(m[1], 64)
	}
	for _, q := range []struct {
		label string
		dst   *time.Duration
	}{{"50%", &res.P50}, {"99%", &res.P99}} {
		if m := regexp.MustCompile(regexp.QuoteMeta(q.label) + `\s+([\d.]+)(us|ms|s)`).FindStringSubmatch(out); m != nil {
			*q.dst, _ = time.ParseDuration(m[1] + strings.Replace(m[2], "us", "µs", 1))
		}
	}
	if m := regexp.MustCompile(`Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)`).FindStringSubmatch(out); m != nil {
		res.Max, _ = time.ParseDuration(m[1] + strings.Replace(m[2], "us", "µs", 1))
	}
	if m := regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`).FindStringSubmatch(out); m != nil {
		res.Errors, _ = strconv.ParseInt(m[1], 10, 64)
	}
	if m := regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`).FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			res.Errors += n
		}
	}
	if res.RPS == 0 {
		return res, fmt.Errorf("could not read wrk's output:\n%s", out)
	}
	if res.Errors > 0 {
		return res, fmt.Errorf("wrk saw %d errors:\n%s", res.Errors, out)
	}
	return res, nil
}

// cpuPerRequest is the server's CPU time per measured request, in microseconds.
func (res loadResult) cpuPerRequest() float64 {
	if res.Requests == 0 {
		return 0
	}
	return float64(res.ServerCPU) / float64(time.Microsecond) / float64(res.Requests)
}
