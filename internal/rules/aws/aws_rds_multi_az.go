package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "RDS database instances run Multi-AZ with a standby in a second zone",
		Why: "A Single-AZ database is down for as long as its host or zone is: a hardware failure, " +
			"a zone outage or even a storage scaling event becomes an outage of everything that uses it. " +
			"Multi-AZ fails over to a synchronous standby in another zone in a minute or two.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  multi_az = true
}`,
		References: []string{
			doc("aws_db_instance") + "#multi_az-1",
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
			"CKV_AWS_157",
		},
		Kinds: []string{"aws_db_instance"},
		Check: func(c *rules.Check) {
			if isAurora(c) {
				return // Aurora spreads the cluster's instances over zones instead
			}
			// multi_az is Optional+Computed; CreateDBInstance's MultiAZ defaults to false.
			on, ok := boolAt(c, "multi_az", false)
			switch {
			case !ok:
			case on:
				c.Pass("multi_az is true")
			case c.R.Attrs.Get("multi_az").IsNull():
				c.Fail("multi_az", "multi_az is not set, so the instance runs in one zone; set multi_az = true")
			default:
				c.Fail("multi_az", "multi_az is false; set multi_az = true")
			}
		},
	})
}
