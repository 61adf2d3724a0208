// Package editdist measures how far apart two words are, for "did you mean"
// suggestions: the content loader's unknown keys and slugs, and search's
// spelling suggestions.
package editdist

// Distance is the optimal-string-alignment distance between a and b, counted in
// runes: insertions, deletions, substitutions and swaps of neighbours each cost 1
// (so "trem" is 1 from "term"). A distance over bound is returned as bound+1,
// and found without filling the whole table.
func Distance(a, b []rune, bound int) int {
	if abs(len(a)-len(b)) > bound {
		return bound + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > bound {
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], bound+1)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
