package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-parameter-group",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "RDS databases use a parameter group of their own, not the engine's default",
		Why: "The default parameter group cannot be changed: enforcing TLS (rds.force_ssl, require_secure_transport), " +
			"logging slow queries or tuning memory for the instance class then needs a new group and a reboot " +
			"in the middle of an incident. A group of your own, in code, makes configuration a reviewed change.",
		Fix: `resource "aws_db_parameter_group" "main" {
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  # ...
  parameter_group_name = aws_db_parameter_group.main.name
}`,
		Fixes: map[string]string{
			"aws_rds_cluster": `resource "aws_rds_cluster_parameter_group" "main" {
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_rds_cluster" "main" {
  # ...
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.main.name
}`,
		},
		CloudFormationFix: `ParameterGroup:
  Type: AWS::RDS::DBParameterGroup
  Properties:
    Description: database settings of our own
    Family: postgres16
    Parameters:
      rds.force_ssl: "1"
Database:
  Type: AWS::RDS::DBInstance
  Properties:
    # ...
    DBParameterGroupName: !Ref ParameterGroup
`,
		CloudFormationFixes: map[string]string{
			"aws_rds_cluster": `ClusterParameterGroup:
  Type: AWS::RDS::DBClusterParameterGroup
  Properties:
    Description: cluster settings of our own
    Family: aurora-postgresql16
    Parameters:
      rds.force_ssl: "1"
Cluster:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    DBClusterParameterGroupName: !Ref ClusterParameterGroup
`,
		},
		References: []string{doc("aws_db_parameter_group"), "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html"},
		Kinds:      []string{"aws_db_instance", "aws_rds_cluster"},
		Check: func(c *rules.Check) {
			attr := "parameter_group_name"
			if c.R.Kind == "aws_rds_cluster" {
				attr = "db_cluster_parameter_group_name"
			} else if isAurora(c) || isReplica(c) {
				return // configured on the cluster, or following the source
			}
			v := c.R.Attrs.Get(attr)
			if !v.IsKnown() {
				if len(c.Graph.Targets(c.R, attr)) > 0 {
					c.Pass("%s names a parameter group of the stack", attr)
					return
				}
				c.Unknown(attr, v)
				return
			}
			name := knownStr(v)
			switch {
			case name == "":
				c.Fail("", "%s is not set, so the engine's default parameter group applies and cannot be changed; create an aws_db_parameter_group and name it", attr)
			case strings.HasPrefix(name, "default."):
				c.Fail(attr, "%s is the engine's default (%s), which cannot be changed; use a parameter group of your own", attr, name)
			default:
				c.Pass("%s is %s", attr, name)
			}
		},
	})
}
