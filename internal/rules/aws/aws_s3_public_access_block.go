package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

var pabSettings = []string{"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-s3-public-access-block",
		Item:     checklist.Networking,
		Severity: checklist.High,
		Title:    "S3 buckets keep all four Block Public Access settings on",
		Why: "Block Public Access is the guard that stops one wrong bucket policy or ACL from publishing " +
			"the bucket to the internet. S3 turns all four settings on for new buckets, but an " +
			"aws_s3_bucket_public_access_block resource replaces them, and every setting it omits is false. " +
			"So a bucket without that resource passes (unlike CKV2_AWS_6 and AVD-AWS-0094, which require one), " +
			"and one that turns on only some settings fails (unlike the single-setting checks, which each look at one).",
		Fix: `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
		CloudFormationFix: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    # ...
    PublicAccessBlockConfiguration:
      BlockPublicAcls: true
      BlockPublicPolicy: true
      IgnorePublicAcls: true
      RestrictPublicBuckets: true
`,
		References: []string{
			doc("aws_s3_bucket_public_access_block"),
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
			"CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56",
		},
		Kinds:         []string{"aws_s3_bucket"},
		CrossResource: true,
		Check:         checkPublicAccessBlock,
	})
}

func checkPublicAccessBlock(c *rules.Check) {
	// A static website bucket is public by design.
	if !c.R.Attrs.Get("website").IsNull() || len(bucketConfigs(c, "aws_s3_bucket_website_configuration")) > 0 {
		return
	}
	// An account-wide block with all four settings on overrides every bucket.
	for _, a := range c.Graph.OfKind("aws_s3_account_public_access_block") {
		if off, unknown := pabOff(a); len(off) == 0 && unknown == "" {
			c.Pass("%s blocks public access for the whole account", a.Address)
			return
		}
	}
	pabs := bucketConfigs(c, "aws_s3_bucket_public_access_block")
	if len(pabs) == 0 {
		// Since April 2023 S3 enables all four Block Public Access settings on
		// every new bucket (S3 user guide, "Blocking public access").
		c.Pass("no aws_s3_bucket_public_access_block overrides the S3 default, which blocks all public access on new buckets")
		return
	}
	for _, p := range pabs {
		off, unknown := pabOff(p)
		if unknown != "" {
			v := p.Attrs.Get(unknown)
			c.UnknownIn(p, unknown, v)
			return
		}
		if len(off) > 0 {
			c.FailAt(attrLoc(p, off[0]), "%s leaves %s false (an omitted setting is false); set all four to true", p.Address, strings.Join(off, ", "))
			return
		}
	}
	c.Pass("%s blocks all public access", pabs[0].Address)
}

// pabOff lists the settings of a public access block that are false or not
// written (the provider's default for each is false), or names the first
// setting that is unknown.
func pabOff(r *infra.Resource) (off []string, unknown string) {
	for _, s := range pabSettings {
		v := r.Attrs.Get(s)
		if !v.IsKnown() {
			return nil, s
		}
		if b, ok := v.Bool(); !ok || !b {
			off = append(off, s)
		}
	}
	return off, ""
}
