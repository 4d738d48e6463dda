package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-elasticache-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "ElastiCache Redis and Valkey caches keep automatic snapshots (snapshot_retention_limit >= 1)",
		Why: "A Redis or Valkey cache used as a data store (sessions, queues, counters, leaderboards) loses " +
			"everything on a failed node, a FLUSHALL or a bad deploy unless snapshots exist; replicas copy the " +
			"mistake at once. ElastiCache takes no automatic snapshot until snapshot_retention_limit is at " +
			"least 1. Checkov's CKV_AWS_134 checks aws_elasticache_cluster only; this rule also checks " +
			"replication groups, and judges a cluster that belongs to a replication group through the group.",
		Fix: `resource "aws_elasticache_replication_group" "cache" {
  # ...
  snapshot_retention_limit = 7
  snapshot_window          = "03:00-05:00"
}`,
		CloudFormationFix: `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    # ...
    SnapshotRetentionLimit: 7
    SnapshotWindow: "03:00-05:00"
`,
		CloudFormationFixes: map[string]string{
			"aws_elasticache_cluster": `Cache:
  Type: AWS::ElastiCache::CacheCluster
  Properties:
    # ...
    SnapshotRetentionLimit: 7
    SnapshotWindow: "03:00-05:00"
`,
		},
		References: []string{
			doc("aws_elasticache_replication_group"),
			doc("aws_elasticache_cluster"),
			"https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html",
			"CKV_AWS_134",
		},
		Kinds: []string{"aws_elasticache_replication_group", "aws_elasticache_cluster"},
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_elasticache_cluster" {
				if !c.R.Attrs.Get("replication_group_id").IsNull() {
					return // a member of a replication group: the group keeps its snapshots
				}
				// engine is required when replication_group_id is not set.
				e := c.R.Attrs.Get("engine")
				if !e.IsKnown() {
					c.Unknown("engine", e)
					return
				}
				switch knownStr(e) {
				case "redis", "valkey":
				default:
					return // Memcached keeps no durable data and cannot be snapshotted
				}
			} else {
				// A replication group's engine defaults to redis; the other is valkey.
				e := c.R.Attrs.Get("engine")
				if !e.IsKnown() {
					c.Unknown("engine", e)
					return
				}
			}
			// snapshot_retention_limit has no provider default; the API's is
			// 0, which turns automatic backups off (CreateCacheCluster,
			// CreateReplicationGroup: SnapshotRetentionLimit).
			written := !c.R.Attrs.Get("snapshot_retention_limit").IsNull()
			days, ok := numAt(c, "snapshot_retention_limit", 0)
			if !ok {
				return
			}
			switch {
			case days >= 1:
				c.Pass("snapshot_retention_limit is %s days", num(days))
			case !written:
				c.Fail("snapshot_retention_limit", "snapshot_retention_limit is not set, so ElastiCache takes no automatic snapshots (the API default is 0); set it to at least 1 day")
			default:
				c.Fail("snapshot_retention_limit", "snapshot_retention_limit is %s, which turns automatic snapshots off; set it to at least 1 day", num(days))
			}
		},
	})
}
