package cite

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The CSL 1.0.2 data schema (citation-style-language/schema, schemas/input/
// csl-data.json; see schema/README.md): the names and types of every CSL variable.
//
//go:embed schema/csl-data.json
var cslSchema []byte

// Extensions are Strata's own keys in references.yaml, beside the CSL variables:
// whether a reference was verified, what was checked, and a correction. They are
// not CSL variables ("status" is also one, a string) and are left out of exports.
var Extensions = []string{"status", "checked", "correction"}

// kind is the type of a CSL variable in the schema.
type kind int

const (
	kindString kind = iota
	kindStringOrNumber
	kindNames
	kindDate
	kindStrings // an array of strings (categories)
	kindObject  // custom
)

var (
	// variables maps each CSL variable of the schema to its kind.
	variables = map[string]kind{}
	// itemTypes are the CSL item types.
	itemTypes []string
	// nameParts are the keys of a CSL name.
	nameParts []string
	// typed are the keys that Reference has a field for (the decoder checks their
	// types; Check checks the others).
	typed = map[string]bool{}
)

func init() {
	var s struct {
		Items struct {
			Properties map[string]struct {
				Type  any      `json:"type"`
				Enum  []string `json:"enum"`
				Ref   string   `json:"$ref"`
				Items struct {
					Ref string `json:"$ref"`
				} `json:"items"`
			} `json:"properties"`
		} `json:"items"`
		Definitions struct {
			Name struct {
				AnyOf []struct {
					Properties map[string]any `json:"properties"`
				} `json:"anyOf"`
			} `json:"name-variable"`
		} `json:"definitions"`
	}
	if err := json.Unmarshal(cslSchema, &s); err != nil {
		panic("cite: the embedded CSL schema does not parse: " + err.Error())
	}
	for name, p := range s.Items.Properties {
		switch {
		case p.Ref == "#/definitions/date-variable":
			variables[name] = kindDate
		case p.Items.Ref == "#/definitions/name-variable":
			variables[name] = kindNames
		case p.Type == "array":
			variables[name] = kindStrings
		case p.Type == "object":
			variables[name] = kindObject
		case p.Type == "string":
			variables[name] = kindString
		default:
			variables[name] = kindStringOrNumber
		}
		if name == "type" {
			itemTypes = p.Enum
		}
	}
	for _, a := range s.Definitions.Name.AnyOf {
		for k := range a.Properties {
			nameParts = append(nameParts, k)
		}
	}
	slices.Sort(nameParts)
	t := reflect.TypeFor[Reference]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" {
			typed[name] = true
		}
	}
}

// Keys returns every key a reference may have: the CSL variables and Strata's
// extensions, sorted, for "did you mean" suggestions.
func Keys() []string {
	keys := slices.Concat(Extensions)
	for k := range variables {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// Problem is something wrong in one reference of a CSL-YAML file, at a line and
// column of the file. Unknown is set when the problem is an unknown key or value,
// with the Candidates it may be a typo of.
type Problem struct {
	Line, Col  int
	Message    string
	Unknown    string
	Candidates []string
}

// Check checks one CSL-YAML item against the CSL data schema: that its keys are
// CSL variables or Strata extensions, that its type is a CSL type, and that the
// variables Reference has no field for have the schema's types (a string or
// number, a list of names with CSL name parts, a date, a list of strings). The
// types of the fields of Reference are checked when the item is decoded.
func Check(item *yaml.Node) []Problem {
	if item.Kind != yaml.MappingNode {
		return []Problem{{Line: item.Line, Col: item.Column, Message: "a reference is a mapping of CSL variables (id: ..., type: ..., title: ...)"}}
	}
	var out []Problem
	bad := func(n *yaml.Node, format string, args ...any) {
		out = append(out, Problem{Line: n.Line, Col: n.Column, Message: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		name := k.Value
		if slices.Contains(Extensions, name) {
			continue
		}
		kd, ok := variables[name]
		if !ok {
			out = append(out, Problem{Line: k.Line, Col: k.Column, Message: fmt.Sprintf("unknown key %q: it is not a CSL variable", name), Unknown: name, Candidates: Keys()})
			continue
		}
		if name == "type" && v.Kind == yaml.ScalarNode && !slices.Contains(itemTypes, v.Value) {
			out = append(out, Problem{Line: v.Line, Col: v.Column, Message: fmt.Sprintf("%q is not a CSL item type", v.Value), Unknown: v.Value, Candidates: itemTypes})
			continue
		}
		if typed[name] {
			continue
		}
		switch kd {
		case kindString, kindStringOrNumber:
			if v.Kind != yaml.ScalarNode {
				bad(v, "%s must be text", name)
			}
		case kindStrings:
			if v.Kind != yaml.SequenceNode {
				bad(v, "%s must be a list of text", name)
			}
		case kindObject:
			if v.Kind != yaml.MappingNode {
				bad(v, "%s must be a mapping", name)
			}
		case kindDate:
			var d Date
			if err := v.Decode(&d); err != nil {
				msg := strings.TrimPrefix(err.Error(), "yaml: ")
				if te, ok := err.(*yaml.TypeError); ok {
					msg = strings.Join(te.Errors, "; ")
				}
				bad(v, "%s: %s", name, msg)
			}
		case kindNames:
			if v.Kind != yaml.SequenceNode {
				bad(v, "%s must be a list of names ({family: ..., given: ...} or {literal: ...})", name)
				continue
			}
			for _, n := range v.Content {
				if n.Kind != yaml.MappingNode {
					bad(n, "a name in %s must be {family: ..., given: ...} or {literal: ...}", name)
					continue
				}
				for j := 0; j+1 < len(n.Content); j += 2 {
					if part := n.Content[j]; !slices.Contains(nameParts, part.Value) {
						out = append(out, Problem{Line: part.Line, Col: part.Column,
							Message: fmt.Sprintf("unknown name part %q (a CSL name has %s)", part.Value, strings.Join(nameParts, ", ")), Unknown: part.Value, Candidates: nameParts})
					}
				}
			}
		}
	}
	return out
}
