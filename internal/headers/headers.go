// Package headers holds the security headers of every response: the server sends
// them, and the static export writes them in a _headers file for hosts to send,
// so that both publish the site under the same rules.
package headers

// Header is one HTTP header.
type Header struct {
	Name, Value string
}

// Security are sent with every response.
var Security = []Header{
	{"Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
	{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"},
	{"X-Frame-Options", "DENY"},
}

// HSTS is sent with every response when the site is served over HTTPS (the
// server's -hsts flag, on by default).
var HSTS = Header{"Strict-Transport-Security", "max-age=63072000; includeSubDomains"}

// Values is a header's value as net/http keeps it: a slice of one value, without
// spare capacity, so that a precomputed slice can be shared by every response
// (nothing can append to it in place).
func Values(v string) []string { return []string{v}[:1:1] }
