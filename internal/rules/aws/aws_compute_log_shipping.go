package aws

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-compute-log-shipping",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Service instances and Auto Scaling groups ship their logs off the host (a log agent, or a role that lets one write to CloudWatch Logs)",
		Why: "Logs that stay on an instance die with it: an Auto Scaling group that replaces an unhealthy " +
			"instance deletes the very logs that explain why it failed, and reading them otherwise means " +
			"logging in to each host. A log agent (CloudWatch agent, Fluent Bit, Vector, Datadog…) ships them " +
			"as they are written. An agent baked into the AMI still needs credentials to write to CloudWatch " +
			"Logs, so the rule also accepts an instance role allowed logs:PutLogEvents, and fails only when " +
			"the user data installs no agent and the instance has no role that could write logs.",
		Fix: `resource "aws_iam_role_policy_attachment" "cloudwatch_agent" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}

resource "aws_launch_template" "app" {
  # ...
  iam_instance_profile {
    name = aws_iam_instance_profile.app.name
  }
  user_data = base64encode(<<-EOT
    #!/bin/bash
    dnf install -y amazon-cloudwatch-agent
    /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-app
  EOT
  )
}`,
		Fixes: map[string]string{
			"aws_instance": `resource "aws_iam_role_policy_attachment" "cloudwatch_agent" {
  role       = aws_iam_role.web.name
  policy_arn = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
}

resource "aws_instance" "web" {
  # ...
  iam_instance_profile = aws_iam_instance_profile.web.name
  user_data            = <<-EOT
    #!/bin/bash
    dnf install -y amazon-cloudwatch-agent
    /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-web
  EOT
}`,
		},
		CloudFormationFix: `Role:
  Type: AWS::IAM::Role
  Properties:
    # ...
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy
LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      IamInstanceProfile:
        Arn: !GetAtt InstanceProfile.Arn # of Role
      UserData: !Base64 |
        #!/bin/bash
        dnf install -y amazon-cloudwatch-agent
        /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-app
Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  Properties:
    # ...
    LaunchTemplate:
      LaunchTemplateId: !Ref LaunchTemplate
      Version: !GetAtt LaunchTemplate.LatestVersionNumber
`,
		CloudFormationFixes: map[string]string{
			"aws_instance": `Role:
  Type: AWS::IAM::Role
  Properties:
    # ...
    ManagedPolicyArns:
      - arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy
Instance:
  Type: AWS::EC2::Instance
  Properties:
    # ...
    IamInstanceProfile: !Ref InstanceProfile # of Role
    UserData: !Base64 |
      #!/bin/bash
      dnf install -y amazon-cloudwatch-agent
      /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-web
`,
		},
		References: []string{
			doc("aws_launch_template"),
			doc("aws_instance"),
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Install-CloudWatch-Agent.html",
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html",
		},
		Kinds:         []string{"aws_instance", "aws_autoscaling_group"},
		CrossResource: true, // launch templates, instance profiles, roles and their policies
		Check:         checkLogShipping,
	})
}

// logAgentPattern matches user data that installs or configures a log
// shipper.
var logAgentPattern = regexp.MustCompile(`(?i)(amazon-cloudwatch-agent|cloudwatch-agent|awslogsd?\b|log-driver[= ]+awslogs|fluent-bit|td-agent|fluentd|calyptia|vector\.dev|timberio|vector\.(toml|yaml)|filebeat|elastic-agent|promtail|grafana-alloy|alloy\.service|datadog-agent|install_script_agent7|dd_api_key|otelcol|aws-otel-collector|opentelemetry-collector|splunkforwarder|splunkuniversalforwarder|sumocollector|sumologic|newrelic-infra|nxlog|logstash-forwarder|\*\.\*\s+@@?[a-z0-9])`)

// clusterNodePattern matches user data of an ECS container instance or an
// EKS node: its workloads' logs are shipped by their task definitions or
// by the cluster (judged there), not by the host.
var clusterNodePattern = regexp.MustCompile(`ECS_CLUSTER|/etc/eks/bootstrap\.sh|nodeadm|node\.eks\.aws|bottlerocket`)

// logManagedPolicies are AWS managed policies that allow logs:PutLogEvents.
var logManagedPolicies = regexp.MustCompile(`:policy/(CloudWatchAgentServerPolicy|CloudWatchAgentAdminPolicy|CloudWatchLogsFullAccess|AmazonEC2RoleforSSM|service-role/AmazonEC2RoleforSSM|service-role/AmazonEC2ContainerServiceforEC2Role|AdministratorAccess|PowerUserAccess)$`)

// logShipEvidence is what the rule found about one host configuration.
type logShipEvidence struct {
	pass    string // why logs leave the host
	skip    bool   // an ECS or EKS node
	unknown func() // records why it cannot tell
	gaps    []string
}

