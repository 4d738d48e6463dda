package scan

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

// TestWhatRunsOrStoresIsAlwaysJudged keeps the verdict semantics of
// docs/verdicts.md true: a component that runs compute gets a verdict (not
// n/a) on deploy, availability, scalability, metrics and logs, whatever
// else it lacks, and every data store gets one on backup. n/a is kept for
// items nothing in the component concerns.
func TestWhatRunsOrStoresIsAlwaysJudged(t *testing.T) {
	compute := []checklist.Item{checklist.Deploy, checklist.Availability, checklist.Scalability, checklist.Metrics, checklist.Logs}
	for _, shape := range []string{"ec2-service", "asg", "ecs", "eks", "lambda"} {
		t.Run(shape, func(t *testing.T) {
			judged := map[checklist.Item]bool{}
			for _, r := range shapeResults(t, shape) {
				judged[r.Rule.Item] = true
			}
			for _, it := range compute {
				if !judged[it] {
					t.Errorf("no rule judges %s for a component that runs compute (%s)", it, shape)
				}
			}
		})
	}
	t.Run("datastores", func(t *testing.T) {
		backedUp := map[string]bool{}
		all := map[string]bool{}
		for _, r := range shapeResults(t, "datastores") {
			all[r.Resource.Address] = true
			if r.Rule.Item == checklist.Backup {
				backedUp[r.Resource.Address] = true
			}
		}
		for a := range all {
			if !backedUp[a] {
				t.Errorf("no rule judges backup for the data store %s", a)
			}
		}
	})
}

func shapeResults(t *testing.T, shape string) []rules.Result {
	t.Helper()
	loaded := terraform.Load([]string{filepath.Join("testdata", "shapes", shape)}, terraform.Options{})
	if len(loaded.Components) != 1 {
		t.Fatalf("%s: want one component, got %d", shape, len(loaded.Components))
	}
	c := loaded.Components[0]
	var out []rules.Result
	for _, r := range rules.Run(c, infra.NewGraph(c.Resources)) {
		if r.Status != checklist.Waived && !r.Resource.IsSetting() {
			out = append(out, r)
		}
	}
	return out
}

// TestVerdictsDoc keeps docs/verdicts.md true: every rule it names exists,
// and the rules it lists for an item evidence that item.
func TestVerdictsDoc(t *testing.T) {
	data, err := os.ReadFile("../../docs/verdicts.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range regexp.MustCompile("`((?:aws|tf)-[a-z0-9-]+)`").FindAllStringSubmatch(string(data), -1) {
		if rules.Lookup(id[1]) == nil {
			t.Errorf("docs/verdicts.md names %s, which is not a rule", id[1])
		}
	}
	// The compute table: columns are deploy, availability, scalability, metrics, logs.
	cols := []checklist.Item{checklist.Deploy, checklist.Availability, checklist.Scalability, checklist.Metrics, checklist.Logs}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != len(cols)+1 || !strings.Contains(line, "`aws-") {
			continue
		}
		for i, cell := range cells[1:] {
			for _, id := range regexp.MustCompile("`([a-z0-9-]+)`").FindAllStringSubmatch(cell, -1) {
				if r := rules.Lookup(id[1]); r != nil && r.Item != cols[i] {
					t.Errorf("docs/verdicts.md lists %s under %s; it evidences %s", id[1], cols[i], r.Item)
				}
			}
		}
	}
}
