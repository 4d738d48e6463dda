package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "RDS databases keep a standby or replica in a second availability zone",
		Why: "A Single-AZ database is down for as long as its host or zone is: a hardware failure, " +
			"a zone outage or even a storage scaling event becomes an outage of everything that uses it. " +
			"Multi-AZ fails over to a synchronous standby in another zone in a minute or two.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  multi_az = true
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `# An Aurora cluster fails over to a reader in another zone: run at least two
# instances (or keep readers with an aws_appautoscaling_target, min_capacity >= 1).
resource "aws_rds_cluster_instance" "main" {
  count              = 2
  cluster_identifier = aws_rds_cluster.main.id
  instance_class     = "db.r7g.large"
  engine             = aws_rds_cluster.main.engine
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    MultiAZ: true # a standby in a second zone takes over in about a minute
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `# An Aurora cluster fails over to a reader in another zone: run at least two
# instances (or keep readers with an AWS::ApplicationAutoScaling::ScalableTarget,
# MinCapacity >= 1).
Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
ClusterInstanceA:
  Type: AWS::RDS::DBInstance
  Properties:
    DBClusterIdentifier: !Ref Cluster
    DBInstanceClass: db.r7g.large
    Engine: aurora-postgresql # the cluster's engine
ClusterInstanceB:
  Type: AWS::RDS::DBInstance
  Properties:
    DBClusterIdentifier: !Ref Cluster
    DBInstanceClass: db.r7g.large
    Engine: aurora-postgresql
`,
		},
		References: []string{
			doc("aws_db_instance"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
			"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
			"CKV_AWS_157",
		},
		Kinds:         []string{"aws_db_instance", "aws_rds_cluster"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_rds_cluster" {
				checkClusterZones(c)
				return
			}
			if isAurora(c) {
				return // Aurora spreads the cluster's instances over zones instead
			}
			if isReplica(c) {
				return // a read replica serves reads; the source's standby keeps it available
			}
			// multi_az is Optional+Computed; CreateDBInstance's MultiAZ defaults to false.
			requireBool(c, boolWant{
				path: "multi_az", def: false, want: true,
				pass:      "multi_az is true",
				failUnset: "multi_az is not set, so the instance runs in one zone; set multi_az = true",
				fail:      "multi_az is false; set multi_az = true",
			})
		},
	})
}

// checkClusterZones: an Aurora cluster survives the loss of its writer's zone
// only if it has a second instance (a reader in another zone) to fail over
// to; with one instance Aurora must create a new one, which takes about ten
// minutes (Aurora user guide, "High availability for Amazon Aurora").
func checkClusterZones(c *rules.Check) {
	if knownStr(c.R.Attrs.Get("engine_mode")) == "serverless" {
		return // Serverless v1 has no instances to count
	}
	if !c.R.Attrs.Get("db_cluster_instance_class").IsNull() {
		// A Multi-AZ DB cluster (RDS for MySQL/PostgreSQL): one writer and two
		// readers in three zones, by construction.
		c.Pass("db_cluster_instance_class makes it a Multi-AZ DB cluster")
		return
	}
	members := pointers(c, "aws_rds_cluster_instance", "cluster_identifier", "cluster_identifier")
	if len(members) == 0 {
		c.Missing("no aws_rds_cluster_instance has cluster_identifier pointing at %s", c.R.Address)
		return
	}
	if len(members) == 1 {
		if t, min := readerAutoscaling(c); t != nil && min >= 1 {
			c.Pass("%s keeps at least %d Aurora reader(s) beside the writer (min_capacity)", t.Address, min)
			return
		}
		c.FailAt(members[0].Loc, "%s has one instance (%s); add a second aws_rds_cluster_instance so a reader in another zone can take over", c.R.Address, members[0].Address)
		return
	}
	zones := map[string]bool{}
	for _, m := range members {
		z := m.Attrs.Get("availability_zone")
		if z.IsNull() || !z.IsKnown() {
			// RDS places it; Aurora spreads instances across the subnet group's zones.
			c.Pass("%d cluster instances", len(members))
			return
		}
		zones[knownStr(m.Attrs.Get("availability_zone"))] = true
	}
	if len(zones) < 2 {
		c.FailAt(attrLoc(members[0], "availability_zone"), "all %d instances of %s are pinned to availability_zone %s; spread them over at least two zones", len(members), c.R.Address, knownStr(members[0].Attrs.Get("availability_zone")))
		return
	}
	c.Pass("%d cluster instances in %d zones", len(members), len(zones))
}

// readerAutoscaling finds an Application Auto Scaling target that scales
// the cluster's Aurora replicas (rds:cluster:ReadReplicaCount) and its
// min_capacity: readers it creates in other zones are what a single
// declared instance fails over to.
func readerAutoscaling(c *rules.Check) (*infra.Resource, int) {
	for _, t := range c.Graph.Referrers(c.R, "aws_appautoscaling_target", "resource_id") {
		if knownStr(t.Attrs.Get("scalable_dimension")) != "rds:cluster:ReadReplicaCount" {
			continue
		}
		if n, ok := t.Attrs.Get("min_capacity").Number(); ok {
			return t, int(n)
		}
	}
	return nil, 0
}
