package kubernetes

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-args-secret",
		Item:     checklist.Security,
		Severity: checklist.Critical,
		Title:    "Secrets are not passed on a container's command line",
		Why: "A password in command or args is in the manifest, in the pod spec anyone with read access to " +
			"pods can see, and in every process listing on the node. Pass it through an environment variable " +
			"from a Secret (args can refer to it as $(VAR)) or a mounted file.",
		Fix: `env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef: {name: db-credentials, key: password}
args: ["--db-password=$(DB_PASSWORD)"]`,
		References: []string{doc("tasks/inject-data-application/distribute-credentials-secure/")},
		Kinds:      podKinds,
		Check:      checkArgsSecret,
	})
}

// secretFlag matches a command-line option that carries a secret's
// value: --password=…, -p … is too ambiguous and is not matched.
var secretFlag = regexp.MustCompile(`(?i)^--?([a-z0-9]+[-_.])*(password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key)(=(.*))?$`)

func checkArgsSecret(c *rules.Check) {
	failed := false
	for _, ct := range containers(c.R) {
		for _, field := range []string{"command", "args"} {
			words := ct.v.Get(field).List()
			for i, w := range words {
				m := secretFlag.FindStringSubmatch(str(w))
				if m == nil {
					continue
				}
				value, inline := m[4], m[3] != ""
				if !inline && i+1 < len(words) {
					value = str(words[i+1])
				}
				if value == "" || strings.HasPrefix(value, "-") || isReferenceValue(value) || strings.Contains(value, "$(") || strings.HasPrefix(value, "$") {
					continue
				}
				flag := str(w)
				if inline {
					flag = strings.SplitN(flag, "=", 2)[0]
				}
				c.Fail(ct.path+"."+field+"["+itoa(i)+"]", "container %s passes %s a literal value on its command line; read it from a Secret through an environment variable ($(VAR)) or a mounted file", ct.name, flag)
				failed = true
			}
		}
	}
	if !failed {
		c.Pass("no secret is passed on a command line")
	}
}
