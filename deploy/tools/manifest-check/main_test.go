package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A CRD in the shape Strimzi 1.x installs: v1 served and stored, v1beta2
// still listed but no longer served.
const widgetCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.dev
spec:
  group: example.dev
  names:
    kind: Widget
    plural: widgets
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size:
                  type: integer
                  minimum: 1
                operations:
                  type: array
                  items:
                    type: string
                    enum: [Read, Write]
    - name: v1beta2
      served: false
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`

func widgetIndex(t *testing.T) *CRDIndex {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "widgets.yaml"), []byte(widgetCRD), 0o644); err != nil {
		t.Fatal(err)
	}
	crds := NewCRDIndex()
	if err := crds.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
	return crds
}

func check(t *testing.T, crds *CRDIndex, doc string) []string {
	t.Helper()
	n, problems, err := checkStream(strings.NewReader(doc), crds)
	if err != nil || n != 1 {
		t.Fatalf("checkStream: %d documents, err %v", n, err)
	}
	return problems
}

func TestServedVersionIsValid(t *testing.T) {
	p := check(t, widgetIndex(t), `apiVersion: example.dev/v1
kind: Widget
metadata: {name: w}
spec: {size: 3, operations: [Read, Write]}
`)
	if len(p) != 0 {
		t.Fatalf("want no problems, got %q", p)
	}
}

func TestVersionTheCRDDoesNotServeIsRejected(t *testing.T) {
	crds := widgetIndex(t)
	for _, version := range []string{"v1beta2", "v1alpha1"} {
		p := check(t, crds, "apiVersion: example.dev/"+version+"\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n")
		want := "Widget/w: apiVersion example.dev/" + version + ": the CRD of Widget serves v1, not " + version
		if len(p) != 1 || p[0] != want {
			t.Errorf("%s: want [%q], got %q", version, want, p)
		}
	}
	if v, ok := crds.ServedVersions("example.dev", "Widget"); !ok || strings.Join(v, ",") != "v1" {
		t.Errorf("ServedVersions = %v, %v; want [v1], true", v, ok)
	}
}

func TestUnknownKindIsRejected(t *testing.T) {
	p := check(t, widgetIndex(t), "apiVersion: example.dev/v1\nkind: Gadget\nmetadata: {name: g}\n")
	if len(p) != 1 || !strings.Contains(p[0], "unknown kind example.dev/v1 Gadget") {
		t.Fatalf("got %q", p)
	}
}

func TestSchemaViolationsAreNamed(t *testing.T) {
	p := check(t, widgetIndex(t), `apiVersion: example.dev/v1
kind: Widget
metadata: {name: w}
spec: {sizes: 3, operations: [Read, Delete]}
`)
	joined := strings.Join(p, "\n")
	for _, want := range []string{
		".spec.sizes: unknown field",
		".spec.size: required field missing",
		".spec.operations[1]: Delete is not one of [Read Write]",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in:\n%s", want, joined)
		}
	}
}
