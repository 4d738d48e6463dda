package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-log-exports",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "RDS databases export their logs to CloudWatch Logs",
		Why: "Without exports, the database's error, slow-query and audit logs stay on the instance, rotate " +
			"away within days and vanish with it; they cannot be searched beside the application's logs or " +
			"alarmed on. Exported to CloudWatch Logs they are kept as long as the log group says.",
		Fix: `resource "aws_db_instance" "main" {
  # ...
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]   # mysql: ["error", "slowquery"]
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster" "main" {
  # ...
  enabled_cloudwatch_logs_exports = ["postgresql"]   # aurora-mysql: ["audit", "error", "slowquery"]
}`,
		},
		CloudFormationFix: `Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    EnableCloudwatchLogsExports: [postgresql, upgrade] # mysql: [error, slowquery]
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    EnableCloudwatchLogsExports: [postgresql] # aurora-mysql: [audit, error, slowquery]
`,
		},
		References: []string{doc("aws_db_instance"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html", "CKV_AWS_129", "CKV_AWS_324"},
		Kinds:      []string{"aws_db_instance", "aws_rds_cluster"},
		Check: func(c *rules.Check) {
			if c.R.Kind == "aws_db_instance" && (isAurora(c) || isReplica(c)) {
				return // Aurora exports from the cluster; a replica's source has the logs
			}
			v, ok := read(c, "enabled_cloudwatch_logs_exports")
			if !ok {
				return
			}
			if v.Len() == 0 {
				c.Fail("enabled_cloudwatch_logs_exports", "no log is exported to CloudWatch Logs (enabled_cloudwatch_logs_exports is empty or unset); export the error and slow-query (or postgresql) logs")
				return
			}
			c.Pass("%d log type(s) are exported to CloudWatch Logs", v.Len())
		},
	})
}
