package kubernetes

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// TestDocs keeps docs/kubernetes.md true: every rule id it names exists,
// and the counts it gives (rules, cross-object rules, rules per item) are
// those of the catalog.
func TestDocs(t *testing.T) {
	data, err := os.ReadFile("../../../docs/kubernetes.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	byID := map[string]*rules.Rule{}
	cross := 0
	perItem := map[checklist.Item]int{}
	for _, r := range rules.All() {
		if r.Platform() != "kubernetes" {
			continue
		}
		byID[r.ID] = r
		perItem[r.Item]++
		if r.CrossResource {
			cross++
		}
	}
	for _, id := range regexp.MustCompile(`\bk8s-[a-z0-9-]*[a-z0-9]\b`).FindAllString(doc, -1) {
		if byID[id] == nil {
			t.Errorf("docs/kubernetes.md names %s, which is not a rule", id)
		}
	}
	want := fmt.Sprintf("%d rules, %d of them cross-object", len(byID), cross)
	if !strings.Contains(doc, want) {
		t.Errorf("docs/kubernetes.md should say %q", want)
	}
	for item, n := range perItem {
		row := regexp.MustCompile(`(?m)^\| ([a-z, ]*\b` + string(item) + `\b[a-z, ]*) \| ([^|]*) \|`)
		m := row.FindStringSubmatch(doc)
		if m == nil {
			t.Errorf("docs/kubernetes.md has no row for %s", item)
			continue
		}
		if got := strings.TrimSuffix(strings.TrimSpace(m[2]), " each"); got != fmt.Sprint(n) {
			t.Errorf("docs/kubernetes.md gives %s %s rules; the catalog has %d", item, got, n)
		}
	}
}
