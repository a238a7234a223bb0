package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
	sigsyaml "sigs.k8s.io/yaml"
)

// CRDIndex holds the OpenAPI v3 schema of every served CRD version, keyed by
// "group/version/Kind", and the served versions of every kind, keyed by
// "group/Kind", so that a manifest on a version its CRD does not serve (an
// old API such as kafka.strimzi.io/v1beta2) is named as such.
type CRDIndex struct {
	schemas map[string]map[string]interface{}
	served  map[string][]string
}

func NewCRDIndex() *CRDIndex {
	return &CRDIndex{schemas: map[string]map[string]interface{}{}, served: map[string][]string{}}
}

// LoadDir reads every CustomResourceDefinition below dir.
func (x *CRDIndex) LoadDir(dir string) error {
	files, err := yamlFiles(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, doc := range strings.Split(string(data), "\n---") {
			if err := x.add(f, []byte(doc)); err != nil {
				return err
			}
		}
	}
	if len(x.schemas) == 0 {
		return fmt.Errorf("no CRD schemas found in %s", dir)
	}
	return nil
}

func (x *CRDIndex) add(file string, doc []byte) error {
	var crd struct {
		Kind string `json:"kind"`
		Spec struct {
			Group string `json:"group"`
			Names struct {
				Kind string `json:"kind"`
			} `json:"names"`
			Versions []struct {
				Name   string `json:"name"`
				Served bool   `json:"served"`
				Schema struct {
					OpenAPIV3Schema map[string]interface{} `json:"openAPIV3Schema"`
				} `json:"schema"`
			} `json:"versions"`
		} `json:"spec"`
	}
	if err := sigsyaml.Unmarshal(doc, &crd); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	if crd.Kind != "CustomResourceDefinition" {
		return nil
	}
	kind := crd.Spec.Group + "/" + crd.Spec.Names.Kind
	if _, ok := x.served[kind]; !ok {
		x.served[kind] = []string{}
	}
	for _, v := range crd.Spec.Versions {
		if !v.Served || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		x.schemas[crd.Spec.Group+"/"+v.Name+"/"+crd.Spec.Names.Kind] = v.Schema.OpenAPIV3Schema
		x.served[kind] = append(x.served[kind], v.Name)
	}
	return nil
}

// ServedVersions returns the versions the CRD of group and kind serves, and
// whether any CRD defines that kind at all.
func (x *CRDIndex) ServedVersions(group, kind string) ([]string, bool) {
	v, ok := x.served[group+"/"+kind]
	return v, ok
}

// Schema returns the schema for apiVersion ("group/version") and kind.
func (x *CRDIndex) Schema(apiVersion, kind string) (map[string]interface{}, bool) {
	s, ok := x.schemas[apiVersion+"/"+kind]
	return s, ok
}

