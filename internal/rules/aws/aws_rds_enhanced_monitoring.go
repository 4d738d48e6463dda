package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-enhanced-monitoring",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "RDS instances collect Enhanced Monitoring metrics",
		Why: "CloudWatch's standard RDS metrics come from the hypervisor once a minute; Enhanced Monitoring " +
			"reports the operating system's own view (per-process CPU and memory, swap, disk queue) every " +
			"few seconds, which is what explains a slow database during an incident.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  monitoring_interval = 30
  monitoring_role_arn = aws_iam_role.rds_monitoring.arn
}`,
		Fixes: map[string]string{
			"aws_rds_cluster_instance": `resource "aws_rds_cluster_instance" "main" {
  # ...
  monitoring_interval = 30
  monitoring_role_arn = aws_iam_role.rds_monitoring.arn
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    MonitoringInterval: 30
    MonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster_instance": `ClusterInstance:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBClusterIdentifier: !Ref Cluster
    MonitoringInterval: 30
    MonitoringRoleArn: !GetAtt RdsMonitoringRole.Arn
`,
		},
		References: []string{doc("aws_db_instance"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html"},
		Kinds:      []string{"aws_db_instance", "aws_rds_cluster_instance"},
		Check: func(c *rules.Check) {
			n, ok := numAt(c, "monitoring_interval", 0) // 0 turns it off, the default
			if !ok {
				return
			}
			if n == 0 {
				c.Fail("monitoring_interval", "Enhanced Monitoring is off (monitoring_interval is 0 or unset); set monitoring_interval = 30 with a monitoring_role_arn")
				return
			}
			c.Pass("Enhanced Monitoring reports every %s seconds", num(n))
		},
	})
}
