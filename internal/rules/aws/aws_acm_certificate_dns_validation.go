package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-acm-certificate-dns-validation",
		Item:     checklist.Configure,
		Severity: checklist.Medium,
		Title:    "ACM certificates are DNS-validated, so they renew without anyone acting",
		Why: "ACM certificates last 13 months. A DNS-validated one renews by itself for as long as its validation " +
			"CNAME stays in DNS; an email-validated one renews only when someone clicks the link ACM mails to the " +
			"domain's admin addresses. If that mail goes unread the certificate expires and every client gets a TLS " +
			"error. Imported certificates and those from a private CA are not validated this way and are not asked.",
		Fix: `resource "aws_acm_certificate" "www" {
  domain_name       = "www.example.com"
  validation_method = "DNS"
}`,
		CloudFormationFix: `Certificate:
  Type: AWS::CertificateManager::Certificate
  Properties:
    DomainName: www.example.com
    ValidationMethod: DNS
    DomainValidationOptions: # CloudFormation writes the validation record into this zone, so renewals need no one
      - DomainName: www.example.com
        HostedZoneId: !Ref HostedZone
`,
		References: []string{
			doc("aws_acm_certificate"),
			"https://docs.aws.amazon.com/acm/latest/userguide/dns-renewal-validation.html",
			"https://docs.aws.amazon.com/acm/latest/userguide/email-renewal-validation.html",
		},
		Kinds: []string{"aws_acm_certificate"},
		Check: func(c *rules.Check) {
			for _, a := range []string{"private_key", "certificate_body", "certificate_authority_arn"} {
				if !c.R.Attrs.Get(a).IsNull() {
					return // imported, or issued by a private CA: no domain validation
				}
			}
			v := c.R.Attrs.Get("validation_method")
			if !v.IsKnown() {
				c.Unknown("validation_method", v)
				return
			}
			switch m := knownStr(v); {
			case v.IsNull():
				// RequestCertificate without a ValidationMethod validates by
				// email, the API's original method (CloudFormation and the CDK
				// document EMAIL as their default too).
				c.Fail("", "validation_method is not set, so ACM validates the certificate by email and its renewals wait for someone to approve them; set validation_method = \"DNS\"")
			case m == "EMAIL":
				c.Fail("validation_method", "validation_method is EMAIL, so each yearly renewal waits for someone to approve an email; set it to DNS and keep the validation records")
			case m == "DNS":
				c.Pass("validation_method is %s: renewals are automatic", m)
			}
		},
	})
}
