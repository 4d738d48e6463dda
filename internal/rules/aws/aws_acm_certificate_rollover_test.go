package aws

import (
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// A plan or a state does not record lifecycle blocks: a certificate read
// from one is unknown, never a fail for a create_before_destroy it may have.
func TestACMRolloverFromPlan(t *testing.T) {
	rule := rules.Lookup("aws-acm-certificate-rollover")
	for _, origin := range []string{"plan", "state"} {
		r := &infra.Resource{Kind: "aws_acm_certificate", Address: "aws_acm_certificate.www", Origin: origin,
			Attrs: infra.ObjectValue([]infra.Field{{Name: "domain_name", Value: infra.StringValue("www.example.com")}})}
		res := rules.RunOne(rule, r, infra.NewGraph([]*infra.Resource{r}), nil)
		if len(res) != 1 || res[0].Status != checklist.Unknown || !strings.Contains(res[0].Message, "lifecycle") {
			t.Errorf("%s: got %+v, want one unknown about lifecycle", origin, res)
		}
	}
}
