package aws

import (
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// bucketConfigs returns the separate configuration resources of kind (the
// provider v4+ style, e.g. aws_s3_bucket_versioning) whose bucket argument
// points at the checked aws_s3_bucket, by reference or by its literal name.
func bucketConfigs(c *rules.Check, kind string) []*infra.Resource {
	return pointers(c, kind, "bucket", "bucket")
}

// logTargetOf returns a resource that delivers load balancer or S3 server
// access logs into the checked bucket, or nil. Both deliveries only work with
// SSE-S3 default encryption, and a log bucket logging its own access would
// log forever.
func logTargetOf(c *rules.Check) *infra.Resource {
	for _, q := range []struct{ kind, attr, name string }{
		{"aws_s3_bucket_logging", "target_bucket", "bucket"},
		{"aws_s3_bucket", "logging.target_bucket", "bucket"},
		{"aws_lb", "access_logs.bucket", "bucket"},
		{"aws_alb", "access_logs.bucket", "bucket"},
		{"aws_lb", "connection_logs.bucket", "bucket"},
		{"aws_elb", "access_logs.bucket", "bucket"},
	} {
		if rs := pointers(c, q.kind, q.attr, q.name); len(rs) > 0 {
			return rs[0]
		}
	}
	return nil
}
