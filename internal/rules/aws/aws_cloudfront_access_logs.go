package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudfront-access-logs",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "CloudFront distributions write access logs",
		Why: "CloudFront access logs record every viewer request with its client, path, status, edge location and " +
			"cache result. When users report errors, a cache serves stale content or an attack is suspected, they are " +
			"the only per-request record at the edge: the origin never sees the requests CloudFront answers itself. " +
			"Standard logging to S3 (logging_config) and the newer CloudWatch log delivery (a delivery source with " +
			"log_type ACCESS_LOGS and a delivery) both count; Checkov CKV_AWS_86 knows only logging_config.",
		Fix: `resource "aws_cloudfront_distribution" "site" {
  # ...
  logging_config {
    bucket = aws_s3_bucket.cdn_logs.bucket_domain_name   # a bucket with ACLs enabled
    prefix = "site/"
  }
}`,
		CloudFormationFix: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      # ...
      Logging:
        Bucket: !GetAtt LogBucket.DomainName # a bucket with ACLs enabled (ObjectOwnership BucketOwnerPreferred)
        Prefix: site/
`,
		References: []string{
			doc("aws_cloudfront_distribution"),
			doc("aws_cloudwatch_log_delivery_source"),
			"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html",
			"CKV_AWS_86", "AVD-AWS-0010",
			"cfn-nag: W10",
		},
		Kinds:         []string{"aws_cloudfront_distribution"},
		CrossResource: true, // or a CloudWatch log delivery source that points at it
		Check: func(c *rules.Check) {
			// logging_config is optional and has no default: without it (or a
			// v2 log delivery) the distribution writes no access logs.
			lc := c.R.Attrs.Get("logging_config")
			if !lc.IsKnown() {
				c.Unknown("logging_config", lc)
				return
			}
			if !lc.IsNull() && !(lc.Kind() == infra.List && lc.Len() == 0) {
				b := c.R.Attrs.Get("logging_config.bucket")
				switch {
				case !b.IsKnown():
					// A bucket of this stack: its domain name is known after apply.
					if len(c.Graph.Targets(c.R, "logging_config.bucket")) > 0 {
						c.Pass("logging_config.bucket is set (known after apply)")
						return
					}
					c.Unknown("logging_config.bucket", b)
				case knownStr(b) == "":
					c.Fail("logging_config.bucket", "logging_config.bucket is empty, so the distribution writes no access logs; set it to a bucket's domain name")
				default:
					c.Pass("access logs go to %s", knownStr(b))
				}
				return
			}
			cloudFrontLogDelivery(c)
		},
	})
}

// cloudFrontLogDelivery looks for the v2 standard logging of a
// distribution: an aws_cloudwatch_log_delivery_source for its ARN with
// log_type ACCESS_LOGS, and an aws_cloudwatch_log_delivery from that source.
func cloudFrontLogDelivery(c *rules.Check) {
	const kind = "aws_cloudwatch_log_delivery_source"
	for _, src := range pointers(c, kind, "resource_arn", "arn") {
		lt := src.Attrs.Get("log_type")
		if !lt.IsKnown() {
			c.UnknownIn(src, "log_type", lt)
			return
		}
		if knownStr(lt) != "ACCESS_LOGS" {
			continue
		}
		if ds := c.Graph.Pointing(src, "aws_cloudwatch_log_delivery", "delivery_source_name", "name"); len(ds) > 0 {
			c.Pass("%s delivers the access logs of %s", ds[0].Address, src.Address)
			return
		}
		if u := edgeUnresolved(c.Graph, "aws_cloudwatch_log_delivery", "delivery_source_name"); u != nil {
			c.UnknownIn(u, "delivery_source_name", u.Attrs.Get("delivery_source_name"))
			return
		}
		c.Missing("no logging_config block, and %s has no aws_cloudwatch_log_delivery, so the distribution writes no access logs", src.Address)
		return
	}
	if u := edgeUnresolved(c.Graph, kind, "resource_arn"); u != nil {
		c.UnknownIn(u, "resource_arn", u.Attrs.Get("resource_arn"))
		return
	}
	c.Missing("no logging_config block and no aws_cloudwatch_log_delivery_source (log_type ACCESS_LOGS) points at %s, so it writes no access logs", c.R.Address)
}

// edgeUnresolved returns a resource of kind whose attr cannot be resolved
// and references no resource of the component (a variable, a data source):
// it may point at the checked resource, so an absence is unknown, not a
// fail. One that references a resource points at that one, whatever its
// kind (infra.Graph.Unresolved only rules out resources of the checked
// resource's own kind, while a web ACL association or a log delivery source
// may point at a resource of any kind). Nil when there is none.
func edgeUnresolved(g *infra.Graph, kind, attr string) *infra.Resource {
	for _, r := range g.OfKind(kind) {
		if v := r.Attrs.Get(attr); !v.IsKnown() && len(g.Targets(r, attr)) == 0 {
			return r
		}
	}
	return nil
}
