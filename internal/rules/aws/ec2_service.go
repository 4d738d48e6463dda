package aws

import (
	"cmp"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Standalone EC2 instances are the most common production gap there is:
// a service on an aws_instance has no way to scale and no replacement
// without downtime. Not every instance is a service, though (a bastion, a
// NAT instance, a build runner), so this file decides from the graph what
// an instance is for, and says why.

// notAService matches names of instances that serve people or other
// machines' plumbing, not the application: the last resort of serviceWhy.
var notAService = regexp.MustCompile(`(?i)(^|[-_.])(bastion|jump(host|box)?|nat|vpn|runner|build|ci|agent|openvpn|wireguard)([-_.]|$)`)

// serviceWhy says why the aws_instance c.R is taken for (part of) the
// service, or "" when nothing shows it is: registered with a target group,
// given an Elastic IP, named by a DNS record, open to the internet on a
// port that is not for administration, or running a server its user data
// starts. A NAT instance (source_dest_check = false) or one named like a
// bastion or runner is not a service unless a target group says so.
func serviceWhy(c *rules.Check) string {
	if tgs := c.Graph.Referrers(c.R, "aws_lb_target_group_attachment", "target_id"); len(tgs) > 0 {
		return "it is registered with a load balancer target group (" + tgs[0].Address + ")"
	}
	if b, ok := c.R.Attrs.Get("source_dest_check").Bool(); ok && !b {
		return "" // routes other machines' traffic: a NAT instance
	}
	if notAService.MatchString(c.R.Name) || notAService.MatchString(knownStr(c.R.Attrs.Get(`tags["Name"]`))) {
		return ""
	}
	for _, k := range []string{"aws_eip", "aws_eip_association"} {
		if rs := c.Graph.Referrers(c.R, k, ""); len(rs) > 0 {
			return "it has an Elastic IP (" + rs[0].Address + ")"
		}
	}
	if rs := c.Graph.Referrers(c.R, "aws_route53_record", "records"); len(rs) > 0 {
		return "a DNS record names it (" + rs[0].Address + ")"
	}
	for _, sg := range append(c.Graph.Targets(c.R, "vpc_security_group_ids"), c.Graph.Targets(c.R, "security_groups")...) {
		if port := webPortOpen(sg, c.Graph); port != "" {
			return "its security group " + sg.Address + " admits the internet on port " + port
		}
	}
	if srv := startsServer(c.R); srv != "" {
		return "its user data starts a server (" + srv + ")"
	}
	return ""
}

// serverStart matches user data that runs a network server: the instance
// serves clients, whatever else it does.
var serverStart = regexp.MustCompile(`(?i)\b(apache2|httpd|nginx|caddy|haproxy|gunicorn|uwsgi|puma|tomcat|java\s+-jar|npm\s+(run\s+)?start|docker\s+run\b[^\n]*\s(-p|--publish)\s)`)

// startsServer returns the server the instance's user data starts, or "".
func startsServer(r *infra.Resource) string {
	ud := knownStr(r.Attrs.Get("user_data"))
	if b64 := knownStr(r.Attrs.Get("user_data_base64")); b64 != "" {
		ud = decodeUserData(b64)
	}
	return strings.TrimSpace(serverStart.FindString(ud))
}

// adminPorts are opened to reach a machine, not to serve from it: SSH, RDP
// and WinRM.
var adminPorts = map[float64]bool{22: true, 3389: true, 5985: true, 5986: true}

// webPortOpen returns a port on which the group admits the whole internet,
// inline or through a separate rule resource: 443 or 80 when it does on
// those, else the first port of a narrow range (at most 100 ports) that is
// not only an administration port (a web server on 8080 is a service; a
// group open on every port says nothing about what the instance is for).
func webPortOpen(sg *infra.Resource, g *infra.Graph) string {
	var rules []infra.Value
	rules = append(rules, sg.Attrs.Blocks("ingress")...)
	for _, k := range []string{"aws_security_group_rule", "aws_vpc_security_group_ingress_rule"} {
		for _, r := range g.Referrers(sg, k, "security_group_id") {
			if k == "aws_security_group_rule" && knownStr(r.Attrs.Get("type")) != "ingress" {
				continue
			}
			rules = append(rules, r.Attrs)
		}
	}
	other := ""
	for _, r := range rules {
		world := false
		for _, a := range []string{"cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6"} {
			v := r.Get(a)
			items := v.List()
			if v.Kind() == infra.String {
				items = []infra.Value{v}
			}
			for _, it := range items {
				world = world || isWorldCIDR(knownStr(it))
			}
		}
		if !world {
			continue
		}
		from, ok1 := r.Get("from_port").Number()
		to, ok2 := r.Get("to_port").Number()
		if !ok1 || !ok2 {
			continue
		}
		for _, p := range []float64{443, 80} {
			if from <= p && p <= to {
				return num(p)
			}
		}
		proto := knownStr(r.Get("protocol"))
		if proto == "" {
			proto = knownStr(r.Get("ip_protocol"))
		}
		if proto != "-1" && proto != "all" && to-from < 100 {
			for p := from; p <= to; p++ {
				if !adminPorts[p] {
					other = cmp.Or(other, num(p))
					break
				}
			}
		}
	}
	return other
}

// standaloneFix is the shape that replaces a service on a bare instance: a
// launch template and an Auto Scaling group that rolls new instances in.
const standaloneFix = `resource "aws_launch_template" "app" {
  image_id      = data.aws_ami.app.id
  instance_type = "m7g.large"
  user_data     = base64encode(file("init.sh"))
}

resource "aws_autoscaling_group" "app" {
  min_size            = 2
  max_size            = 6
  vpc_zone_identifier = var.private_subnet_ids
  target_group_arns   = [aws_lb_target_group.app.arn]
  health_check_type   = "ELB"
  launch_template {
    id      = aws_launch_template.app.id
    version = aws_launch_template.app.latest_version
  }
  instance_refresh {
    strategy = "Rolling"
  }
}`

// standaloneCloudFormationFix is standaloneFix for an AWS::EC2::Instance of a
// template: the same group, whose UpdatePolicy is its instance refresh.
const standaloneCloudFormationFix = `# in place of the instance:
LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64}}'
      InstanceType: m7g.large
      UserData: !Base64 |
        #!/bin/bash
        # ... the instance's user data
Group:
  Type: AWS::AutoScaling::AutoScalingGroup
  UpdatePolicy:
    AutoScalingRollingUpdate: # replaces the instances when the launch template changes
      MaxBatchSize: 1
      MinInstancesInService: 1
  Properties:
    MinSize: "2"
    MaxSize: "6"
    VPCZoneIdentifier: !Ref PrivateSubnetIds
    TargetGroupARNs:
      - !Ref TargetGroup
    HealthCheckType: ELB
    LaunchTemplate:
      LaunchTemplateId: !Ref LaunchTemplate
      Version: !GetAtt LaunchTemplate.LatestVersionNumber
`
