// Package terraform holds prodgrade's rules about Terraform itself: state
// backends, version constraints and module sources. They run on the loader's
// pseudo-resources: kind "terraform" (one per module, from its terraform
// block) and kind "module" (one per module call).
package terraform

import (
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

const langDocs = "https://developer.hashicorp.com/terraform/language/"

// isRoot reports the terraform settings of the root module, the one that
// owns state and picks the versions actually installed.
func isRoot(c *rules.Check) bool { return c.R.Module == "" }

// str is a known string value, or "".
func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}
