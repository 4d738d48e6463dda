package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

const sseAlgo = "rule.apply_server_side_encryption_by_default.sse_algorithm"

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-s3-encryption",
		Item:     checklist.Security,
		Severity: checklist.Low,
		Title:    "S3 buckets encrypt objects with a KMS key by default",
		Why: "Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3), which protects " +
			"the disks but not the data: anyone with s3:GetObject reads it. With SSE-KMS every use of the key " +
			"is logged in CloudTrail, and with a customer-managed key reading also needs kms:Decrypt granted " +
			"by the key policy, a second lock on the data. Log buckets are the " +
			"exception: load balancer access log delivery only supports SSE-S3, and SSE-S3 is fine for S3 server access logs.",
		Fix: `resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}`,
		CloudFormationFix: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    # ...
    BucketEncryption:
      ServerSideEncryptionConfiguration:
        - ServerSideEncryptionByDefault:
            SSEAlgorithm: aws:kms
            KMSMasterKeyID: !GetAtt BucketKey.Arn
          BucketKeyEnabled: true
`,
		References: []string{
			doc("aws_s3_bucket_server_side_encryption_configuration"),
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
			"https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
			"CKV_AWS_145",
			"AVD-AWS-0132",
			// cfn_nag W41 passes any BucketEncryption; this rule asks for aws:kms (except
			// on a log-delivery bucket, which must use SSE-S3).
			"cfn-nag: W41",
		},
		Kinds:         []string{"aws_s3_bucket"},
		CrossResource: true,
		Check:         checkS3Encryption,
	})
}

func checkS3Encryption(c *rules.Check) {
	// Where the default encryption is declared: the legacy inline block, or
	// separate aws_s3_bucket_server_side_encryption_configuration resources.
	type decl struct {
		r    *infra.Resource
		path string
		v    infra.Value
	}
	var decls []decl
	if v := c.R.Attrs.Get("server_side_encryption_configuration." + sseAlgo); !v.IsNull() {
		decls = append(decls, decl{c.R, "server_side_encryption_configuration." + sseAlgo, v})
	}
	for _, r := range bucketConfigs(c, "aws_s3_bucket_server_side_encryption_configuration") {
		decls = append(decls, decl{r, sseAlgo, r.Attrs.Get(sseAlgo)})
	}
	for _, d := range decls {
		if !d.v.IsKnown() {
			c.UnknownIn(d.r, d.path, d.v)
			return
		}
	}
	algo := "" // "" = nothing declared: S3's default SSE-S3 applies
	var at decl
	if len(decls) > 0 {
		at = decls[0]
		algo, _ = at.v.Str()
	}
	kms := algo == "aws:kms" || algo == "aws:kms:dsse"
	loc := func() infra.Location {
		if at.r != nil {
			return attrLoc(at.r, at.path)
		}
		return c.R.Loc
	}

	lb, s3 := logSources(c)
	if lb != nil {
		if kms {
			c.FailAt(loc(), "sse_algorithm is %s, but %s delivers access logs here, which only works with SSE-S3; use sse_algorithm = \"AES256\"", algo, lb.Address)
			return
		}
		c.Pass("receives access logs from %s, which require SSE-S3 (sse_algorithm %s)", lb.Address, orDefault(algo, "AES256 by default"))
		return
	}
	if s3 != nil && !kms {
		// S3 server access log delivery does not work with the AWS managed
		// aws/s3 key, so SSE-S3 is a correct choice for a log bucket.
		c.Pass("receives S3 server access logs from %s; sse_algorithm %s", s3.Address, orDefault(algo, "AES256 by default"))
		return
	}
	if !kms {
		if acl := logDeliveryACL(c); acl != nil {
			c.Pass("%s lets the S3 log delivery group write access logs here; sse_algorithm %s", acl.Address, orDefault(algo, "AES256 by default"))
			return
		}
		if pol := logDeliveryPolicy(c); pol != nil {
			c.Pass("%s lets the S3 logging service write access logs here; sse_algorithm %s", pol.Address, orDefault(algo, "AES256 by default"))
			return
		}
	}
	switch {
	case kms:
		c.Pass("sse_algorithm is %s", algo)
	case algo == "" && at.r != nil:
		// A configuration whose rules set no apply_server_side_encryption_by_default
		// (only bucket_key_enabled, say) leaves S3's default SSE-S3 in place.
		c.FailAt(at.r.Loc, "%s sets no apply_server_side_encryption_by_default, so objects get only the default SSE-S3; use sse_algorithm = \"aws:kms\"", at.r.Address)
	case algo == "":
		missingUnlessUnresolved(c, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket", "no aws_s3_bucket_server_side_encryption_configuration for %s, so objects get only the default SSE-S3; use sse_algorithm = \"aws:kms\"", c.R.Address)
	default:
		c.FailAt(loc(), "sse_algorithm is %s (S3-managed keys); use \"aws:kms\" with a KMS key", algo)
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
