package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/strata-health/strata/internal/logbuf"
	"github.com/strata-health/strata/internal/render"
	"github.com/strata-health/strata/internal/server"
)

// handlerCmd serves a content folder with Strata's handler in this process, with
// the access log on or off and an optional CPU profile: to take Strata's
// per-request cost apart.
func handlerCmd(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("handler", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:0", "listen address")
	dir := fl.String("content", "", "content folder")
	logTo := fl.String("log", "", "access log file (JSON lines, as strata serve writes); empty: no access log")
	cpu := fl.String("cpuprofile", "", "write a CPU profile here, from when serving starts until SIGTERM")
	if err := fl.Parse(args); err != nil || *dir == "" {
		fmt.Fprintln(stderr, "usage: strata-bench handler -content DIR [-addr ADDR] [-log FILE] [-cpuprofile FILE]")
		return 2
	}
	fsys := os.DirFS(*dir)
	_, snap, list := render.Load(fsys, "")
	if err := list.Err(); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	opts := server.Options{HSTS: true}
	if *logTo != "" {
		f, err := os.Create(*logTo)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer f.Close()
		out := logbuf.New(f, 64<<10, 100*time.Millisecond) // as strata serve does
		defer out.Close()
		opts.Logger = slog.New(slog.NewJSONHandler(out, nil))
	}
	stop, err := startCPUProfile(*cpu)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	srv := &http.Server{Handler: server.New(snap, opts).Handler(), ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 120 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(stderr, "handler: serving %s on %s\n", *dir, ln.Addr())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
	<-sig
	_ = srv.Close()
	return 0
}
