package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// attackCmd plays a hostile client for the reliability battery (.ci/reliability.sh):
//
//	search: c clients send long, misspelled queries, each different (so that no
//	        cache helps), for d; prints the share of each status and the p99.
//	flood:  n connections, each makes one request and then stays open, idle; one
//	        that the server closes is opened again after a second, for d (or until
//	        SIGINT or SIGTERM); prints how many were open at most and how many the
//	        server closed.
func attackCmd(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("attack", flag.ContinueOnError)
	fl.SetOutput(stderr)
	base := fl.String("url", "", "the server, e.g. http://127.0.0.1:8080")
	clients := fl.Int("c", 8, "search: concurrent clients")
	conns := fl.Int("n", 1000, "flood: connections to hold")
	dur := fl.Duration("d", 10*time.Second, "how long to attack")
	if len(args) == 0 || fl.Parse(args[1:]) != nil || *base == "" {
		fmt.Fprintln(stderr, "usage: strata-bench attack search|flood -url URL [-c N] [-n N] [-d DURATION]")
		return 2
	}
	// Until d has passed or the process is told to stop; then the summary.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *dur)
	defer cancel()
	switch args[0] {
	case "search":
		attackSearch(ctx, *base, *clients, stdout)
	case "flood":
		attackFlood(ctx, strings.TrimPrefix(*base, "http://"), *conns, stdout)
	default:
		fmt.Fprintf(stderr, "strata-bench attack: unknown mode %q\n", args[0])
		return 2
	}
	return 0
}

// misspelled are words of the seed and the generated corpus with a letter wrong:
// each sends the search looking for close spellings.
var misspelled = []string{"osteoclats", "bisfosfonate", "aromatse", "denosumb", "sclerostn", "remodelng",
	"mineralisaton", "inhibitr", "resorpton", "estrogn", "fractre", "osteoblst", "microbiom", "excercise"}

func attackSearch(ctx context.Context, base string, clients int, stdout io.Writer) {
	client := &http.Client{Timeout: 10 * time.Second}
	var mu sync.Mutex
	codes := map[int]int{}
	var hist histogram
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			var local histogram
			for ctx.Err() == nil {
				var q []string
				for len(strings.Join(q, " ")) < 160 {
					w := []byte(misspelled[rand.IntN(len(misspelled))])
					w[rand.IntN(len(w))] = byte('a' + rand.IntN(26)) // a different typo each time
					q = append(q, string(w))
				}
				start := time.Now()
				resp, err := client.Get(base + "/search?q=" + url.QueryEscape(strings.Join(q, " ")))
				code := -1
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				local.add(time.Since(start))
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}
			mu.Lock()
			hist.merge(&local)
			mu.Unlock()
		})
	}
	wg.Wait()
	total := 0
	for _, n := range codes {
		total += n
	}
	fmt.Fprintf(stdout, "search attack: %d requests; 200: %d, 400: %d, 503: %d (%.1f%%), errors: %d; p99 %v\n",
		total, codes[200], codes[400], codes[503], 100*float64(codes[503])/float64(max(total, 1)), codes[-1],
		hist.quantile(0.99).Round(time.Millisecond))
}

func attackFlood(ctx context.Context, addr string, n int, stdout io.Writer) {
	var open, peak, served, closed, dialErrs atomic.Int64
	var wg sync.WaitGroup
	dialers := make(chan struct{}, 256) // connections being opened at once
	for range n {
		wg.Go(func() {
			for ctx.Err() == nil {
				dialers <- struct{}{}
				c, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", addr)
				<-dialers
				if err != nil {
					dialErrs.Add(1)
					sleepCtx(ctx, time.Second)
					continue
				}
				stop := context.AfterFunc(ctx, func() { c.Close() })
				now := open.Add(1)
				for p := peak.Load(); now > p && !peak.CompareAndSwap(p, now); p = peak.Load() {
				}
				br := bufio.NewReader(c)
				if _, err := io.WriteString(c, "GET /robots.txt HTTP/1.1\r\nHost: attack\r\n\r\n"); err == nil {
					if resp, err := http.ReadResponse(br, nil); err == nil {
						io.Copy(io.Discard, resp.Body)
						served.Add(1)
						if _, err := br.ReadByte(); ctx.Err() == nil && err != nil {
							closed.Add(1) // the server closed it
						}
					}
				}
				stop()
				c.Close()
				open.Add(-1)
				sleepCtx(ctx, time.Second)
			}
		})
	}
	wg.Wait()
	fmt.Fprintf(stdout, "flood: %d connections wanted, %d open at most; %d requests answered; %d closed by the server; %d failed dials\n",
		n, peak.Load(), served.Load(), closed.Load(), dialErrs.Load())
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
