// Package packer holds the rules for Packer templates: how a machine image
// is baked (its base image, its encryption and sharing, the build
// instance's exposure, its name and version, the plugins and variables of
// the template, the agents its provisioners install). The loader is
// internal/source/packer; the shell its provisioners run is graded by the
// shell rules.
package packer

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	packersrc "github.com/prodgrade/prodgrade/internal/source/packer"
)

var (
	sourceKinds   = []string{packersrc.KindSource}
	buildKinds    = []string{packersrc.KindBuild}
	variableKinds = []string{packersrc.KindVariable}
)

// amiBuilders make an EBS-backed AMI (packer-plugin-amazon): their
// encrypt_boot, ami_groups and ami_name apply to it. amazon-ebsvolume
// makes volumes, amazon-instance an instance-store AMI without EBS
// snapshots; amazon-chroot builds without an instance.
var amiBuilders = map[string]bool{"amazon-ebs": true, "amazon-ebssurrogate": true}

// instanceBuilders launch an EC2 instance to build on, whose metadata
// options, security group and SSH access the run_config settings decide.
var instanceBuilders = map[string]bool{"amazon-ebs": true, "amazon-ebssurrogate": true,
	"amazon-ebsvolume": true, "amazon-instance": true}

// sharingBuilders publish an AMI whose launch permissions ami_groups sets.
var sharingBuilders = map[string]bool{"amazon-ebs": true, "amazon-ebssurrogate": true,
	"amazon-instance": true, "amazon-chroot": true}

// builderType is a packer/Source's builder type ("amazon-ebs").
func builderType(r *infra.Resource) string {
	s, _ := r.Attrs.Field("type").Str()
	return s
}

// str is a known string value, "" otherwise.
func str(v infra.Value) string {
	if !v.IsKnown() {
		return ""
	}
	s, _ := v.Str()
	return s
}

// isTrue reports a known true value.
func isTrue(v infra.Value) bool {
	b, ok := v.Bool()
	return ok && b && v.IsKnown()
}

// lower is s in lower case, for matching names and commands.
func lower(s string) string { return strings.ToLower(s) }
