package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-probe-settings",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Probe timings are valid and leave the check time to answer",
		Why: "The API server refuses a liveness or startup probe with a successThreshold other than 1. A probe " +
			"whose timeoutSeconds is not below its periodSeconds starts the next check before the last one has " +
			"timed out, so a slow moment counts several failures at once and restarts a container that was " +
			"only busy.",
		Fix: `livenessProbe:
  httpGet: {path: /live, port: 8080}
  periodSeconds: 10
  timeoutSeconds: 2       # below periodSeconds
  successThreshold: 1     # the only value liveness and startup probes accept`,
		References: []string{doc("tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes")},
		Kinds:      longRunningKinds,
		Check:      checkProbeSettings,
	})
}

func checkProbeSettings(c *rules.Check) {
	if runsToCompletion(c.R) {
		return
	}
	cts, ok := podContainers(c)
	if !ok {
		return
	}
	probes, noPass := 0, false
	for _, ct := range cts {
		if !runsWithApp(ct) {
			continue
		}
		for _, field := range probeFields {
			p := ct.v.Get(field)
			if p.IsNull() {
				continue
			}
			at := ct.path + "." + field
			if pt, v, found := firstUnknown(p, at); found {
				c.Unknown(pt, v)
				noPass = true
				continue
			}
			probes++
			if n, ok := p.Get("successThreshold").Number(); ok && n != 1 && field != "readinessProbe" {
				c.Fail(at+".successThreshold", "the %s of %s has successThreshold %d; the API server accepts only 1 for it", field, ct.label(), int(n))
				noPass = true
			}
			period, timeout := 10.0, 1.0 // the defaults
			if n, ok := p.Get("periodSeconds").Number(); ok {
				period = n
			}
			if n, ok := p.Get("timeoutSeconds").Number(); ok {
				timeout = n
			}
			if timeout >= period {
				failNear(c, at+".timeoutSeconds", "the %s of %s times out after %ds but runs every %ds, so checks overlap and one slow moment counts as several failures; keep timeoutSeconds below periodSeconds", field, ct.label(), int(timeout), int(period))
				noPass = true
			}
		}
	}
	if !noPass && probes > 0 {
		c.Pass("every probe's timings are valid")
	}
}
