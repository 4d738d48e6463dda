package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-opensearch-multi-az",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "OpenSearch domains spread at least two data nodes across zones (zone awareness)",
		Why: "A domain with one data node, or with all nodes in one zone, becomes unavailable (and may lose " +
			"unreplicated shards) when that node or zone fails. Zone awareness places nodes and replica shards " +
			"in two or three zones so the domain keeps serving. Checkov's CKV_AWS_318 asks for three dedicated " +
			"master nodes as well; this rule asks only for data nodes across zones, which is what keeps data " +
			"and queries available.",
		Fix: `resource "aws_opensearch_domain" "search" {
  # ...
  cluster_config {
    instance_count         = 3
    zone_awareness_enabled = true
    zone_awareness_config {
      availability_zone_count = 3
    }
  }
}`,
		CloudFormationFix:   opensearchMultiAZCFN,
		CloudFormationFixes: opensearchMultiAZCFNByKind,
		References: []string{
			doc("aws_opensearch_domain"),
			doc("aws_elasticsearch_domain"),
			"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-multiaz.html",
		},
		Kinds: opensearchKinds,
		Check: func(c *rules.Check) {
			// Multi-AZ with Standby places nodes in three zones by itself.
			if standby, ok := boolAt(c, "cluster_config.multi_az_with_standby_enabled", false); !ok {
				return
			} else if standby {
				c.Pass("cluster_config.multi_az_with_standby_enabled is true")
				return
			}
			// Provider defaults: instance_count 1, zone_awareness_enabled false.
			nodes, ok1 := numAt(c, "cluster_config.instance_count", 1)
			zones, ok2 := boolAt(c, "cluster_config.zone_awareness_enabled", false)
			if !ok1 || !ok2 {
				return
			}
			switch {
			case nodes < 2:
				c.Fail("cluster_config.instance_count", "cluster_config.instance_count is %s, so the domain has one data node; run at least 2 (3 for three zones) with zone_awareness_enabled = true", num(nodes))
			case !zones:
				c.Fail("cluster_config.zone_awareness_enabled", "cluster_config.zone_awareness_enabled is false or unset, so the %s data nodes may share one zone; set it to true", num(nodes))
			default:
				c.Pass("%s data nodes spread across zones", num(nodes))
			}
		},
	})
}

var opensearchMultiAZCFN, opensearchMultiAZCFNByKind = searchDomainCloudFormationFix(`Search:
  Type: TYPE
  Properties:
    # ...
    CLUSTER:
      InstanceCount: 3
      ZoneAwarenessEnabled: true
      ZoneAwarenessConfig:
        AvailabilityZoneCount: 3
`)
