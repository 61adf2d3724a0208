package site

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/strata-health/strata/internal/diag"
	"github.com/strata-health/strata/internal/editdist"
	"go.yaml.in/yaml/v3"
)

// frontMatter is the YAML block at the top of a Markdown file, and where its lines
// and the body start in the file.
type frontMatter struct {
	yaml     []byte
	yamlLine int // line of the first YAML line in the file
	body     []byte
	bodyAt   int // byte offset of the body in the file
}

// splitFrontMatter separates a "---" delimited YAML block from the Markdown body.
// A file without one has an empty YAML block. ok is false when the block is opened
// but never closed.
func splitFrontMatter(src []byte) (fm frontMatter, ok bool) {
	open := []byte("---\n")
	if bytes.HasPrefix(src, []byte("---\r\n")) {
		open = []byte("---\r\n")
	}
	if !bytes.HasPrefix(src, open) {
		return frontMatter{body: src}, true
	}
	rest := src[len(open):]
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			next := len(rest)
			if end >= 0 {
				next = off + end + 1
			}
			return frontMatter{
				yaml:     rest[:off],
				yamlLine: 2,
				body:     rest[next:],
				bodyAt:   len(open) + next,
			}, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return frontMatter{}, false
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

// decodeYAML decodes src into v, reporting syntax errors, type errors and keys that
// v does not have (with a suggestion for typos) as diagnostics of file, whose lines
// start at firstLine. It returns the document's root node (nil when it did not parse).
func decodeYAML(list *diag.List, file string, src []byte, firstLine int, v any) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := firstLine
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			line = firstLine + n - 1
			msg = strings.TrimSpace(strings.Replace(msg, m[0]+":", "", 1))
		}
		list.Errorf(file, line, 0, "invalid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return &doc
	}
	root := doc.Content[0]
	checkKeys(list, file, firstLine, root, reflect.TypeOf(v).Elem())
	if err := root.Decode(v); err != nil {
		if te, ok := err.(*yaml.TypeError); ok {
			seen := map[string]bool{}
			for _, e := range te.Errors {
				if seen[e] {
					continue // an alias repeats its node's errors
				}
				seen[e] = true
				line := firstLine
				if m := yamlLineRE.FindStringSubmatch(e); m != nil {
					n, _ := strconv.Atoi(m[1])
					line = firstLine + n - 1
					e = strings.TrimSpace(strings.Replace(e, m[0]+":", "", 1))
				}
				list.Errorf(file, line, 0, "%s", e)
			}
		} else {
			list.Errorf(file, firstLine+root.Line-1, root.Column, "%v", err)
		}
	}
	return root
}

var (
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
	nodeType        = reflect.TypeFor[yaml.Node]()
)

// checkKeys reports mapping keys that have no field in t, recursively.
func checkKeys(list *diag.List, file string, firstLine int, n *yaml.Node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return // aliases point at nodes checked where they are defined
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) || t == nodeType {
		return // checked by its own reader
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		open := false // an inline map takes the other keys; its owner checks them
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			open = open || (opts == "inline" && f.Type.Kind() == reflect.Map)
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok && open {
				continue
			}
			if !ok {
				msg := fmt.Sprintf("unknown key %q", k.Value)
				if s := suggest(k.Value, names); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				list.Errorf(file, firstLine+k.Line-1, k.Column, "%s", msg)
				continue
			}
			checkKeys(list, file, firstLine, val, ft)
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				checkKeys(list, file, firstLine, c, t.Elem())
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				checkKeys(list, file, firstLine, n.Content[i], t.Elem())
			}
		}
	}
}

// suggest returns the candidate closest to s when it is close enough to be a typo.
func suggest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editdist.Distance([]rune(strings.ToLower(s)), []rune(strings.ToLower(c)), bestDist); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// keyLine returns the line and column of the value of key in mapping m (1-based in
// the file), or of m itself when the key is absent.
func keyLine(m *yaml.Node, firstLine int, key string) (int, int) {
	if m == nil {
		return firstLine, 0
	}
	if m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				v := m.Content[i+1]
				return firstLine + v.Line - 1, v.Column
			}
		}
	}
	return firstLine + m.Line - 1, m.Column
}

// itemLine returns the position of item i of the sequence under key in mapping m.
func itemLine(m *yaml.Node, firstLine int, key string, i int) (int, int) {
	if m != nil && m.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(m.Content); j += 2 {
			if m.Content[j].Value == key {
				v := m.Content[j+1]
				if v.Kind == yaml.SequenceNode && i < len(v.Content) {
					return firstLine + v.Content[i].Line - 1, v.Content[i].Column
				}
			}
		}
	}
	return keyLine(m, firstLine, key)
}
