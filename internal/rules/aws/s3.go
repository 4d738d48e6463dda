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
			if lb == nil && knownStr(r, "load_balancer_type") != "network" {
				lb = r
			}
		}
	}
	for _, q := range []struct{ kind, attr string }{
		{"aws_s3_bucket_logging", "target_bucket"},
		{"aws_s3_bucket", "logging.target_bucket"},
	} {
		if rs := pointers(c, q.kind, q.attr, "bucket"); len(rs) > 0 && s3 == nil {
			s3 = rs[0]
		}
	}
	return lb, s3
}

// isLogBucket reports a bucket that receives load balancer or S3 access logs.
func isLogBucket(c *rules.Check) bool {
	if lb, s3 := logSources(c); lb != nil || s3 != nil {
		return true
	}
	for _, kind := range []string{"aws_lb", "aws_alb"} {
		if len(pointers(c, kind, "access_logs.bucket", "bucket")) > 0 {
			return true
		}
	}
	return false
}
