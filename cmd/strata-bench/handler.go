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
	fl, addr, cpu := serverFlags("handler", stderr)
	dir := fl.String("content", "", "content folder")
	logTo := fl.String("log", "", "access log file (JSON lines, as strata serve writes); empty: no access log")
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
		opts.Logger = server.JSONLogger(out)
	}
	return serveUntilSignal("handler", *addr, *cpu, server.New(snap, opts).Handler(), stderr)
}

// serverFlags are the flags of the servers that strata-bench runs in process
// (ceiling, handler): a listen address and a CPU profile.
func serverFlags(name string, stderr io.Writer) (fl *flag.FlagSet, addr, cpuprofile *string) {
	fl = flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr = fl.String("addr", "127.0.0.1:0", "listen address")
	cpuprofile = fl.String("cpuprofile", "", "write a CPU profile here, from when serving starts until SIGTERM")
	return fl, addr, cpuprofile
}

// serveUntilSignal serves h on addr with strata serve's http.Server settings
// (server.NewHTTPServer: timeouts, header limit), profiling the CPU into
// cpuprofile if it is set, until SIGTERM or an interrupt.
func serveUntilSignal(name, addr, cpuprofile string, h http.Handler, stderr io.Writer) int {
	stop, err := startCPUProfile(cpuprofile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer stop()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	srv := server.NewHTTPServer(h, slog.New(slog.NewTextHandler(stderr, nil)))
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(stderr, "%s: serving on %s\n", name, ln.Addr())
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
	<-sig
	_ = srv.Close()
	return 0
}
