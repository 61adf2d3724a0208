package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// span is a byte range of a text.
type span struct{ start, end int }

// hit makes the Hit of a matching document from the places its terms matched.
func (ix *Index) hit(info *docInfo, p *parsed, locs bsearch.FieldTermLocationMap, score float64) Hit {
	d := info.Doc
	h := Hit{
		ID: d.ID, Kind: d.Kind, Title: d.Title, Tier: d.Tier, TierName: d.TierName,
		URL: d.URL, Summary: d.Summary, Score: score,
	}
	title := spans(locs, fTitle)
	h.TitleMarked = mark(d.Title, title, 0, len(d.Title))
	for i, k := range info.aliasKeys {
		if slices.Contains(p.names, k) {
			h.Alias = d.Aliases[i]
			break
		}
	}

	// The snippet: from the body where it matched, else the start of the summary or
	// body.
	text, found, breaks := info.body, spans(locs, fBody), info.sections
	if len(found) == 0 && strings.TrimSpace(d.Summary) != "" {
		text, breaks = d.Summary, nil
	}
	start, end := window(text, found, SnippetRunes, breaks)
	h.Snippet = mark(text, found, start, end)
	if len(found) > 0 {
		// The section of the first match shown.
		first := end
		for _, s := range found {
			if s.start >= start {
				first = s.start
				break
			}
		}
		for i := len(info.sections) - 1; i >= 0; i-- {
			if info.sections[i] <= first {
				sec := d.Sections[i]
				h.Section = sec.Heading
				if sec.Anchor != "" {
					h.URL = d.URL + "#" + sec.Anchor
				}
				break
			}
		}
	}
	return h
}

// window picks the part of text to show, about n runes long: the one with the most
// different matched words (then the most matches), starting at a sentence or word
// boundary shortly before them, and not crossing a break (the start of a section)
// other than to start at it. It returns byte offsets.
func window(text string, found []span, n int, breaks []int) (start, end int) {
	width := n // bytes; text is mostly ASCII
	if len(found) == 0 {
		return 0, cutAfter(text, 0, width)
	}
	// Matches next to each other count as one: "C-terminal telopeptide" is one name,
	// as "CTX" is.
	groups := make([]span, 0, len(found))
	for _, s := range found {
		if n := len(groups); n > 0 && (s.start <= groups[n-1].end || joins(text[groups[n-1].end:s.start])) {
			groups[n-1].end = max(groups[n-1].end, s.end)
			continue
		}
		groups = append(groups, s)
	}
	found = groups
	bestI, bestScore := 0, -1
	for i := range found {
		words := map[string]bool{}
		count := 0
		for j := i; j < len(found) && found[j].end-found[i].start <= width*3/4; j++ {
			words[strings.ToLower(text[found[j].start:found[j].end])] = true
			count++
		}
		if score := len(words)*1000 + count; score > bestScore {
			bestI, bestScore = i, score
		}
	}
	first := found[bestI].start
	// Start up to a quarter of the width before the first match, at the start of its
	// sentence if that is near, else at a word.
	start = max(0, first-width/4)
	if i := lastSentenceStart(text[start:first]); i >= 0 {
		start += i
	} else if start > 0 {
		if sp := strings.IndexFunc(text[start:first], unicode.IsSpace); sp >= 0 {
			start += sp + 1
		} else {
			start = first
		}
	}
	for _, b := range breaks {
		if b > start && b <= first {
			start = b
		}
	}
	end = cutAfter(text, start, width)
	for _, b := range breaks {
		if b > first && b < end {
			end = b
			break
		}
	}
	// Keep the first match whole.
	end = max(end, found[bestI].end)
	return start, end
}

// lastSentenceStart returns the offset in s after its last sentence end (". ", "? ",
// "! ", or a line break), or -1.
func lastSentenceStart(s string) int {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] == '\n' {
			return i + 1
		}
		if s[i] == ' ' && (s[i-1] == '.' || s[i-1] == '?' || s[i-1] == '!') {
			return i + 1
		}
	}
	return -1
}

// cutAfter returns the end of a window of about width bytes from start, at a word
// boundary.
func cutAfter(text string, start, width int) int {
	end := start + width
	if end >= len(text) {
		return len(text)
	}
	for end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	if sp := strings.LastIndexFunc(text[start:end], unicode.IsSpace); sp > 0 {
		end = start + sp
	}
	return end
}

// mark cuts text[start:end] into fragments, the found spans marked. Matches next to
// each other (a phrase) become one fragment; runs of white space become one space;
// "…" stands for text cut off at either end.
func mark(text string, found []span, start, end int) []Fragment {
	var out []Fragment
	add := func(s string, match bool) {
		s = collapse(s)
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Match == match {
			out[n-1].Text += s
			return
		}
		out = append(out, Fragment{Text: s, Match: match})
	}
	if start > 0 {
		add("…", false)
	}
	pos := start
	for i := 0; i < len(found); i++ {
		s := found[i]
		if s.end <= pos || s.start < pos {
			continue // before the window, or overlapping the last one
		}
		if s.start >= end {
			break
		}
		e := min(s.end, end)
		gap := text[pos:s.start]
		if joins(gap) && len(out) > 0 && out[len(out)-1].Match && pos > start {
			add(gap, true) // join a phrase: "bone loss" and "Wnt/β-catenin" are one mark
		} else {
			add(gap, false)
		}
		add(text[s.start:e], true)
		pos = e
	}
	add(text[pos:end], false)
	if end < len(text) {
		add("…", false)
	}
	// Trim the ends.
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
		if out[0].Text == "" {
			out = out[1:]
		}
		if n := len(out); n > 0 && out[n-1].Text == "" {
			out = out[:n-1]
		}
	}
	return out
}

// joins tells whether gap, between two matches, is short enough to mark with them:
// white space, or one or two characters of punctuation.
func joins(gap string) bool {
	if strings.TrimSpace(gap) == "" {
		return true
	}
	return utf8.RuneCountInString(gap) <= 2 && !strings.ContainsFunc(gap, func(r rune) bool {
		return isWordRune(r) || unicode.IsSpace(r)
	})
}

// collapse turns every run of white space into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
