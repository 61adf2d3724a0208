package cite

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// yamlNames are the yaml keys of a struct's fields.
func yamlNames(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// Every field of Reference is a CSL variable of the schema, and Name has exactly
// the schema's name parts.
func TestFieldsAreSchemaVariables(t *testing.T) {
	for _, name := range yamlNames(reflect.TypeFor[Reference]()) {
		if _, ok := variables[name]; !ok && !slices.Contains(Extensions, name) {
			t.Errorf("Reference field %q is not a CSL variable", name)
		}
	}
	got := yamlNames(reflect.TypeFor[Name]())
	slices.Sort(got)
	if !slices.Equal(got, nameParts) {
		t.Errorf("Name fields %v, schema name parts %v", got, nameParts)
	}
	if len(variables) < 100 || len(itemTypes) < 40 {
		t.Errorf("the schema gave %d variables and %d types", len(variables), len(itemTypes))
	}
}

// sampleValue is a value of the schema's type for a variable, in YAML.
func sampleValue(k kind) string {
	switch k {
	case kindNames:
		return "[{family: Poll, given: Tom, non-dropping-particle: van der, dropping-particle: de, suffix: Jr, comma-suffix: true, static-ordering: false, parse-names: false}, {literal: Org}]"
	case kindDate:
		return "{date-parts: [[2020, 3, 4]], season: 1, circa: false}"
	case kindStrings:
		return "[a, b]"
	case kindObject:
		return "{short_id: xyz}"
	case kindStringOrNumber:
		return "12"
	}
	return "text"
}

// An item with every variable of the schema, each with a value of its type, and
// Strata's extension keys, loads and passes Check.
func TestCheckEveryVariable(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: all\ntype: book\n")
	for _, name := range Keys() {
		if name == "id" || name == "type" {
			continue
		}
		switch {
		case name == "status":
			b.WriteString("status: as-listed\n")
		case slices.Contains(Extensions, name):
			fmt.Fprintf(&b, "%s: {note: text}\n", name)
		default:
			fmt.Fprintf(&b, "%q: %s\n", name, sampleValue(variables[name]))
		}
	}
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &n); err != nil {
		t.Fatal(err)
	}
	if probs := Check(n.Content[0]); len(probs) > 0 {
		t.Errorf("problems: %+v", probs)
	}
	var r Reference
	if err := n.Content[0].Decode(&r); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if r.ISSN != "text" || r.Edition != "12" || r.Accessed.Year != 2020 || r.Editor[0].NonDroppingParticle != "van der" {
		t.Errorf("decoded %+v", r)
	}
	if _, ok := r.Other["abstract"]; !ok {
		t.Errorf("abstract not kept in Other: %v", r.Other)
	}
}

// The keys the issue found refused in a real CSL-YAML export are accepted.
func TestCheckZoteroKeys(t *testing.T) {
	for _, k := range strings.Fields("ISBN ISSN PMCID abstract accessed citation-key collection-title container-title-short edition editor journalAbbreviation keyword language note number number-of-pages publisher-place source") {
		if _, ok := variables[k]; !ok {
			t.Errorf("%s is not accepted", k)
		}
	}
}

func TestCheckProblems(t *testing.T) {
	tests := []struct {
		yaml, want, unknown string
	}{
		{"id: a\ntype: book\nISSNN: x\n", `3:1: unknown key "ISSNN": it is not a CSL variable`, "ISSNN"},
		{"id: a\ntype: journal-article\n", `2:7: "journal-article" is not a CSL item type`, "journal-article"},
		{"id: a\ntype: book\ntranslator: [{famly: X}]\n", `3:15: unknown name part "famly"`, "famly"},
		{"id: a\ntype: book\ntranslator: Smith\n", "3:13: translator must be a list of names", ""},
		{"id: a\ntype: book\nabstract: [a]\n", "3:11: abstract must be text", ""},
		{"id: a\ntype: book\ncategories: x\n", "3:13: categories must be a list of text", ""},
		{"id: a\ntype: book\nsubmitted: {date-parts: [[2020]], day: 3}\n", `3:12: submitted: line 3: unknown date key "day"`, ""},
		{"- a\n", "1:3: a reference is a mapping", ""},
	}
	for _, tt := range tests {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(tt.yaml), &n); err != nil {
			t.Fatal(err)
		}
		item := n.Content[0]
		if item.Kind == yaml.SequenceNode {
			item = item.Content[0]
		}
		probs := Check(item)
		if len(probs) != 1 {
			t.Errorf("%q: %d problems %+v, want 1", tt.yaml, len(probs), probs)
			continue
		}
		got := fmt.Sprintf("%d:%d: %s", probs[0].Line, probs[0].Col, probs[0].Message)
		if !strings.HasPrefix(got, tt.want) || probs[0].Unknown != tt.unknown {
			t.Errorf("%q:\n got %s (unknown %q)\nwant %s (unknown %q)", tt.yaml, got, probs[0].Unknown, tt.want, tt.unknown)
		}
	}
}
