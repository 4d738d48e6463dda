package cloudformation

import "github.com/prodgrade/prodgrade/internal/infra"

// cloudFrontDistribution maps DistributionConfig onto the attributes of
// Terraform's aws_cloudfront_distribution the CloudFront, WAF and Lambda
// rules read.
//
// ViewerCertificate is optional in CloudFormation where Terraform requires
// viewer_certificate: a distribution without one has no certificate of its
// own and is served under its *.cloudfront.net name with CloudFront's
// default certificate (aws-properties-cloudfront-distribution-viewercertificate:
// "If the distribution doesn't use Aliases ... set CloudFrontDefaultCertificate
// to true"), so it is cloudfront_default_certificate = true.
func cloudFrontDistribution(b *builder) {
	const dc = "DistributionConfig"
	if b.get(dc + ".ViewerCertificate").IsNull() {
		if c := b.get(dc); c.IsKnown() && c.Kind() == infra.Object {
			b.set("viewer_certificate.cloudfront_default_certificate", infra.BoolValue(true).WithLoc(c.Loc))
		}
	}
	if l := b.get(dc + ".Logging"); !l.IsNull() {
		b.set("logging_config", infra.ObjectValue([]infra.Field{
			{Name: "bucket", Value: l.Field("Bucket")},
			{Name: "prefix", Value: l.Field("Prefix")},
			{Name: "include_cookies", Value: l.Field("IncludeCookies")},
		}).WithLoc(l.Loc))
		b.refsFrom(dc+".Logging", "logging_config", b.r)
	}
	if o := b.get(dc + ".Origins"); o.Kind() == infra.List {
		items := make([]infra.Value, 0, o.Len())
		for _, x := range o.List() {
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "domain_name", Value: x.Field("DomainName")},
				{Name: "origin_id", Value: x.Field("Id")},
			}).WithLoc(x.Loc))
		}
		b.set("origin", infra.ListValue(items).WithLoc(o.Loc))
		b.refsFrom(dc+".Origins", "origin", b.r)
	}
	// Lambda@Edge functions are invoked through their published version:
	// the reference is what aws-lambda-versioned looks for.
	b.refsFrom(dc+".DefaultCacheBehavior.LambdaFunctionAssociations", "default_cache_behavior.lambda_function_association", b.r)
	b.refsFrom(dc+".CacheBehaviors", "ordered_cache_behavior", b.r)
}
