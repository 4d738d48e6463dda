package aws

import (
	"regexp"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// noInsightsClass matches the small burstable classes on which Performance
// Insights is not offered (see the Performance Insights support tables in the
// RDS and Aurora user guides); asking for it there would be a wrong design.
var noInsightsClass = regexp.MustCompile(`^db\.t[234]g?\.(micro|small)$`)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-performance-insights",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "RDS database instances have Performance Insights enabled",
		Why: "When a database slows down, Performance Insights shows which queries and waits use the " +
			"load, from the first minute. Without it a performance incident starts with enabling " +
			"instrumentation and waiting for the problem to happen again.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  performance_insights_enabled = true
}`,
		Fixes: map[string]string{
			"aws_rds_cluster_instance": `resource "aws_rds_cluster_instance" "main" {
  # ...
  performance_insights_enabled = true
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    EnablePerformanceInsights: true
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster_instance": `ClusterInstance:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBClusterIdentifier: !Ref Cluster
    EnablePerformanceInsights: true
`,
		},
		References: []string{
			doc("aws_db_instance"),
			doc("aws_rds_cluster_instance"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.html",
			"CKV_AWS_353",
			"AVD-AWS-0133",
		},
		Kinds: []string{"aws_db_instance", "aws_rds_cluster_instance"},
		Check: func(c *rules.Check) {
			if noInsightsClass.MatchString(knownStr(c.R.Attrs.Get("instance_class"))) {
				return
			}
			// performance_insights_enabled defaults to false (provider docs).
			requireBool(c, boolWant{
				path: "performance_insights_enabled", def: false, want: true,
				pass:      "performance_insights_enabled is true",
				failUnset: "performance_insights_enabled is not set (default false); set it to true",
				fail:      "performance_insights_enabled is false; set it to true",
			})
		},
	})
}
