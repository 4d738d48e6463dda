package cloudformation

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// TestEveryRuleHasACloudFormationFix: a finding on a template shows a
// CloudFormation snippet, so every AWS rule has one for each kind it reads
// that a template can hold, and each snippet is real CloudFormation: it
// loads, as the Resources of a template, into a resource of that kind.
func TestEveryRuleHasACloudFormationFix(t *testing.T) {
	mapped := map[string]bool{}
	for _, m := range mapping {
		mapped[m.kind] = true
	}
	for _, k := range producedKinds {
		mapped[k] = true
	}
	var missing []string
	for _, r := range rules.All() {
		if r.Platform() != "aws" {
			continue
		}
		for _, kind := range r.Kinds {
			if !mapped[kind] {
				continue
			}
			fix := r.FixFor(&infra.Resource{Kind: kind, Origin: infra.OriginCloudFormation})
			if fix == "" {
				missing = append(missing, r.ID+" ("+kind+")")
				continue
			}
			checkCloudFormationFix(t, r.ID, kind, fix)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d rules have no CloudFormation fix for kinds a template can hold: %s", len(missing), strings.Join(missing, ", "))
	}
}

// replacingFixes are the (rule, kind) whose fix replaces the resource with
// resources of other kinds: a service on a standalone instance moves to an
// Auto Scaling group, so the snippet holds no instance. It must still load.
var replacingFixes = map[string]bool{
	"aws-compute-rollout (aws_instance)":        true,
	"aws-ec2-service-multi-az (aws_instance)":   true,
	"aws-ec2-standalone-service (aws_instance)": true,
}

func checkCloudFormationFix(t *testing.T, id, kind, fix string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n")
	for line := range strings.Lines(fix) {
		b.WriteString("  " + line)
	}
	comp, notes := File("fix.yaml", []byte(b.String()), nil)
	for _, n := range notes {
		if n.Kind == infra.NoteError {
			t.Errorf("%s: the CloudFormation fix for %s does not load: %s (line %d)\n%s", id, kind, n.Message, n.Line, fix)
			return
		}
	}
	if comp == nil || len(comp.Resources) == 0 ||
		!replacingFixes[id+" ("+kind+")"] && !slices.ContainsFunc(comp.Resources, func(r *infra.Resource) bool { return r.Kind == kind }) {
		t.Errorf("%s: the CloudFormation fix for %s holds no resource of that kind:\n%s", id, kind, fix)
	}
}
