package site

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/strata-health/strata/internal/cite"
	"github.com/strata-health/strata/internal/contentfs"
	"github.com/strata-health/strata/internal/safeurl"
	"go.yaml.in/yaml/v3"
)

// Limits on a content folder, so that a mistaken or hostile folder ends in an
// error that names the file, not in an exhausted server. README.md lists them.
const (
	MaxMarkdownBytes   = 256 << 10 // a tier file or an index.md
	MaxGlossaryBytes   = 64 << 10  // a glossary entry
	MaxSiteYAMLBytes   = 64 << 10  // site.yaml
	MaxReferencesBytes = 1 << 20   // a references.yaml
	MaxFigureBytes     = 5 << 20   // a figure
	MaxSiteBytes       = 256 << 20 // every file of the folder, figures included
	MaxArticles        = 5000      // article folders
	MaxTerms           = 5000      // glossary entries
)

// budget counts the bytes of a whole site against MaxSiteBytes; it is shared by
// the loaders of every article.
type budget struct{ used atomic.Int64 }

// spend takes n bytes from the budget, reporting false once it is spent.
func (b *budget) spend(n int64) bool { return b.used.Add(n) <= MaxSiteBytes }

// read reads a content file of at most limit bytes (what names the kind of file in
// the error), counting it against the site's budget.
func (l *loader) read(file string, limit int64, what string) ([]byte, error) {
	src, err := contentfs.ReadFile(l.fsys, file, limit)
	var tooLarge *contentfs.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%s can be at most %s; this one is %s", what, contentfs.Bytes(limit), contentfs.Bytes(tooLarge.Size))
	}
	if err != nil {
		return nil, err
	}
	if !l.budget.spend(int64(len(src))) {
		return nil, fmt.Errorf("the content folder goes over its limit of %s in all with this file", contentfs.Bytes(MaxSiteBytes))
	}
	return src, nil
}

// entryProblem says why a folder entry cannot be content, or "" when it is a
// regular file or a folder.
func entryProblem(e fs.DirEntry) string {
	switch t := e.Type(); {
	case t&fs.ModeSymlink != 0:
		return contentfs.ErrSymlink.Error()
	case t.IsDir(), t.IsRegular():
		return ""
	}
	return contentfs.ErrNotRegular.Error()
}

// figure records a figure file of article a, refusing links, special files and
// files over MaxFigureBytes; its bytes are read when a page shows it.
func (l *loader) figure(a *Article, file string, e fs.DirEntry) {
	if p := entryProblem(e); p != "" {
		l.list.Errorf(file, 0, 0, "%s", p)
		return
	}
	if !figureNameRE.MatchString(e.Name()) {
		l.list.Errorf(file, 0, 0, "figure file name %q: use letters, digits, dots, hyphens and underscores (it becomes part of a URL)", e.Name())
		return
	}
	info, err := e.Info()
	if err != nil {
		l.list.Errorf(file, 0, 0, "cannot read figure: %v", fsErr(err))
		return
	}
	if info.Size() > MaxFigureBytes {
		l.list.Errorf(file, 0, 0, "a figure can be at most %s; this one is %s", contentfs.Bytes(MaxFigureBytes), contentfs.Bytes(info.Size()))
		return
	}
	if !l.budget.spend(info.Size()) {
		l.list.Errorf(file, 0, 0, "the content folder goes over its limit of %s in all with this figure", contentfs.Bytes(MaxSiteBytes))
		return
	}
	a.Assets[e.Name()] = file
}

var (
	figureNameRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]*$`)
	doiRE        = regexp.MustCompile(`^10\.[0-9]{4,9}/[^\s]+$`)
	pmidRE       = regexp.MustCompile(`^[0-9]{1,9}$`)
)

// checkReferenceLinks checks the fields of reference r that become links: URL
// must be an absolute http(s) URL, DOI a DOI, PMID a number. item is r's node in
// the file (nil when unknown).
func (l *loader) checkReferenceLinks(file string, item *yaml.Node, r cite.Reference) {
	if u := strings.TrimSpace(r.URL); u != "" {
		if err := safeurl.CheckAbsolute(u); err != nil {
			line, col := keyLine(item, 1, "URL")
			l.list.Errorf(file, line, col, "%v", err)
		}
	}
	if d := cite.CleanDOI(r.DOI); r.DOI != "" && !doiRE.MatchString(d) {
		line, col := keyLine(item, 1, "DOI")
		l.list.Errorf(file, line, col, "DOI %q is not a DOI (10.NNNN/suffix)", r.DOI)
	}
	if p := strings.TrimSpace(r.PMID); p != "" && !pmidRE.MatchString(p) {
		line, col := keyLine(item, 1, "PMID")
		l.list.Errorf(file, line, col, "PMID %q is not a PubMed id (digits only)", r.PMID)
	}
	// The DOIs of the Strata extensions become links too.
	var checkedDOI, correctionDOI string
	if r.Checked != nil {
		checkedDOI = r.Checked.DOI
	}
	if r.Correction != nil {
		correctionDOI = r.Correction.DOI
	}
	for key, doi := range map[string]string{"checked": checkedDOI, "correction": correctionDOI} {
		if d := cite.CleanDOI(doi); doi != "" && !doiRE.MatchString(d) {
			line, col := keyLine(child(item, key), 1, "doi")
			l.list.Errorf(file, line, col, "%s.doi: %q is not a DOI (10.NNNN/suffix)", key, doi)
		}
	}
}

// child is the value of key in mapping m, or m when it has none.
func child(m *yaml.Node, key string) *yaml.Node {
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return m
}