func checkLogShipping(c *rules.Check) {
	e := &logShipEvidence{}
	var src *infra.Resource // what holds user data and the instance profile
	if c.R.Kind == "aws_instance" {
		if serviceWhy(c) == "" {
			return // a bastion, a NAT instance, a runner
		}
		src = c.R
		logShipUserData(c, e, c.R, "user_data", false)
		logShipUserData(c, e, c.R, "user_data_base64", true)
		if e.pass == "" && !e.skip {
			logShipProfile(c, e, c.R, "iam_instance_profile")
		}
	} else {
		if len(c.Graph.Referrers(c.R, "aws_ecs_capacity_provider", "")) > 0 {
			return // an ECS cluster's capacity: its tasks' log configuration is judged on them
		}
		src = logShipTemplate(c, e)
		if src != nil {
			base64UD := src.Kind == "aws_launch_template"
			logShipUserData(c, e, src, "user_data", base64UD)
			if src.Kind == "aws_launch_configuration" {
				logShipUserData(c, e, src, "user_data_base64", true)
			}
			if e.pass == "" && !e.skip {
				logShipProfile(c, e, src, "iam_instance_profile")
			}
		}
	}
	switch {
	case e.skip:
		return
	case e.pass != "":
		c.Pass("%s", e.pass)
	case e.unknown != nil:
		e.unknown()
	default:
		gaps := append(e.gaps, "", "")
		c.Fail("", "nothing ships the logs of %s off the host: %s, and %s; install a log agent in the user data and give the instances a role with CloudWatchAgentServerPolicy", src.Address, gaps[0], gaps[1])
	}
}

// logShipTemplate returns the launch template or launch configuration of
// an Auto Scaling group, or nil after recording why it cannot be read.
func logShipTemplate(c *rules.Check, e *logShipEvidence) *infra.Resource {
	for _, a := range []string{"launch_template", "mixed_instances_policy", "launch_configuration"} {
		for _, t := range c.Graph.Targets(c.R, a) {
			if t.Kind == "aws_launch_template" || t.Kind == "aws_launch_configuration" {
				return t
			}
		}
	}
	e.unknown = func() {
		c.UnknownBecause("the group's launch template is not a resource of this stack, so its user data and instance profile cannot be read")
	}
	return nil
}

// logShipUserData reads user data at path of r (base64 when encoded):
// a log agent passes, a cluster node is skipped, unknown user data is
// unknown unless other evidence passes.
func logShipUserData(c *rules.Check, e *logShipEvidence, r *infra.Resource, path string, encoded bool) {
	v := r.Attrs.Get(path)
	if v.IsNull() {
		if path == "user_data" && r.Attrs.Get("user_data_base64").IsNull() {
			e.gaps = append(e.gaps, "no user data")
		}
		return
	}
	if !v.IsKnown() {
		if e.unknown == nil {
			e.unknown = func() { c.UnknownIn(r, path, v) }
		}
		return
	}
	text, _ := v.Str()
	if encoded {
		text = decodeUserData(text)
	}
	if clusterNodePattern.MatchString(text) {
		e.skip = true
		return
	}
	if m := logAgentPattern.FindString(text); m != "" {
		e.pass = "the user data of " + r.Address + " sets up a log agent (" + m + ")"
		return
	}
	e.gaps = append(e.gaps, path+" sets up no log agent")
}

// logShipProfile follows the instance profile of src to its role and
// looks for a permission to write logs.
func logShipProfile(c *rules.Check, e *logShipEvidence, src *infra.Resource, path string) {
	v := src.Attrs.Get(path)
	if v.IsNull() || v.IsKnown() && v.Kind() == infra.List && v.Len() == 0 {
		e.gaps = append(e.gaps, "no instance profile, so nothing on it may write to CloudWatch Logs")
		return
	}
	var profile *infra.Resource
	for _, p := range c.Graph.Targets(src, path) {
		if p.Kind == "aws_iam_instance_profile" {
			profile = p
		}
	}
	if profile == nil {
		if e.unknown == nil {
			e.unknown = func() {
				c.UnknownBecause("the instance profile of " + src.Address + " is not a resource of this stack, so whether its role may write logs (and an agent in the AMI could ship them) cannot be read")
			}
		}
		return
	}
	var role *infra.Resource
	for _, r := range c.Graph.Targets(profile, "role") {
		if r.Kind == "aws_iam_role" {
			role = r
		}
	}
	if role == nil {
		if e.unknown == nil {
			e.unknown = func() {
				c.UnknownBecause("the role of " + profile.Address + " is not a resource of this stack, so whether it may write logs cannot be read")
			}
		}
		return
	}
	why, unknown := logShipRoleAllows(c.Graph, role)
	switch {
	case why != "":
		e.pass = "its role " + role.Address + " may write to CloudWatch Logs (" + why + "), for an agent in the user data or the AMI"
	case unknown != nil:
		if e.unknown == nil {
			e.unknown = func() {
				if unknown.why != "" {
					c.UnknownBecause(unknown.why)
					return
				}
				c.UnknownIn(unknown.r, unknown.path, unknown.v)
			}
		}
	default:
		e.gaps = append(e.gaps, "its role "+role.Address+" may not call logs:PutLogEvents")
	}
}

// logShipUnknownAttr is a policy the rule read, or could not read.
type logShipUnknownAttr struct {
	r    *infra.Resource
	path string
	v    infra.Value
	why  string // when the policy is known but outside the stack
}

