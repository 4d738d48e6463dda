package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
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
		CloudFormationFix: `Bucket:
  Type: AWS::S3::Bucket
  Properties:
    # ...
    VersioningConfiguration:
      Status: Enabled
`,
		References: []string{
			doc("aws_s3_bucket_versioning"),
			"https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
			"CKV_AWS_21",
			"AVD-AWS-0090",
		},
		Kinds:         []string{"aws_s3_bucket"},
		CrossResource: true,
		Check: func(c *rules.Check) {
			// S3 turns versioning on for a bucket created with Object Lock,
			// and it can never be suspended there (S3 user guide, "Locking
			// objects with Object Lock"), whatever else is written.
			lock, lockPath := objectLock(c)
			if lock.IsKnown() && lockOn(lock) {
				c.Pass("%s is on, which keeps versioning enabled", lockPath)
				return
			}
			// fail records a gap, or an unknown when Object Lock, which
			// would enable versioning, cannot be resolved.
			fail := func(f func()) {
				if !lock.IsKnown() {
					c.Unknown(lockPath, lock)
					return
				}
				f()
			}
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
				s := knownStr(v.Attrs.Get("versioning_configuration.status"))
				fail(func() {
					c.FailAt(attrLoc(v, "versioning_configuration.status"), "%s sets versioning_configuration.status to %q; set it to \"Enabled\"", v.Address, s)
				})
				return
			}
			if !c.R.Attrs.Get("versioning.enabled").IsNull() {
				fail(func() { c.Fail("versioning.enabled", "versioning.enabled is false; enable versioning") })
				return
			}
			if bs := c.R.Attrs.Blocks("versioning"); len(bs) > 0 {
				if !bs[0].IsKnown() {
					c.Unknown("versioning", bs[0])
					return
				}
				// An inline versioning block without enabled (only mfa_delete,
				// say): enabled defaults to false (provider docs, versioning).
				fail(func() {
					missingUnlessUnresolved(c, "aws_s3_bucket_versioning", "bucket", "bucket", "the versioning block of %s does not set enabled (default false), and no aws_s3_bucket_versioning enables versioning", c.R.Address)
				})
				return
			}
			fail(func() {
				missingUnlessUnresolved(c, "aws_s3_bucket_versioning", "bucket", "bucket", "no aws_s3_bucket_versioning enables versioning on %s", c.R.Address)
			})
		},
	})
}

// objectLock returns the bucket's Object Lock setting and its path:
// object_lock_enabled (a bool, provider v4+) or, when that is not written,
// the legacy object_lock_configuration.object_lock_enabled ("Enabled").
// Both default to off.
func objectLock(c *rules.Check) (infra.Value, string) {
	const legacy = "object_lock_configuration.object_lock_enabled"
	if v := c.R.Attrs.Get("object_lock_enabled"); !v.IsNull() || c.R.Attrs.Get(legacy).IsNull() {
		return v, "object_lock_enabled"
	}
	return c.R.Attrs.Get(legacy), legacy
}

// lockOn reports a known Object Lock setting that is on.
func lockOn(v infra.Value) bool {
	if b, ok := v.Bool(); ok {
		return b
	}
	s, _ := v.Str()
	return s == "Enabled"
}
