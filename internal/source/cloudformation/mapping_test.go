package cloudformation

import (
	"sort"
	"testing"

	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/aws" // the rules whose kinds must be mapped
)

// producedKinds are the Terraform kinds builders make besides a type's own
// kind: an Aurora member, and the separate resources Terraform has for
// what CloudFormation configures inline.
var producedKinds = []string{
	"aws_rds_cluster_instance",
	"aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
	"aws_s3_bucket_logging", "aws_s3_bucket_public_access_block", "aws_s3_bucket_website_configuration",
	"aws_secretsmanager_secret_version", "aws_efs_backup_policy", "aws_lambda_alias",
	"aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy",
	"aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment",
	"aws_iam_user_login_profile",
	"aws_backup_vault_lock_configuration", "aws_route53_record",
	"aws_lb_target_group_attachment",
}

// notMapped are the kinds AWS rules read that no CloudFormation type maps
// onto, each with the reason. Keep it honest: a kind leaves this list when
// a mapping (with fixtures) arrives.
var notMapped = map[string]string{
	"provider":                            "Terraform's provider block; CloudFormation has no credentials in templates",
	"data.aws_iam_policy_document":        "a Terraform data source; CloudFormation writes policy documents inline, read where they are used",
	"aws_default_security_group":          "CloudFormation cannot manage a VPC's default security group",
	"aws_default_network_acl":             "CloudFormation cannot manage a VPC's default network ACL",
	"aws_alb":                             "Terraform's alias of aws_lb; AWS::ElasticLoadBalancingV2::LoadBalancer maps to aws_lb",
	"aws_alb_listener":                    "Terraform's alias of aws_lb_listener, which the listener maps to",
	"aws_alb_target_group":                "Terraform's alias of aws_lb_target_group, which the target group maps to",
	"aws_vpc_security_group_ingress_rule": "AWS::EC2::SecurityGroupIngress maps to aws_security_group_rule, which the same rule reads",
	"aws_iam_policy_attachment":           "Terraform's exclusive attachment; CloudFormation attaches through ManagedPolicyArns, mapped to the role, user or group attachments",
	"aws_dynamodb_table_replica":          "AWS::DynamoDB::GlobalTable declares its replicas inline (Replicas); it maps to aws_dynamodb_table's replica blocks, which the same rule reads",
	"aws_neptune_cluster":                 "AWS::Neptune::DBCluster has no master password property (Neptune authenticates with IAM), so the one attribute the secret rule reads has no counterpart",
}

// TestEveryRuleKindIsMappedOrListed fails when an AWS rule reads a kind that
// no CloudFormation type maps onto and that notMapped does not explain, and
// when notMapped lists a kind that is mapped after all or no rule reads.
func TestEveryRuleKindIsMappedOrListed(t *testing.T) {
	mapped := map[string]bool{}
	for _, m := range mapping {
		mapped[m.kind] = true
	}
	for _, k := range producedKinds {
		mapped[k] = true
	}
	read := map[string]bool{}
	for _, r := range rules.All() {
		if r.Platform() != "aws" {
			continue
		}
		for _, k := range r.Kinds {
			read[k] = true
		}
	}
	var missing []string
	for k := range read {
		_, listed := notMapped[k]
		switch {
		case mapped[k] && listed:
			t.Errorf("%s is mapped: remove it from notMapped", k)
		case !mapped[k] && !listed:
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("AWS rules read kinds no CloudFormation type maps onto; map them in mapping.go or list them in notMapped with the reason: %v", missing)
	}
	for k := range notMapped {
		if !read[k] {
			t.Errorf("notMapped lists %s, which no AWS rule reads", k)
		}
	}
	n := 0
	for k := range read {
		if mapped[k] {
			n++
		}
	}
	t.Logf("mapped %d of the %d kinds AWS rules read", n, len(read))
}
