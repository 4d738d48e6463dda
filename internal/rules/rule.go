// Package rules defines what a rule is, keeps the registry every platform
// package adds its rules to, and runs rules against a component.
//
// A rule is a promise: when it fails, there is a real gap on the way to
// production, and its Fix says what to change. See ../shared/RULES.md.
package rules

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// Rule is one requirement of the checklist.
type Rule struct {
	// ID is stable forever: <platform>-<service>-<concept>.
	ID       string
	Item     checklist.Item
	Severity checklist.Severity
	// Title states the requirement positively.
	Title string
	// Why is the production consequence of not meeting it.
	Why string
	// Fix is the smallest change that passes, as a snippet in the resource's language.
	Fix string
	// Fixes holds the snippet for kinds whose fix is written differently
	// (a launch template's volume_type where a volume has type, an Aurora
	// cluster's second instance where an RDS instance has multi_az), so a
	// finding never shows a fix for another kind. Kinds not listed use Fix.
	Fixes map[string]string
	// CloudFormationFix and CloudFormationFixes are Fix and Fixes for a
	// resource from a CloudFormation template (SAM and CDK output
	// included): a YAML snippet of the resource with the properties to set.
	// A finding on a template shows one of these or no fix at all, never a
	// Terraform snippet its reader cannot paste.
	CloudFormationFix   string
	CloudFormationFixes map[string]string
	// References are documentation URLs and equivalent peer check ids
	// ("CKV_AWS_133", "AVD-AWS-0077").
	References []string
	// Kinds are the resource kinds the rule runs on; it never runs on anything else.
	Kinds []string
	// CrossResource marks rules that look beyond the resource itself, through the graph.
	CrossResource bool
	// Params are the thresholds the rule judges by, with their defaults, so
	// a configuration (a tier, a team's policy) can change them without code.
	// A check reads them with Check.Param.
	Params []Param
	// Check inspects one resource and records pass, fail or unknown results on c.
	// Recording nothing means the rule does not apply to this resource.
	Check func(c *Check)
}

// FixFor returns the fix snippet for res, in the language of the file it
// came from; "" when the rule has none in that language.
func (r *Rule) FixFor(res *infra.Resource) string {
	if res.Origin == infra.OriginCloudFormation {
		if f, ok := r.CloudFormationFixes[res.Kind]; ok {
			return f
		}
		return r.CloudFormationFix
	}
	if f, ok := r.Fixes[res.Kind]; ok {
		return f
	}
	return r.Fix
}

// Platform is the rule's platform, taken from its id prefix.
func (r *Rule) Platform() string {
	p, _, _ := strings.Cut(r.ID, "-")
	switch p {
	case "tf":
		return "terraform"
	case "k8s":
		return "kubernetes"
	case "docker":
		return "dockerfile"
	}
	return p
}

// Param is a threshold a rule declares.
type Param struct {
	// Name is the parameter's key in configuration: "min_days".
	Name    string
	Default float64
	// Doc says what the value means and why the default is what it is.
	Doc string
}

// Params are parameter values set for one run, by rule id and then by
// parameter name; a parameter not set takes its default.
type Params map[string]map[string]float64

var (
	mu       sync.RWMutex
	registry = map[string]*Rule{}
	byKind   = map[string][]*Rule{}
)

var idPattern = regexp.MustCompile(`^(aws|tf|k8s|compose|docker|shell|packer|ansible)-[a-z0-9]+(-[a-z0-9]+)+$`)

// Register adds a rule. It panics on a malformed or duplicate rule: that is a
// programming error, found by the first test run.
func Register(r *Rule) {
	switch {
	case !idPattern.MatchString(r.ID):
		panic(fmt.Sprintf("rule id %q is not <platform>-<service>-<concept> in kebab-case", r.ID))
	case !r.Item.Valid():
		panic(fmt.Sprintf("rule %s: unknown checklist item %q", r.ID, r.Item))
	case r.Title == "" || r.Why == "" || r.Fix == "":
		panic(fmt.Sprintf("rule %s: title, why and fix are required", r.ID))
	case strings.Contains(r.Title, "(cross-resource)"):
		panic(fmt.Sprintf("rule %s: the title must not say (cross-resource); catalogs add it from CrossResource", r.ID))
	case len(r.Kinds) == 0 || r.Check == nil:
		panic(fmt.Sprintf("rule %s: kinds and a check function are required", r.ID))
	}
	for _, fixes := range []map[string]string{r.Fixes, r.CloudFormationFixes} {
		for k := range fixes {
			if !slices.Contains(r.Kinds, k) {
				panic(fmt.Sprintf("rule %s: a fix for kind %q, which the rule does not apply to", r.ID, k))
			}
		}
	}
	for i, p := range r.Params {
		if p.Name == "" || p.Doc == "" || slices.ContainsFunc(r.Params[:i], func(q Param) bool { return q.Name == p.Name }) {
			panic(fmt.Sprintf("rule %s: parameter %q needs a unique name and a doc", r.ID, p.Name))
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := registry[r.ID]; dup {
		panic(fmt.Sprintf("rule %s registered twice", r.ID))
	}
	registry[r.ID] = r
	for _, k := range r.Kinds {
		byKind[k] = append(byKind[k], r)
		sort.Slice(byKind[k], func(i, j int) bool { return byKind[k][i].ID < byKind[k][j].ID })
	}
}

// All returns every registered rule, sorted by id.
func All() []*Rule {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with id, or nil.
func Lookup(id string) *Rule {
	mu.RLock()
	defer mu.RUnlock()
	return registry[id]
}

// ForKind returns the rules that apply to a resource kind, sorted by id.
func ForKind(kind string) []*Rule {
	mu.RLock()
	defer mu.RUnlock()
	return byKind[kind]
}

// Result is the outcome of one rule on one resource.
type Result struct {
	Rule     *Rule
	Resource *infra.Resource
	Status   checklist.Status
	// Message says what is wrong (fail), what was looked at (pass), or what
	// could not be resolved (unknown). It never contains a secret's value.
	Message string
	// Loc points at the offending attribute, or at the block where a required
	// attribute is missing.
	Loc infra.Location
	// Expr and Why describe the unresolved expression of an unknown result.
	Expr, Why string
	// Attr is the attribute path the result is about ("multi_az",
	// "spec.template.spec.containers[0].image"); for an attribute of
	// another resource, that resource's address, a colon and the path. It
	// is part of a finding's identity (its fingerprint), which must not
	// change when lines move, so it is recorded beside Loc rather than
	// derived from it. A result recorded at an explicit location (FailAt)
	// has no path: its Attr is a stand-in, "~" and the message with its
	// numbers normalised (see MessageKey). "" for a result about the
	// resource as a whole.
	Attr string
}
