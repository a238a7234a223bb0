package main

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	sigsjson "sigs.k8s.io/json"
)

// builtinKinds maps "apiVersion/kind" to a constructor of its Go type.
var builtinKinds = map[string]func() interface{}{
	"v1/ConfigMap":                           func() interface{} { return &corev1.ConfigMap{} },
	"v1/Secret":                              func() interface{} { return &corev1.Secret{} },
	"v1/Service":                             func() interface{} { return &corev1.Service{} },
	"v1/ServiceAccount":                      func() interface{} { return &corev1.ServiceAccount{} },
	"v1/Namespace":                           func() interface{} { return &corev1.Namespace{} },
	"apps/v1/Deployment":                     func() interface{} { return &appsv1.Deployment{} },
	"apps/v1/StatefulSet":                    func() interface{} { return &appsv1.StatefulSet{} },
	"policy/v1/PodDisruptionBudget":          func() interface{} { return &policyv1.PodDisruptionBudget{} },
	"networking.k8s.io/v1/NetworkPolicy":     func() interface{} { return &networkingv1.NetworkPolicy{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() interface{} { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"rbac.authorization.k8s.io/v1/Role":      func() interface{} { return &rbacv1.Role{} },
	"rbac.authorization.k8s.io/v1/RoleBinding": func() interface{} {
		return &rbacv1.RoleBinding{}
	},
}

// checkBuiltin strictly decodes a built-in kind. It returns nil when the kind
// is not built in, and a non-nil (possibly empty) slice otherwise.
func checkBuiltin(apiVersion, kind string, js []byte) []string {
	ctor, ok := builtinKinds[apiVersion+"/"+kind]
	if !ok {
		return nil
	}
	obj := ctor()
	strict, err := sigsjson.UnmarshalStrict(js, obj, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
	problems := []string{}
	if err != nil {
		return append(problems, fmt.Sprintf("decode: %v", err))
	}
	for _, e := range strict {
		problems = append(problems, e.Error())
	}
	return append(problems, checkPodRules(obj)...)
}

// checkPodRules enforces what the API server's validation would reject and a
// few rules of our own for pod templates: names and images present, probes
// with a handler, non-root read-only containers with limits.
func checkPodRules(obj interface{}) []string {
	var spec *corev1.PodSpec
	switch o := obj.(type) {
	case *appsv1.Deployment:
		spec = &o.Spec.Template.Spec
		problems := checkSelector(o.Spec.Selector, o.Spec.Template.ObjectMeta)
		return append(problems, checkPodSpec(spec)...)
	case *appsv1.StatefulSet:
		spec = &o.Spec.Template.Spec
		problems := checkSelector(o.Spec.Selector, o.Spec.Template.ObjectMeta)
		if o.Spec.ServiceName == "" {
			problems = append(problems, "spec.serviceName is required")
		}
		return append(problems, checkPodSpec(spec)...)
	}
	return nil
}

func checkSelector(sel *metav1.LabelSelector, tmpl metav1.ObjectMeta) []string {
	if sel == nil || len(sel.MatchLabels) == 0 {
		return []string{"spec.selector.matchLabels is required"}
	}
	var problems []string
	for k, v := range sel.MatchLabels {
		if tmpl.Labels[k] != v {
			problems = append(problems, fmt.Sprintf("spec.selector: template lacks label %s=%s", k, v))
		}
	}
	return problems
}

func checkPodSpec(spec *corev1.PodSpec) []string {
	var problems []string
	if len(spec.Containers) == 0 {
		problems = append(problems, "spec.template.spec.containers: at least one container is required")
	}
	for i, c := range spec.Containers {
		at := fmt.Sprintf("spec.template.spec.containers[%d]", i)
		if c.Name == "" || c.Image == "" {
			problems = append(problems, at+": name and image are required")
		}
		if c.LivenessProbe == nil || c.LivenessProbe.HTTPGet == nil {
			problems = append(problems, at+": an HTTP livenessProbe is required")
		}
		if c.ReadinessProbe == nil || c.ReadinessProbe.HTTPGet == nil {
			problems = append(problems, at+": an HTTP readinessProbe is required")
		}
		if c.Resources.Limits.Memory().IsZero() || c.Resources.Requests.Cpu().IsZero() {
			problems = append(problems, at+": resources.requests.cpu and limits.memory are required")
		}
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
			sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot ||
			sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			problems = append(problems, at+": securityContext must set runAsNonRoot, readOnlyRootFilesystem and allowPrivilegeEscalation=false")
		}
		for j, e := range c.Env {
			if e.Name == "" {
				problems = append(problems, fmt.Sprintf("%s.env[%d]: name is required", at, j))
			}
		}
	}
	return problems
}
