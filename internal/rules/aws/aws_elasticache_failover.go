package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-elasticache-failover",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "ElastiCache replication groups fail over automatically across zones",
		Why: "Without automatic failover, a primary node that fails (or a zone that goes down) leaves the cache " +
			"read-only or gone until someone promotes a replica by hand; every service that writes to it " +
			"fails meanwhile. Multi-AZ with automatic failover promotes a replica in another zone in about a " +
			"minute.",
		Fix: `resource "aws_elasticache_replication_group" "cache" {
  # ...
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
}`,
		CloudFormationFix: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    # ...
    NumCacheClusters: 2
    AutomaticFailoverEnabled: true
    MultiAZEnabled: true
`,
		References: []string{
			doc("aws_elasticache_replication_group"),
			"https://docs.aws.amazon.com/AmazonElastiCache/latest/red-ug/AutoFailover.html",
		},
		Kinds: []string{"aws_elasticache_replication_group"},
		Check: func(c *rules.Check) {
			failover, ok1 := boolAt(c, "automatic_failover_enabled", false) // defaults to false
			multiAZ, ok2 := boolAt(c, "multi_az_enabled", false)
			if !ok1 || !ok2 {
				return
			}
			switch {
			case !failover:
				c.Fail("automatic_failover_enabled", "automatic_failover_enabled is false or unset, so a failed primary is not replaced; set it to true with at least one replica")
			case !multiAZ:
				c.Fail("multi_az_enabled", "multi_az_enabled is false or unset, so replicas may share the primary's zone; set multi_az_enabled = true")
			default:
				c.Pass("automatic failover to a replica in another zone is on")
			}
		},
	})
}
