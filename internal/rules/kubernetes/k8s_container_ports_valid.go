package kubernetes

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-ports-valid",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Container ports have unique, valid names and numbers",
		Why: "Services, probes and NetworkPolicies find a container's port by its name. The API server refuses a " +
			"pod whose port has no containerPort or one outside 1–65535, a name longer than 15 characters or not " +
			"lower-case letters, digits and dashes, or two ports of one container with the same name. Names " +
			"repeated across the containers of a pod, or one number declared twice, make named lookups " +
			"ambiguous: a Service or probe may reach the wrong container.",
		Fix: `ports:
- name: http          # at most 15 characters: a-z, 0-9 and '-', with a letter
  containerPort: 8080
- name: metrics
  containerPort: 9090`,
		References: []string{
			doc("reference/kubernetes-api/workload-resources/pod-v1/#ports"),
			"kube-score: container-ports-check",
		},
		Kinds: podKinds,
		Check: checkContainerPorts,
	})
}

// portName is IANA_SVC_NAME, the form Kubernetes validates port names
// against: 1–15 characters of a-z, 0-9 and '-', at least one letter, no
// leading, trailing or doubled '-'.
var (
	portName   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$`)
	portLetter = regexp.MustCompile(`[a-z]`)
)

func validPortName(s string) bool {
	return portName.MatchString(s) && portLetter.MatchString(s) && !strings.Contains(s, "--")
}

// checkContainerPorts validates port names and looks for names and
// number/protocol pairs declared twice across the pod's containers (they
// share one network namespace).
func checkContainerPorts(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	names := map[string]string{}   // name → where first declared
	numbers := map[string]string{} // "8080/TCP" → where first declared
	declared, failed := 0, false
	for _, ct := range cts {
		ports := ct.v.Get("ports")
		if !ports.IsKnown() {
			c.Unknown(ct.path+".ports", ports)
			return
		}
		for i, p := range ports.List() {
			at := fmt.Sprintf("%s.ports[%d]", ct.path, i)
			if pt, v, found := firstUnknown(p, at); found {
				c.Unknown(pt, v)
				return
			}
			declared++
			if name := str(p.Get("name")); name != "" {
				switch {
				case !validPortName(name):
					c.Fail(at+".name", "port name %q of %s is not valid (1–15 characters of a-z, 0-9 and '-', with a letter), so the API server refuses the pod", name, ct.label())
					failed = true
				case names[name] != "":
					c.Fail(at+".name", "port name %q of %s is already used at %s, so lookups by name are ambiguous (within one container the API server refuses it); give each port its own name", name, ct.label(), names[name])
					failed = true
				default:
					names[name] = at
				}
			}
			n, isNum := p.Get("containerPort").Number()
			if !isNum || n < 1 || n > 65535 {
				failNear(c, at+".containerPort", "a port of %s has no containerPort from 1 to 65535, so the API server refuses the pod; give its number", ct.label())
				failed = true
				continue
			}
			proto := str(p.Get("protocol"))
			if proto == "" {
				proto = "TCP"
			}
			key := fmt.Sprintf("%d/%s", int(n), proto)
			if first := numbers[key]; first != "" && !ct.init {
				c.Fail(at+".containerPort", "port %s of %s is already declared at %s; declare each port once", key, ct.label(), first)
				failed = true
			} else if !ct.init {
				numbers[key] = at
			}
		}
	}
	if !failed && declared > 0 {
		c.Pass("every declared port has a valid, unique name and number")
	}
}
