package cloudformation

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules"
)

// ruleFixtures is where the shared rule test (rulestest) finds each AWS
// rule's cases: testdata/<rule-id>/<case>/.
const ruleFixtures = "../../rules/aws/testdata"

// TestEveryRuleHasACloudFormationFixture: every AWS rule serves templates
// too, so every rule that reads a kind a template can hold is graded on a
// template in the shared rule test: its testdata holds a case directory
// named cloudformation…, sam… or cdk…, whose Pass…/Fail…/Unknown…/Skip…
// resources say what it must report.
func TestEveryRuleHasACloudFormationFixture(t *testing.T) {
	mapped := map[string]bool{}
	for _, m := range mapping {
		mapped[m.kind] = true
	}
	for _, k := range producedKinds {
		mapped[k] = true
	}
	var missing []string
	n := 0
	for _, r := range rules.All() {
		if r.Platform() != "aws" || !readsMapped(r, mapped) {
			continue
		}
		n++
		if !hasTemplateCase(t, filepath.Join(ruleFixtures, r.ID)) {
			missing = append(missing, r.ID)
		}
	}
	if n == 0 {
		t.Fatal("no AWS rule reads a kind a template can hold: are the rules registered?")
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d AWS rules that read kinds a template can hold have no CloudFormation fixtures; add %s/<rule-id>/cloudformation/template.yaml (or a sam… or cdk… case) with Pass…/Fail… resources for: %s",
			len(missing), n, "internal/"+strings.TrimPrefix(ruleFixtures, "../../"), strings.Join(missing, ", "))
	}
}

func readsMapped(r *rules.Rule, mapped map[string]bool) bool {
	for _, k := range r.Kinds {
		if mapped[k] {
			return true
		}
	}
	return false
}

// hasTemplateCase reports a case directory of dir named for a template front
// end. A rule without a testdata directory has none (rulestest fails it
// on its own).
func hasTemplateCase(t *testing.T, dir string) bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !os.IsNotExist(err) {
			t.Errorf("%s: %v", dir, err)
		}
		return false
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		for _, p := range []string{"cloudformation", "sam", "cdk"} {
			if strings.HasPrefix(e.Name(), p) {
				return true
			}
		}
	}
	return false
}
