// Package safeurl decides which URLs from content may reach an href or src: http,
// https and mailto URLs, and relative ones.
package safeurl

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Check returns an error unless s is an absolute http, https or mailto URL, or a
// relative one (a path, a fragment). An http(s) URL must name a host and no user.
func Check(s string) error {
	if strings.TrimSpace(s) != s || strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return fmt.Errorf("URL %q has spaces or control characters around or inside it", s)
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("%q is not a URL: %v", s, errors.Unwrap(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if strings.HasPrefix(s, "//") {
			return fmt.Errorf("URL %q has no scheme: write https://", s)
		}
		return nil
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("URL %q has no host", s)
		}
		if u.User != nil {
			return fmt.Errorf("URL %q holds a user name or password", s)
		}
		return nil
	case "mailto":
		return nil
	}
	return fmt.Errorf("URL %q: the scheme %s: is not allowed (use http, https or mailto, or a relative link)", s, u.Scheme)
}

// CheckAbsolute is Check for URLs that must be absolute http or https URLs.
func CheckAbsolute(s string) error {
	if err := Check(s); err != nil {
		return err
	}
	if u, _ := url.Parse(s); !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return fmt.Errorf("URL %q must be an absolute http:// or https:// URL", s)
	}
	return nil
}

// Base checks a site's base URL: an absolute http or https URL with no query,
// fragment or user name. It returns it without a trailing slash.
func Base(s string) (string, error) {
	if err := CheckAbsolute(s); err != nil {
		return "", fmt.Errorf("base_url: %v", err)
	}
	if strings.ContainsAny(s, "?#") {
		return "", fmt.Errorf("base_url %q must not have a query or fragment", s)
	}
	return strings.TrimRight(s, "/"), nil
}

// IsLocal reports whether an absolute URL points at the machine it is opened on
// (localhost, a loopback or unspecified address), which readers elsewhere cannot
// open.
func IsLocal(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "localhost" || strings.HasSuffix(h, ".localhost") || strings.HasPrefix(h, "127.") || h == "::1" || h == "0.0.0.0" || h == "::"
}
