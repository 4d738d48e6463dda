package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-control-plane-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "EKS clusters send their api, audit and authenticator control plane logs to CloudWatch",
		Why: "EKS sends no control plane logs unless asked: without the audit log nobody can tell who deleted " +
			"a namespace or read a secret, without the api and authenticator logs a failing deploy or a " +
			"rejected login leaves no trace. Checkov CKV_AWS_37 and Trivy AVD-AWS-0038 also demand the " +
			"controllerManager and scheduler logs; this rule asks for the three that answer those questions, " +
			"and leaves the other two, which are verbose and rarely read, to the team.",
		Fix: `resource "aws_eks_cluster" "main" {
  # ...
  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    # ...
    Logging:
      ClusterLogging:
        EnabledTypes:
          - Type: api
          - Type: audit
          - Type: authenticator
`,
		References: []string{
			doc("aws_eks_cluster"),
			"https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
			"CKV_AWS_37",
			"AVD-AWS-0038",
		},
		Kinds: []string{"aws_eks_cluster"},
		Check: checkEKSControlPlaneLogs,
	})
}

// eksRequiredLogTypes are the control plane log types the rule asks for.
var eksRequiredLogTypes = []string{"api", "audit", "authenticator"}

func checkEKSControlPlaneLogs(c *rules.Check) {
	const path = "enabled_cluster_log_types"
	v, ok := read(c, path)
	if !ok {
		return
	}
	// Not written: the cluster sends no control plane logs (the EKS API
	// default; the provider leaves the list empty).
	if v.IsNull() {
		c.Fail(path, "enabled_cluster_log_types is not set, so the control plane sends no logs; enable at least api, audit and authenticator")
		return
	}
	if v.Len() == 0 {
		c.Fail(path, "enabled_cluster_log_types is empty, so the control plane sends no logs; enable at least api, audit and authenticator")
		return
	}
	have := map[string]bool{}
	for _, e := range v.List() {
		if !e.IsKnown() {
			continue
		}
		have[knownStr(e)] = true
	}
	var missing []string
	for _, t := range eksRequiredLogTypes {
		if !have[t] {
			missing = append(missing, t)
		}
	}
	if len(missing) == 0 {
		c.Pass("enabled_cluster_log_types includes api, audit and authenticator")
		return
	}
	// An element that cannot be resolved may be one of the missing types.
	for _, e := range v.List() {
		if !e.IsKnown() {
			c.Unknown(path, e)
			return
		}
	}
	c.Fail(path, "enabled_cluster_log_types does not include %s; add the missing types so the control plane logs who did what", strings.Join(missing, ", "))
}
