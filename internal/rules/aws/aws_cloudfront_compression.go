package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudfront-compression",
		Item:     checklist.Performance,
		Severity: checklist.Low,
		Title:    "CloudFront compresses what it serves",
		Why: "Text assets (HTML, JavaScript, CSS, JSON) shrink by 70–90% with gzip or Brotli. Without compress = true " +
			"every visitor downloads them in full: slower pages on mobile networks and a larger data transfer bill.",
		Fix: `default_cache_behavior {
  # ...
  compress = true
}`,
		CloudFormationFix: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      # ...
      DefaultCacheBehavior:
        # ...
        Compress: true
`,
		References: []string{doc("aws_cloudfront_distribution"), "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/ServingCompressedFiles.html"},
		Kinds:      []string{"aws_cloudfront_distribution"},
		Check: func(c *rules.Check) {
			requireBool(c, boolWant{
				path: "default_cache_behavior.compress", def: false, want: true,
				pass:      "the default cache behavior compresses responses",
				failUnset: "default_cache_behavior.compress is not set (default false); set compress = true",
				fail:      "default_cache_behavior.compress is false; set compress = true",
			})
		},
	})
}
