package scan

import (
	"os"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/all"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
	"github.com/prodgrade/prodgrade/internal/source/tfjson"
)

// TestPlanEquivalence grades configurations from their .tf files alone and
// from their plans (made by Terraform from the same files): wherever the HCL
// value is known the results agree, and the plan settles what HCL leaves unknown.
func TestPlanEquivalence(t *testing.T) {
	cases := []struct {
		dir, plan string
		settled   int // HCL unknowns the plan must settle
	}{
		{"../../examples/production-grade", "../source/tfjson/testdata/examples/production-grade.plan.json", 0},
		{"../../examples/first-try", "../source/tfjson/testdata/examples/first-try.plan.json", 0},
		{"../source/tfjson/testdata/src/settles", "../source/tfjson/testdata/settles.plan.json", 3},
	}
	for _, tc := range cases {
		t.Run(tc.dir, func(t *testing.T) {
			loaded := terraform.Load([]string{tc.dir}, terraform.Options{})
			if len(loaded.Components) != 1 {
				t.Fatalf("want one component, got %d", len(loaded.Components))
			}
			hcl := loaded.Components[0]
			data, err := os.ReadFile(tc.plan)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := tfjson.Load(tc.plan, data)
			if err != nil {
				t.Fatal(err)
			}
			merged := tfjson.Merge(hcl, plan)
			// Every resource the .tf files define, with a known count, is in the plan.
			// (A resource whose count HCL could not know is graded once as
			// "aws_x.y"; the plan has its instances "aws_x.y[0]", ….)
			inPlan := map[string]bool{}
			for _, r := range merged.Resources {
				inPlan[r.Address] = true
				if i := strings.LastIndexByte(r.Address, '['); i > 0 {
					inPlan[r.Address[:i]] = true
				}
			}
			for _, r := range hcl.Resources {
				if !r.IsSetting() && !inPlan[r.Address] {
					t.Errorf("%s is in the .tf files but not graded from the plan", r.Address)
				}
			}
			hclRes := outcomes(rules.Run(hcl, infra.NewGraph(hcl.Resources)))
			planRes := outcomes(rules.Run(merged, infra.NewGraph(merged.Resources)))

			settled := 0
			for key, h := range hclRes {
				p, ok := planRes[key]
				if !ok {
					continue // the plan expands differently (an unknown count)
				}
				switch {
				case h == checklist.Unknown && p != checklist.Unknown:
					settled++
				case h != checklist.Unknown && p != h:
					t.Errorf("%s: HCL says %s, the plan says %s", key, h, p)
				}
			}
			if settled != tc.settled {
				t.Errorf("the plan settled %d HCL unknowns, want %d", settled, tc.settled)
			}
			for key, p := range planRes {
				if p == checklist.Unknown {
					t.Errorf("%s: still unknown with the plan", key)
				}
			}
			hv, pv := verdicts(hcl), verdicts(merged)
			for _, it := range checklist.Items {
				if hv[it] != checklist.Unverified && hv[it] != pv[it] {
					t.Errorf("%s: HCL verdict %s, plan verdict %s", it, hv[it], pv[it])
				}
			}
			for _, r := range rules.Run(merged, infra.NewGraph(merged.Resources)) {
				if r.Status == checklist.Fail && (!strings.HasSuffix(r.Loc.File, ".tf") || r.Loc.Line == 0) {
					t.Errorf("%s %s: a finding from the plan must point at the .tf file, got %s", r.Rule.ID, r.Resource.Address, r.Loc)
				}
			}
		})
	}
}

// outcomes folds results per rule and resource: fail beats unknown beats pass.
func outcomes(rs []rules.Result) map[string]checklist.Status {
	rank := map[checklist.Status]int{checklist.Pass: 1, checklist.Waived: 1, checklist.Unknown: 2, checklist.Fail: 3}
	out := map[string]checklist.Status{}
	for _, r := range rs {
		k := r.Rule.ID + " " + r.Resource.Address
		if rank[r.Status] > rank[out[k]] {
			out[k] = r.Status
		}
	}
	return out
}

func verdicts(c *infra.Component) map[checklist.Item]checklist.Verdict {
	var tallies = map[checklist.Item]*checklist.Tally{}
	for _, it := range checklist.Items {
		tallies[it] = &checklist.Tally{}
	}
	for _, r := range rules.Run(c, infra.NewGraph(c.Resources)) {
		tallies[r.Rule.Item].Add(r.Status, r.Rule.Severity)
	}
	out := map[checklist.Item]checklist.Verdict{}
	for it, t := range tallies {
		out[it] = t.Decide()
	}
	return out
}

// TestPlanAlone grades a plan without its .tf files: what plan JSON does not
// record (backend, required_version) is unknown, never a fail, and tags
// come from tags_all.
func TestPlanAlone(t *testing.T) {
	const name = "../source/tfjson/testdata/examples/production-grade.plan.json"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := tfjson.Load(name, data)
	if err != nil {
		t.Fatal(err)
	}
	c := plan.Components[0]
	for _, r := range rules.Run(c, infra.NewGraph(c.Resources)) {
		switch {
		case r.Status == checklist.Fail:
			t.Errorf("%s %s: %s", r.Rule.ID, r.Resource.Address, r.Message)
		case r.Rule.ID == "aws-resource-tags" && r.Status != checklist.Pass:
			t.Errorf("%s: tags_all is in the plan, got %s", r.Resource.Address, r.Status)
		}
	}
}
