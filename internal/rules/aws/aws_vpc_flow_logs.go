package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-vpc-flow-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Every VPC records its traffic in flow logs",
		Why: "Flow logs are the only record of which addresses talked to which, on which ports, and whether the " +
			"security groups and NACLs let them: without them an intrusion, a data exfiltration or a " +
			"misrouted dependency cannot be traced after the fact.",
		Fix: `resource "aws_flow_log" "vpc" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn         = aws_iam_role.flow_logs.arn
}`,
		CloudFormationFix: `Vpc:
  Type: AWS::EC2::VPC
  Properties:
    # ...
VpcFlowLog:
  Type: AWS::EC2::FlowLog
  Properties:
    ResourceType: VPC
    ResourceId: !Ref Vpc
    TrafficType: ALL
    LogDestinationType: cloud-watch-logs
    LogDestination: !GetAtt FlowLogGroup.Arn
    DeliverLogsPermissionArn: !GetAtt FlowLogRole.Arn
`,
		References: []string{
			doc("aws_flow_log"),
			"https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
			"CKV2_AWS_11", "AVD-AWS-0178",
			"cfn-nag: W60",
		},
		Kinds:         []string{"aws_vpc"},
		CrossResource: true, // the aws_flow_log that points at it
		Check: func(c *rules.Check) {
			if fl := c.Graph.Referrers(c.R, "aws_flow_log", "vpc_id"); len(fl) > 0 {
				c.Pass("%s records its traffic", fl[0].Address)
				return
			}
			missingUnlessUnresolved(c, "aws_flow_log", "vpc_id", "id", "no aws_flow_log has vpc_id pointing at %s", c.R.Address)
		},
	})
}
