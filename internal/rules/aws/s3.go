package aws

import (
	"encoding/json"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// bucketConfigs returns the separate configuration resources of kind (the
// provider v4+ style, e.g. aws_s3_bucket_versioning) whose bucket argument
// points at the checked aws_s3_bucket, by reference or by its literal name.
func bucketConfigs(c *rules.Check, kind string) []*infra.Resource {
	return pointers(c, kind, "bucket", "bucket")
}

// logSources returns the resources that deliver logs into the checked
// bucket: lb is an Application or Classic Load Balancer writing access or
// connection logs, which "only supports Amazon S3-managed keys (SSE-S3)" on
// the bucket (ELB user guide, access log bucket requirements); s3 is an S3
// server access logging configuration. Network Load Balancer logs go through
// log delivery, which supports SSE-KMS, and are not counted in lb.
func logSources(c *rules.Check) (lb, s3 *infra.Resource) {
	for _, q := range []struct{ kind, attr string }{
		{"aws_lb", "access_logs.bucket"},
		{"aws_alb", "access_logs.bucket"},
		{"aws_lb", "connection_logs.bucket"},
		{"aws_elb", "access_logs.bucket"},
	} {
		for _, r := range pointers(c, q.kind, q.attr, "bucket") {
			if lb == nil && knownStr(r.Attrs.Get("load_balancer_type")) != "network" {
				lb = r
			}
		}
	}
	for _, q := range []struct{ kind, attr string }{
		{"aws_s3_bucket_logging", "target_bucket"},
		{"aws_s3_bucket", "logging.target_bucket"},
	} {
		for _, r := range pointers(c, q.kind, q.attr, "bucket") {
			if s3 == nil && !logsItself(c, r) {
				s3 = r
			}
		}
	}
	return lb, s3
}

// logsItself reports a logging configuration of the checked bucket that
// writes into the bucket itself (a CloudFormation LoggingConfiguration
// without a DestinationBucketName does): a data bucket, not a log bucket.
func logsItself(c *rules.Check, cfg *infra.Resource) bool {
	if cfg == c.R {
		return true
	}
	for _, t := range c.Graph.Targets(cfg, "bucket") {
		if t == c.R {
			return true
		}
	}
	return false
}

// logDeliveryURI is the S3 log delivery group, which writes S3 server access
// logs into buckets whose ACL grants it WRITE (the ACL-based delivery that
// predates bucket policies; the canned ACL "log-delivery-write" grants it).
const logDeliveryURI = "http://acs.amazonaws.com/groups/s3/LogDelivery"

// logDeliveryACL returns the resource whose ACL lets the S3 log delivery
// group write into the checked bucket: the bucket itself (legacy inline acl)
// or an aws_s3_bucket_acl, with the canned ACL "log-delivery-write" or a
// grant to the LogDelivery group. Such a bucket is an S3 server access log
// bucket even when the buckets that log into it are configured elsewhere.
func logDeliveryACL(c *rules.Check) *infra.Resource {
	if knownStr(c.R.Attrs.Get("acl")) == "log-delivery-write" {
		return c.R
	}
	for _, a := range bucketConfigs(c, "aws_s3_bucket_acl") {
		if knownStr(a.Attrs.Get("acl")) == "log-delivery-write" {
			return a
		}
		for _, g := range a.Attrs.Get("access_control_policy.0").Blocks("grant") {
			if knownStr(g.Get("grantee.uri")) == logDeliveryURI {
				return a
			}
		}
	}
	return nil
}

// logDeliveryPolicy returns the resource whose bucket policy lets the S3
// logging service principal (logging.s3.amazonaws.com) put objects into the
// checked bucket, the policy-based way S3 server access logs are delivered:
// an aws_s3_bucket_policy, or the legacy inline policy of the bucket.
func logDeliveryPolicy(c *rules.Check) *infra.Resource {
	for _, r := range append([]*infra.Resource{c.R}, bucketConfigs(c, "aws_s3_bucket_policy")...) {
		if grantsLogDelivery(knownStr(r.Attrs.Get("policy"))) {
			return r
		}
	}
	return nil
}

// grantsLogDelivery reports an IAM policy document with an Allow statement
// for the service principal logging.s3.amazonaws.com on s3:PutObject.
func grantsLogDelivery(doc string) bool {
	if doc == "" {
		return false
	}
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return false
	}
	type stmt struct {
		Effect    string
		Principal struct{ Service any }
		Action    any
	}
	var stmts []stmt
	if json.Unmarshal(p.Statement, &stmts) != nil {
		var one stmt
		if json.Unmarshal(p.Statement, &one) != nil {
			return false
		}
		stmts = []stmt{one}
	}
	has := func(v any, want ...string) bool {
		var xs []any
		switch t := v.(type) {
		case string:
			xs = []any{t}
		case []any:
			xs = t
		}
		for _, x := range xs {
			for _, w := range want {
				if x == w {
					return true
				}
			}
		}
		return false
	}
	for _, st := range stmts {
		if st.Effect == "Allow" && has(st.Principal.Service, "logging.s3.amazonaws.com") &&
			has(st.Action, "s3:PutObject", "s3:*", "*") {
			return true
		}
	}
	return false
}

// isLogBucket reports a bucket that receives load balancer or S3 access logs.
func isLogBucket(c *rules.Check) bool {
	if lb, s3 := logSources(c); lb != nil || s3 != nil {
		return true
	}
	if logDeliveryACL(c) != nil || logDeliveryPolicy(c) != nil {
		return true
	}
	for _, kind := range []string{"aws_lb", "aws_alb"} {
		if len(pointers(c, kind, "access_logs.bucket", "bucket")) > 0 {
			return true
		}
	}
	return false
}
