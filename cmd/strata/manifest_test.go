package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/strata-health/strata/internal/headers"
	"github.com/strata-health/strata/internal/safeurl"
	"go.yaml.in/yaml/v3"
)

// TestKubernetesManifest checks the README's Kubernetes manifest field by field:
// the restricted Pod Security Standard, the probes on Strata's endpoints, the drain
// timing and the autoscaler's target.
func TestKubernetesManifest(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(readme, -1)
	var docs []map[string]any
	for _, b := range blocks {
		if !bytes.Contains(b[1], []byte("kind: Deployment")) {
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(b[1]))
		for {
			var d map[string]any
			if err := dec.Decode(&d); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	byKind := map[string]map[string]any{}
	for _, d := range docs {
		byKind[d["kind"].(string)] = d
	}
	for _, k := range []string{"Deployment", "Service", "HorizontalPodAutoscaler"} {
		if byKind[k] == nil {
			t.Fatalf("the manifest has no %s", k)
		}
	}
	// get walks a path of map keys and list indexes ("containers.0.name").
	get := func(d map[string]any, path string) any {
		var v any = d
		for _, p := range strings.Split(path, ".") {
			switch c := v.(type) {
			case map[string]any:
				v = c[p]
			case []any:
				i := int(p[0] - '0')
				if i >= len(c) {
					return nil
				}
				v = c[i]
			default:
				return nil
			}
		}
		return v
	}
	dep := byKind["Deployment"]
	pod := "spec.template.spec."
	ctr := pod + "containers.0."
	for path, want := range map[string]any{
		pod + "securityContext.runAsNonRoot":             true,
		pod + "securityContext.runAsUser":                65532,
		pod + "securityContext.seccompProfile.type":      "RuntimeDefault",
		pod + "automountServiceAccountToken":             false,
		ctr + "securityContext.allowPrivilegeEscalation": false,
		ctr + "securityContext.readOnlyRootFilesystem":   true,
		ctr + "securityContext.runAsNonRoot":             true,
		ctr + "securityContext.capabilities.drop.0":      "ALL",
		ctr + "readinessProbe.httpGet.path":              "/readyz",
		ctr + "livenessProbe.httpGet.path":               "/healthz",
		ctr + "ports.0.containerPort":                    8080,
		ctr + "lifecycle.preStop.sleep.seconds":          5,
	} {
		if got := get(dep, path); got != want {
			t.Errorf("Deployment %s = %v, want %v", path, got, want)
		}
	}
	labels := get(dep, "spec.template.metadata.labels").(map[string]any)
	selector := get(dep, "spec.selector.matchLabels").(map[string]any)
	svcSelector := get(byKind["Service"], "spec.selector").(map[string]any)
	for k, v := range selector {
		if labels[k] != v || svcSelector[k] != v {
			t.Errorf("label %s=%v is not on the pods and in the Service selector", k, v)
		}
	}
	// The grace period must cover the preStop sleep, the drain and a request.
	drain, baseURL := "", ""
	for _, e := range get(dep, ctr+"env").([]any) {
		switch e.(map[string]any)["name"] {
		case "STRATA_DRAIN":
			drain = e.(map[string]any)["value"].(string)
		case "STRATA_BASE_URL":
			baseURL = e.(map[string]any)["value"].(string)
		}
	}
	// Canonical links, the sitemap and the feed need the public address.
	if _, err := safeurl.Base(baseURL); err != nil || safeurl.IsLocal(baseURL) || !strings.HasPrefix(baseURL, "https://") {
		t.Errorf("STRATA_BASE_URL %q is not a public https URL (%v)", baseURL, err)
	}
	grace := get(dep, pod+"terminationGracePeriodSeconds").(int)
	if d, err := time.ParseDuration(drain); err != nil || grace < 5+int(d.Seconds())+5 {
		t.Errorf("terminationGracePeriodSeconds %d does not cover preStop 5s + drain %q + 5s", grace, drain)
	}
	if get(dep, ctr+"resources.limits.memory") == nil {
		t.Error("no memory limit")
	}
	if get(byKind["Service"], "spec.ports.0.targetPort") != "http" {
		t.Error("the Service does not target the named port")
	}
	hpa := byKind["HorizontalPodAutoscaler"]
	if get(hpa, "spec.scaleTargetRef.name") != get(dep, "metadata.name") || get(hpa, "spec.minReplicas").(int) < 2 {
		t.Errorf("the autoscaler does not scale the Deployment with at least 2 replicas: %v", get(hpa, "spec"))
	}
}

// TestReadmeHostHeaders checks that the README's nginx and Caddy snippets ask for
// every header the server sends, with the same values.
func TestReadmeHostHeaders(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := func(lang string) string {
		_, rest, ok := strings.Cut(string(readme), "```"+lang+"\n")
		if !ok {
			t.Fatalf("README has no %s block", lang)
		}
		b, _, _ := strings.Cut(rest, "```")
		return b
	}
	nginx, caddy := block("nginx"), block("caddy")
	for _, h := range append(slices.Clone(headers.Security), headers.HSTS) {
		quoted := h.Value
		if strings.ContainsAny(quoted, " ;") {
			quoted = `"` + quoted + `"`
		}
		if !strings.Contains(nginx, "add_header "+h.Name+" "+quoted+" always;") {
			t.Errorf("the nginx snippet lacks %s: %s", h.Name, quoted)
		}
		if !strings.Contains(caddy, "\t"+h.Name+" "+quoted+"\n") {
			t.Errorf("the Caddy snippet lacks %s: %s", h.Name, quoted)
		}
	}
}
