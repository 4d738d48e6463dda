package aws

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ebs-gp3",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "EBS volumes use gp3 rather than gp2",
		Why: "gp2 ties IOPS to size (3 IOPS per GiB, with burst credits that run out under sustained " +
			"load), so small volumes stall exactly when busy. gp3 gives a 3,000 IOPS and 125 MiB/s " +
			"baseline at any size, tunable separately, for about 20% less per GiB.",
		Fix: `resource "aws_ebs_volume" "data" {
  # ...
  type = "gp3"
}`,
		Fixes: map[string]string{
			"aws_instance": `resource "aws_instance" "web" {
  # ...
  root_block_device {
    volume_type = "gp3"
  }
}`,
			"aws_launch_template": `resource "aws_launch_template" "app" {
  # ...
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_type = "gp3"
    }
  }
}`,
		},
		CloudFormationFix: `Volume:
  Type: AWS::EC2::Volume
  Properties:
    # ...
    VolumeType: gp3
`,
		CloudFormationFixes: map[string]string{
			"aws_instance": `Instance:
  Type: AWS::EC2::Instance
  Properties:
    # ...
    BlockDeviceMappings:
      - DeviceName: /dev/xvda
        Ebs:
          VolumeType: gp3
`,
			"aws_launch_template": `LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeType: gp3
`,
		},
		References: []string{
			doc("aws_ebs_volume"),
			"https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html",
		},
		Kinds: []string{"aws_ebs_volume", "aws_instance", "aws_launch_template"},
		Check: checkGP3,
	})
}

func checkGP3(c *rules.Check) {
	if c.R.Kind == "aws_ebs_volume" {
		// type is Optional+Computed; CreateVolume's VolumeType defaults to gp2.
		t, ok := strAt(c, "type", "gp2")
		switch {
		case !ok:
		case t == "gp2" && c.R.Attrs.Get("type").IsNull():
			c.Fail("type", "type is not set, so the volume is gp2; set type = \"gp3\"")
		case t == "gp2":
			c.Fail("type", "type is gp2; use gp3")
		default:
			c.Pass("type is %s", t)
		}
		return
	}
	// Instances and launch templates: only volume types that are written are
	// judged; an omitted one follows the AMI's block device mapping.
	type dev struct {
		path string
		v    infra.Value
	}
	var devs []dev
	if c.R.Kind == "aws_instance" {
		for _, b := range c.R.Attrs.Blocks("root_block_device") {
			devs = append(devs, dev{"root_block_device.volume_type", b.Field("volume_type")})
		}
		for i, b := range c.R.Attrs.Blocks("ebs_block_device") {
			devs = append(devs, dev{fmt.Sprintf("ebs_block_device[%d].volume_type", i), b.Field("volume_type")})
		}
	} else {
		for i, b := range c.R.Attrs.Blocks("block_device_mappings") {
			devs = append(devs, dev{fmt.Sprintf("block_device_mappings[%d].ebs.volume_type", i), b.Get("ebs.volume_type")})
		}
	}
	judged, bad := 0, 0
	for _, d := range devs {
		if d.v.IsNull() {
			continue
		}
		judged++
		if !d.v.IsKnown() {
			c.Unknown(d.path, d.v)
			continue
		}
		if s, _ := d.v.Str(); s == "gp2" {
			bad++
			c.FailAt(c.R.LocOf(d.v), "%s is gp2; use gp3", d.path)
		}
	}
	if judged > 0 && bad == 0 {
		c.Pass("no volume is gp2")
	}
}
