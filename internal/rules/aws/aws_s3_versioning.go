package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-s3-versioning",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "S3 buckets keep earlier versions of their objects",
		Why: "Without versioning an overwrite or delete, by a bug, a person or ransomware, destroys the " +
			"object for good. With versioning the previous version stays recoverable, and lifecycle rules " +
			"can expire old versions to bound the cost.",
		Fix: `resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}`,
		References: []string{
			doc("aws_s3_bucket_versioning"),
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
			"CKV_AWS_21",
			"AVD-AWS-0090",
		},
		Kinds:         []string{"aws_s3_bucket"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			// The legacy inline block (deprecated since provider v4, still read).
			if v := c.R.Attrs.Get("versioning.enabled"); !v.IsNull() {
				on, ok := boolOf(c, v, "versioning.enabled", false)
				if !ok {
					return
				}
				if on {
					c.Pass("versioning.enabled is true")
					return
				}
			}
			cfgs := bucketConfigs(c, "aws_s3_bucket_versioning")
			for _, v := range cfgs {
				st := v.Attrs.Get("versioning_configuration.status")
				if !st.IsKnown() {
					c.UnknownIn(v, "versioning_configuration.status", st)
					return
				}
				if s, _ := st.Str(); s == "Enabled" {
					c.Pass("%s enables versioning", v.Address)
					return
				}
			}
			if len(cfgs) > 0 {
				v := cfgs[0]
				s := knownStr(v, "versioning_configuration.status")
				c.FailAt(attrLoc(v, "versioning_configuration.status"), "%s sets versioning_configuration.status to %q; set it to \"Enabled\"", v.Address, s)
				return
			}
			if !c.R.Attrs.Get("versioning.enabled").IsNull() {
				c.Fail("versioning.enabled", "versioning.enabled is false; enable versioning")
				return
			}
			missing(c, "aws_s3_bucket_versioning", "bucket", "bucket", "no aws_s3_bucket_versioning enables versioning on %s", c.R.Address)
		},
	})
}
