package render

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestVariants checks every resource of the fixture site once compressed: each
// variant decodes to the body, its ETag and Content-Length header values are its
// own, and no shared slice (the two variants' bytes are one allocation, each
// variant's header values another) has room that an append could write over.
func TestVariants(t *testing.T) {
	_, snap, report := Load(os.DirFS(fixture), "")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	compressed := 0
	for _, p := range snap.Paths() {
		r, _ := snap.Lookup(p)
		checkVariant(t, p, &r.Body, r.Body.Data, nil)
		if r.Gzip != nil {
			compressed++
			checkVariant(t, p+" (gzip)", r.Gzip, r.Body.Data, func(b []byte) (io.Reader, error) { return gzip.NewReader(bytes.NewReader(b)) })
		}
		if r.Brotli != nil {
			checkVariant(t, p+" (br)", r.Brotli, r.Body.Data, func(b []byte) (io.Reader, error) { return brotli.NewReader(bytes.NewReader(b)), nil })
		}
		if r.Gzip != nil && r.Brotli != nil && (r.Gzip.ETag == r.Brotli.ETag || r.Gzip.ETag == r.Body.ETag) {
			t.Errorf("%s: ETags %s, %s and %s are not distinct", p, r.Body.ETag, r.Gzip.ETag, r.Brotli.ETag)
		}
	}
	if compressed == 0 {
		t.Fatal("no resource has compressed variants")
	}
}

func checkVariant(t *testing.T, name string, v *Variant, body []byte, decoder func([]byte) (io.Reader, error)) {
	t.Helper()
	if decoder != nil {
		r, err := decoder(v.Data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: does not decode to the body (%v)", name, err)
		}
		if cap(v.Data) != len(v.Data) {
			t.Errorf("%s: %d bytes with room for %d", name, len(v.Data), cap(v.Data))
		}
	}
	if len(v.ETagHeader) != 1 || v.ETagHeader[0] != v.ETag || cap(v.ETagHeader) != 1 {
		t.Errorf("%s: ETag header %q (capacity %d), ETag %q", name, v.ETagHeader, cap(v.ETagHeader), v.ETag)
	}
	if want := strconv.Itoa(len(v.Data)); len(v.LengthHeader) != 1 || v.LengthHeader[0] != want || cap(v.LengthHeader) != 1 {
		t.Errorf("%s: Content-Length header %q (capacity %d), want %s", name, v.LengthHeader, cap(v.LengthHeader), want)
	}
}
