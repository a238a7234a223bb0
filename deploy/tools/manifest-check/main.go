// Command manifest-check validates rendered Kubernetes manifests offline and
// strictly: no cluster, no network.
//
//	kustomize build deploy/k8s/overlays/prod | \
//	  manifest-check -crds build/tools/crds -
//
// Built-in kinds are decoded into the k8s.io/api Go types with unknown and
// duplicate fields rejected (case-sensitive, like the API server's strict
// field validation). Custom resources are checked against the OpenAPI v3
// schema of their CustomResourceDefinition (YAML files in -crds): unknown
// fields, wrong types, missing required fields and enum violations fail.
// A kind that is neither built in nor covered by a CRD fails too.
//
// Exit status: 0 when every document is valid, 1 otherwise (each problem is
// printed as "<kind>/<name>: <path>: <message>"), 2 on usage errors.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsyaml "sigs.k8s.io/yaml"
)

func main() {
	crdDir := flag.String("crds", "", "directory of CustomResourceDefinition YAML files")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: manifest-check [-crds DIR] FILE|- ...\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	crds := NewCRDIndex()
	if *crdDir != "" {
		if err := crds.LoadDir(*crdDir); err != nil {
			fmt.Fprintf(os.Stderr, "manifest-check: %v\n", err)
			os.Exit(2)
		}
	}
	var problems []string
	docs := 0
	for _, arg := range flag.Args() {
		var r io.Reader
		if arg == "-" {
			r = os.Stdin
		} else {
			f, err := os.Open(arg)
			if err != nil {
				fmt.Fprintf(os.Stderr, "manifest-check: %v\n", err)
				os.Exit(2)
			}
			defer f.Close()
			r = f
		}
		n, p, err := checkStream(r, crds)
		if err != nil {
			fmt.Fprintf(os.Stderr, "manifest-check: %s: %v\n", arg, err)
			os.Exit(1)
		}
		docs += n
		problems = append(problems, p...)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if docs == 0 {
		fmt.Println("no documents found")
		os.Exit(1)
	}
	if len(problems) > 0 {
		fmt.Printf("%d document(s), %d problem(s)\n", docs, len(problems))
		os.Exit(1)
	}
	fmt.Printf("%d document(s) valid\n", docs)
}

// checkStream validates every YAML document in r and returns how many it saw.
func checkStream(r io.Reader, crds *CRDIndex) (int, []string, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	var problems []string
	n := 0
	for {
		raw, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return n, problems, nil
		}
		if err != nil {
			return n, problems, err
		}
		if len(bytes.TrimSpace(stripComments(raw))) == 0 {
			continue
		}
		n++
		problems = append(problems, checkDocument(raw, crds)...)
	}
}

func stripComments(doc []byte) []byte {
	var out [][]byte
	for _, line := range bytes.Split(doc, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] == '#' || string(t) == "---" {
			continue
		}
		out = append(out, line)
	}
	return bytes.Join(out, []byte("\n"))
}

func checkDocument(raw []byte, crds *CRDIndex) []string {
	js, err := sigsyaml.YAMLToJSONStrict(raw)
	if err != nil {
		return []string{fmt.Sprintf("?: yaml: %v", err)}
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := sigsyaml.Unmarshal(raw, &head); err != nil {
		return []string{fmt.Sprintf("?: %v", err)}
	}
	id := fmt.Sprintf("%s/%s", head.Kind, head.Metadata.Name)
	var problems []string
	add := func(format string, args ...interface{}) {
		problems = append(problems, id+": "+fmt.Sprintf(format, args...))
	}
	if head.APIVersion == "" || head.Kind == "" {
		add("apiVersion and kind are required")
		return problems
	}
	if head.Metadata.Name == "" {
		add("metadata.name is required")
	}
	if errs := checkBuiltin(head.APIVersion, head.Kind, js); errs != nil {
		for _, e := range errs {
			add("%s", e)
		}
		return problems
	}
	schema, ok := crds.Schema(head.APIVersion, head.Kind)
	if !ok {
		group, version, _ := strings.Cut(head.APIVersion, "/")
		if served, known := crds.ServedVersions(group, head.Kind); known && version != "" {
			add("apiVersion %s: the CRD of %s serves %s, not %s", head.APIVersion, head.Kind,
				strings.Join(served, ", "), version)
			return problems
		}
		add("unknown kind %s %s: neither built in nor in a CRD", head.APIVersion, head.Kind)
		return problems
	}
	for _, e := range checkCustomResource(js, schema) {
		add("%s", e)
	}
	return problems
}

// sortedKeys returns the keys of m in order, for stable messages.
func sortedKeys(m map[string]interface{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// yamlFiles lists *.yaml and *.yml files below dir.
func yamlFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
