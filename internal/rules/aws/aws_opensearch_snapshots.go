package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// snapshotRepoKinds register a snapshot repository inside a domain, through
// the OpenSearch or Elasticsearch provider pointed at its endpoint.
var snapshotRepoKinds = []string{"opensearch_snapshot_repository", "elasticsearch_snapshot_repository"}

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-opensearch-snapshots",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "OpenSearch domains keep snapshots outside the domain (a registered S3 snapshot repository)",
		Why: "The service's automated snapshots are kept for 14 days inside the domain and are deleted " +
			"with it: a deleted domain (there is no deletion protection) or an index dropped more than two " +
			"weeks ago cannot be restored. Manual snapshots to an S3 repository the team owns outlive the " +
			"domain and can be kept, copied and restored elsewhere.",
		Fix: `provider "opensearch" {
  url = "https://${aws_opensearch_domain.search.endpoint}"
}

resource "opensearch_snapshot_repository" "s3" {
  name = "s3-snapshots"
  type = "s3"
  settings = {
    bucket   = aws_s3_bucket.snapshots.id
    region   = "eu-west-1"
    role_arn = aws_iam_role.snapshots.arn
  }
}`,
		CloudFormationFix:   opensearchSnapshotsCFN,
		CloudFormationFixes: opensearchSnapshotsCFNByKind,
		References: []string{
			doc("aws_opensearch_domain"),
			"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html",
			"https://registry.terraform.io/providers/opensearch-project/opensearch/latest/docs/resources/snapshot_repository",
		},
		Kinds:         []string{"aws_opensearch_domain", "aws_elasticsearch_domain"},
		CrossResource: true, // a repository registered through a provider pointed at the domain
		Check:         checkOpenSearchSnapshots,
	})
}

func checkOpenSearchSnapshots(c *rules.Check) {
	domains := len(c.Graph.OfKind("aws_opensearch_domain")) + len(c.Graph.OfKind("aws_elasticsearch_domain"))
	for _, kind := range snapshotRepoKinds {
		for _, repo := range c.Graph.OfKind(kind) {
			// The repository belongs to the domain its provider
			// configuration points at; with one domain there is no doubt.
			if domains == 1 || providerPointsAt(c.Graph, repo, c.R) {
				c.Pass("%s registers a snapshot repository", repo.Address)
				return
			}
		}
	}
	if c.R.Origin == infra.OriginCloudFormation {
		if repo := cfnSnapshotRepository(c, domains); repo != nil {
			c.Pass("%s (%s) registers a snapshot repository", repo.Address, repo.Kind)
			return
		}
		c.Missing("no custom resource of this template registers a snapshot repository in %s (CloudFormation has no resource type for one), so its only snapshots are the automated ones, deleted with the domain", c.R.Address)
		return
	}
	c.Missing("no opensearch_snapshot_repository is registered in %s, so its only snapshots are the automated ones, deleted with the domain", c.R.Address)
}

// cfnSnapshotRepository finds, in a template, the custom resource that
// registers a snapshot repository in the domain. CloudFormation has no
// resource type for a repository (it is registered through the domain's
// own REST API, PUT _snapshot/<name>), so a template does it with a custom
// resource backed by a function; its type is the author's own, and one
// whose name says snapshot (Custom::OpenSearchSnapshotRepository) is taken
// as that evidence. It belongs to the domain when the template has one, or
// when it depends on the domain (DependsOn: the repository can only be
// registered once the domain exists).
func cfnSnapshotRepository(c *rules.Check, domains int) *infra.Resource {
	for _, r := range c.Graph.Resources() {
		if !strings.HasPrefix(r.Kind, "Custom::") || !strings.Contains(strings.ToLower(r.Kind), "snapshot") {
			continue
		}
		if domains == 1 {
			return r
		}
		for _, t := range c.Graph.Targets(r, "depends_on") {
			if t == c.R {
				return r
			}
		}
	}
	return nil
}

// providerPointsAt reports that the provider configuration r uses
// references target (its url is built from the domain's endpoint).
func providerPointsAt(g *infra.Graph, r, target *infra.Resource) bool {
	p := g.Lookup(r.Provider)
	if p == nil {
		return false
	}
	for _, t := range g.Targets(p, "") {
		if t == target {
			return true
		}
	}
	return false
}

var opensearchSnapshotsCFN, opensearchSnapshotsCFNByKind = searchDomainCloudFormationFix(`Search:
  Type: TYPE
  # ... (the domain as it is)
# CloudFormation has no type for a snapshot repository: a custom resource,
# backed by a function of yours that sends the domain a signed
# PUT _snapshot/s3-snapshots, registers one.
SnapshotRepository:
  Type: Custom::OpenSearchSnapshotRepository
  DependsOn: Search # ties it to this domain when the template has several
  Properties:
    ServiceToken: !GetAtt RegisterSnapshotRepository.Arn # your function
    DomainEndpoint: !GetAtt Search.DomainEndpoint
    RepositoryName: s3-snapshots
    Bucket: !Ref SnapshotBucket
    RoleArn: !GetAtt SnapshotRole.Arn # a role OpenSearch assumes to write to the bucket
`)
