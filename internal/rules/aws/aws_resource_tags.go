package aws

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// taggedKinds are the main taggable kinds that honour provider default_tags.
// aws_autoscaling_group is left out on purpose: default_tags do not reach it
// (it propagates its own tag blocks).
var taggedKinds = []string{
	"aws_db_instance", "aws_rds_cluster", "aws_s3_bucket", "aws_instance", "aws_launch_template",
	"aws_lb", "aws_alb", "aws_lb_target_group", "aws_ecs_cluster", "aws_ecs_service",
	"aws_ecr_repository", "aws_eks_cluster", "aws_lambda_function", "aws_dynamodb_table",
	"aws_elasticache_replication_group", "aws_sqs_queue", "aws_sns_topic", "aws_kms_key",
	"aws_cloudwatch_log_group", "aws_ebs_volume", "aws_vpc", "aws_subnet", "aws_security_group",
	"aws_efs_file_system", "aws_secretsmanager_secret",
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-resource-tags",
		Item:     checklist.Provision,
		Severity: checklist.Low,
		Title:    "AWS resources are tagged, directly or through provider default_tags",
		Why: "Tags are how a bill, an alert or a security finding is traced to a team, a service and an " +
			"environment. Untagged resources become orphans nobody dares to delete and costs nobody can " +
			"explain. default_tags on the provider tags everything at once.",
		Fix: `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { team = "shop", service = "web", environment = "prod" }
  }
}`,
		CloudFormationFixes: cfnTagFixes(),
		References: []string{
			"https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging",
			"https://docs.aws.amazon.com/tag-editor/latest/userguide/best-practices-and-strats.html",
		},
		Kinds:         taggedKinds,
		CrossResource: true,
		Check:         checkTags,
	})
}

func checkTags(c *rules.Check) {
	tags := c.R.Attrs.Get("tags")
	if tags.IsKnown() && tags.Len() > 0 {
		c.Pass("tags sets %s", plural(tags.Len(), "key"))
		return
	}
	// A plan or state records tags_all: the resource's tags with the
	// provider's default_tags merged in.
	if all := c.R.Attrs.Get("tags_all"); all.IsKnown() && all.Len() > 0 {
		c.Pass("tags_all holds %s", plural(all.Len(), "key"))
		return
	}
	if n := tags.MinLen(); n > 0 {
		// merge({Name = "x"}, var.extra_tags): the rest is unknown, but
		// the resource is tagged.
		c.Pass("tags sets at least %s", plural(n, "key"))
		return
	}
	p := providerOf(c)
	if p != nil {
		dt := p.Attrs.Get("default_tags.tags")
		if dt.IsKnown() && dt.Len() > 0 {
			c.Pass("%s sets default_tags", p.Address)
			return
		}
		if !dt.IsKnown() && tags.IsKnown() {
			c.UnknownIn(p, "default_tags.tags", dt)
			return
		}
	}
	if !tags.IsKnown() {
		c.Unknown("tags", tags)
		return
	}
	// A front end that does not say which provider a resource uses leaves
	// open that an aliased aws provider's default_tags tag it. Say so rather
	// than guess.
	if c.R.Provider == "" {
		for _, o := range c.Graph.OfKind("provider") {
			if o != p && strings.HasPrefix(o.Address, "provider.aws.") && o.Attrs.Get("default_tags.tags").Len() > 0 {
				c.UnknownBecause(fmt.Sprintf("tags is not set; %s sets no default_tags, but %s does, and which of them the resource uses is not recorded", orDefault(addr(p), "the default aws provider"), o.Address))
				return
			}
		}
	}
	if c.R.Origin == infra.OriginCloudFormation {
		// Stack tags play default_tags' part; the loader puts those it
		// knows (a CDK stack's, a parameters file's) into tags.
		prop := "Tags"
		if c.R.Kind == "aws_efs_file_system" {
			prop = "FileSystemTags" // an EFS file system has no Tags
		}
		c.Fail("tags", "%s is not set and the stack has no tags; tag the resource, or the stack (CloudFormation copies a stack's tags to its resources)", prop)
		return
	}
	via := "no provider \"aws\" block sets default_tags"
	if p != nil {
		via = p.Address + " sets no default_tags"
	}
	what := "tags is not set"
	if !tags.IsNull() {
		what = "tags is empty"
	}
	c.Fail("tags", "%s and %s; tag the resource or add default_tags to the provider", what, via)
}