// checkCustomResource validates a custom resource (as JSON) against the
// structural schema of its CRD. metadata is decoded strictly as ObjectMeta.
func checkCustomResource(js []byte, schema map[string]interface{}) []string {
	var obj map[string]interface{}
	if err := json.Unmarshal(js, &obj); err != nil {
		return []string{err.Error()}
	}
	var problems []string
	if md, ok := obj["metadata"]; ok {
		raw, _ := json.Marshal(md)
		var meta metav1.ObjectMeta
		strict, err := sigsjson.UnmarshalStrict(raw, &meta, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
		if err != nil {
			problems = append(problems, "metadata: "+err.Error())
		}
		for _, e := range strict {
			problems = append(problems, "metadata: "+e.Error())
		}
	}
	rest := map[string]interface{}{}
	for k, v := range obj {
		if k != "apiVersion" && k != "kind" && k != "metadata" {
			rest[k] = v
		}
	}
	top := map[string]interface{}{}
	for k, v := range schema {
		top[k] = v
	}
	if props, ok := schema["properties"].(map[string]interface{}); ok {
		trimmed := map[string]interface{}{}
		for k, v := range props {
			if k != "apiVersion" && k != "kind" && k != "metadata" {
				trimmed[k] = v
			}
		}
		top["properties"] = trimmed
	}
	return append(problems, validate(rest, top, "")...)
}

// validate walks value against a structural OpenAPI v3 schema.
func validate(value interface{}, schema map[string]interface{}, path string) []string {
	at := path
	if at == "" {
		at = "."
	}
	fail := func(format string, args ...interface{}) []string {
		return []string{at + ": " + fmt.Sprintf(format, args...)}
	}
	if value == nil {
		if b, _ := schema["nullable"].(bool); b {
			return nil
		}
		return fail("null is not allowed")
	}
	preserve, _ := schema["x-kubernetes-preserve-unknown-fields"].(bool)
	if ios, _ := schema["x-kubernetes-int-or-string"].(bool); ios {
		switch v := value.(type) {
		case string:
			return nil
		case float64:
			if v != math.Trunc(v) {
				return fail("want an integer or a string, got %v", v)
			}
			return nil
		default:
			return fail("want an integer or a string, got %T", value)
		}
	}
	var problems []string
	typ, _ := schema["type"].(string)
	switch typ {
	case "object":
		m, ok := value.(map[string]interface{})
		if !ok {
			return fail("want an object, got %s", jsonType(value))
		}
		problems = append(problems, validateObject(m, schema, path, preserve)...)
	case "array":
		a, ok := value.([]interface{})
		if !ok {
			return fail("want an array, got %s", jsonType(value))
		}
		if n, ok := schema["minItems"].(float64); ok && float64(len(a)) < n {
			problems = append(problems, fmt.Sprintf("%s: at least %v items required", at, n))
		}
		if items, ok := schema["items"].(map[string]interface{}); ok {
			for i, e := range a {
				problems = append(problems, validate(e, items, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case "string":
		s, ok := value.(string)
		if !ok {
			return fail("want a string, got %s", jsonType(value))
		}
		if p, ok := schema["pattern"].(string); ok {
			if re, err := regexp.Compile(p); err == nil && !re.MatchString(s) {
				problems = append(problems, fail("%q does not match %s", s, p)...)
			}
		}
	case "integer":
		f, ok := value.(float64)
		if !ok || f != math.Trunc(f) {
			return fail("want an integer, got %v", value)
		}
		problems = append(problems, checkRange(f, schema, at)...)
	case "number":
		f, ok := value.(float64)
		if !ok {
			return fail("want a number, got %s", jsonType(value))
		}
		problems = append(problems, checkRange(f, schema, at)...)
	case "boolean":
		if _, ok := value.(bool); !ok {
			return fail("want a boolean, got %s", jsonType(value))
		}
	case "":
		if !preserve {
			if _, isObj := value.(map[string]interface{}); isObj && schema["properties"] != nil {
				problems = append(problems, validateObject(value.(map[string]interface{}), schema, path, false)...)
			}
		}
	}
	if enum, ok := schema["enum"].([]interface{}); ok {
		found := false
		for _, e := range enum {
			if fmt.Sprint(e) == fmt.Sprint(value) {
				found = true
			}
		}
		if !found {
			problems = append(problems, fail("%v is not one of %v", value, enum)...)
		}
	}
	problems = append(problems, checkAlternatives(value, schema, at)...)
	return problems
}

func validateObject(m map[string]interface{}, schema map[string]interface{}, path string, preserve bool) []string {
	var problems []string
	props, _ := schema["properties"].(map[string]interface{})
	for _, k := range sortedKeys(m) {
		child := path + "." + k
		if ps, ok := props[k].(map[string]interface{}); ok {
			problems = append(problems, validate(m[k], ps, child)...)
			continue
		}
		switch ap := schema["additionalProperties"].(type) {
		case map[string]interface{}:
			problems = append(problems, validate(m[k], ap, child)...)
			continue
		case bool:
			if ap {
				continue
			}
		}
		if !preserve {
			problems = append(problems, fmt.Sprintf("%s: unknown field", child))
		}
	}
	if req, ok := schema["required"].([]interface{}); ok {
		for _, r := range req {
			if _, ok := m[r.(string)]; !ok {
				problems = append(problems, fmt.Sprintf("%s.%s: required field missing", path, r))
			}
		}
	}
	return problems
}

func checkRange(f float64, schema map[string]interface{}, at string) []string {
	if min, ok := schema["minimum"].(float64); ok && f < min {
		return []string{fmt.Sprintf("%s: %v is below the minimum %v", at, f, min)}
	}
	if max, ok := schema["maximum"].(float64); ok && f > max {
		return []string{fmt.Sprintf("%s: %v is above the maximum %v", at, f, max)}
	}
	return nil
}

// checkAlternatives evaluates oneOf/anyOf branches by their "required" lists,
// which is how structural schemas (Strimzi's) use them.
func checkAlternatives(value interface{}, schema map[string]interface{}, at string) []string {
	m, ok := value.(map[string]interface{})
	if !ok {
		return nil
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		branches, ok := schema[key].([]interface{})
		if !ok {
			continue
		}
		matched := 0
		for _, b := range branches {
			bm, _ := b.(map[string]interface{})
			req, _ := bm["required"].([]interface{})
			all := true
			for _, r := range req {
				if _, ok := m[r.(string)]; !ok {
					all = false
				}
			}
			if all {
				matched++
			}
		}
		if matched == 0 || (key == "oneOf" && matched > 1) {
			return []string{fmt.Sprintf("%s: %s matches %d of %d alternatives", at, key, matched, len(branches))}
		}
	}
	return nil
}

func jsonType(v interface{}) string {
	switch v.(type) {
	case map[string]interface{}:
		return "object"
	case []interface{}:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}
