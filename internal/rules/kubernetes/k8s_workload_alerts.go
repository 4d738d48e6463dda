package kubernetes

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-workload-alerts",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "Alerting rules cover every service",
		Why: "Metrics that no alert watches reach a person only when someone happens to look at a dashboard: " +
			"a service that is down, erroring or saturated is reported by its users, and the outage lasts " +
			"as long as it takes them to complain.",
		Fix: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: web
spec:
  groups:
    - name: web
      rules:
        - alert: WebDown
          expr: up{job="web"} == 0       # job is the Service's name with a ServiceMonitor
          for: 5m
          labels: {severity: page}`,
		References: []string{
			"https://prometheus-operator.dev/docs/developer/alerting/",
			"https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/",
		},
		Kinds:         serviceKinds,
		CrossResource: true,
		Check:         checkWorkloadAlerts,
	})
}

// checkWorkloadAlerts looks for an alerting rule (a PrometheusRule rule
// with alert:, not a recording rule) whose expression concerns the
// workload.
//
// An expression concerns it when one of its selectors matches it on every
// label that identifies a workload (namespace, job or service, pod,
// deployment/statefulset/daemonset, container, app) — for instance
// up{job="web"}, or {namespace="shop"} which covers every workload of the
// namespace. A generic expression, whose selectors name none of these
// labels (up == 0, rate(http_requests_total{code=~"5.."}[5m]) > 1),
// counts for every workload of its PrometheusRule's namespace: Prometheus
// evaluates it over every series, and the operator's enforcedNamespaceLabel,
// when set, scopes it to exactly that namespace. An expression with no
// selector at all (vector(1), the always-firing Watchdog) concerns nothing.
// PrometheusRules are namespace-wide objects, visible to every application
// of their namespace; those of other namespaces count only when the
// component can see them and they name the workload.
func checkWorkloadAlerts(c *rules.Check) {
	id := workloadIdentity(c)
	var generic, other []string
	for _, pr := range c.Graph.OfKind(kindPromRule) {
		for _, g := range pr.Attrs.Get("spec.groups").List() {
			for _, r := range g.Get("rules").List() {
				alert := str(r.Get("alert"))
				expr := r.Get("expr")
				if alert == "" || !expr.IsKnown() {
					continue
				}
				switch specific, isGeneric := id.covers(promSelectors(str(expr))); {
				case specific != "":
					c.Pass("alert %s of %s concerns it (%s)", alert, pr.Address, specific)
					return
				case isGeneric && pr.Namespace == c.R.Namespace:
					generic = append(generic, alert, pr.Address)
				case !isGeneric:
					other = append(other, pr.Address)
				}
			}
		}
	}
	if len(generic) > 0 {
		c.Pass("alert %s of %s selects no particular job, so it covers every workload of namespace %s", generic[0], generic[1], c.R.Namespace)
		return
	}
	msg := "no PrometheusRule alerts on %s: looked for alert expressions selecting namespace %s, job %s or its pods, and for alerts without such selectors in a PrometheusRule of namespace %s"
	args := []any{c.R.Address, c.R.Namespace, strings.Join(id.jobs, " or "), c.R.Namespace}
	if len(other) > 0 {
		msg += "; the alerts of %s do not select it"
		args = append(args, other[0])
	}
	c.Fail("", msg, args...)
}

// identity is what tells a workload's series apart: the values its
// identifying labels may take.
type identity struct {
	ns   string
	jobs []string // job and service labels: the Services that select it, and its own name
	name string   // the workload's name: deployment, statefulset… labels, and pod name prefixes
	apps []string // app labels and container names
}

func workloadIdentity(c *rules.Check) identity {
	id := identity{ns: c.R.Namespace, name: c.R.Name}
	for _, svc := range referrers(c, kindService) {
		id.jobs = append(id.jobs, svc.Name)
	}
	// A PodMonitor's job is <namespace>/<PodMonitor name>.
	for _, pm := range referrers(c, kindPodMonitor) {
		id.jobs = append(id.jobs, pm.Namespace+"/"+pm.Name)
	}
	id.jobs = append(id.jobs, c.R.Name)
	labels := k8s.PodLabels(c.R)
	for _, k := range []string{"app", "app.kubernetes.io/name", "app.kubernetes.io/instance"} {
		if v := labels[k]; v != "" {
			id.apps = append(id.apps, v)
		}
	}
	for _, ct := range containers(c.R) {
		id.apps = append(id.apps, ct.name)
	}
	id.apps = append(id.apps, c.R.Name)
	return id
}

// Identifying labels, by what their values name.
var (
	promNamespaceLabels = map[string]bool{"namespace": true, "exported_namespace": true, "kubernetes_namespace": true}
	promJobLabels       = map[string]bool{"job": true, "service": true, "exported_job": true, "exported_service": true}
	promPodLabels       = map[string]bool{"pod": true, "pod_name": true, "kubernetes_pod_name": true, "exported_pod": true}
	promWorkloadLabels  = map[string]bool{"deployment": true, "statefulset": true, "daemonset": true, "replicaset": true,
		"rollout": true, "workload": true, "created_by_name": true, "owner_name": true}
	promAppLabels = map[string]bool{"app": true, "app_kubernetes_io_name": true, "app_kubernetes_io_instance": true,
		"label_app": true, "label_app_kubernetes_io_name": true, "container": true}
)

// candidates are the values an identifying label may take for the
// workload; nil for a label that identifies nothing.
func (id identity) candidates(label string) []string {
	switch {
	case promNamespaceLabels[label]:
		return []string{id.ns}
	case promJobLabels[label]:
		return id.jobs
	case promPodLabels[label]:
		// Pods of a StatefulSet are <name>-<ordinal>; of a Deployment,
		// <name>-<pod-template-hash>-<suffix>; of a DaemonSet, <name>-<suffix>.
		return []string{id.name + "-0", id.name + "-7c9d8b6f5d-x2x9z", id.name + "-x2x9z"}
	case promWorkloadLabels[label]:
		return []string{id.name, id.name + "-7c9d8b6f5d"}
	case promAppLabels[label]:
		return id.apps
	}
	return nil
}

// covers judges an expression's selectors: specific names the matchers by
// which one selector selects the workload; generic is true when no
// selector names an identifying label (and there is at least one).
func (id identity) covers(sels []promSelector) (specific string, generic bool) {
	generic = len(sels) > 0
	for _, s := range sels {
		matched, identifying := []string{}, false
		all := true
		for _, m := range s.matchers {
			cands := id.candidates(m.label)
			if cands == nil {
				continue
			}
			identifying = true
			if !m.matchesAny(cands) {
				all = false
				break
			}
			matched = append(matched, m.label+m.op+`"`+m.value+`"`)
		}
		if identifying {
			generic = false
			if all {
				return strings.Join(matched, ","), false
			}
		}
	}
	return "", generic
}

// promMatcher is one label matcher of a PromQL selector.
type promMatcher struct{ label, op, value string }

// matchesAny reports whether the matcher holds for one of the values. A
// regular expression is anchored, as in PromQL; one Go cannot read holds
// for none.
func (m promMatcher) matchesAny(values []string) bool {
	var re *regexp.Regexp
	if m.op == "=~" || m.op == "!~" {
		var err error
		if re, err = regexp.Compile("^(?:" + m.value + ")$"); err != nil {
			return false
		}
	}
	for _, v := range values {
		switch m.op {
		case "=":
			if v == m.value {
				return true
			}
		case "!=":
			if v != m.value {
				return true
			}
		case "=~":
			if re.MatchString(v) {
				return true
			}
		case "!~":
			if !re.MatchString(v) {
				return true
			}
		}
	}
	return false
}

// promSelector is one vector selector of a PromQL expression.
type promSelector struct {
	metric   string
	matchers []promMatcher
}

// promKeywords are PromQL words that are not metric names: operators,
// modifiers, and the aggregations, which may be followed by "by (…)"
// rather than by their parenthesis.
var promKeywords = map[string]bool{
	"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true,
	"bool": true, "and": true, "or": true, "unless": true, "offset": true, "atan2": true,
	"start": true, "end": true, "inf": true, "nan": true,
	"sum": true, "min": true, "max": true, "avg": true, "group": true, "stddev": true, "stdvar": true,
	"count": true, "count_values": true, "bottomk": true, "topk": true, "quantile": true,
	"limitk": true, "limit_ratio": true,
}

// promSelectors finds the vector selectors of a PromQL expression: a
// metric name, a {…} of matchers, or both. It is a lexer, not a parser:
// function names (followed by "("), keywords, the label lists of by/on
// and their kin, ranges and string arguments are skipped.
func promSelectors(expr string) []promSelector {
	var out []promSelector
	i, n := 0, len(expr)
	skipSpace := func(j int) int {
		for j < n && strings.ContainsRune(" \t\r\n", rune(expr[j])) {
			j++
		}
		return j
	}
	for i < n {
		ch := expr[i]
		switch {
		case ch == '#':
			for i < n && expr[i] != '\n' {
				i++
			}
		case ch == '"' || ch == '\'' || ch == '`':
			_, i = promString(expr, i)
		case ch == '[':
			for i < n && expr[i] != ']' {
				i++
			}
			i++
		case ch == '{':
			var ms []promMatcher
			ms, i = promMatchers(expr, i)
			out = append(out, promSelector{matchers: ms})
		case promIdentStart(ch):
			j := i
			for j < n && promIdentChar(expr[j]) {
				j++
			}
			word := expr[i:j]
			k := skipSpace(j)
			lower := strings.ToLower(word)
			switch {
			case lower == "by" || lower == "without" || lower == "on" || lower == "ignoring" ||
				lower == "group_left" || lower == "group_right":
				// Skip the label list that follows.
				if k < n && expr[k] == '(' {
					for k < n && expr[k] != ')' {
						k++
					}
					j = k + 1
				}
			case promKeywords[lower]:
			case k < n && expr[k] == '(':
				// A function call.
			case k < n && expr[k] == '{':
				var ms []promMatcher
				ms, j = promMatchers(expr, k)
				out = append(out, promSelector{metric: word, matchers: ms})
			default:
				out = append(out, promSelector{metric: word})
			}
			i = j
		case ch >= '0' && ch <= '9' || ch == '.':
			// A number or a duration.
			for i < n && (promIdentChar(expr[i]) || expr[i] == '.') {
				i++
			}
		default:
			i++
		}
	}
	return out
}

