package cloudformation

import (
	"github.com/prodgrade/prodgrade/internal/infra"
)

// searchDomainProps are the properties the OpenSearch rules read that the
// two domain types spell alike: AWS::OpenSearchService::Domain and the
// older AWS::Elasticsearch::Domain call the same service API.
func searchDomainProps(cluster string) []prop {
	return []prop{
		p("DomainName", "domain_name"),
		p(cluster+".InstanceCount", "cluster_config.instance_count"),
		p(cluster+".DedicatedMasterEnabled", "cluster_config.dedicated_master_enabled"),
		p(cluster+".ZoneAwarenessEnabled", "cluster_config.zone_awareness_enabled"),
		p(cluster+".ZoneAwarenessConfig.AvailabilityZoneCount", "cluster_config.zone_awareness_config.availability_zone_count"),
		p("EncryptionAtRestOptions.Enabled", "encrypt_at_rest.enabled"),
		p("EncryptionAtRestOptions.KmsKeyId", "encrypt_at_rest.kms_key_id"),
		p("NodeToNodeEncryptionOptions.Enabled", "node_to_node_encryption.enabled"),
		p("DomainEndpointOptions.EnforceHTTPS", "domain_endpoint_options.enforce_https"),
		p("DomainEndpointOptions.TLSSecurityPolicy", "domain_endpoint_options.tls_security_policy"),
	}
}

// searchDomain sets what differs from a plain copy for both domain types.
//
// DomainEndpointOptions written without EnforceHTTPS: the provider fills
// enforce_https = true into a written domain_endpoint_options block, but
// CloudFormation sends only what the template says, and the service
// enforces HTTPS only when asked ("EnforceHTTPS: True to require that all
// traffic to the domain arrive over HTTPS",
// aws-properties-opensearchservice-domain-domainendpointoptions; the API's
// DomainEndpointOptions has no other default). So it is false here.
//
// LogPublishingOptions is a map from log type to {CloudWatchLogsLogGroupArn,
// Enabled}, where Terraform has one log_publishing_options block per type.
// Enabled defaults to false in CloudFormation ("If true, enables the
// publishing of logs to CloudWatch. Default: false",
// aws-properties-opensearchservice-domain-logpublishingoption), where the
// provider's default is true; the Elasticsearch type sends the same
// LogPublishingOption to the same service, so its default is taken as the
// same.
func searchDomain(b *builder) {
	if opts := b.get("DomainEndpointOptions"); opts.IsKnown() && !opts.IsNull() && b.get("DomainEndpointOptions.EnforceHTTPS").IsNull() {
		b.set("domain_endpoint_options.enforce_https", infra.BoolValue(false).WithLoc(opts.Loc))
	} else if !opts.IsKnown() {
		b.copy("DomainEndpointOptions", "domain_endpoint_options")
	}
	logs := b.get("LogPublishingOptions")
	switch {
	case logs.IsNull():
	case !logs.IsKnown() || logs.Kind() != infra.Object:
		b.copy("LogPublishingOptions", "log_publishing_options")
	default:
		items := make([]infra.Value, 0, logs.Len())
		for _, f := range logs.Fields() {
			o := f.Value
			if !o.IsKnown() {
				items = append(items, o)
				continue
			}
			en := o.Field("Enabled")
			if en.IsNull() {
				en = infra.BoolValue(false).WithLoc(o.Loc)
			}
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "log_type", Value: str(f.Name).WithLoc(o.Loc)},
				{Name: "cloudwatch_log_group_arn", Value: o.Field("CloudWatchLogsLogGroupArn")},
				{Name: "enabled", Value: en},
			}).WithLoc(o.Loc))
		}
		b.set("log_publishing_options", infra.ListValue(items).WithLoc(logs.Loc))
		b.refsFrom("LogPublishingOptions", "log_publishing_options", b.r)
	}
}
