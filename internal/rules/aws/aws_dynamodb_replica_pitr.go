package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-dynamodb-replica-pitr",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "DynamoDB global table replicas have point-in-time recovery enabled",
		Why: "Point-in-time recovery is a setting of each regional table, not of the global table: the table's " +
			"own point_in_time_recovery block covers only the region it is created in, and every replica keeps no " +
			"history unless it enables PITR itself. When the primary region is down, which is when a global table " +
			"earns its keep, a bad write or a faulty migration run against a replica cannot be undone. AWS Config " +
			"and Security Hub (DynamoDB.2) judge each replica in its own region.",
		Fix: `resource "aws_dynamodb_table" "orders" {
  # ...
  point_in_time_recovery {
    enabled = true
  }
  replica {
    region_name            = "us-east-1"
    point_in_time_recovery = true
  }
}`,
		Fixes: map[string]string{
			"aws_dynamodb_table_replica": `resource "aws_dynamodb_table_replica" "orders_us" {
  provider               = aws.us
  global_table_arn       = aws_dynamodb_table.orders.arn
  point_in_time_recovery = true
}`,
		},
		// A template's replicas are those of an AWS::DynamoDB::GlobalTable
		// (mapped onto aws_dynamodb_table's replica blocks).
		CloudFormationFix: `Orders:
  Type: AWS::DynamoDB::GlobalTable
  Properties:
    # ...
    Replicas:
      - Region: eu-west-1
        PointInTimeRecoverySpecification:
          PointInTimeRecoveryEnabled: true
      - Region: us-east-1
        PointInTimeRecoverySpecification:
          PointInTimeRecoveryEnabled: true # PITR is per replica: each keeps its own history
`,
		References: []string{
			doc("aws_dynamodb_table"),
			doc("aws_dynamodb_table_replica"),
			"https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
			"https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2",
		},
		Kinds: []string{"aws_dynamodb_table", "aws_dynamodb_table_replica"},
		Check: checkDynamoDBReplicaPITR,
	})
}

func checkDynamoDBReplicaPITR(c *rules.Check) {
	// point_in_time_recovery of a replica (a replica block, or an
	// aws_dynamodb_table_replica): "Whether to enable Point In Time Recovery
	// for the replica. Default is false." (provider docs).
	if c.R.Kind == "aws_dynamodb_table_replica" {
		requireBool(c, boolWant{
			path: "point_in_time_recovery", def: false, want: true,
			pass:      "point_in_time_recovery is true",
			fail:      "point_in_time_recovery is false, so this replica keeps no history; set it to true",
			failUnset: "point_in_time_recovery is not set (false by default), so this replica keeps no history; set it to true",
		})
		return
	}
	reps := c.R.Attrs.Blocks("replica")
	if len(reps) == 0 {
		return // not a global table
	}
	var off []infra.Value
	for _, rep := range reps {
		if !rep.IsKnown() {
			c.Unknown("replica", rep)
			return
		}
		p := rep.Get("point_in_time_recovery")
		if !p.IsKnown() {
			c.Unknown("replica.point_in_time_recovery", p)
			return
		}
		if b, _ := p.Bool(); !b {
			// A dynamic block over a collection with no value shows as
			// one replica whose values are unknown: there may be none.
			if rn := rep.Get("region_name"); !rn.IsKnown() {
				c.Unknown("replica.region_name", rn)
				return
			}
			off = append(off, rep)
		}
	}
	if len(off) == 0 {
		c.Pass("all %s enable point_in_time_recovery", plural(len(reps), "replica"))
		return
	}
	for _, rep := range off {
		region := knownStr(rep.Get("region_name"))
		p := rep.Get("point_in_time_recovery")
		if p.IsNull() {
			c.FailAt(c.R.LocOf(rep), "the replica in %s does not set point_in_time_recovery (false by default), so it keeps no history; set it to true", region)
		} else {
			c.FailAt(c.R.LocOf(p), "the replica in %s sets point_in_time_recovery to false, so it keeps no history; set it to true", region)
		}
	}
}
