package packer

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-ami-encrypted",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "AMIs baked by Packer have encrypted EBS snapshots",
		Why: "An unencrypted AMI's snapshots, and every volume launched from it, hold the baked disk in " +
			"clear: whoever can copy or share the snapshot reads the application, its configuration and " +
			"anything left on disk by the build. Encryption cannot be added to an AMI afterwards without " +
			"copying it, and an unencrypted image cannot be used where account policy requires encryption.",
		Fix: `source "amazon-ebs" "app" {
  # ...
  encrypt_boot = true
  kms_key_id   = "alias/ami" # optional: a customer-managed key to share it across accounts
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/integrations/hashicorp/amazon/latest/components/builder/ebs#encrypt_boot",
			"https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIEncryption.html",
		},
		Kinds: sourceKinds,
		Check: checkAMIEncrypted,
	})
}

// publicOwners publish the public base images most builds start from;
// their images are unencrypted, so an AMI that keeps its source's
// encryption is unencrypted too.
var publicOwners = map[string]bool{
	"amazon": true, "aws-marketplace": true,
	"137112412989": true, // Amazon Linux
	"099720109477": true, // Canonical (Ubuntu)
	"136693071363": true, // Debian
	"309956199498": true, // Red Hat
	"013907871322": true, // SUSE
	"125523088429": true, // CentOS, Fedora
	"792107900819": true, // Rocky Linux
	"764336703387": true, // AlmaLinux
	"801119661308": true, // Amazon (Windows)
}

func checkAMIEncrypted(c *rules.Check) {
	if !amiBuilders[builderType(c.R)] {
		return
	}
	// encrypt_boot: "By default, Packer will keep the encryption setting to
	// what it was in the source image" (ebs builder documentation).
	enc := c.R.Attrs.Field("encrypt_boot")
	switch {
	case !enc.IsNull() && !enc.IsKnown():
		c.Unknown("encrypt_boot", enc)
		return
	case isTrue(enc):
		c.Pass("encrypt_boot is true")
		return
	case !enc.IsNull():
		c.Fail("encrypt_boot", "encrypt_boot is false: the AMI's snapshots are unencrypted; set encrypt_boot = true")
		return
	}
	if d := encryptedRoot(c.R); d != "" {
		c.Pass("the root device %s is launched encrypted, so its snapshot is", d)
		return
	}
	owners := c.R.Attrs.Get("source_ami_filter.owners")
	if c.R.Attrs.Field("source_ami_filter").IsNull() || !owners.IsKnown() || owners.Len() == 0 {
		c.UnknownBecause("encrypt_boot is not set, so the AMI keeps its source image's encryption, which the template does not show; set encrypt_boot = true to be sure")
		return
	}
	for _, o := range owners.List() {
		if !publicOwners[str(o)] {
			c.UnknownBecause("encrypt_boot is not set, so the AMI keeps the encryption of its source image (owner " + str(o) + "), which the template does not show; set encrypt_boot = true to be sure")
			return
		}
	}
	c.Fail("encrypt_boot", "encrypt_boot is not set and the source image is a public one (owners %s), which is unencrypted: the AMI's snapshots are unencrypted; set encrypt_boot = true", ownerList(owners))
}

func ownerList(owners infra.Value) string {
	var s []string
	for _, o := range owners.List() {
		s = append(s, str(o))
	}
	return strings.Join(s, ", ")
}

// encryptedRoot is the device name of a launch_block_device_mappings
// entry that encrypts the root volume the AMI is made from; "". The root
// device is ami_root_device's source_device_name (ebssurrogate), else one
// of the names EC2 gives a root device.
func encryptedRoot(r *infra.Resource) string {
	roots := map[string]bool{"/dev/sda1": true, "/dev/xvda": true}
	if d := str(r.Attrs.Get("ami_root_device.source_device_name")); d != "" {
		roots = map[string]bool{d: true}
	}
	for _, m := range r.Attrs.Blocks("launch_block_device_mappings") {
		d := str(m.Field("device_name"))
		if roots[d] && isTrue(m.Field("encrypted")) {
			return d
		}
	}
	return ""
}
