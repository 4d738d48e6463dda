package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-opensearch-encryption-in-transit",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "OpenSearch domains encrypt traffic in transit (node-to-node encryption, HTTPS enforced with a TLS 1.2 policy)",
		Why: "Without node-to-node encryption, shard replication and queries between the domain's nodes cross the " +
			"VPC in clear; without enforced HTTPS, clients may send credentials and documents over plain HTTP, and " +
			"a policy that accepts TLS 1.0 allows downgraded, breakable connections. A single-node domain has no " +
			"traffic between nodes and passes the first part, as Checkov's CKV_AWS_6 does; unlike Checkov's " +
			"CKV_AWS_83, an omitted domain_endpoint_options block fails, since the API then does not enforce HTTPS.",
		Fix: `resource "aws_opensearch_domain" "search" {
  # ...
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}`,
		CloudFormationFix:   opensearchTransitCFN,
		CloudFormationFixes: opensearchTransitCFNByKind,
		References: []string{
			doc("aws_opensearch_domain"),
			doc("aws_elasticsearch_domain"),
			"https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html",
			"https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html",
			"CKV_AWS_6",
			"CKV_AWS_83",
		},
		Kinds: opensearchKinds,
		Check: func(c *rules.Check) {
			gaps, unknown := 0, false
			// Node-to-node encryption matters once there is more than one
			// node: instance_count defaults to 1, dedicated_master_enabled to false.
			nodes, ok1 := numAt(c, "cluster_config.instance_count", 1)
			masters, ok2 := boolAt(c, "cluster_config.dedicated_master_enabled", false)
			if !ok1 || !ok2 {
				unknown = true
			} else if nodes > 1 || masters {
				// node_to_node_encryption is Optional+Computed, not sent when
				// omitted; the API's default is disabled.
				on, ok := boolAt(c, "node_to_node_encryption.enabled", false)
				switch {
				case !ok:
					unknown = true
				case !on:
					gaps++
					if v, below := opensearchESBelow(c, 6, 0); below {
						c.Fail("node_to_node_encryption", "node_to_node_encryption is not enabled, and Elasticsearch %s cannot enable it; upgrade to OpenSearch (or Elasticsearch 6.0 or later) and set node_to_node_encryption { enabled = true }", v)
					} else {
						c.Fail("node_to_node_encryption", "node_to_node_encryption is not enabled, so traffic between the domain's nodes is not encrypted; set node_to_node_encryption { enabled = true }")
					}
				}
			}
			// domain_endpoint_options is Optional+Computed: omitted, nothing is
			// sent and HTTPS is not enforced; written, enforce_https defaults to true.
			opts := c.R.Attrs.Get("domain_endpoint_options")
			switch {
			case !opts.IsKnown():
				c.Unknown("domain_endpoint_options", opts)
				unknown = true
			case opts.IsNull() || opts.Len() == 0:
				gaps++
				c.Fail("", "domain_endpoint_options is not set, so HTTPS is not enforced and the service's default TLS policy (Policy-Min-TLS-1-0-2019-07) accepts TLS 1.0; set enforce_https = true and tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"")
			default:
				https, ok := boolAt(c, "domain_endpoint_options.enforce_https", true)
				switch {
				case !ok:
					unknown = true
				case !https:
					gaps++
					c.Fail("domain_endpoint_options.enforce_https", "domain_endpoint_options.enforce_https is false, so clients may connect over plain HTTP; set it to true")
				default:
					pol, ok := strAt(c, "domain_endpoint_options.tls_security_policy", "")
					switch {
					case !ok:
						unknown = true
					case pol == "":
						gaps++
						c.Fail("domain_endpoint_options", "domain_endpoint_options.tls_security_policy is not set, so the service's default policy (Policy-Min-TLS-1-0-2019-07) accepts TLS 1.0; set it to Policy-Min-TLS-1-2-PFS-2023-10")
					case pol == "Policy-Min-TLS-1-2-2019-07" || pol == "Policy-Min-TLS-1-2-PFS-2023-10":
					default:
						gaps++
						c.Fail("domain_endpoint_options.tls_security_policy", "domain_endpoint_options.tls_security_policy is %s, which accepts TLS versions older than 1.2; set it to Policy-Min-TLS-1-2-PFS-2023-10", pol)
					}
				}
			}
			if gaps == 0 && !unknown {
				c.Pass("traffic between nodes and from clients is encrypted with TLS 1.2 or later")
			}
		},
	})
}

var opensearchTransitCFN, opensearchTransitCFNByKind = searchDomainCloudFormationFix(`Search:
  Type: TYPE
  Properties:
    # ...
    NodeToNodeEncryptionOptions:
      Enabled: true
    DomainEndpointOptions:
      EnforceHTTPS: true # not enforced unless written
      TLSSecurityPolicy: TLS12
`)
