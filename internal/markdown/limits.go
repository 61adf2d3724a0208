package markdown

import "fmt"

// Limits on the shape of a Markdown file. The parser's work grows with the square
// of the nesting depth, so a file of a few kilobytes could otherwise keep it busy
// for minutes; no article needs more.
const (
	// MaxLineBytes is the longest line a file may have.
	MaxLineBytes = 16 << 10
	// MaxNesting is how many lists and block quotes may be open at once.
	MaxNesting = 16
)

// CheckShape reports, without parsing src, its lines over MaxLineBytes and lines
// that open more than MaxNesting lists or block quotes at once ("- - - x",
// "> > > x"): the parser would be slow on them. It reports at most one problem of
// each kind, at the first line that has it. Deeper nesting spread over several
// indented lines is found when the document is parsed (an error of Engine.Parse).
func CheckShape(src []byte) []Problem {
	var out []Problem
	long, deep := false, false
	for start := 0; start < len(src) && !(long && deep); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		if !long && len(line) > MaxLineBytes {
			long = true
			out = append(out, Problem{Offset: start, Message: fmt.Sprintf("line is %d bytes long, over the limit of %d: break it into shorter lines", len(line), MaxLineBytes)})
		}
		if !deep {
			if openers(line) > MaxNesting {
				deep = true
				out = append(out, Problem{Offset: start, Message: fmt.Sprintf("line opens more than %d nested lists or block quotes (counting its indentation): that is the limit", MaxNesting)})
			}
		}
		start = end + 1
	}
	return out
}

// openers estimates how many lists and block quotes line opens: its list and
// block-quote markers, plus half the whitespace before and between them beyond the
// one space a marker takes (a nested list item is indented at least two columns
// more than its parent). It stops counting one past MaxNesting.
func openers(line []byte) int {
	n, i, ws := 0, 0, 0
	for n <= MaxNesting {
		for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
			if line[i] == '\t' {
				ws += 4 - ws%4
			} else {
				ws++
			}
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return depth(n, ws)
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return depth(n, ws)
			}
			i = j + 1
		default:
			return depth(n, ws)
		}
		n++
	}
	return depth(n, ws)
}

// depth is the nesting estimate of a line with n markers and ws columns of
// whitespace among them.
func depth(n, ws int) int {
	if n == 0 {
		return 0
	}
	return n + max(0, ws-n)/2
}
