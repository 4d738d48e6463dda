package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-secrets-encryption",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "EKS clusters encrypt Kubernetes secrets with a customer-managed KMS key",
		Why: "Since March 2025 EKS envelope-encrypts all Kubernetes API data, secrets included, on clusters " +
			"running Kubernetes 1.28 or later, with a key AWS owns; that is why this is low, not high as in " +
			"Checkov CKV_AWS_58 and Trivy AVD-AWS-0039, which test the same encryption_config. What is missing " +
			"without it is your own key: no key policy limits who can decrypt the secrets, no CloudTrail " +
			"record shows each use, and disabling the key cannot make a leaked etcd snapshot unreadable.",
		Fix: `resource "aws_eks_cluster" "main" {
  # ...
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    # ...
    EncryptionConfig:
      - Resources: [secrets]
        Provider:
          KeyArn: !GetAtt Key.Arn
`,
		References: []string{
			doc("aws_eks_cluster"),
			"https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
			"CKV_AWS_58",
			"AVD-AWS-0039",
			"cfn-nag: W82",
		},
		Kinds: []string{"aws_eks_cluster"},
		Check: checkEKSSecretsEncryption,
	})
}

func checkEKSSecretsEncryption(c *rules.Check) {
	enc := c.R.Attrs.Get("encryption_config")
	if !enc.IsKnown() {
		c.Unknown("encryption_config", enc)
		return
	}
	blocks := c.R.Attrs.Blocks("encryption_config")
	if len(blocks) == 0 {
		// Not written: secrets use EKS's default envelope encryption with an
		// AWS-owned key (Kubernetes 1.28+), never a key of the account.
		c.Fail("encryption_config", "encryption_config is not set, so secrets are encrypted only with the AWS-owned default key; encrypt them with a KMS key of your own")
		return
	}
	for _, b := range blocks {
		res := b.Get("resources")
		if !res.IsKnown() {
			c.Unknown("encryption_config.resources", res)
			return
		}
		secrets := false
		for _, e := range res.List() {
			if !e.IsKnown() {
				c.Unknown("encryption_config.resources", e)
				return
			}
			if knownStr(e) == "secrets" {
				secrets = true
			}
		}
		if !secrets {
			continue
		}
		// provider.key_arn is required in the block: a key it names, known
		// now or only after apply, encrypts the secrets.
		key := b.Get("provider.key_arn")
		if key.IsKnown() && knownStr(key) == "" {
			c.Fail("encryption_config", "encryption_config lists secrets but names no provider.key_arn; set it to a KMS key")
			return
		}
		c.Pass("encryption_config encrypts secrets with a KMS key of the account")
		return
	}
	c.Fail("encryption_config.resources", "encryption_config.resources does not include \"secrets\"; set resources = [\"secrets\"]")
}
