package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// pairsFilterName is the token filter of fPairs: it turns a token stream into
// the pairs of neighbouring tokens ("bone", "loss" -> "bone loss"). Tokens with a
// gap between them (a stop word was left out) make no pair. Unlike bleve's shingle
// filter, it makes two allocations per stream, not several per token.
const pairsFilterName = "strata_pairs_filter"

// pairsAnalyzer is the name of fPairs's analyzer.
const pairsAnalyzer = "strata_pairs"

func init() {
	registry.RegisterTokenFilter(pairsFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return pairsFilter{}, nil
	})
}

type pairsFilter struct{}

func (pairsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	n, size := 0, 0
	for i := 1; i < len(in); i++ {
		if in[i].Position == in[i-1].Position+1 {
			n++
			size += len(in[i-1].Term) + 1 + len(in[i].Term)
		}
	}
	buf := make([]byte, 0, size)
	toks := make([]analysis.Token, n)
	out := make(analysis.TokenStream, 0, n)
	for i := 1; i < len(in); i++ {
		a, b := in[i-1], in[i]
		if b.Position != a.Position+1 {
			continue
		}
		start := len(buf)
		buf = append(buf, a.Term...)
		buf = append(buf, ' ')
		buf = append(buf, b.Term...)
		t := &toks[len(out)]
		*t = analysis.Token{Term: buf[start:len(buf):len(buf)], Position: a.Position, Start: a.Start, End: b.End, Type: analysis.Shingle}
		out = append(out, t)
	}
	return out
}