// logShipRoleAllows says which policy of role allows logs:PutLogEvents, or
// the first policy that cannot be read.
func logShipRoleAllows(g *infra.Graph, role *infra.Resource) (string, *logShipUnknownAttr) {
	var unknown *logShipUnknownAttr
	arn := func(r *infra.Resource, path string, v infra.Value) string {
		if !v.IsKnown() {
			for _, p := range g.Targets(r, path) {
				if p.Kind == "aws_iam_policy" {
					switch logShipDocAllows(p.Attrs.Get("policy")) {
					case 1:
						return p.Address
					case 0:
						if unknown == nil {
							unknown = &logShipUnknownAttr{p, "policy", p.Attrs.Get("policy"), ""}
						}
					}
					return ""
				}
			}
			if unknown == nil {
				unknown = &logShipUnknownAttr{r, path, v, ""}
			}
			return ""
		}
		s := knownStr(v)
		if logManagedPolicies.MatchString(s) {
			return s[strings.LastIndex(s, "/")+1:]
		}
		// A customer managed policy outside the stack may allow it.
		if !strings.Contains(s, ":iam::aws:policy/") && unknown == nil {
			unknown = &logShipUnknownAttr{r, path, v, "the role's policy " + s + " is not a resource of this stack, so whether it allows logs:PutLogEvents cannot be read"}
		}
		return ""
	}
	for _, a := range g.Referrers(role, "aws_iam_role_policy_attachment", "role") {
		if w := arn(a, "policy_arn", a.Attrs.Get("policy_arn")); w != "" {
			return w, nil
		}
	}
	for _, a := range g.Referrers(role, "aws_iam_policy_attachment", "roles") {
		if w := arn(a, "policy_arn", a.Attrs.Get("policy_arn")); w != "" {
			return w, nil
		}
	}
	if m := role.Attrs.Get("managed_policy_arns"); !m.IsKnown() {
		if unknown == nil {
			unknown = &logShipUnknownAttr{role, "managed_policy_arns", m, ""}
		}
	} else {
		for _, p := range m.List() {
			if w := arn(role, "managed_policy_arns", p); w != "" {
				return w, nil
			}
		}
	}
	var docs []logShipUnknownAttr
	for _, p := range g.Referrers(role, "aws_iam_role_policy", "role") {
		docs = append(docs, logShipUnknownAttr{p, "policy", p.Attrs.Get("policy"), ""})
	}
	for _, b := range role.Attrs.Blocks("inline_policy") {
		docs = append(docs, logShipUnknownAttr{role, "inline_policy", b.Get("policy"), ""})
	}
	for _, d := range docs {
		allows := logShipDocAllows(d.v)
		if allows == 0 {
			// A document built by aws_iam_policy_document is JSON only
			// after Terraform reads it, but its statements are written.
			for _, pd := range g.Targets(d.r, d.path) {
				if pd.Kind == "data.aws_iam_policy_document" {
					allows = logShipStatementsAllow(pd)
				}
			}
		}
		switch allows {
		case 1:
			return d.r.Address + " allows logs:PutLogEvents", nil
		case 0:
			if unknown == nil {
				unknown = &d
			}
		}
	}
	return "", unknown
}

// logShipDocAllows reads an IAM policy document: 1 when a statement
// allows logs:PutLogEvents, -1 when none does, 0 when it cannot be read.
func logShipDocAllows(v infra.Value) int {
	if !v.IsKnown() {
		return 0
	}
	s, ok := v.Str()
	if !ok {
		return -1
	}
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(s), &doc) != nil {
		return -1
	}
	var stmts []map[string]any
	if json.Unmarshal(doc.Statement, &stmts) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			return -1
		}
		stmts = []map[string]any{one}
	}
	for _, st := range stmts {
		if eff, _ := st["Effect"].(string); eff != "Allow" {
			continue
		}
		var actions []string
		switch a := st["Action"].(type) {
		case string:
			actions = []string{a}
		case []any:
			for _, x := range a {
				if s, ok := x.(string); ok {
					actions = append(actions, s)
				}
			}
		}
		for _, a := range actions {
			switch strings.ToLower(a) {
			case "*", "logs:*", "logs:put*", "logs:putlogevents":
				return 1
			}
		}
	}
	return -1
}

// logShipStatementsAllow reads the statement blocks of an
// aws_iam_policy_document: 1 when one allows logs:PutLogEvents, -1 when
// none does, 0 when an effect or action list cannot be read.
func logShipStatementsAllow(pd *infra.Resource) int {
	out := -1
	for _, st := range pd.Attrs.Blocks("statement") {
		eff := st.Get("effect") // defaults to Allow
		if !eff.IsKnown() {
			out = 0
			continue
		}
		if e, ok := eff.Str(); ok && e != "Allow" {
			continue
		}
		actions := st.Get("actions")
		if !actions.IsKnown() {
			out = 0
			continue
		}
		for _, a := range actions.List() {
			if !a.IsKnown() {
				out = 0
				continue
			}
			switch strings.ToLower(knownStr(a)) {
			case "*", "logs:*", "logs:put*", "logs:putlogevents":
				return 1
			}
		}
	}
	return out
}