// providerOf finds the provider configuration a resource uses: the one the
// loader resolved (meta-argument, module providers map, inheritance), else
// the default aws provider of its module or, as Terraform inherits it, of the root.
func providerOf(c *rules.Check) *infra.Resource {
	if c.R.Provider != "" {
		return c.Graph.Lookup(c.R.Provider)
	}
	name := "aws"
	var cands []string
	if c.R.Module != "" {
		cands = append(cands, c.R.Module+".provider."+name)
	}
	cands = append(cands, "provider."+name)
	for _, a := range cands {
		if p := c.Graph.Lookup(a); p != nil {
			return p
		}
	}
	return nil
}

func addr(r *infra.Resource) string {
	if r == nil {
		return ""
	}
	return r.Address
}

// cfnTagged is, for each kind the rule reads that a template can hold, the
// CloudFormation type and a logical id for its fix. aws_alb has none: a
// template's load balancer is aws_lb.
var cfnTagged = map[string][2]string{
	"aws_db_instance":                   {"Database", "AWS::RDS::DBInstance"},
	"aws_rds_cluster":                   {"Cluster", "AWS::RDS::DBCluster"},
	"aws_s3_bucket":                     {"Bucket", "AWS::S3::Bucket"},
	"aws_instance":                      {"Instance", "AWS::EC2::Instance"},
	"aws_launch_template":               {"LaunchTemplate", "AWS::EC2::LaunchTemplate"},
	"aws_lb":                            {"LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer"},
	"aws_lb_target_group":               {"TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup"},
	"aws_ecs_cluster":                   {"Cluster", "AWS::ECS::Cluster"},
	"aws_ecs_service":                   {"Service", "AWS::ECS::Service"},
	"aws_ecr_repository":                {"Repository", "AWS::ECR::Repository"},
	"aws_eks_cluster":                   {"Cluster", "AWS::EKS::Cluster"},
	"aws_lambda_function":               {"Function", "AWS::Lambda::Function"},
	"aws_dynamodb_table":                {"Table", "AWS::DynamoDB::Table"},
	"aws_elasticache_replication_group": {"ReplicationGroup", "AWS::ElastiCache::ReplicationGroup"},
	"aws_sqs_queue":                     {"Queue", "AWS::SQS::Queue"},
	"aws_sns_topic":                     {"Topic", "AWS::SNS::Topic"},
	"aws_kms_key":                       {"Key", "AWS::KMS::Key"},
	"aws_cloudwatch_log_group":          {"LogGroup", "AWS::Logs::LogGroup"},
	"aws_ebs_volume":                    {"Volume", "AWS::EC2::Volume"},
	"aws_vpc":                           {"Vpc", "AWS::EC2::VPC"},
	"aws_subnet":                        {"Subnet", "AWS::EC2::Subnet"},
	"aws_security_group":                {"SecurityGroup", "AWS::EC2::SecurityGroup"},
	"aws_efs_file_system":               {"FileSystem", "AWS::EFS::FileSystem"},
	"aws_secretsmanager_secret":         {"Secret", "AWS::SecretsManager::Secret"},
}

// cfnTagFixes are the rule's CloudFormation fixes: Tags on the resource,
// a list of Key and Value on every type here. A launch template tags itself
// through TagSpecifications of ResourceType launch-template (its
// LaunchTemplateData's tag what it launches); an EFS file system's property
// is FileSystemTags. The stack's own tags are the nearest thing to the
// provider's default_tags: CloudFormation copies them onto every resource
// it creates, and the comment says so.
func cfnTagFixes() map[string]string {
	const tags = `- Key: team
  Value: shop
- Key: service
  Value: web
- Key: environment
  Value: prod
`
	indent := func(s, pad string) string {
		var b strings.Builder
		for line := range strings.Lines(s) {
			b.WriteString(pad + line)
		}
		return b.String()
	}
	out := make(map[string]string, len(cfnTagged))
	for kind, t := range cfnTagged {
		var prop string
		switch kind {
		case "aws_launch_template":
			prop = "    TagSpecifications:\n      - ResourceType: launch-template\n        Tags:\n" + indent(tags, "          ")
		case "aws_efs_file_system":
			prop = "    FileSystemTags:\n" + indent(tags, "      ")
		default:
			prop = "    Tags:\n" + indent(tags, "      ")
		}
		out[kind] = fmt.Sprintf(`%s:
  Type: %s
  Properties:
    # ...
%s# or give the stack these tags (aws cloudformation deploy --tags team=shop
# service=web environment=prod): CloudFormation copies them onto every
# resource it creates
`, t[0], t[1], prop)
	}
	return out
}
