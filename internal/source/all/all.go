// Package all registers every input format; import it for its side effect.
// A new format is added here, with one import line.
package all

import (
	_ "github.com/prodgrade/prodgrade/internal/source/cloudformation" // CloudFormation templates (and SAM, CDK output)
	_ "github.com/prodgrade/prodgrade/internal/source/compose"        // Docker Compose projects and Dockerfiles
	_ "github.com/prodgrade/prodgrade/internal/source/helm"           // Helm charts, rendered
	_ "github.com/prodgrade/prodgrade/internal/source/kubernetes"     // Kubernetes manifests
	_ "github.com/prodgrade/prodgrade/internal/source/kustomize"      // Kustomize overlays, built natively
	_ "github.com/prodgrade/prodgrade/internal/source/provision"      // Packer templates, Ansible playbooks and roles, shell scripts
	_ "github.com/prodgrade/prodgrade/internal/source/terraform"      // Terraform HCL, plan and state JSON
)
