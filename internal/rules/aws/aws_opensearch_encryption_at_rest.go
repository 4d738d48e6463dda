package aws

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// opensearchKinds are the OpenSearch Service domain kinds: the current
// resource and the older one, which takes the same blocks.
var opensearchKinds = []string{"aws_opensearch_domain", "aws_elasticsearch_domain"}

// searchDomainCloudFormationFix makes a rule's CloudFormation fix for both
// domain types from one snippet: TYPE is replaced by the resource type,
// CLUSTER by the name of its cluster block (AWS::Elasticsearch::Domain
// calls ClusterConfig ElasticsearchClusterConfig) and TLS12 by the
// strongest TLS 1.2 policy the type's API lists (the Elasticsearch API
// lists Policy-Min-TLS-1-2-2019-07, not the newer PFS policy). It returns
// the fix for aws_opensearch_domain and the fixes by kind.
func searchDomainCloudFormationFix(snippet string) (string, map[string]string) {
	r := strings.NewReplacer("TYPE", "AWS::OpenSearchService::Domain", "CLUSTER", "ClusterConfig", "TLS12", "Policy-Min-TLS-1-2-PFS-2023-10")
	es := strings.NewReplacer("TYPE", "AWS::Elasticsearch::Domain", "CLUSTER", "ElasticsearchClusterConfig", "TLS12", "Policy-Min-TLS-1-2-2019-07")
	return r.Replace(snippet), map[string]string{"aws_elasticsearch_domain": es.Replace(snippet)}
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-opensearch-encryption-at-rest",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "OpenSearch domains encrypt data at rest (encrypt_at_rest)",
		Why: "Without encryption at rest, indexes, swap files, logs and automated snapshots of the domain sit in " +
			"clear on AWS storage; search indexes usually hold copies of the application's most sensitive " +
			"records. Encryption with a KMS key is transparent to clients, and fine-grained access control " +
			"requires it.",
		Fix: `resource "aws_opensearch_domain" "search" {
  # ...
  encrypt_at_rest {
    enabled = true
  }
}`,
		CloudFormationFix:   opensearchRestCFN,
		CloudFormationFixes: opensearchRestCFNByKind,
		References: []string{
			doc("aws_opensearch_domain"),
			doc("aws_elasticsearch_domain"),
			"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
			"CKV_AWS_5",
		},
		Kinds: opensearchKinds,
		Check: func(c *rules.Check) {
			// encrypt_at_rest is Optional+Computed and not sent when omitted:
			// "If the encrypt_at_rest block is not provided then this defaults
			// to false" (provider docs; the API's default is disabled).
			on, ok := boolAt(c, "encrypt_at_rest.enabled", false)
			if !ok {
				return
			}
			if on {
				c.Pass("encrypt_at_rest.enabled is true")
				return
			}
			what := "encrypt_at_rest.enabled is false"
			if c.R.Attrs.Get("encrypt_at_rest.enabled").IsNull() {
				what = "encrypt_at_rest is not set, so the domain is not encrypted at rest"
			}
			if v, below := opensearchESBelow(c, 5, 1); below {
				c.Fail("encrypt_at_rest", "%s, and Elasticsearch %s cannot encrypt at rest; upgrade to OpenSearch (or Elasticsearch 5.1 or later) and set encrypt_at_rest { enabled = true }", what, v)
				return
			}
			c.Fail("encrypt_at_rest", "%s; set encrypt_at_rest { enabled = true }", what)
		},
	})
}

// opensearchESBelow reports a domain that runs Elasticsearch older than
// major.minor, with its version: aws_elasticsearch_domain's
// elasticsearch_version (provider default "1.5"), or an aws_opensearch_domain
// engine_version "Elasticsearch_X.Y" (omitted, the API creates the latest
// OpenSearch). An unknown or unreadable version is not below.
func opensearchESBelow(c *rules.Check, major, minor int) (string, bool) {
	var ver string
	if c.R.Kind == "aws_elasticsearch_domain" {
		v := c.R.Attrs.Get("elasticsearch_version")
		if !v.IsKnown() {
			return "", false
		}
		ver = "1.5"
		if !v.IsNull() {
			ver = knownStr(v)
		}
	} else {
		s, isES := strings.CutPrefix(knownStr(c.R.Attrs.Get("engine_version")), "Elasticsearch_")
		if !isES {
			return "", false
		}
		ver = s
	}
	maj, min, _ := strings.Cut(ver, ".")
	a, err1 := strconv.Atoi(maj)
	b, err2 := strconv.Atoi(min)
	if err1 != nil || err2 != nil {
		return "", false
	}
	return ver, a < major || a == major && b < minor
}

var opensearchRestCFN, opensearchRestCFNByKind = searchDomainCloudFormationFix(`Search:
  Type: TYPE
  Properties:
    # ...
    EncryptionAtRestOptions:
      Enabled: true # indexes, logs and snapshots are encrypted with a KMS key
`)
