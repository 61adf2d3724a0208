package render

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/strata-health/strata/internal/headers"
)

// Snapshot is the whole site rendered: every URL's bytes with their compressed
// variants and validators. It never changes once built; a content change builds a
// new one.
type Snapshot struct {
	resources map[string]*Resource
	redirects map[string]string
	// NotFound is the body of the 404 page.
	NotFound *Resource
	// Dynamic holds what per-request pages (search) need.
	Dynamic *Dynamic
	version string
}

// Size is the number of bytes the snapshot holds, all encodings.
func (s *Snapshot) Size() int {
	n := 0
	for _, r := range s.resources {
		n += r.size()
	}
	return n + s.NotFound.size()
}

func (r *Resource) size() int {
	n := len(r.Body.Data)
	if r.Gzip != nil {
		n += len(r.Gzip.Data)
	}
	if r.Brotli != nil {
		n += len(r.Brotli.Data)
	}
	return n
}

// Version is a hash of every URL and its ETag: identical content gives the same
// version on every replica and every rebuild. It is computed once, by Build; the
// compressed variants and the search index do not change it.
func (s *Snapshot) Version() string { return s.version }

// contentVersion computes Version.
func (s *Snapshot) contentVersion() string {
	h := sha256.New()
	for _, p := range s.Paths() {
		h.Write([]byte(p + " " + s.resources[p].Body.ETag + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Len is the number of URLs in the snapshot.
func (s *Snapshot) Len() int { return len(s.resources) }

// Resource is one URL's response.
type Resource struct {
	ContentType  string
	CacheControl string
	Body         Variant
	Gzip         *Variant // nil when compression would not help, or before Compressed
	Brotli       *Variant
	// Negotiable is true for bodies worth compressing (text, 1 KB or more): their
	// responses vary with Accept-Encoding, even while the variants are still being
	// made, so that no cache keeps an uncompressed copy for every client.
	Negotiable bool
	// compressed is set once the compressor has tried both codings.
	compressed bool

	// ContentTypeHeader and CacheControlHeader are ContentType and CacheControl
	// as header values, made once so that serving allocates nothing. Like every
	// header value slice here they have no spare capacity: appending to one copies
	// it, so responses that share it cannot change each other's.
	ContentTypeHeader, CacheControlHeader []string
}

// Variant is a response body in one content coding, with its strong ETag.
type Variant struct {
	Data []byte
	ETag string

	// ETagHeader and LengthHeader are the ETag and Content-Length header values.
	ETagHeader, LengthHeader []string
}

// newVariant returns data with its ETag and header values. The ETag and the
// length are one string, and their header values one slice: the garbage
// collector's work in a server grows with the number of objects its heap holds,
// and a snapshot holds tens of thousands of variants.
func newVariant(data []byte, etag string) Variant {
	text := string(strconv.AppendInt([]byte(etag), int64(len(data)), 10))
	values := []string{text[:len(etag)], text[len(etag):]}
	return Variant{Data: data, ETag: values[0], ETagHeader: values[0:1:1], LengthHeader: values[1:2:2]}
}

// sharedValues holds the header values of the few content types and cache
// policies there are, each made once and shared by every resource that has it.
var sharedValues sync.Map // string → []string

// sharedValue is v as a header value, shared (see sharedValues).
func sharedValue(v string) []string {
	if hv, ok := sharedValues.Load(v); ok {
		return hv.([]string)
	}
	hv, _ := sharedValues.LoadOrStore(v, headers.Values(v))
	return hv.([]string)
}

// Lookup returns the resource at path.
func (s *Snapshot) Lookup(path string) (*Resource, bool) {
	r, ok := s.resources[path]
	return r, ok
}

// Redirect returns where path moved to, for permanent redirects (glossary aliases).
func (s *Snapshot) Redirect(path string) (string, bool) {
	to, ok := s.redirects[path]
	return to, ok
}

// Paths lists every URL of the snapshot, sorted.
func (s *Snapshot) Paths() []string { return slices.Sorted(maps.Keys(s.resources)) }

// minCompress is the size below which bodies are sent as they are: compressing
// them saves too little to matter.
const minCompress = 1024

// newResource computes the ETag of body. The compressed variants are added by a
// compressor.
func newResource(contentType, cacheControl string, body []byte) *Resource {
	if cap(body)-len(body) > len(body)/8 {
		// Rendered into a growing buffer: keep the bytes, not the spare capacity
		// (a quarter of it on average), for the life of the snapshot.
		body = bytes.Clone(body)
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	return &Resource{
		ContentType:        contentType,
		CacheControl:       cacheControl,
		Body:               newVariant(body, `"`+tag+`"`),
		Negotiable:         len(body) >= minCompress && compressible(contentType),
		ContentTypeHeader:  sharedValue(contentType),
		CacheControlHeader: sharedValue(cacheControl),
	}
}

// Compression levels, chosen by measurement on article pages (BenchmarkCompress in
// build_bench_test.go, writers reused): brotli 5 makes pages 0.3% larger than
// brotli 6 at 9% less CPU time, and 6 is 0.3% larger than 9 at about a third of
// its time; brotli 11 (10% smaller than 9) costs 15 to 30 times as much as 9, far
// too slow for a thousand articles. gzip 6 is 0.3% larger than gzip 9 (best) at
// 83% of the time.
const (
	brotliLevel = 5
	gzipLevel   = gzip.DefaultCompression
)

// compressor adds the gzip and brotli variants of resources on GOMAXPROCS
// workers, while the build renders the next pages. Each worker reuses one writer
// per coding: a fresh brotli writer allocates and clears its hash tables for every
// page, which cost more than compressing. The variants depend only on the body,
// so the snapshot is the same whatever the order of work.
type compressor struct {
	jobs chan *Resource
	wg   sync.WaitGroup
}

func newCompressor() *compressor {
	c := &compressor{jobs: make(chan *Resource, 256)}
	for range runtime.GOMAXPROCS(0) {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			w := newVariantWriter()
			for r := range c.jobs {
				w.compress(r)
			}
		}()
	}
	return c
}

// add queues r for compression when compressing it can help.
func (c *compressor) add(r *Resource) {
	if r.Negotiable && !r.compressed {
		c.jobs <- r
	}
}

// wait returns when every queued resource has its variants. The compressor takes
// no more work.
func (c *compressor) wait() {
	close(c.jobs)
	c.wg.Wait()
}

// variantWriter holds one worker's reusable writers and buffers.
type variantWriter struct {
	gzBuf, brBuf bytes.Buffer
	gz           *gzip.Writer
	br           *brotli.Writer
}

func newVariantWriter() *variantWriter {
	w := &variantWriter{}
	w.gz, _ = gzip.NewWriterLevel(&w.gzBuf, gzipLevel)
	w.br = brotli.NewWriterLevel(&w.brBuf, brotliLevel)
	return w
}

// compress sets r's gzip and brotli variants, each where it is smaller than the
// body. Both variants are one allocation, and their bytes another (see
// newVariant).
func (w *variantWriter) compress(r *Resource) {
	body := r.Body.Data
	gz, br := encode(w.gz, &w.gzBuf, body), encode(w.br, &w.brBuf, body)
	r.compressed = true
	if gz == nil && br == nil {
		return
	}
	data := make([]byte, len(gz)+len(br))
	copy(data, gz)
	copy(data[len(gz):], br)
	tag := strings.Trim(r.Body.ETag, `"`)
	variants := new([2]Variant)
	if gz != nil {
		variants[0] = newVariant(data[:len(gz):len(gz)], `"`+tag+`-gz"`)
		r.Gzip = &variants[0]
	}
	if br != nil {
		variants[1] = newVariant(data[len(gz):len(data):len(data)], `"`+tag+`-br"`)
		r.Brotli = &variants[1]
	}
}

// resettable is a compressing writer that can start over on a new output:
// gzip.Writer and brotli.Writer.
type resettable interface {
	io.WriteCloser
	Reset(io.Writer)
}

// encode compresses body with cw into buf and returns buf's bytes, or nil when
// that does not make it smaller.
func encode(cw resettable, buf *bytes.Buffer, body []byte) []byte {
	buf.Reset()
	cw.Reset(buf)
	_, _ = cw.Write(body)
	_ = cw.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}

// Compressed returns a copy of s in which every resource worth compressing has
// its gzip and brotli variants, computed on GOMAXPROCS workers. s is unchanged, so
// a server can go on serving it meanwhile (see WithoutCompression); the copy
// shares every body and every resource that needed no work.
func (s *Snapshot) Compressed() *Snapshot {
	out := *s
	out.resources = make(map[string]*Resource, len(s.resources))
	c := newCompressor()
	withVariants := func(r *Resource) *Resource {
		if r == nil || !r.Negotiable || r.compressed {
			return r
		}
		cp := *r
		c.add(&cp)
		return &cp
	}
	for p, r := range s.resources {
		out.resources[p] = withVariants(r)
	}
	out.NotFound = withVariants(s.NotFound)
	if s.Dynamic != nil {
		d := *s.Dynamic
		d.Fallback = withVariants(d.Fallback)
		out.Dynamic = &d
	}
	c.wait()
	return &out
}

// compressible reports whether a body of this type is worth compressing: text
// is, images other than SVG (text too) are compressed already.
func compressible(contentType string) bool {
	return !strings.HasPrefix(contentType, "image/") || contentType == "image/svg+xml"
}
