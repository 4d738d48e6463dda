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

// usesProviders reports a component that uses a provider: it has a
// resource, a data source or a provider configuration. A root module of
// only variables, locals and outputs has nothing to pin.
func usesProviders(c *rules.Check) bool {
	for _, r := range c.Graph.Resources() {
		if !r.IsSetting() || r.Kind == infra.KindProvider {
			return true
		}
	}
	return false
}
