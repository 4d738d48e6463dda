package aws

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-instance-generation",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "Instances, databases and caches use current-generation instance families",
		Why: "Previous-generation families (t2, m4, c4, r4 and older) cost more for less: current ones (m7g, c7i, " +
			"r7g, t3/t4g…) give 20–40% better price-performance, faster networking and EBS, and newer CPUs; " +
			"the old ones are also the first AWS retires.",
		Fix: `instance_type = "m7g.large"   # or m7i.large; db.m7g.large for RDS; cache.r7g.large for ElastiCache`,
		CloudFormationFix: `Instance:
  Type: AWS::EC2::Instance
  Properties:
    # ...
    InstanceType: m7g.large # or m7i.large
`,
		CloudFormationFixes: map[string]string{
			"aws_launch_template": `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      InstanceType: m7g.large # or m7i.large
`,
			"aws_db_instance": `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBInstanceClass: db.m7g.large
`,
			"aws_rds_cluster_instance": `DatabaseInstance:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBClusterIdentifier: !Ref DatabaseCluster
    DBInstanceClass: db.r7g.large
`,
			"aws_elasticache_replication_group": `Cache:
  Type: AWS::ElastiCache::ReplicationGroup
  Properties:
    # ...
    CacheNodeType: cache.r7g.large
`,
			"aws_elasticache_cluster": `Cache:
  Type: AWS::ElastiCache::CacheCluster
  Properties:
    # ...
    CacheNodeType: cache.r7g.large
`,
		},
		References: []string{
			"https://aws.amazon.com/ec2/previous-generation/",
			// cfn-lint I3100 lists fewer previous-generation families (c/m/r 1-3, t1, …);
			// this rule also fails t2, m4, c4, r4 and the other families AWS lists.
			"cfn-lint: I3100",
		},
		Kinds: []string{"aws_instance", "aws_launch_template", "aws_db_instance", "aws_rds_cluster_instance",
			"aws_elasticache_replication_group", "aws_elasticache_cluster"},
		Check: func(c *rules.Check) {
			attr := "instance_type"
			switch c.R.Kind {
			case "aws_db_instance", "aws_rds_cluster_instance":
				attr = "instance_class"
			case "aws_elasticache_replication_group", "aws_elasticache_cluster":
				attr = "node_type"
			}
			v, ok := read(c, attr)
			if !ok || v.IsNull() {
				return
			}
			typ := knownStr(v)
			if fam := previousGeneration(typ); fam != "" {
				c.Fail(attr, "%s %s is of the previous-generation %s family; use a current one (m7g, c7i, r7g, t4g…)", attr, typ, fam)
				return
			}
			c.Pass("%s %s is current-generation", attr, typ)
		},
	})
}

// previousFamilies are the families AWS lists as previous generation, with
// their RDS and ElastiCache counterparts.
var previousFamilies = regexp.MustCompile(`^(t1|t2|m1|m2|m3|m4|c1|c3|c4|r3|r4|i2|d2|g2|g3|p2|x1|x1e|cc2|cr1|hs1)$`)

// previousGeneration returns the family of a previous-generation type
// ("m4" for "db.m4.large"), or "".
func previousGeneration(typ string) string {
	t := strings.TrimPrefix(strings.TrimPrefix(typ, "db."), "cache.")
	fam, _, _ := strings.Cut(t, ".")
	if previousFamilies.MatchString(fam) {
		return fam
	}
	return ""
}
