package aws

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-cloudfront-tls",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "CloudFront distributions accept only TLS 1.2 and later from viewers",
		Why: "minimum_protocol_version defaults to TLSv1, and with the default *.cloudfront.net certificate CloudFront " +
			"always accepts TLS 1.0 and 1.1, whatever the setting says: clients can be served over deprecated protocols " +
			"and ciphers, and compliance scans (PCI DSS) fail. Serving the distribution under its own domain with an ACM " +
			"certificate and a TLSv1.2 security policy refuses them. Any TLSv1.2_* policy passes, as for load balancer " +
			"listeners (Trivy AVD-AWS-0013 asks for TLSv1.2_2021, which also drops CBC ciphers, and skips the default certificate).",
		Fix: `resource "aws_cloudfront_distribution" "site" {
  aliases = ["www.example.com"]
  # ...
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.www.arn   # in us-east-1
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}`,
		CloudFormationFix: `Distribution:
  Type: AWS::CloudFront::Distribution
  Properties:
    DistributionConfig:
      # ...
      Aliases:
        - www.example.com
      ViewerCertificate:
        AcmCertificateArn: !Ref Certificate # in us-east-1
        SslSupportMethod: sni-only
        MinimumProtocolVersion: TLSv1.2_2021
`,
		References: []string{
			doc("aws_cloudfront_distribution"),
			"https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
			"CKV_AWS_174", "AVD-AWS-0013",
			"cfn-nag: W70",
		},
		Kinds: []string{"aws_cloudfront_distribution"},
		Check: func(c *rules.Check) {
			vc := c.R.Attrs.Get("viewer_certificate")
			if !vc.IsKnown() {
				c.Unknown("viewer_certificate", vc)
				return
			}
			def, ok := boolAt(c, "viewer_certificate.cloudfront_default_certificate", false)
			if !ok {
				return
			}
			if def {
				// "If you use the CloudFront domain name ... CloudFront
				// automatically sets the security policy to TLSv1" (developer guide).
				c.Fail("viewer_certificate.cloudfront_default_certificate", "viewer_certificate uses the default *.cloudfront.net certificate, with which CloudFront accepts TLSv1 whatever minimum_protocol_version says; serve it under your own domain with an ACM certificate and minimum_protocol_version = \"TLSv1.2_2021\"")
				return
			}
			// minimum_protocol_version defaults to TLSv1 (provider docs).
			v, ok := strAt(c, "viewer_certificate.minimum_protocol_version", "TLSv1")
			if !ok {
				return
			}
			if strings.HasPrefix(v, "TLSv1.2_") || strings.HasPrefix(v, "TLSv1.3_") {
				c.Pass("viewer_certificate.minimum_protocol_version is %s", v)
				return
			}
			if c.R.Attrs.Get("viewer_certificate.minimum_protocol_version").IsNull() {
				c.Fail("viewer_certificate", "viewer_certificate.minimum_protocol_version is not set (default TLSv1), so viewers may connect with TLS 1.0; set it to \"TLSv1.2_2021\"")
				return
			}
			c.Fail("viewer_certificate.minimum_protocol_version", "viewer_certificate.minimum_protocol_version is %s, which accepts protocols older than TLS 1.2; set it to \"TLSv1.2_2021\"", v)
		},
	})
}
