package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

type vnuMessage struct {
	Type         string `json:"type"`    // error, info, non-document-error
	SubType      string `json:"subType"` // warning, fatal, io, …
	URL          string `json:"url"`
	FirstLine    int    `json:"firstLine"`
	LastLine     int    `json:"lastLine"`
	FirstColumn  int    `json:"firstColumn"`
	LastColumn   int    `json:"lastColumn"`
	Message      string `json:"message"`
	Extract      string `json:"extract"`
	HiliteStart  int    `json:"hiliteStart"`
	HiliteLength int    `json:"hiliteLength"`
}

// stylesheetRe finds the fingerprinted stylesheet in a page.
var stylesheetRe = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)

// TestNuHTMLChecker validates the HTML of every page type, and the stylesheet,
// with one run of the Nu HTML Checker, and fails on any error.
func TestNuHTMLChecker(t *testing.T) {
	java, jar := vnuCommand(t)
	t.Parallel() // the JVM runs beside the browser tests
	dir := t.TempDir()
	files := map[string]string{} // file name -> page path
	var args []string
	var css string
	for i, p := range pages() {
		resp, body := fetch(t, p.path, "")
		if resp.StatusCode != p.status {
			t.Fatalf("GET %s: status %d, want %d", p.path, resp.StatusCode, p.status)
		}
		if m := stylesheetRe.FindSubmatch(body); m != nil {
			css = string(m[1])
		}
		name := filepath.Join(dir, fmt.Sprintf("%02d-%s.html", i, strings.NewReplacer(" ", "-", "/", "-").Replace(p.name)))
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = p.path
		args = append(args, name)
	}
	if css == "" {
		t.Fatal("no stylesheet link found in the pages")
	}
	_, body := fetch(t, css, "")
	cssFile := filepath.Join(dir, "site.css")
	if err := os.WriteFile(cssFile, body, 0o644); err != nil {
		t.Fatal(err)
	}
	files[cssFile] = css
	args = append(args, cssFile)
	// A page with a known error proves that the checker really checks.
	canary := filepath.Join(dir, "canary.html")
	if err := os.WriteFile(canary, []byte(`<!DOCTYPE html><html lang="en"><title>c</title><p id="x"><p id="x">`), 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, canary)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmdArgs := append([]string{"-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always", "--also-check-css"}, args...)
	cmd := exec.CommandContext(ctx, java, cmdArgs...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("running the Nu HTML Checker (%s): %v\n%s", jar, err, stderr.String())
	}
	t.Logf("vnu checked %d files in %s", len(args), time.Since(start).Round(time.Millisecond))
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("reading the checker's JSON: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	var errs []string
	canaryCaught := false
	for _, m := range out.Messages {
		where := m.URL
		if p, err := fileFromURL(m.URL); err == nil {
			if p == canary {
				canaryCaught = canaryCaught || (m.Type == "error" && strings.Contains(m.Message, "Duplicate ID"))
				continue
			}
			if path, ok := files[p]; ok {
				where = path
			}
		}
		line := fmt.Sprintf("%s:%d:%d: %s: %s", where, m.LastLine, m.FirstColumn, kind(m), m.Message)
		if m.Extract != "" {
			line += "\n      " + strings.ReplaceAll(strings.TrimSpace(m.Extract), "\n", "⏎")
		}
		if m.Type == "info" {
			t.Log(line)
			continue
		}
		if newerCSS(m.Message) {
			t.Log(line + "\n      (not failing: a property newer than the checker's CSS grammar)")
			continue
		}
		errs = append(errs, line)
	}
	if !canaryCaught {
		t.Errorf("the checker did not report the duplicate id in its canary page, so its other answers cannot be trusted:\n%s", stdout.String())
	}
	if len(errs) > 0 {
		t.Errorf("the Nu HTML Checker found %d error(s):\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
}

// newerCSSProperties are real, shipped CSS properties that the checker's CSS
// grammar does not know yet; site.css uses them behind @supports.
var newerCSSProperties = []string{"anchor-name", "anchor-scope", "position-anchor", "position-area", "position-try", "position-try-fallbacks", "position-visibility"}

func newerCSS(msg string) bool {
	for _, p := range newerCSSProperties {
		if msg == "CSS: “"+p+"”: Property “"+p+"” doesn't exist." {
			return true
		}
	}
	return false
}

func kind(m vnuMessage) string {
	if m.SubType != "" {
		return m.Type + "/" + m.SubType
	}
	return m.Type
}

func fileFromURL(u string) (string, error) {
	const prefix = "file:"
	if !strings.HasPrefix(u, prefix) {
		return "", fmt.Errorf("not a file URL: %s", u)
	}
	p := strings.TrimPrefix(u, prefix)
	p = "/" + strings.TrimLeft(p, "/")
	return filepath.Clean(p), nil
}