// promMatchers reads the matchers of a {…} starting at expr[i] == '{'
// and returns them with the index after the closing brace.
func promMatchers(expr string, i int) ([]promMatcher, int) {
	var out []promMatcher
	n := len(expr)
	i++
	for i < n && expr[i] != '}' {
		if !promIdentStart(expr[i]) && expr[i] != '"' {
			i++
			continue
		}
		var label string
		if expr[i] == '"' { // a quoted label name (Prometheus 3)
			label, i = promString(expr, i)
		} else {
			j := i
			for j < n && promIdentChar(expr[j]) {
				j++
			}
			label, i = expr[i:j], j
		}
		for i < n && expr[i] == ' ' {
			i++
		}
		op := ""
		for _, o := range []string{"=~", "!~", "!=", "="} {
			if strings.HasPrefix(expr[i:], o) {
				op = o
				break
			}
		}
		if op == "" { // a bare metric name inside braces ({"metric"}) or junk
			continue
		}
		i += len(op)
		for i < n && expr[i] == ' ' {
			i++
		}
		if i < n && (expr[i] == '"' || expr[i] == '\'' || expr[i] == '`') {
			var v string
			v, i = promString(expr, i)
			out = append(out, promMatcher{label, op, v})
		}
	}
	return out, i + 1
}

// promString reads a quoted string starting at expr[i] and returns its
// text (escapes kept simple: a backslash keeps the next character) and
// the index after it.
func promString(expr string, i int) (string, int) {
	q := expr[i]
	var b strings.Builder
	i++
	for i < len(expr) && expr[i] != q {
		if expr[i] == '\\' && q != '`' && i+1 < len(expr) {
			i++
			switch expr[i] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			}
			// A regexp escape (\\.) stays an escape for the regexp.
			if expr[i] != q && expr[i] != '\\' {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(expr[i])
		i++
	}
	return b.String(), i + 1
}

func promIdentStart(c byte) bool {
	return c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func promIdentChar(c byte) bool { return promIdentStart(c) || c >= '0' && c <= '9' }
