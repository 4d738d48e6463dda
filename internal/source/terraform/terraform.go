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
	// VarFiles are --var-file paths, applied in order after the root module's
	// terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// Vars are --var name=value assignments, applied last, in order.
	Vars []string
	// Env is the environment, read for TF_VAR_name variables.
	Env []string
}

// Loaded is the outcome of loading: one component per root module, and notes
// about inputs that could not be read and modules that could not be expanded.
type Loaded struct {
	Components []*infra.Component
	Notes      []infra.Note
}
