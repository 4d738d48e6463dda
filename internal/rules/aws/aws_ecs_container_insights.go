package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ecs-container-insights",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "ECS clusters collect Container Insights metrics",
		Why: "Without Container Insights, ECS reports CPU and memory per service only: no per-task metrics, no " +
			"restart or network counters, nothing to tell which task is starving or crash-looping.",
		Fix: `resource "aws_ecs_cluster" "main" {
  name = "shop"
  setting {
    name  = "containerInsights"
    value = "enabled"   # or "enhanced"
  }
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::ECS::Cluster
  Properties:
    ClusterName: shop
    ClusterSettings:
      - Name: containerInsights
        Value: enabled # or enhanced
`,
		References: []string{doc("aws_ecs_cluster"), "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html", "AVD-AWS-0034"},
		Kinds:      []string{"aws_ecs_cluster"},
		Check: func(c *rules.Check) {
			for i, s := range c.R.Attrs.Blocks("setting") {
				if knownStr(s.Get("name")) != "containerInsights" {
					continue
				}
				v := s.Get("value")
				if !v.IsKnown() {
					c.Unknown("setting", v)
					return
				}
				if val := knownStr(v); val == "enabled" || val == "enhanced" {
					c.Pass("Container Insights is %s", val)
				} else {
					c.Fail("setting", "setting[%d] turns Container Insights %s; set it to enabled", i, val)
				}
				return
			}
			c.Fail("", "the cluster has no containerInsights setting, so Container Insights is off unless the account turns it on by default; add setting { name = \"containerInsights\", value = \"enabled\" }")
		},
	})
}
