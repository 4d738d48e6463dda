package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-storage-autoscaling",
		Item:     checklist.Scalability,
		Severity: checklist.Medium,
		Title:    "RDS instances grow their storage on their own (max_allocated_storage)",
		Why: "A database that fills its disk stops accepting writes, and the whole service with it. Storage " +
			"autoscaling grows the volume before that happens, up to max_allocated_storage, with no downtime.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  allocated_storage     = 100
  max_allocated_storage = 500   # above allocated_storage
}`,
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    AllocatedStorage: "100"
    MaxAllocatedStorage: 500 # above AllocatedStorage
`,
		References: []string{doc("aws_db_instance"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.StorageTypes.html#USER_PIOPS.Autoscaling"},
		Kinds:      []string{"aws_db_instance"},
		Check: func(c *rules.Check) {
			if isAurora(c) || isReplica(c) {
				return // Aurora storage grows by itself; a replica follows its source
			}
			maxV, ok := read(c, "max_allocated_storage")
			if !ok {
				return
			}
			allocated, ok := numAt(c, "allocated_storage", 0)
			if !ok {
				return
			}
			max, isNum := maxV.Number()
			switch {
			case maxV.IsNull() || isNum && max == 0:
				c.Fail("allocated_storage", "storage autoscaling is off (max_allocated_storage is not set), so a full disk stops writes; set max_allocated_storage above allocated_storage")
			case isNum && max <= allocated:
				c.Fail("max_allocated_storage", "max_allocated_storage (%s) is not above allocated_storage (%s), so the storage cannot grow; raise it", num(max), num(allocated))
			default:
				c.Pass("storage grows up to %s GiB", num(max))
			}
		},
	})
}
