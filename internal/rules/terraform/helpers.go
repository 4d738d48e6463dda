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

// knownStr is v when it is a known string, else "": for comparisons where an
// unknown or missing value simply does not match.
func knownStr(v infra.Value) string {
	s, _ := v.Str()
	return s
}
