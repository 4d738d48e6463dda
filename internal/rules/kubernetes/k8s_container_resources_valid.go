package kubernetes

import (
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-container-resources-valid",
		Item:     checklist.Performance,
		Severity: checklist.High,
		Title:    "Resource requests are not above their limits, and memory is not written in thousandths of a byte",
		Why: "The API server refuses a pod whose request for a resource is above its limit, so the deploy fails. " +
			"memory: 512m is accepted but means 0.512 bytes, not megabytes: a limit that kills the container at " +
			"start, or a request that reserves nothing. (A value that is no quantity at all, such as 512MB, is " +
			"an input error of the manifest.)",
		Fix: `resources:
  requests: {cpu: 250m, memory: 256Mi}
  limits: {memory: 512Mi}   # Mi/Gi for memory; m for thousandths of a CPU`,
		References: []string{doc("concepts/configuration/manage-resources-containers/#meaning-of-memory")},
		Kinds:      podKinds,
		Check:      checkResourcesValid,
	})
}

// checkResourcesValid parses every request and limit as the API server
// does, compares each request with the limit of the same resource, and
// fails a memory value under a kibibyte, such as 512m (a slip for Mi).
// The source already reports values that do not parse for the typed
// kinds; the parse failure here serves the others (Argo Rollouts).
func checkResourcesValid(c *rules.Check) {
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	checked, noPass := 0, false
	for _, ct := range cts {
		parsed := map[string]resource.Quantity{}
		for _, kind := range []string{"requests", "limits"} {
			for _, f := range ct.v.Get("resources." + kind).Fields() {
				at := ct.path + ".resources." + kind + "." + f.Name
				if !f.Value.IsKnown() {
					c.Unknown(at, f.Value)
					noPass = true
					continue
				}
				s, _ := f.Value.Str()
				checked++
				q, err := resource.ParseQuantity(s)
				if err != nil || f.Value.Kind() == infra.Bool {
					c.Fail(at, "%s %s of %s is %q, which is not a Kubernetes quantity (use Mi or Gi for memory, m or whole numbers for CPU)", f.Name, kind, ct.label(), s)
					noPass = true
					continue
				}
				if f.Name == "memory" && q.Cmp(resource.MustParse("1Ki")) < 0 {
					c.Fail(at, "memory %s of %s is %s, less than a kibibyte (m means thousandths); write Mi for mebibytes", kind, ct.label(), s)
					noPass = true
					continue
				}
				parsed[kind+"."+f.Name] = q
			}
		}
		for key, req := range parsed {
			name, isReq := strings.CutPrefix(key, "requests.")
			if !isReq {
				continue
			}
			if lim, ok := parsed["limits."+name]; ok && req.Cmp(lim) > 0 {
				c.Fail(ct.path+".resources.requests."+name, "%s requests more %s (%s) than its limit (%s); the API server refuses the pod", ct.label(), name, req.String(), lim.String())
				noPass = true
			}
		}
	}
	if !noPass && checked > 0 {
		c.Pass("every request and limit is a valid quantity, requests within limits")
	}
}
