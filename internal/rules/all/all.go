// Package all registers every rule prodgrade ships. Import it for its side
// effect (import _ ".../internal/rules/all") wherever the full catalog is
// needed: the CLI, scan tests, benchmarks.
package all

import (
	_ "github.com/prodgrade/prodgrade/internal/rules/ansible"    // ansible-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/aws"        // aws-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/compose"    // compose-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/dockerfile" // docker-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/kubernetes" // k8s-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/packer"     // packer-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/shell"      // shell-* rules
	_ "github.com/prodgrade/prodgrade/internal/rules/terraform"  // tf-* rules
)
