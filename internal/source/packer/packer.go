// Package packer reads Packer templates, HCL2 (*.pkr.hcl, *.pkr.json) and
// legacy JSON, into resources: how a machine image is baked (its base image,
// its encryption and sharing, the provisioners that install and configure
// it, the post-processors that record it). The provision format loads
// templates through this package, decides which shell scripts belong to
// which template and grades what is left; this package only turns a
// template into resources, notes and the script files it runs.
//
// One template directory (HCL2) or one legacy JSON file is one component
// (Kind "packer template", Tool "Packer"). Values are evaluated as Packer
// evaluates them: var.* from variable defaults, then *.auto.pkrvars.hcl and
// *.auto.pkrvars.json files in lexical order, then -var-file files in the
// order given (later wins; Packer's PKR_VAR_ environment and -var flags
// are not known to a scan); local.* from locals blocks and local blocks;
// the functions of Packer's HCL2 language. What Packer only knows when it
// runs is unknown, saying why: timestamp(), uuidv4(), bcrypt(), vault(),
// aws_secretsmanager(), consul_key(), data sources (data.*), source.name,
// build.* and packer.version, a variable without a value. Every value is
// located at the file:line that wrote it; a value set by a variable file
// is located where the template uses it, and the packer/Variable resource
// says where it was set.
//
// Resources (Origin "packer"):
//
// packer/Source, one per source "TYPE" "NAME" block (Address
// "source.TYPE.NAME", Name "TYPE.NAME"); in legacy JSON one per builder
// (Name the builder's name, else its type). Attributes are the block's
// own, snake_case as written, nested blocks as objects (a block written
// more than once as a list of objects): ami_name, source_ami,
// source_ami_filter {filters, owners, most_recent}, encrypt_boot,
// kms_key_id, ami_users, ami_groups, metadata_options {http_tokens,
// http_endpoint}, image and commit (docker), ssh_username, …; plus
//
//	type       the builder type ("amazon-ebs", "docker")
//	build      for a build-level variant only: the build's address
//	variant_of for a build-level variant only: the source it overrides
//
// A source "source.TYPE.NAME" { … } block inside a build that sets
// attributes is a variant: a packer/Source of its own (Address
// "BUILD.source.TYPE.NAME", Name "TYPE.NAME", or "TYPE.N" when it sets
// name = "N"), whose attributes are the source's with the block's merged
// over them, since that is what Packer builds. The source it overrides is
// still a resource of its own.
//
// packer/Data, one per data "TYPE" "NAME" block (Address and Name
// "data.TYPE.NAME"): the block's attributes and type. Its outputs are
// unknown wherever they are used; an attribute that uses one has an edge
// to it.
//
// packer/Build, one per build block (Address "build.NAME", Name its name
// attribute, else "build.N" with N its index among the template's builds,
// in file order); a legacy JSON template is one build named "build":
//
//	name             the build's name attribute, null when absent
//	sources          the "TYPE.NAME" of every source it builds, from its
//	                 sources attribute and its source blocks, in order;
//	                 unknown (at least as long as its source blocks) when
//	                 the attribute cannot be resolved
//	provisioners     every provisioner in order, each an object: type
//	                 ("shell", "file", "ansible", "powershell", …) plus the
//	                 block's attributes and nested blocks: inline, script,
//	                 scripts, environment_vars, execute_command,
//	                 inline_shebang, playbook_file, extra_arguments, only,
//	                 except, override, …; an error-cleanup-provisioner has
//	                 error_cleanup = true
//	post_processors  every post-processor, flattened in order, each an
//	                 object: type ("manifest", "checksum",
//	                 "amazon-ami-management", "docker-tag", …) plus its
//	                 attributes, and sequence, the index of the chain it
//	                 belongs to (a post-processors block, or a legacy JSON
//	                 array, is one chain; a lone post-processor its own)
//
// Edges: "sources" to each packer/Source (a variant where the build has
// one); "provisioners" to each shell/Script made from an inline shell
// provisioner.
//
// packer/Variable, one per variable (Address "var.NAME", Name NAME):
// default (as written), type (the type expression as written, null when
// absent), sensitive (bool), description, and value (the value Packer
// would use, located where it was set: the default, or the variable file
// that set it; unknown when nothing sets it). The default and value of a
// variable declared sensitive (legacy JSON: listed in
// sensitive-variables), or named like a secret (password, token,
// secret_key, …), are hidden (never printed), and so is every value
// computed from them; a value from a -var-file is hidden and external.
//
// packer/Settings, for the packer {} block (Address and Name "packer"):
// required_version, and required_plugins {NAME {version, source}}; for a
// legacy template, min_packer_version.
//
// Inline shell: each provisioner of type "shell" with inline commands
// gives a shell/Script (see package shell) made of its
// lines joined with newlines, located at the first line, with RunsIn
// "packer" and Address "BUILD.provisioner[I]". Packer writes the lines to a
// file that starts with inline_shebang, "/bin/sh -e" by default, and runs
// it with execute_command, which by default executes the file itself, so
// the shebang decides the shell and whether it stops at the first error;
// an execute_command that hands the file to a shell (sudo bash '{{ .Path
// }}') decides instead. Script files (script, scripts) are returned as
// shell.Refs, resolved against the template's directory (Packer resolves
// them against its working directory, which is the template's directory
// when it is run as documented); Packer executes a script file itself, so
// its own shebang decides, unless execute_command hands it to a shell.
// shell-local (run on the machine running Packer, not in the image),
// windows-shell and powershell provisioners stay provisioners only. A
// line of inline that is not known becomes a comment naming its
// expression, so no command is made up.
package packer

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// Resource kinds.
const (
	KindSource   = "packer/Source"
	KindData     = "packer/Data"
	KindBuild    = "packer/Build"
	KindVariable = "packer/Variable"
	KindSettings = "packer/Settings"
)

