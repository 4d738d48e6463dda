package kubernetes

import (
	"fmt"
	"testing"
)

// TestPromSelectors checks the PromQL lexer on the shapes alert
// expressions take.
func TestPromSelectors(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`up == 0`, `[up]`},
		{`up{job="web"} == 0`, `[up job="web"]`},
		{`sum by (namespace, job) (rate(http_requests_total{code=~"5..", namespace!="dev"}[5m])) > 1`,
			`[http_requests_total code=~"5.." namespace!="dev"]`},
		{`vector(1)`, `[]`},
		{`absent(up{job='api'}) offset 5m`, `[up job="api"]`},
		{`{__name__="up", pod=~"web-.*"} < 1 # comment {job="x"}`, `[ __name__="up" pod=~"web-.*"]`},
		{"kube_deployment_status_replicas_available{deployment=`web`} / on(namespace) group_left kube_deployment_spec_replicas < 0.5",
			`[kube_deployment_status_replicas_available deployment="web" kube_deployment_spec_replicas]`},
		{`label_replace(up, "x", "$1", "job", "(.*)")`, `[up]`},
		{`up{job=~"web\\..*"}`, `[up job=~"web\..*"]`},
	} {
		var got []string
		for _, s := range promSelectors(tc.expr) {
			x := s.metric
			for _, m := range s.matchers {
				x += " " + m.label + m.op + `"` + m.value + `"`
			}
			got = append(got, x)
		}
		if g := fmt.Sprintf("%v", got); g != tc.want {
			t.Errorf("promSelectors(%q) = %s, want %s", tc.expr, g, tc.want)
		}
	}
}

// TestIdentityCovers checks which selectors concern a workload.
func TestIdentityCovers(t *testing.T) {
	id := identity{ns: "shop", jobs: []string{"web-svc", "web"}, name: "web", apps: []string{"web", "nginx"}}
	for _, tc := range []struct {
		expr     string
		specific bool
		generic  bool
	}{
		{`up{job="web-svc"} == 0`, true, false},
		{`up{job="api"} == 0`, false, false},
		{`up{namespace="shop"} == 0`, true, false},
		{`up{namespace="shop", job="api"} == 0`, false, false},
		{`kube_pod_container_status_restarts_total{pod=~"web-.*"} > 3`, true, false},
		{`kube_pod_container_status_restarts_total{pod=~"webshop-.*"} > 3`, false, false},
		{`kube_statefulset_replicas{statefulset="web"} < 1`, true, false},
		{`up{job!="batch"} == 0`, true, false},
		{`up == 0`, false, true},
		{`rate(errors_total{code=~"5.."}[5m]) > 1`, false, true},
		{`vector(1)`, false, false},
		{`up{job=~"(unclosed"} == 0`, false, false},
	} {
		spec, gen := id.covers(promSelectors(tc.expr))
		if (spec != "") != tc.specific || gen != tc.generic {
			t.Errorf("%s: specific %q, generic %v; want specific %v, generic %v", tc.expr, spec, gen, tc.specific, tc.generic)
		}
	}
}
