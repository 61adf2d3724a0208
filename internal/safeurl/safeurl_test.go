package safeurl

import "testing"

func TestCheck(t *testing.T) {
	for _, ok := range []string{"https://example.org/a?b#c", "http://x.example", "mailto:a@example.org",
		"/articles/x", "x.svg", "#ref-1", "../glossary/y", "?q=1"} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:x",
		"vbscript:x", "data:text/html,x", "file:///etc/passwd", "//evil.example/x", "https://", "http://user:pw@x.example",
		"ftp://x.example", "https://x.example/\n", "%zz:"} {
		if err := Check(bad); err == nil {
			t.Errorf("Check(%q) accepted it", bad)
		}
	}
	if err := CheckAbsolute("/relative"); err == nil {
		t.Error("CheckAbsolute accepted a relative URL")
	}
	if err := CheckAbsolute("mailto:a@example.org"); err == nil {
		t.Error("CheckAbsolute accepted mailto")
	}
}

func TestBase(t *testing.T) {
	if got, err := Base("https://health.example.org/"); err != nil || got != "https://health.example.org" {
		t.Errorf("Base = %q, %v", got, err)
	}
	if got, err := Base("https://example.org/health/"); err != nil || got != "https://example.org/health" {
		t.Errorf("Base with a path = %q, %v", got, err)
	}
	for _, bad := range []string{"", "javascript:alert(1)//", "example.org", "https://x.example/?a", "https://x.example/#a", "mailto:a@x.example"} {
		if _, err := Base(bad); err == nil {
			t.Errorf("Base(%q) accepted it", bad)
		}
	}
	for u, local := range map[string]bool{"http://localhost:8080": true, "http://127.0.0.1": true, "http://[::1]:80": true,
		"http://app.localhost": true, "https://health.example.org": false, "http://10.0.0.1": false} {
		if IsLocal(u) != local {
			t.Errorf("IsLocal(%q) = %v", u, !local)
		}
	}
}