// ComponentKind is the Kind of a component made from a Packer template.
const ComponentKind = "packer template"

// origin is the Origin of every resource of this package.
const origin = "packer"

// Load reads the Packer template in dir (its *.pkr.hcl and *.pkr.json
// files, and the variable files Packer loads itself: *.auto.pkrvars.hcl /
// *.auto.pkrvars.json; varFiles are -var-file files given by the user)
// into one component; refs are the script files its provisioners run
// (shell "script"/"scripts"; an ansible "playbook_file" is not a script).
// files are the template's files as discovery found them; when it is
// empty, dir is listed through the tree. Every file is read through tree.
func Load(ctx context.Context, tree *confine.Tree, dir string, files, varFiles []string) (*infra.Component, []shell.Ref, []infra.Note) {
	l := newLoader(ctx, tree, dir)
	l.loadHCL(files, varFiles)
	return l.finish(dir)
}

// LoadLegacyJSON reads one legacy JSON template (a *.json file whose top
// level has "builders").
func LoadLegacyJSON(ctx context.Context, tree *confine.Tree, file string, data []byte) (*infra.Component, []shell.Ref, []infra.Note) {
	l := newLoader(ctx, tree, filepath.Dir(file))
	l.loadLegacy(file, data)
	return l.finish(file)
}

// IsLegacyJSON reports whether data is a legacy Packer JSON template: a
// JSON object with a top-level "builders" key. Only the top level is
// read, token by token, so it is cheap, and it answers from the head of a
// file as well as from the whole.
func IsLegacyJSON(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for d.More() {
		k, err := d.Token()
		if err != nil {
			return false
		}
		if k == "builders" {
			return true
		}
		if !skipValue(d) {
			return false
		}
	}
	return false
}

// skipValue reads one value, however nested, without building it: the
// decoder's Token walks nesting with a counter, not with recursion.
func skipValue(d *json.Decoder) bool {
	depth := 0
	for {
		t, err := d.Token()
		if err != nil {
			return false
		}
		if delim, ok := t.(json.Delim); ok {
			switch delim {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
		if depth == 0 {
			return true
		}
	}
}
