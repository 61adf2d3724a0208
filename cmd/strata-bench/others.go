package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/strata-health/strata/cmd/strata-bench/corpus"
	"github.com/strata-health/strata/internal/headers"
)

// brotliStaticModule is where Debian's libnginx-mod-http-brotli-static puts the module.
const brotliStaticModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

// nginxConfig writes an nginx configuration that serves the static export root
// the way the README says to: pages by try_files $uri $uri.html, the precompressed
// siblings by gzip_static and (when the module is installed) brotli_static. It
// sends the headers Strata sends for a page, as far as nginx can: the security
// headers and HSTS (add_header ... always, as the README's snippet does) and
// Cache-Control: no-cache; nginx makes its own ETag (from the file's time and
// size) and adds Server, Connection, Last-Modified and Accept-Ranges. It logs
// every request, as Strata does.
func nginxConfig(dir, addr, root string) (conf string, brotli bool, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, err
	}
	_, statErr := os.Stat(brotliStaticModule)
	brotli = statErr == nil
	var b strings.Builder
	if brotli {
		fmt.Fprintf(&b, "load_module %s;\n", brotliStaticModule)
	}
	fmt.Fprintf(&b, `worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log %[1]s/access.log;
    client_body_temp_path %[1]s/tmp-body;
    proxy_temp_path %[1]s/tmp-proxy;
    fastcgi_temp_path %[1]s/tmp-fastcgi;
    uwsgi_temp_path %[1]s/tmp-uwsgi;
    scgi_temp_path %[1]s/tmp-scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    server_tokens off;
    server {
        listen %[2]s;
        root %[3]s;
        gzip_static on;
        gzip_vary on;
`, dir, addr, root)
	for _, h := range append(slices.Clone(headers.Security), headers.HSTS, headers.Header{Name: "Cache-Control", Value: "no-cache"}) {
		fmt.Fprintf(&b, "        add_header %s %q always;\n", h.Name, h.Value)
	}
	if brotli {
		b.WriteString("        brotli_static on;\n")
	}
	b.WriteString(`        error_page 404 /404.html;
        location / {
            try_files $uri $uri.html =404;
        }
    }
}
`)
	conf = filepath.Join(dir, "nginx.conf")
	return conf, brotli, os.WriteFile(conf, []byte(b.String()), 0o644)
}

// findHugo returns the hugo binary on PATH or in GOPATH/bin, or "".
func findHugo() string {
	if p, err := exec.LookPath("hugo"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	p := filepath.Join(gopath, "bin", "hugo")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// writeHugoSite writes a minimal Hugo site with the same Markdown as c: every
// article tier as a content page (its body, with a title in front matter) and every
// glossary term as a page, with a trivial layout.
func writeHugoSite(dir string, c *corpus.Corpus) error {
	files := map[string]string{
		"hugo.toml": `baseURL = "http://localhost:8080/"
languageCode = "en"
title = "Strata Benchmark Library"
disableKinds = ["taxonomy", "term"]
`,
		"layouts/baseof.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
`,
		"layouts/single.html": `{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}
`,
		"layouts/list.html": `{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
`,
		"layouts/home.html": `{{ define "main" }}<main><h1>{{ .Site.Title }}</h1><ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
`,
	}
	for _, t := range c.TierFiles {
		files["content/articles/"+t.Article+"/"+t.Tier+".md"] = "---\ntitle: " + quote(t.Title) + "\n---\n" + string(t.Body)
	}
	for name, data := range c.Files {
		slug, ok := strings.CutPrefix(name, "glossary/")
		if !ok {
			continue
		}
		// The term's front matter has term:, not title:.
		body := string(data)
		term := ""
		if fm, rest, ok := strings.Cut(strings.TrimPrefix(body, "---\n"), "\n---\n"); ok {
			for line := range strings.Lines(fm) {
				if v, ok := strings.CutPrefix(line, "term: "); ok {
					term = strings.TrimSpace(v)
				}
			}
			body = rest
		}
		files["content/glossary/"+slug] = "---\ntitle: " + term + "\n---\n" + body
	}
	for name, data := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func quote(s string) string { return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"` }

// countFiles counts the files under dir whose names end in ext.
func countFiles(dir, ext string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ext) {
			n++
		}
		return nil
	})
	return n
}
