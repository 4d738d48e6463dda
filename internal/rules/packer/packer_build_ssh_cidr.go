package packer

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-build-ssh-cidr",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "Packer's build instance is not reachable over SSH or WinRM from the whole Internet",
		Why: "Unless told otherwise, Packer's amazon builders put the build instance in a temporary security " +
			"group that opens the SSH (or WinRM) port to 0.0.0.0/0: for the whole build, a half-configured " +
			"machine holding the build's credentials and secrets is exposed to every scanner on the Internet. " +
			"Restrict the port to the machine running Packer, or connect through Session Manager.",
		Fix: `source "amazon-ebs" "app" {
  # ...
  temporary_security_group_source_public_ip = true # only the IP running Packer
  # or: temporary_security_group_source_cidrs = ["10.0.0.0/8"]
  # or, with no inbound port at all:
  # ssh_interface        = "session_manager"
  # iam_instance_profile = "packer-ssm"
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#temporary_security_group_source_cidrs",
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#session-manager-connections",
		},
		Kinds: sourceKinds,
		Check: checkBuildSSHCIDR,
	})
}

func checkBuildSSHCIDR(c *rules.Check) {
	if !instanceBuilders[builderType(c.R)] {
		return
	}
	a := c.R.Attrs
	if str(a.Field("communicator")) == "none" {
		return // nothing connects to the instance
	}
	for _, sg := range []string{"security_group_id", "security_group_ids", "security_group_filter"} {
		if !a.Field(sg).IsNull() {
			return // the build's own security group, which the template does not show
		}
	}
	iface := a.Field("ssh_interface")
	if !iface.IsKnown() {
		c.Unknown("ssh_interface", iface)
		return
	}
	if str(iface) == "session_manager" {
		// With an instance profile Packer adds no ingress rule at all
		// (SkipSSHRuleCreation); without one it refuses to build.
		c.Pass("ssh_interface is session_manager: no inbound port is opened")
		return
	}
	cidrs := a.Field("temporary_security_group_source_cidrs")
	if !cidrs.IsKnown() {
		c.Unknown("temporary_security_group_source_cidrs", cidrs)
		return
	}
	if cidrs.Len() > 0 {
		open := false
		for _, v := range cidrs.List() {
			if !v.IsKnown() {
				c.Unknown("temporary_security_group_source_cidrs", v)
				return
			}
			if s := str(v); s == "0.0.0.0/0" || s == "::/0" {
				c.FailAt(c.R.LocOf(v), "temporary_security_group_source_cidrs includes %s: the build instance's SSH/WinRM port is open to the Internet; allow only the network running Packer", s)
				open = true
			}
		}
		if !open {
			c.Pass("temporary_security_group_source_cidrs limits access to %d CIDR block(s)", cidrs.Len())
		}
		return
	}
	pub := a.Field("temporary_security_group_source_public_ip")
	if !pub.IsKnown() {
		c.Unknown("temporary_security_group_source_public_ip", pub)
		return
	}
	if isTrue(pub) {
		c.Pass("temporary_security_group_source_public_ip is true: only the IP running Packer may connect")
		return
	}
	// With neither set, Packer opens the port to 0.0.0.0/0 (::/0 for
	// ssh_interface = "ipv6"): packer-plugin-amazon run_config, "The
	// default is [0.0.0.0/0]".
	assoc := a.Field("associate_public_ip_address")
	if !assoc.IsKnown() {
		c.Unknown("associate_public_ip_address", assoc)
		return
	}
	if b, ok := assoc.Bool(); ok && !b {
		c.Pass("associate_public_ip_address is false: the build instance has no public address")
		return
	}
	c.Missing("neither temporary_security_group_source_cidrs nor temporary_security_group_source_public_ip is set, so Packer opens the build instance's SSH/WinRM port to 0.0.0.0/0; set temporary_security_group_source_public_ip = true")
}
