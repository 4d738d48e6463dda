package kubernetes

import (
	"strconv"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-env-duplicate",
		Item:     checklist.Configure,
		Severity: checklist.Medium,
		Title:    "A container sets each environment variable once",
		Why: "When a container's env lists a name twice, Kubernetes silently keeps the last value: the " +
			"configuration a reader sees first is not the one the process gets, and a later edit to the " +
			"first entry has no effect.",
		Fix: `env:
  - name: LOG_LEVEL
    value: info      # once`,
		References: []string{
			doc("tasks/inject-data-application/define-environment-variable-container/"),
			"kube-score: environment-variable-key-duplication",
		},
		Kinds: podKinds,
		Check: func(c *rules.Check) {
			failed := false
			for _, ct := range containers(c.R) {
				seen := map[string]bool{}
				for i, e := range ct.v.Get("env").List() {
					name := str(e.Get("name"))
					if seen[name] {
						c.Fail(ct.path+".env["+strconv.Itoa(i)+"]", "container %s sets %s more than once; only the last value takes effect", ct.name, name)
						failed = true
					}
					seen[name] = true
				}
			}
			if !failed {
				c.Pass("no container sets an environment variable twice")
			}
		},
	})
}
