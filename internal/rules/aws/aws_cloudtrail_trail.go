package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudtrail-trail",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "CloudTrail trails cover every region and validate their log files",
		Why: "A single-region trail misses API calls in every other region, which is where an attacker who " +
			"holds credentials creates resources; without log file validation, someone with access to the " +
			"bucket can alter or delete log files and nobody can prove it.",
		Fix: `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}`,
		CloudFormationFix: `Trail:
  Type: AWS::CloudTrail::Trail
  Properties:
    TrailName: main
    IsLogging: true
    S3BucketName: !Ref TrailBucket
    IsMultiRegionTrail: true
    EnableLogFileValidation: true
`,
		References: []string{
			doc("aws_cloudtrail"),
			"https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
		},
		Kinds: []string{"aws_cloudtrail"},
		Check: func(c *rules.Check) {
			multi, ok1 := boolAt(c, "is_multi_region_trail", false) // defaults to false
			valid, ok2 := boolAt(c, "enable_log_file_validation", false)
			if !ok1 || !ok2 {
				return
			}
			switch {
			case !multi:
				c.Fail("is_multi_region_trail", "the trail records one region only (is_multi_region_trail is false or unset); set is_multi_region_trail = true")
			case !valid:
				c.Fail("enable_log_file_validation", "log file validation is off, so altered or deleted log files go unnoticed; set enable_log_file_validation = true")
			default:
				c.Pass("the trail covers every region and validates its log files")
			}
		},
	})
}
