// Package terraform loads Terraform configuration (HCL) into prodgrade's
// format-neutral resources: it evaluates variables, locals, functions,
// count/for_each and dynamic blocks, expands local and already-downloaded
// modules, and records every reference as a graph edge.
//
// Values that only Terraform can know (data sources, attributes computed at
// apply, variables without a value) become unknown values that say why.
package terraform

import "github.com/prodgrade/prodgrade/internal/infra"

// Options are the inputs a user would give terraform plan.
type Options struct {
	// Vars are --var-file and --var arguments in command-line order, applied
	// in that order after the root module's terraform.tfvars and
	// *.auto.tfvars, as Terraform applies them.
	Vars []VarArg
	// Env is the environment, read for TF_VAR_name variables.
	Env []string
	// Plans are --plan values: FILE, or DIR=FILE naming the root module the
	// plan was made from. The plan's values are graded, at the .tf lines.
	Plans []string
	// MaxInstances bounds the resource and module instances expanded in
	// one component; 0 means DefaultMaxInstances.
	MaxInstances int64
}

// VarArg is one --var-file FILE (File set) or --var NAME=VALUE (Assign set).
type VarArg struct {
	File   string
	Assign string
}

// Loaded is the outcome of loading: one component per root module, and notes
// about inputs that could not be read and modules that could not be expanded.
type Loaded struct {
	Components []*infra.Component
	Notes      []infra.Note
}
