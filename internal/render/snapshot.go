package render

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/strata-health/strata/internal/readability"
	"github.com/strata-health/strata/internal/site"
)

// Snapshot is the whole site rendered: every URL's bytes with their compressed
// variants and validators. It never changes once built; a content change builds a
// new one.
type Snapshot struct {
	resources map[string]*Resource
	redirects map[string]string
	// NotFound is the body of the 404 page.
	NotFound *Resource
	// BuildTime is how long Build took.
	BuildTime time.Duration
	// Readability has the reading-level figures of every article tier.
	Readability []TierReadability
}

// TierReadability is the reading level of one article tier's prose.
type TierReadability struct {
	File    string
	Article string
	Tier    site.Tier
	Stats   readability.Stats
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
// version on every replica and every rebuild.
func (s *Snapshot) Version() string {
	h := sha256.New()
	for _, p := range s.Paths() {
		h.Write([]byte(p + " " + s.resources[p].Body.ETag + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Resource is one URL's response.
type Resource struct {
	ContentType  string
	CacheControl string
	Body         Variant
	Gzip         *Variant // nil when compression would not help
	Brotli       *Variant
}

// Variant is a response body in one content coding, with its strong ETag.
type Variant struct {
	Data []byte
	ETag string
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
func (s *Snapshot) Paths() []string {
	out := make([]string, 0, len(s.resources))
	for p := range s.resources {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// minCompress is the size below which bodies are sent as they are: compressing
// them saves too little to matter.
const minCompress = 1024

// newResource computes the ETags and, when compress is set, the compressed
// variants of body, once.
func newResource(contentType, cacheControl string, body []byte, compress bool) *Resource {
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	r := &Resource{
		ContentType:  contentType,
		CacheControl: cacheControl,
		Body:         Variant{Data: body, ETag: `"` + tag + `"`},
	}
	if !compress || len(body) < minCompress || !compressible(contentType) {
		return r
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	_, _ = zw.Write(body)
	_ = zw.Close()
	if gz.Len() < len(body) {
		r.Gzip = &Variant{Data: gz.Bytes(), ETag: `"` + tag + `-gz"`}
	}
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotliLevel)
	_, _ = bw.Write(body)
	_ = bw.Close()
	if br.Len() < len(body) {
		r.Brotli = &Variant{Data: br.Bytes(), ETag: `"` + tag + `-br"`}
	}
	return r
}

// brotliLevel balances build time against size: level 11 makes pages about 5%
// smaller at many times the cost.
const brotliLevel = 9

func compressible(contentType string) bool {
	switch contentType {
	case "image/png", "image/jpeg", "image/webp", "image/gif":
		return false
	}
	return true
}
