package cloudformation

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// This file is the one table from CloudFormation resource types and
// property paths to the Terraform kinds and attribute names the AWS rules
// read. A property not listed is not carried over: no rule reads it.
//
// Where CloudFormation's default differs from the Terraform provider's, the
// builder sets the CloudFormation default, citing the resource's page of
// the CloudFormation user guide
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-<service>-<type>.html).
//
// CloudFormation-only settings, and how the rules see them:
//
//   - DeletionPolicy (and UpdateReplacePolicy) Snapshot or Retain on a
//     database is backup evidence: it becomes skip_final_snapshot = false,
//     Delete becomes skip_final_snapshot = true. An RDS DBInstance outside a
//     cluster and a DBCluster default to Snapshot when DeletionPolicy is not
//     written ("DeletionPolicy attribute" page).
//   - UpdatePolicy AutoScalingRollingUpdate (or AutoScalingReplacingUpdate
//     with WillReplace) on an Auto Scaling group is deploy evidence: it
//     replaces instances when the launch template changes, which the rules
//     read as instance_refresh.

// kindMap maps one CloudFormation type.
type kindMap struct {
	kind  string
	props []prop
	// build sets what is not a plain property copy: defaults that differ,
	// values converted, auxiliary resources.
	build func(b *builder)
}

// prop copies the property at from (dotted) onto the attribute at to.
type prop struct{ from, to string }

func p(from, to string) prop { return prop{from, to} }

var mapping = map[string]kindMap{
	"AWS::RDS::DBInstance": {kind: "aws_db_instance", props: []prop{
		p("DBInstanceIdentifier", "identifier"),
		p("Engine", "engine"), p("EngineVersion", "engine_version"),
		p("DBInstanceClass", "instance_class"),
		p("AllocatedStorage", "allocated_storage"), p("MaxAllocatedStorage", "max_allocated_storage"),
		p("StorageType", "storage_type"), p("Iops", "iops"),
		p("BackupRetentionPeriod", "backup_retention_period"),
		p("MultiAZ", "multi_az"), p("AvailabilityZone", "availability_zone"),
		p("StorageEncrypted", "storage_encrypted"), p("KmsKeyId", "kms_key_id"),
		p("DeletionProtection", "deletion_protection"),
		p("PubliclyAccessible", "publicly_accessible"),
		p("EnablePerformanceInsights", "performance_insights_enabled"),
		p("PerformanceInsightsRetentionPeriod", "performance_insights_retention_period"),
		p("MonitoringInterval", "monitoring_interval"), p("MonitoringRoleArn", "monitoring_role_arn"),
		p("EnableCloudwatchLogsExports", "enabled_cloudwatch_logs_exports"),
		p("CACertificateIdentifier", "ca_cert_identifier"),
		p("DBParameterGroupName", "parameter_group_name"),
		p("DBClusterIdentifier", "cluster_identifier"),
		p("SourceDBInstanceIdentifier", "replicate_source_db"),
		p("DBSnapshotIdentifier", "snapshot_identifier"),
		p("MasterUsername", "username"), p("MasterUserPassword", "password"),
		p("ManageMasterUserPassword", "manage_master_user_password"),
		p("DBSubnetGroupName", "db_subnet_group_name"),
		p("VPCSecurityGroups", "vpc_security_group_ids"),
	}, build: dbInstance},
	"AWS::RDS::DBCluster": {kind: "aws_rds_cluster", props: []prop{
		p("DBClusterIdentifier", "cluster_identifier"),
		p("Engine", "engine"), p("EngineVersion", "engine_version"), p("EngineMode", "engine_mode"),
		p("BackupRetentionPeriod", "backup_retention_period"),
		p("StorageEncrypted", "storage_encrypted"), p("KmsKeyId", "kms_key_id"),
		p("DeletionProtection", "deletion_protection"),
		p("DBClusterParameterGroupName", "db_cluster_parameter_group_name"),
		p("EnableCloudwatchLogsExports", "enabled_cloudwatch_logs_exports"),
		p("MasterUsername", "master_username"), p("MasterUserPassword", "master_password"),
		p("ManageMasterUserPassword", "manage_master_user_password"),
		p("ServerlessV2ScalingConfiguration.MinCapacity", "serverlessv2_scaling_configuration.min_capacity"),
		p("ServerlessV2ScalingConfiguration.MaxCapacity", "serverlessv2_scaling_configuration.max_capacity"),
		p("GlobalClusterIdentifier", "global_cluster_identifier"),
		p("SnapshotIdentifier", "snapshot_identifier"),
		p("SourceDBClusterIdentifier", "restore_to_point_in_time.source_cluster_identifier"),
		p("ReplicationSourceIdentifier", "replication_source_identifier"),
		p("AvailabilityZones", "availability_zones"),
		p("DBClusterInstanceClass", "db_cluster_instance_class"),
		p("DBSubnetGroupName", "db_subnet_group_name"),
		p("VpcSecurityGroupIds", "vpc_security_group_ids"),
	}, build: func(b *builder) { b.deletionPolicy(true) }},
	// An Aurora global database: its members are the DBClusters whose
	// GlobalClusterIdentifier names it, or the cluster it was made from.
	"AWS::RDS::GlobalCluster": {kind: "aws_rds_global_cluster", props: []prop{
		p("GlobalClusterIdentifier", "global_cluster_identifier"),
		p("SnapshotIdentifier", "snapshot_identifier"),
		p("SourceDBClusterIdentifier", "restore_to_point_in_time.source_cluster_identifier"),
		p("Engine", "engine"), p("EngineVersion", "engine_version"),
		p("SourceDBClusterIdentifier", "source_db_cluster_identifier"),
		p("DeletionProtection", "deletion_protection"),
		p("StorageEncrypted", "storage_encrypted"),
	}},
	"AWS::S3::Bucket": {kind: "aws_s3_bucket", props: []prop{
		p("BucketName", "bucket"),
		p("ObjectLockEnabled", "object_lock_enabled"),
	}, build: s3Bucket},
	// The custom resource the CDK adds for a bucket with autoDeleteObjects:
	// its Lambda function empties the bucket when the stack deletes it
	// (autoDeleteObjects), which autoDeleteBuckets reads as the bucket's
	// force_destroy.
	"Custom::S3AutoDeleteObjects": {kind: "Custom::S3AutoDeleteObjects", props: []prop{
		p("BucketName", "bucket"),
	}},
	"AWS::S3::BucketPolicy": {kind: "aws_s3_bucket_policy", props: []prop{
		p("Bucket", "bucket"),
	}, build: func(b *builder) { b.jsonAttr("PolicyDocument", "policy") }},
	"AWS::DynamoDB::Table": {kind: "aws_dynamodb_table", props: []prop{
		p("TableName", "name"),
		p("BillingMode", "billing_mode"),
		p("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", "point_in_time_recovery.enabled"),
		p("DeletionProtectionEnabled", "deletion_protection_enabled"),
		p("SSESpecification.SSEEnabled", "server_side_encryption.enabled"),
		p("SSESpecification.KMSMasterKeyId", "server_side_encryption.kms_key_arn"),
		p("ProvisionedThroughput.ReadCapacityUnits", "read_capacity"),
		p("ProvisionedThroughput.WriteCapacityUnits", "write_capacity"),
	}},
	// A global table is one aws_dynamodb_table with replica blocks (dynamodb.go).
	"AWS::DynamoDB::GlobalTable": {kind: "aws_dynamodb_table", props: []prop{
		p("TableName", "name"),
		p("BillingMode", "billing_mode"),
	}, build: globalTable},
	"AWS::ApplicationAutoScaling::ScalableTarget": {kind: "aws_appautoscaling_target", props: []prop{
		p("ResourceId", "resource_id"), p("ScalableDimension", "scalable_dimension"),
		p("ServiceNamespace", "service_namespace"),
		p("MinCapacity", "min_capacity"), p("MaxCapacity", "max_capacity"),
	}},
	"AWS::ApplicationAutoScaling::ScalingPolicy": {kind: "aws_appautoscaling_policy", props: []prop{
		p("PolicyName", "name"), p("PolicyType", "policy_type"),
		p("ResourceId", "resource_id"), p("ScalableDimension", "scalable_dimension"),
		p("ServiceNamespace", "service_namespace"),
	}, build: func(b *builder) {
		// ScalingTargetId (!Ref of the ScalableTarget) is CloudFormation's
		// way to say what Terraform says with resource_id =
		// aws_appautoscaling_target.x.resource_id.
		if b.get("ResourceId").IsNull() {
			b.copy("ScalingTargetId", "resource_id")
		}
	}},
	"AWS::EC2::VPC": {kind: "aws_vpc", props: []prop{
		p("CidrBlock", "cidr_block"),
		p("EnableDnsHostnames", "enable_dns_hostnames"), p("EnableDnsSupport", "enable_dns_support"),
	}},
	"AWS::EC2::Subnet": {kind: "aws_subnet", props: []prop{
		p("VpcId", "vpc_id"), p("CidrBlock", "cidr_block"),
		p("AvailabilityZone", "availability_zone"), p("AvailabilityZoneId", "availability_zone_id"),
		p("MapPublicIpOnLaunch", "map_public_ip_on_launch"),
	}},
	// Routing, which aws-vpc-nat-per-az and aws-vpc-endpoints follow from a
	// VPC to its private subnets: a subnet is private when the route table
	// associated with it routes through a NAT gateway. A CloudFormation
	// route table has no inline routes (each is an AWS::EC2::Route), and a
	// subnet with no association uses the VPC's main route table, which a
	// template cannot add routes to.
	"AWS::EC2::RouteTable": {kind: "aws_route_table", props: []prop{
		p("VpcId", "vpc_id"),
	}},
	"AWS::EC2::Route": {kind: "aws_route", props: []prop{
		p("RouteTableId", "route_table_id"),
		p("DestinationCidrBlock", "destination_cidr_block"),
		p("DestinationIpv6CidrBlock", "destination_ipv6_cidr_block"),
		p("NatGatewayId", "nat_gateway_id"), p("GatewayId", "gateway_id"),
	}},
	"AWS::EC2::SubnetRouteTableAssociation": {kind: "aws_route_table_association", props: []prop{
		p("SubnetId", "subnet_id"), p("RouteTableId", "route_table_id"),
	}},
	// AvailabilityMode unset is zonal, as in the provider: "Defaults to
	// zonal" (EC2 API CreateNatGateway, AvailabilityMode), which
	// CloudFormation calls with what the template writes.
	"AWS::EC2::NatGateway": {kind: "aws_nat_gateway", props: []prop{
		p("SubnetId", "subnet_id"), p("AllocationId", "allocation_id"),
		p("ConnectivityType", "connectivity_type"),
		p("AvailabilityMode", "availability_mode"), p("VpcId", "vpc_id"),
	}},
	// VpcEndpointType unset is Gateway, as in the provider ("Default:
	// Gateway", EC2 API CreateVpcEndpoint, VpcEndpointType).
	"AWS::EC2::VPCEndpoint": {kind: "aws_vpc_endpoint", props: []prop{
		p("VpcId", "vpc_id"), p("ServiceName", "service_name"),
		p("VpcEndpointType", "vpc_endpoint_type"),
		p("RouteTableIds", "route_table_ids"), p("SubnetIds", "subnet_ids"),
	}},
	"AWS::EC2::FlowLog": {kind: "aws_flow_log", props: []prop{
		p("TrafficType", "traffic_type"), p("LogDestination", "log_destination"),
		p("LogDestinationType", "log_destination_type"), p("LogGroupName", "log_group_name"),
	}, build: flowLog},
	"AWS::EC2::SecurityGroup": {kind: "aws_security_group", props: []prop{
		p("GroupName", "name"), p("GroupDescription", "description"), p("VpcId", "vpc_id"),
	}, build: securityGroup},
	"AWS::EC2::SecurityGroupIngress": {kind: "aws_security_group_rule", props: []prop{
		p("GroupId", "security_group_id"), p("IpProtocol", "protocol"),
		p("FromPort", "from_port"), p("ToPort", "to_port"),
		p("SourceSecurityGroupId", "source_security_group_id"),
	}, build: sgIngressRule},
	"AWS::EC2::Instance": {kind: "aws_instance", props: []prop{
		p("ImageId", "ami"), p("InstanceType", "instance_type"),
		p("Monitoring", "monitoring"), p("SubnetId", "subnet_id"),
		p("AvailabilityZone", "availability_zone"),
		p("SecurityGroupIds", "vpc_security_group_ids"),
		p("IamInstanceProfile", "iam_instance_profile"),
		p("UserData", "user_data_base64"),
		p("LaunchTemplate.LaunchTemplateId", "launch_template.id"),
		p("LaunchTemplate.LaunchTemplateName", "launch_template.name"),
		p("LaunchTemplate.Version", "launch_template.version"),
		p("MetadataOptions.HttpTokens", "metadata_options.http_tokens"),
		p("MetadataOptions.HttpEndpoint", "metadata_options.http_endpoint"),
	}, build: ec2Instance},
	"AWS::AutoScaling::AutoScalingGroup": {kind: "aws_autoscaling_group", props: []prop{
		p("AutoScalingGroupName", "name"),
		p("MinSize", "min_size"), p("MaxSize", "max_size"), p("DesiredCapacity", "desired_capacity"),
		p("VPCZoneIdentifier", "vpc_zone_identifier"), p("AvailabilityZones", "availability_zones"),
		p("HealthCheckType", "health_check_type"), p("HealthCheckGracePeriod", "health_check_grace_period"),
		p("LaunchTemplate.LaunchTemplateId", "launch_template.id"),
		p("LaunchTemplate.LaunchTemplateName", "launch_template.name"),
		p("LaunchTemplate.Version", "launch_template.version"),
		p("LaunchConfigurationName", "launch_configuration"),
		p("TargetGroupARNs", "target_group_arns"), p("LoadBalancerNames", "load_balancers"),
		p("CapacityRebalance", "capacity_rebalance"),
	}, build: autoScalingGroup},
	"AWS::AutoScaling::ScalingPolicy": {kind: "aws_autoscaling_policy", props: []prop{
		p("AutoScalingGroupName", "autoscaling_group_name"), p("PolicyType", "policy_type"),
	}},
	"AWS::ECS::Cluster": {kind: "aws_ecs_cluster", props: []prop{
		p("ClusterName", "name"),
	}, build: ecsCluster},
	"AWS::ECS::Service": {kind: "aws_ecs_service", props: []prop{
		p("ServiceName", "name"), p("Cluster", "cluster"), p("TaskDefinition", "task_definition"),
		p("LaunchType", "launch_type"), p("SchedulingStrategy", "scheduling_strategy"),
		p("DesiredCount", "desired_count"),
		p("DeploymentConfiguration.MinimumHealthyPercent", "deployment_minimum_healthy_percent"),
		p("DeploymentConfiguration.MaximumPercent", "deployment_maximum_percent"),
		p("DeploymentConfiguration.DeploymentCircuitBreaker.Enable", "deployment_circuit_breaker.enable"),
		p("DeploymentConfiguration.DeploymentCircuitBreaker.Rollback", "deployment_circuit_breaker.rollback"),
		p("DeploymentController.Type", "deployment_controller.type"),
		p("DeploymentConfiguration.Alarms.AlarmNames", "alarms.alarm_names"),
		p("NetworkConfiguration.AwsvpcConfiguration.Subnets", "network_configuration.subnets"),
		p("NetworkConfiguration.AwsvpcConfiguration.SecurityGroups", "network_configuration.security_groups"),
	}, build: ecsService},
	"AWS::ECS::TaskDefinition": {kind: "aws_ecs_task_definition", props: []prop{
		p("Family", "family"), p("NetworkMode", "network_mode"),
		p("RequiresCompatibilities", "requires_compatibilities"),
	}, build: ecsTaskDefinition},
	"AWS::CloudFront::Distribution": {kind: "aws_cloudfront_distribution", props: []prop{
		p("DistributionConfig.Enabled", "enabled"),
		p("DistributionConfig.Aliases", "aliases"),
		p("DistributionConfig.WebACLId", "web_acl_id"),
		p("DistributionConfig.DefaultCacheBehavior.Compress", "default_cache_behavior.compress"),
		p("DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy", "default_cache_behavior.viewer_protocol_policy"),
		p("DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate", "viewer_certificate.cloudfront_default_certificate"),
		p("DistributionConfig.ViewerCertificate.AcmCertificateArn", "viewer_certificate.acm_certificate_arn"),
		p("DistributionConfig.ViewerCertificate.IamCertificateId", "viewer_certificate.iam_certificate_id"),
		p("DistributionConfig.ViewerCertificate.MinimumProtocolVersion", "viewer_certificate.minimum_protocol_version"),
		p("DistributionConfig.ViewerCertificate.SslSupportMethod", "viewer_certificate.ssl_support_method"),
	}, build: cloudFrontDistribution},
	// CloudWatch Logs' v2 delivery, which CloudFront's standard logging
	// (v2) is made of: aws-cloudfront-access-logs follows it from the
	// distribution.
	"AWS::Logs::DeliverySource": {kind: "aws_cloudwatch_log_delivery_source", props: []prop{
		p("Name", "name"), p("ResourceArn", "resource_arn"), p("LogType", "log_type"),
	}},
	"AWS::Logs::Delivery": {kind: "aws_cloudwatch_log_delivery", props: []prop{
		p("DeliverySourceName", "delivery_source_name"),
		p("DeliveryDestinationArn", "delivery_destination_arn"),
	}},
	"AWS::CertificateManager::Certificate": {kind: "aws_acm_certificate", props: []prop{
		p("DomainName", "domain_name"), p("SubjectAlternativeNames", "subject_alternative_names"),
		p("ValidationMethod", "validation_method"),
		p("CertificateAuthorityArn", "certificate_authority_arn"),
	}, build: func(b *builder) {
		// A certificate replaced by an update is created before the old one
		// is deleted: "AWS CloudFormation usually creates the replacement
		// resource first, changes references from other dependent resources
		// to point to the replacement resource, and then deletes the old
		// resource" (using-cfn-updating-stacks-update-behaviors,
		// Replacement). That is Terraform's create_before_destroy.
		b.set("lifecycle.create_before_destroy", infra.BoolValue(true).WithLoc(b.r.Loc))
	}},
	"AWS::Lambda::Function": {kind: "aws_lambda_function", props: []prop{
		p("FunctionName", "function_name"), p("Runtime", "runtime"), p("PackageType", "package_type"),
		p("Handler", "handler"), p("Role", "role"),
		p("MemorySize", "memory_size"), p("Timeout", "timeout"),
		p("ReservedConcurrentExecutions", "reserved_concurrent_executions"),
		p("TracingConfig.Mode", "tracing_config.mode"),
		p("VpcConfig.SubnetIds", "vpc_config.subnet_ids"),
		p("VpcConfig.SecurityGroupIds", "vpc_config.security_group_ids"),
		p("Environment.Variables", "environment.variables"),
		p("DeadLetterConfig.TargetArn", "dead_letter_config.target_arn"),
		p("LoggingConfig.LogGroup", "logging_config.log_group"),
	}},
	"AWS::Lambda::Version": {kind: "AWS::Lambda::Version", props: []prop{
		p("FunctionName", "function_name"),
	}},
	"AWS::Serverless::Function": {kind: "aws_lambda_function", props: []prop{
		p("FunctionName", "function_name"), p("Runtime", "runtime"), p("PackageType", "package_type"),
		p("Handler", "handler"), p("Role", "role"),
		p("MemorySize", "memory_size"), p("Timeout", "timeout"),
		p("ReservedConcurrentExecutions", "reserved_concurrent_executions"),
		p("VpcConfig.SubnetIds", "vpc_config.subnet_ids"),
		p("VpcConfig.SecurityGroupIds", "vpc_config.security_group_ids"),
		p("Environment.Variables", "environment.variables"),
		p("DeadLetterQueue.TargetArn", "dead_letter_config.target_arn"),
		p("LoggingConfig.LogGroup", "logging_config.log_group"),
	}, build: samFunction},
	"AWS::Serverless::SimpleTable": {kind: "aws_dynamodb_table", props: []prop{
		p("TableName", "name"),
		p("SSESpecification.SSEEnabled", "server_side_encryption.enabled"),
		p("ProvisionedThroughput.ReadCapacityUnits", "read_capacity"),
		p("ProvisionedThroughput.WriteCapacityUnits", "write_capacity"),
	}, build: samSimpleTable},
	// EndpointConfiguration.Types unset is EDGE, as in Terraform
	// (aws-resource-apigateway-restapi): the WAF rule reads it.
	"AWS::ApiGateway::RestApi": {kind: "aws_api_gateway_rest_api", props: []prop{
		p("Name", "name"), p("EndpointConfiguration.Types", "endpoint_configuration.types"),
	}},
	"AWS::ApiGateway::Stage": {kind: "aws_api_gateway_stage", props: []prop{
		p("StageName", "stage_name"), p("RestApiId", "rest_api_id"),
		p("TracingEnabled", "xray_tracing_enabled"),
		p("AccessLogSetting.DestinationArn", "access_log_settings.destination_arn"),
		p("AccessLogSetting.Format", "access_log_settings.format"),
	}},
	"AWS::Serverless::Api": {kind: "aws_api_gateway_stage", props: []prop{
		p("StageName", "stage_name"),
		p("TracingEnabled", "xray_tracing_enabled"),
		p("AccessLogSetting.DestinationArn", "access_log_settings.destination_arn"),
		p("AccessLogSetting.Format", "access_log_settings.format"),
		p("EndpointConfiguration.Type", "endpoint_configuration.types"),
	}},
	"AWS::ApiGatewayV2::Stage": {kind: "aws_apigatewayv2_stage", props: []prop{
		p("StageName", "name"), p("ApiId", "api_id"),
		p("AccessLogSettings.DestinationArn", "access_log_settings.destination_arn"),
		p("AccessLogSettings.Format", "access_log_settings.format"),
	}},
	"AWS::Serverless::HttpApi": {kind: "aws_apigatewayv2_stage", props: []prop{
		p("StageName", "name"),
		p("AccessLogSettings.DestinationArn", "access_log_settings.destination_arn"),
		p("AccessLogSettings.Format", "access_log_settings.format"),
	}},
	"AWS::WAFv2::WebACLAssociation": {kind: "aws_wafv2_web_acl_association", props: []prop{
		p("ResourceArn", "resource_arn"), p("WebACLArn", "web_acl_arn"),
	}},
	"AWS::EC2::LaunchTemplate": {kind: "aws_launch_template", props: []prop{
		p("LaunchTemplateName", "name"),
		p("LaunchTemplateData.ImageId", "image_id"),
		p("LaunchTemplateData.InstanceType", "instance_type"),
		p("LaunchTemplateData.MetadataOptions.HttpTokens", "metadata_options.http_tokens"),
		p("LaunchTemplateData.MetadataOptions.HttpEndpoint", "metadata_options.http_endpoint"),
		p("LaunchTemplateData.Monitoring.Enabled", "monitoring.enabled"),
		p("LaunchTemplateData.UserData", "user_data"),
		p("LaunchTemplateData.InstanceMarketOptions.MarketType", "instance_market_options.market_type"),
		p("LaunchTemplateData.IamInstanceProfile.Arn", "iam_instance_profile.arn"),
		p("LaunchTemplateData.IamInstanceProfile.Name", "iam_instance_profile.name"),
	}, build: launchTemplate},
	"AWS::AutoScaling::LaunchConfiguration": {kind: "aws_launch_configuration", props: []prop{
		p("ImageId", "image_id"), p("InstanceType", "instance_type"),
		p("MetadataOptions.HttpTokens", "metadata_options.http_tokens"),
		p("MetadataOptions.HttpEndpoint", "metadata_options.http_endpoint"),
		p("UserData", "user_data_base64"),
		p("InstanceMonitoring", "enable_monitoring"),
		p("IamInstanceProfile", "iam_instance_profile"),
	}},
	"AWS::EC2::Volume": {kind: "aws_ebs_volume", props: []prop{
		p("AvailabilityZone", "availability_zone"), p("Encrypted", "encrypted"),
		p("KmsKeyId", "kms_key_id"), p("Size", "size"), p("VolumeType", "type"),
		p("SnapshotId", "snapshot_id"), p("Iops", "iops"),
	}},
	"AWS::ECR::Repository": {kind: "aws_ecr_repository", props: []prop{
		p("RepositoryName", "name"), p("ImageTagMutability", "image_tag_mutability"),
		p("ImageScanningConfiguration.ScanOnPush", "image_scanning_configuration.scan_on_push"),
	}},
	"AWS::CloudTrail::Trail": {kind: "aws_cloudtrail", props: []prop{
		p("TrailName", "name"), p("IsMultiRegionTrail", "is_multi_region_trail"),
		p("EnableLogFileValidation", "enable_log_file_validation"),
		p("KMSKeyId", "kms_key_id"), p("S3BucketName", "s3_bucket_name"),
		p("IncludeGlobalServiceEvents", "include_global_service_events"),
	}},
	"AWS::CloudWatch::CompositeAlarm": {kind: "aws_cloudwatch_composite_alarm", props: []prop{
		p("AlarmName", "alarm_name"), p("AlarmRule", "alarm_rule"),
		p("ActionsEnabled", "actions_enabled"), p("AlarmActions", "alarm_actions"),
	}},
	"AWS::ElasticLoadBalancing::LoadBalancer": {kind: "aws_elb", props: []prop{
		p("LoadBalancerName", "name"), p("Scheme", "scheme"),
		p("AccessLoggingPolicy.Enabled", "access_logs.enabled"),
		p("AccessLoggingPolicy.S3BucketName", "access_logs.bucket"),
		p("CrossZone", "cross_zone_load_balancing"),
	}, build: func(b *builder) {
		// internal = true for Scheme internal; the default is internet-facing.
		if s, ok := b.get("Scheme").Str(); ok {
			b.set("internal", infra.BoolValue(s == "internal").WithLoc(b.get("Scheme").Loc))
		}
	}},
	"AWS::EKS::Cluster": {kind: "aws_eks_cluster", props: []prop{
		p("Name", "name"), p("Version", "version"),
		p("ResourcesVpcConfig.SubnetIds", "vpc_config.subnet_ids"),
		p("ResourcesVpcConfig.EndpointPublicAccess", "vpc_config.endpoint_public_access"),
		p("ResourcesVpcConfig.EndpointPrivateAccess", "vpc_config.endpoint_private_access"),
		p("ResourcesVpcConfig.PublicAccessCidrs", "vpc_config.public_access_cidrs"),
	}, build: eksCluster},
	// An add-on is read for its name: aws-eks-cluster-metrics looks for a
	// metrics agent (amazon-cloudwatch-observability, adot) in the cluster
	// that ClusterName names.
	"AWS::EKS::Addon": {kind: "aws_eks_addon", props: []prop{
		p("ClusterName", "cluster_name"), p("AddonName", "addon_name"),
	}},
	"AWS::EKS::Nodegroup": {kind: "aws_eks_node_group", props: []prop{
		p("NodegroupName", "node_group_name"), p("ClusterName", "cluster_name"),
		p("Subnets", "subnet_ids"), p("CapacityType", "capacity_type"),
		p("InstanceTypes", "instance_types"),
		p("ScalingConfig.MinSize", "scaling_config.min_size"),
		p("ScalingConfig.MaxSize", "scaling_config.max_size"),
		p("ScalingConfig.DesiredSize", "scaling_config.desired_size"),
		p("UpdateConfig.MaxUnavailable", "update_config.max_unavailable"),
		p("UpdateConfig.MaxUnavailablePercentage", "update_config.max_unavailable_percentage"),
		p("Taints", "taint"),
	}},
	"AWS::IAM::ManagedPolicy": {kind: "aws_iam_policy", props: []prop{
		p("ManagedPolicyName", "name"),
	}, build: func(b *builder) {
		b.jsonAttr("PolicyDocument", "policy")
		b.policyAttachments("Roles", "Users", "Groups")
	}},
	"AWS::IAM::Policy": {kind: "aws_iam_policy", props: []prop{
		p("PolicyName", "name"),
	}, build: func(b *builder) {
		// An inline policy CloudFormation puts on roles, users and groups:
		// Terraform's aws_iam_policy with attachments reads the same.
		b.jsonAttr("PolicyDocument", "policy")
		b.policyAttachments("Roles", "Users", "Groups")
	}},
	"AWS::IAM::Role": {kind: "aws_iam_role", props: []prop{
		p("RoleName", "name"),
	}, build: func(b *builder) { b.inlinePolicies("aws_iam_role_policy", "aws_iam_role_policy_attachment", "role") }},
	"AWS::IAM::User": {kind: "aws_iam_user", props: []prop{
		p("UserName", "name"),
	}, build: func(b *builder) {
		b.inlinePolicies("aws_iam_user_policy", "aws_iam_user_policy_attachment", "user")
		if !b.get("LoginProfile.Password").IsNull() {
			a := b.aux("aws_iam_user_login_profile", "LoginProfile", "user", b.get("UserName"))
			a.copy("LoginProfile.Password", "password")
			a.done()
		}
	}},
	"AWS::IAM::Group": {kind: "aws_iam_group", props: []prop{
		p("GroupName", "name"),
	}, build: func(b *builder) { b.inlinePolicies("aws_iam_group_policy", "aws_iam_group_policy_attachment", "group") }},
	// An instance profile: aws-compute-log-shipping follows an instance's
	// (or launch template's) profile to its role's policies. Roles is a
	// list of at most one role, Terraform's role.
	"AWS::IAM::InstanceProfile": {kind: "aws_iam_instance_profile", props: []prop{
		p("InstanceProfileName", "name"), p("Path", "path"),
	}, build: func(b *builder) {
		roles := b.get("Roles")
		if roles.Kind() == infra.List && roles.Len() == 1 {
			b.set("role", roles.List()[0])
		} else {
			b.set("role", roles)
		}
		b.refsFrom("Roles", "role", b.r)
	}},
	"AWS::IAM::AccessKey": {kind: "aws_iam_access_key", props: []prop{
		p("UserName", "user"), p("Status", "status"),
	}},
	"AWS::EC2::NetworkAcl": {kind: "aws_network_acl", props: []prop{
		p("VpcId", "vpc_id"),
	}},
	"AWS::EC2::NetworkAclEntry": {kind: "aws_network_acl_rule", props: []prop{
		p("NetworkAclId", "network_acl_id"), p("RuleNumber", "rule_number"),
		p("Protocol", "protocol"), p("RuleAction", "rule_action"), p("Egress", "egress"),
		p("CidrBlock", "cidr_block"), p("Ipv6CidrBlock", "ipv6_cidr_block"),
		p("PortRange.From", "from_port"), p("PortRange.To", "to_port"),
	}},
	"AWS::Lambda::Alias": {kind: "aws_lambda_alias", props: []prop{
		p("Name", "name"), p("FunctionName", "function_name"), p("FunctionVersion", "function_version"),
	}},
	"AWS::Events::Rule": {kind: "aws_cloudwatch_event_rule", props: []prop{
		p("Name", "name"), p("ScheduleExpression", "schedule_expression"),
		p("EventBusName", "event_bus_name"), p("State", "state"),
	}, build: eventTargets},
	"AWS::SQS::Queue": {kind: "aws_sqs_queue", props: []prop{
		p("QueueName", "name"), p("FifoQueue", "fifo_queue"),
		p("KmsMasterKeyId", "kms_master_key_id"), p("SqsManagedSseEnabled", "sqs_managed_sse_enabled"),
		p("VisibilityTimeout", "visibility_timeout_seconds"),
		p("MessageRetentionPeriod", "message_retention_seconds"),
	}, build: func(b *builder) { b.jsonAttr("RedrivePolicy", "redrive_policy") }},
	"AWS::SNS::Topic": {kind: "aws_sns_topic", props: []prop{
		p("TopicName", "name"), p("KmsMasterKeyId", "kms_master_key_id"),
	}},
	"AWS::Logs::LogGroup": {kind: "aws_cloudwatch_log_group", props: []prop{
		p("LogGroupName", "name"), p("RetentionInDays", "retention_in_days"), p("KmsKeyId", "kms_key_id"),
	}},
	"AWS::KMS::Key": {kind: "aws_kms_key", props: []prop{
		p("EnableKeyRotation", "enable_key_rotation"), p("KeySpec", "customer_master_key_spec"),
		p("KeyUsage", "key_usage"),
	}},
	"AWS::KMS::Alias": {kind: "aws_kms_alias", props: []prop{
		p("AliasName", "name"), p("TargetKeyId", "target_key_id"),
	}},
	"AWS::EFS::FileSystem": {kind: "aws_efs_file_system", props: []prop{
		p("Encrypted", "encrypted"), p("KmsKeyId", "kms_key_id"),
		p("PerformanceMode", "performance_mode"), p("ThroughputMode", "throughput_mode"),
	}, build: efsFileSystem},
	"AWS::ElastiCache::ReplicationGroup": {kind: "aws_elasticache_replication_group", props: []prop{
		p("ReplicationGroupId", "replication_group_id"), p("Engine", "engine"),
		p("CacheNodeType", "node_type"),
		p("AutomaticFailoverEnabled", "automatic_failover_enabled"),
		p("MultiAZEnabled", "multi_az_enabled"),
		p("SnapshotRetentionLimit", "snapshot_retention_limit"),
		p("AtRestEncryptionEnabled", "at_rest_encryption_enabled"),
		p("TransitEncryptionEnabled", "transit_encryption_enabled"),
		p("AuthToken", "auth_token"),
		p("NumCacheClusters", "num_cache_clusters"),
	}},
	"AWS::ElastiCache::CacheCluster": {kind: "aws_elasticache_cluster", props: []prop{
		p("ClusterName", "cluster_id"), p("Engine", "engine"), p("CacheNodeType", "node_type"),
		p("SnapshotRetentionLimit", "snapshot_retention_limit"),
		p("NumCacheNodes", "num_cache_nodes"),
	}},
	"AWS::SecretsManager::Secret": {kind: "aws_secretsmanager_secret", props: []prop{
		p("Name", "name"), p("KmsKeyId", "kms_key_id"),
	}, build: func(b *builder) {
		// SecretString is the secret's value written in the template:
		// Terraform keeps it in a separate aws_secretsmanager_secret_version.
		if !b.get("SecretString").IsNull() {
			a := b.aux("aws_secretsmanager_secret_version", "SecretString", "secret_id", infra.Value{})
			a.copy("SecretString", "secret_string")
			a.done()
		}
	}},
	"AWS::SecretsManager::RotationSchedule": {kind: "aws_secretsmanager_secret_rotation", props: []prop{
		p("SecretId", "secret_id"),
		p("RotationLambdaARN", "rotation_lambda_arn"),
		p("RotationRules.AutomaticallyAfterDays", "rotation_rules.automatically_after_days"),
		p("RotationRules.ScheduleExpression", "rotation_rules.schedule_expression"),
	}},
	"AWS::CloudWatch::Alarm": {kind: "aws_cloudwatch_metric_alarm", props: []prop{
		p("AlarmName", "alarm_name"), p("MetricName", "metric_name"), p("Namespace", "namespace"),
		p("ActionsEnabled", "actions_enabled"), p("AlarmActions", "alarm_actions"),
		p("OKActions", "ok_actions"), p("Threshold", "threshold"),
		p("ComparisonOperator", "comparison_operator"),
	}, build: alarm},
	"AWS::ElasticLoadBalancingV2::LoadBalancer": {kind: "aws_lb", props: []prop{
		p("Name", "name"), p("Type", "load_balancer_type"),
		p("Subnets", "subnets"), p("SecurityGroups", "security_groups"),
	}, build: loadBalancer},
	"AWS::ElasticLoadBalancingV2::Listener": {kind: "aws_lb_listener", props: []prop{
		p("LoadBalancerArn", "load_balancer_arn"), p("Protocol", "protocol"), p("Port", "port"),
		p("SslPolicy", "ssl_policy"),
	}, build: listener},
	"AWS::ElasticLoadBalancingV2::TargetGroup": {kind: "aws_lb_target_group", props: []prop{
		p("Name", "name"), p("TargetType", "target_type"), p("Protocol", "protocol"), p("Port", "port"),
		p("HealthCheckEnabled", "health_check.enabled"), p("HealthCheckPath", "health_check.path"),
	}, build: targetGroupTargets},
	// AWS Backup (backup.go).
	"AWS::Backup::BackupPlan": {kind: "aws_backup_plan", build: backupPlan},
	"AWS::Backup::BackupVault": {kind: "aws_backup_vault", props: []prop{
		p("BackupVaultName", "name"), p("EncryptionKeyArn", "kms_key_arn"),
	}, build: backupVault},
	"AWS::Backup::BackupSelection": {kind: "aws_backup_selection", props: []prop{
		p("BackupPlanId", "plan_id"),
		p("BackupSelection.SelectionName", "name"),
		p("BackupSelection.IamRoleArn", "iam_role_arn"),
		p("BackupSelection.Resources", "resources"),
		p("BackupSelection.NotResources", "not_resources"),
	}, build: backupSelection},
	// Route 53 (route53.go). A health check carries nothing a rule reads:
	// the failover rule needs only to know that a record's HealthCheckId
	// names one.
	"AWS::Route53::RecordSet":      {kind: "aws_route53_record", build: route53Record},
	"AWS::Route53::RecordSetGroup": {kind: "AWS::Route53::RecordSetGroup", build: route53RecordSetGroup},
	"AWS::Route53::HealthCheck": {kind: "aws_route53_health_check", props: []prop{
		p("HealthCheckConfig.AlarmIdentifier.Name", "cloudwatch_alarm_name"),
	}},
	"AWS::CodeDeploy::DeploymentGroup": {kind: "aws_codedeploy_deployment_group", props: []prop{
		p("AlarmConfiguration.Enabled", "alarm_configuration.enabled"),
	}, build: func(b *builder) {
		// Alarms is a list of {Name}; Terraform's alarms, a list of names.
		if as := b.get("AlarmConfiguration.Alarms"); as.Kind() == infra.List {
			names := make([]infra.Value, 0, as.Len())
			for _, a := range as.List() {
				names = append(names, a.Field("Name"))
			}
			b.set("alarm_configuration.alarms", infra.ListValue(names).WithLoc(as.Loc))
			b.refsFrom("AlarmConfiguration.Alarms", "alarm_configuration.alarms", b.r)
		}
	}},
	// Databases, directories and brokers only aws-secret-literal reads:
	// just the properties that hold a password.
	"AWS::DocDB::DBCluster": {kind: "aws_docdb_cluster", props: []prop{
		p("DBClusterIdentifier", "cluster_identifier"),
		p("MasterUsername", "master_username"), p("MasterUserPassword", "master_password"),
	}},
	"AWS::Redshift::Cluster": {kind: "aws_redshift_cluster", props: []prop{
		p("ClusterIdentifier", "cluster_identifier"),
		p("MasterUsername", "master_username"), p("MasterUserPassword", "master_password"),
	}},
	"AWS::DMS::Endpoint": {kind: "aws_dms_endpoint", props: []prop{
		p("EndpointIdentifier", "endpoint_id"), p("Username", "username"), p("Password", "password"),
	}},
	"AWS::DirectoryService::MicrosoftAD": {kind: "aws_directory_service_directory", props: []prop{
		p("Name", "name"), p("Password", "password"),
	}},
	"AWS::DirectoryService::SimpleAD": {kind: "aws_directory_service_directory", props: []prop{
		p("Name", "name"), p("Password", "password"),
	}},
	"AWS::AmazonMQ::Broker": {kind: "aws_mq_broker", props: []prop{
		p("BrokerName", "broker_name"),
	}, build: func(b *builder) {
		// Users ({Username, Password, …}) are Terraform's user blocks.
		us := b.get("Users")
		if !us.IsKnown() || us.Kind() != infra.List {
			b.copy("Users", "user")
			return
		}
		items := make([]infra.Value, 0, us.Len())
		for _, u := range us.List() {
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "username", Value: u.Field("Username")},
				{Name: "password", Value: u.Field("Password")},
			}).WithLoc(u.Loc))
		}
		b.set("user", infra.ListValue(items).WithLoc(us.Loc))
		b.refsFrom("Users", "user", b.r)
	}},
	"AWS::ElastiCache::User": {kind: "aws_elasticache_user", props: []prop{
		p("UserId", "user_id"), p("UserName", "user_name"), p("Passwords", "passwords"),
	}},
	"AWS::MemoryDB::User": {kind: "aws_memorydb_user", props: []prop{
		p("UserName", "user_name"),
		p("AuthenticationMode.Type", "authentication_mode.type"),
		p("AuthenticationMode.Passwords", "authentication_mode.passwords"),
	}},
	"AWS::Lightsail::Database": {kind: "aws_lightsail_database", props: []prop{
		p("RelationalDatabaseName", "relational_database_name"),
		p("MasterUsername", "master_username"), p("MasterUserPassword", "master_password"),
	}},
	"AWS::SSM::Parameter": {kind: "aws_ssm_parameter", props: []prop{
		p("Name", "name"), p("Type", "type"), p("Value", "value"),
	}},
	// OpenSearch Service domains (opensearch.go): the current type and the
	// older Elasticsearch one, whose cluster block has another name.
	"AWS::OpenSearchService::Domain": {kind: "aws_opensearch_domain", props: append(searchDomainProps("ClusterConfig"),
		p("EngineVersion", "engine_version"),
		p("ClusterConfig.MultiAZWithStandbyEnabled", "cluster_config.multi_az_with_standby_enabled"),
		p("AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword", "advanced_security_options.master_user_options.master_user_password"),
	), build: searchDomain},
	"AWS::Elasticsearch::Domain": {kind: "aws_elasticsearch_domain", props: append(searchDomainProps("ElasticsearchClusterConfig"),
		p("ElasticsearchVersion", "elasticsearch_version"),
	), build: searchDomain},
}

// dbInstance: an instance with DBClusterIdentifier is an Aurora member,
// Terraform's aws_rds_cluster_instance. PubliclyAccessible, when not
// written, "depends on your VPC setup and the database subnet group"
// (aws-resource-rds-dbinstance, PubliclyAccessible): not the provider's
// false, so it is unknown.
func dbInstance(b *builder) {
	if !b.get("DBClusterIdentifier").IsNull() {
		b.r.Kind = "aws_rds_cluster_instance"
	}
	if b.get("PubliclyAccessible").IsNull() {
		b.set("publicly_accessible", infra.UnknownValue("PubliclyAccessible",
			"PubliclyAccessible is not set, and CloudFormation's default depends on whether the VPC of the DB subnet group has an internet gateway; set it to false").WithLoc(b.r.Loc))
	}
	if b.r.Kind == "aws_db_instance" {
		b.deletionPolicy(b.get("SourceDBInstanceIdentifier").IsNull())
	}
}

// deletionPolicy maps DeletionPolicy onto skip_final_snapshot. snapshotDefault
// says the type's default is Snapshot (a DB cluster, a DB instance outside
// a cluster that is not a replica); other types default to Delete.
func (b *builder) deletionPolicy(snapshotDefault bool) {
	pol := b.def.Field("DeletionPolicy")
	s, ok := pol.Str()
	switch {
	case pol.IsNull():
		if snapshotDefault {
			b.set("skip_final_snapshot", infra.BoolValue(false).WithLoc(b.r.Loc))
		} else {
			b.set("skip_final_snapshot", infra.BoolValue(true).WithLoc(b.r.Loc))
		}
	case !ok || !pol.IsKnown():
		b.set("skip_final_snapshot", infra.UnknownValue("DeletionPolicy", "DeletionPolicy cannot be resolved").WithLoc(pol.Loc))
	default:
		b.set("skip_final_snapshot", infra.BoolValue(s == "Delete").WithLoc(pol.Loc))
	}
}

// s3Bucket maps the inline configurations of a bucket onto the separate
// aws_s3_bucket_* resources the S3 rules read.
func s3Bucket(b *builder) {
	name := b.get("BucketName")
	if s, _ := b.get("AccessControl").Str(); s == "LogDeliveryWrite" {
		b.set("acl", str("log-delivery-write").WithLoc(b.get("AccessControl").Loc))
	}
	if v := b.get("VersioningConfiguration"); !v.IsNull() {
		a := b.aux("aws_s3_bucket_versioning", "VersioningConfiguration", "bucket", name)
		a.copy("VersioningConfiguration.Status", "versioning_configuration.status")
		a.done()
	}
	if v := b.get("BucketEncryption"); !v.IsNull() {
		a := b.aux("aws_s3_bucket_server_side_encryption_configuration", "BucketEncryption", "bucket", name)
		rules := b.get("BucketEncryption.ServerSideEncryptionConfiguration")
		if rules.IsKnown() {
			items := make([]infra.Value, 0, rules.Len())
			for _, r := range rules.List() {
				def := r.Field("ServerSideEncryptionByDefault")
				items = append(items, infra.ObjectValue([]infra.Field{
					{Name: "apply_server_side_encryption_by_default", Value: infra.ObjectValue([]infra.Field{
						{Name: "sse_algorithm", Value: def.Field("SSEAlgorithm")},
						{Name: "kms_master_key_id", Value: def.Field("KMSMasterKeyID")},
					}).WithLoc(def.Loc)},
					{Name: "bucket_key_enabled", Value: r.Field("BucketKeyEnabled")},
				}).WithLoc(r.Loc))
			}
			a.set("rule", infra.ListValue(items).WithLoc(rules.Loc))
		} else {
			a.set("rule", rules)
		}
		a.b.refsFrom("BucketEncryption", "rule", a.r)
		a.done()
	}
	if v := b.get("LoggingConfiguration"); !v.IsKnown() {
		// Unknown as a whole (an Fn::If whose branch may be AWS::NoValue):
		// logging may not be configured at all, so no logging resource
		// stands for it; the bucket's own logging block says so.
		b.set("logging", v)
	} else if !v.IsNull() {
		a := b.aux("aws_s3_bucket_logging", "LoggingConfiguration", "bucket", name)
		if b.get("LoggingConfiguration.DestinationBucketName").IsNull() {
			// "If you don't specify a destination bucket, the logs are
			// stored in the bucket where the LoggingConfiguration is
			// defined" (aws-properties-s3-bucket-loggingconfiguration).
			a.set("target_bucket", a.name)
			a.r.Refs = append(a.r.Refs, infra.Ref{Attr: "target_bucket", To: b.r.Address})
		}
		a.copy("LoggingConfiguration.DestinationBucketName", "target_bucket")
		a.copy("LoggingConfiguration.LogFilePrefix", "target_prefix")
		a.done()
	}
	if v := b.get("PublicAccessBlockConfiguration"); !v.IsNull() {
		a := b.aux("aws_s3_bucket_public_access_block", "PublicAccessBlockConfiguration", "bucket", name)
		a.copy("PublicAccessBlockConfiguration.BlockPublicAcls", "block_public_acls")
		a.copy("PublicAccessBlockConfiguration.BlockPublicPolicy", "block_public_policy")
		a.copy("PublicAccessBlockConfiguration.IgnorePublicAcls", "ignore_public_acls")
		a.copy("PublicAccessBlockConfiguration.RestrictPublicBuckets", "restrict_public_buckets")
		a.done()
	}
	if v := b.get("WebsiteConfiguration"); !v.IsNull() {
		a := b.aux("aws_s3_bucket_website_configuration", "WebsiteConfiguration", "bucket", name)
		a.copy("WebsiteConfiguration.IndexDocument", "index_document.suffix")
		a.done()
	}
}

// autoDeleteBuckets sets force_destroy on each bucket a
// Custom::S3AutoDeleteObjects resource empties: CloudFormation deletes only
// an empty bucket ("For Amazon S3 buckets, you must delete all objects in
// the bucket for deletion to succeed", aws-attribute-deletionpolicy), so a
// resource that deletes every object first does what Terraform's
// force_destroy = true does. The bucket is the one BucketName
// references, or the one whose BucketName is the same known name. The
// value is located at the custom resource, which is what to remove.
func (t *template) autoDeleteBuckets() {
	byAddr := map[string]*infra.Resource{}
	for _, r := range t.out {
		byAddr[r.Address] = r
	}
	for _, c := range t.out {
		if c.Kind != "Custom::S3AutoDeleteObjects" {
			continue
		}
		var buckets []*infra.Resource
		for _, ref := range c.Refs {
			if b := byAddr[ref.To]; b != nil && b.Kind == "aws_s3_bucket" && ref.Attr == "bucket" {
				buckets = append(buckets, b)
			}
		}
		if name, ok := c.Attrs.Get("bucket").Str(); ok && c.Attrs.Get("bucket").IsKnown() && len(buckets) == 0 {
			for _, b := range t.out {
				if n, ok := b.Attrs.Get("bucket").Str(); b.Kind == "aws_s3_bucket" && ok && b.Attrs.Get("bucket").IsKnown() && n == name {
					buckets = append(buckets, b)
				}
			}
		}
		for _, b := range buckets {
			fields := make([]infra.Field, 0, b.Attrs.Len()+1)
			for _, f := range b.Attrs.Fields() {
				if f.Name != "force_destroy" {
					fields = append(fields, f)
				}
			}
			fields = append(fields, infra.Field{Name: "force_destroy", Value: infra.BoolValue(true).WithLoc(c.Loc)})
			b.Attrs = infra.ObjectValue(fields).WithLoc(b.Attrs.Loc)
		}
	}
}

// jsonAttr sets an attribute Terraform takes as a JSON string (a policy, a
// redrive policy) from a property CloudFormation takes as an object.
func (b *builder) jsonAttr(from, to string) {
	v := b.get(from)
	if v.IsNull() {
		return
	}
	if s, ok := v.Str(); ok && v.IsKnown() {
		b.set(to, str(s).WithLoc(v.Loc))
	} else if j, ok := b.t.ev.document(v); ok {
		b.set(to, str(j).WithLoc(v.Loc))
	} else {
		b.set(to, infra.UnknownValue(from, from+" holds values known only when the stack is deployed").WithLoc(v.Loc))
	}
	b.refsFrom(from, to, b.r)
}

// flowLog: ResourceId is the VPC, subnet or interface the log is for,
// after ResourceType.
func flowLog(b *builder) {
	switch s, _ := b.get("ResourceType").Str(); s {
	case "VPC":
		b.copy("ResourceId", "vpc_id")
	case "Subnet":
		b.copy("ResourceId", "subnet_id")
	case "NetworkInterface":
		b.copy("ResourceId", "eni_id")
	}
}

// securityGroup maps the inline rules onto ingress blocks.
func securityGroup(b *builder) {
	in := b.get("SecurityGroupIngress")
	if in.IsNull() {
		return
	}
	if !in.IsKnown() {
		b.set("ingress", in)
		b.refsFrom("SecurityGroupIngress", "ingress", b.r)
		return
	}
	items := make([]infra.Value, 0, in.Len())
	for _, r := range in.List() {
		items = append(items, infra.ObjectValue(ingressFields(r)).WithLoc(r.Loc))
	}
	b.set("ingress", infra.ListValue(items).WithLoc(in.Loc))
	b.refsFrom("SecurityGroupIngress", "ingress", b.r)
}

// ingressFields maps one CloudFormation ingress rule. IpProtocol -1 (all)
// with no ports is Terraform's protocol "-1" from 0 to 0.
func ingressFields(r infra.Value) []infra.Field {
	f := []infra.Field{
		{Name: "protocol", Value: r.Field("IpProtocol")},
		{Name: "from_port", Value: r.Field("FromPort")},
		{Name: "to_port", Value: r.Field("ToPort")},
		{Name: "description", Value: r.Field("Description")},
	}
	if v := r.Field("CidrIp"); !v.IsNull() {
		f = append(f, infra.Field{Name: "cidr_blocks", Value: infra.ListValue([]infra.Value{v}).WithLoc(v.Loc)})
	}
	if v := r.Field("CidrIpv6"); !v.IsNull() {
		f = append(f, infra.Field{Name: "ipv6_cidr_blocks", Value: infra.ListValue([]infra.Value{v}).WithLoc(v.Loc)})
	}
	if v := r.Field("SourceSecurityGroupId"); !v.IsNull() {
		f = append(f, infra.Field{Name: "security_groups", Value: infra.ListValue([]infra.Value{v}).WithLoc(v.Loc)})
	}
	if p, _ := r.Field("IpProtocol").Str(); p == "-1" && r.Field("FromPort").IsNull() {
		f[1].Value, f[2].Value = infra.NumberValue(0), infra.NumberValue(0)
	}
	return f
}

func sgIngressRule(b *builder) {
	b.set("type", str("ingress").WithLoc(b.r.Loc))
	for _, f := range ingressFields(b.props) {
		if f.Name == "protocol" || f.Name == "description" || f.Value.IsNull() {
			continue
		}
		b.set(f.Name, f.Value)
	}
}

// autoScalingGroup: UpdatePolicy's rolling or replacing update is the
// group's instance_refresh (see the top of this file).
func autoScalingGroup(b *builder) {
	up := b.def.Field("UpdatePolicy")
	if roll := up.Field("AutoScalingRollingUpdate"); !roll.IsNull() {
		b.set("instance_refresh", infra.ObjectValue([]infra.Field{
			{Name: "strategy", Value: str("Rolling").WithLoc(roll.Loc)},
			{Name: "preferences", Value: infra.ObjectValue([]infra.Field{
				{Name: "min_healthy_percentage", Value: b.t.ev.eval(roll.Field("MinActiveInstancesPercent"), "")},
			})},
		}).WithLoc(roll.Loc))
	} else if repl := up.Field("AutoScalingReplacingUpdate"); !repl.IsNull() {
		w := b.t.ev.eval(repl.Field("WillReplace"), "")
		if on, ok := flag(w); ok && on {
			b.set("instance_refresh", infra.ObjectValue([]infra.Field{
				{Name: "strategy", Value: str("Rolling").WithLoc(repl.Loc)},
			}).WithLoc(repl.Loc))
		} else if !w.IsKnown() {
			b.set("instance_refresh", w)
		}
	}
	if m := b.get("MixedInstancesPolicy"); !m.IsNull() {
		d := m.Field("InstancesDistribution")
		b.set("mixed_instances_policy.instances_distribution.on_demand_base_capacity", d.Field("OnDemandBaseCapacity"))
		b.set("mixed_instances_policy.instances_distribution.on_demand_percentage_above_base_capacity", d.Field("OnDemandPercentageAboveBaseCapacity"))
		b.set("mixed_instances_policy.instances_distribution.spot_allocation_strategy", d.Field("SpotAllocationStrategy"))
		b.set("mixed_instances_policy.instances_distribution.spot_instance_pools", d.Field("SpotInstancePools"))
		b.set("mixed_instances_policy.launch_template.launch_template_specification.launch_template_id",
			m.Get("LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId"))
		switch ov := m.Get("LaunchTemplate.Overrides"); ov.Kind() {
		case infra.List:
			items := make([]infra.Value, 0, ov.Len())
			for _, o := range ov.List() {
				items = append(items, infra.ObjectValue([]infra.Field{
					{Name: "instance_type", Value: o.Field("InstanceType")},
					{Name: "instance_requirements", Value: o.Field("InstanceRequirements")},
				}).WithLoc(o.Loc))
			}
			b.set("mixed_instances_policy.launch_template.override", infra.ListValue(items).WithLoc(ov.Loc))
		case infra.Unknown:
			b.set("mixed_instances_policy.launch_template.override", ov)
		}
		b.refsFrom("MixedInstancesPolicy", "mixed_instances_policy", b.r)
	}
}

// ec2Instance: BlockDeviceMappings become ebs_block_device blocks. Which
// of them is the root device depends on the AMI, so the root device's own
// block (root_block_device) stays unset; the rules judge every written
// volume alike.
func ec2Instance(b *builder) {
	bdm := b.get("BlockDeviceMappings")
	switch bdm.Kind() {
	case infra.List:
		items := make([]infra.Value, 0, bdm.Len())
		for _, d := range bdm.List() {
			if d.Field("Ebs").IsNull() {
				continue // an instance store or NoDevice entry
			}
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "device_name", Value: d.Field("DeviceName")},
				{Name: "volume_type", Value: d.Get("Ebs.VolumeType")},
				{Name: "encrypted", Value: d.Get("Ebs.Encrypted")},
				{Name: "kms_key_id", Value: d.Get("Ebs.KmsKeyId")},
			}).WithLoc(d.Loc))
		}
		b.set("ebs_block_device", infra.ListValue(items).WithLoc(bdm.Loc))
	case infra.Unknown:
		b.set("ebs_block_device", bdm)
	}
}

func ecsCluster(b *builder) {
	s := b.get("ClusterSettings")
	if s.IsNull() {
		return
	}
	items := make([]infra.Value, 0, s.Len())
	for _, x := range s.List() {
		items = append(items, infra.ObjectValue([]infra.Field{
			{Name: "name", Value: x.Field("Name")}, {Name: "value", Value: x.Field("Value")},
		}).WithLoc(x.Loc))
	}
	b.set("setting", infra.ListValue(items).WithLoc(s.Loc))
}

// ecsService: DesiredCount defaults to 1 for a new REPLICA service in
// CloudFormation ("For new services, if a desired count is not specified, a
// default value of 1 is used", aws-resource-ecs-service), where the
// provider's default is 0.
func ecsService(b *builder) {
	if b.get("DesiredCount").IsNull() {
		if s, _ := b.get("SchedulingStrategy").Str(); s != "DAEMON" {
			b.set("desired_count", infra.NumberValue(1).WithLoc(b.r.Loc))
		}
	}
	if s, ok := b.get("NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp").Str(); ok {
		b.set("network_configuration.assign_public_ip", infra.BoolValue(s == "ENABLED"))
	}
	lbs := b.get("LoadBalancers")
	if lbs.Kind() == infra.List {
		items := make([]infra.Value, 0, lbs.Len())
		for _, l := range lbs.List() {
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "target_group_arn", Value: l.Field("TargetGroupArn")},
				{Name: "container_name", Value: l.Field("ContainerName")},
				{Name: "container_port", Value: l.Field("ContainerPort")},
			}).WithLoc(l.Loc))
		}
		b.set("load_balancer", infra.ListValue(items).WithLoc(lbs.Loc))
		b.refsFrom("LoadBalancers", "load_balancer", b.r)
	}
}

// efsFileSystem: a file system's tags are FileSystemTags, a list of {Key,
// Value} (aws-resource-efs-filesystem; it has no Tags property);
// BackupPolicy is Terraform's aws_efs_backup_policy.
func efsFileSystem(b *builder) {
	b.tagsFrom(b.get("FileSystemTags"))
	if b.get("BackupPolicy").IsNull() {
		return
	}
	a := b.aux("aws_efs_backup_policy", "BackupPolicy", "file_system_id", infra.Value{})
	a.copy("BackupPolicy.Status", "backup_policy.status")
	a.done()
}

// alarm: Dimensions, a list of {Name, Value}, is Terraform's dimensions map.
func alarm(b *builder) {
	d := b.get("Dimensions")
	if d.Kind() != infra.List {
		return
	}
	fields := make([]infra.Field, 0, d.Len())
	for _, x := range d.List() {
		if n, ok := x.Field("Name").Str(); ok {
			fields = append(fields, infra.Field{Name: n, Value: x.Field("Value")})
		}
	}
	b.set("dimensions", infra.ObjectValue(fields).WithLoc(d.Loc))
	for _, ref := range b.refs {
		if strings.HasPrefix(ref.path, "Dimensions.") {
			// Dimensions.<i>.Value → dimensions.<Name>
			parts := strings.Split(ref.path, ".")
			attr := "dimensions"
			if len(parts) > 1 {
				if n, ok := d.Get(parts[1] + ".Name").Str(); ok {
					attr += "." + n
				}
			}
			b.r.Refs = append(b.r.Refs, infra.Ref{Attr: attr, To: b.t.addr(ref.to)})
		}
	}
}

// loadBalancer: Scheme internet-facing (the default) or internal is
// Terraform's internal; LoadBalancerAttributes (a list of {Key, Value})
// are Terraform's attributes.
func loadBalancer(b *builder) {
	if s, ok := b.get("Scheme").Str(); ok {
		b.set("internal", infra.BoolValue(s == "internal").WithLoc(b.get("Scheme").Loc))
	}
	if b.get("Type").IsNull() {
		b.set("load_balancer_type", str("application").WithLoc(b.r.Loc))
	}
	attrs := b.get("LoadBalancerAttributes")
	for i, a := range attrs.List() {
		k, _ := a.Field("Key").Str()
		v := a.Field("Value")
		var to string
		switch k {
		case "deletion_protection.enabled":
			to = "enable_deletion_protection"
		case "load_balancing.cross_zone.enabled":
			to = "enable_cross_zone_load_balancing"
		case "access_logs.s3.enabled":
			to = "access_logs.enabled"
		case "access_logs.s3.bucket":
			to = "access_logs.bucket"
		case "access_logs.s3.prefix":
			to = "access_logs.prefix"
		default:
			continue
		}
		b.set(to, v)
		b.refsFrom("LoadBalancerAttributes."+itoa(i), to, b.r)
	}
}

func itoa(i int) string { return num(float64(i)) }

// listener: DefaultActions (Type, RedirectConfig) are Terraform's
// default_action blocks.
func listener(b *builder) {
	acts := b.get("DefaultActions")
	if acts.Kind() != infra.List {
		return
	}
	items := make([]infra.Value, 0, acts.Len())
	for _, a := range acts.List() {
		f := []infra.Field{{Name: "type", Value: a.Field("Type")}}
		if r := a.Field("RedirectConfig"); !r.IsNull() {
			f = append(f, infra.Field{Name: "redirect", Value: infra.ObjectValue([]infra.Field{
				{Name: "protocol", Value: r.Field("Protocol")},
				{Name: "port", Value: r.Field("Port")},
				{Name: "status_code", Value: r.Field("StatusCode")},
			}).WithLoc(r.Loc)})
		}
		f = append(f, infra.Field{Name: "target_group_arn", Value: a.Field("TargetGroupArn")})
		items = append(items, infra.ObjectValue(f).WithLoc(a.Loc))
	}
	b.set("default_action", infra.ListValue(items).WithLoc(acts.Loc))
	b.refsFrom("DefaultActions", "default_action", b.r)
}

// targetGroupTargets maps a target group's inline Targets ([{Id, Port,
// AvailabilityZone}]) onto Terraform's separate
// aws_lb_target_group_attachment resources, one per target: the EC2 rules
// find a service's instances, and their zones, through them. Id is an
// instance id, an IP address or a function ARN after TargetType; the rules
// follow only the references that reach an instance.
func targetGroupTargets(b *builder) {
	targets := b.get("Targets")
	if targets.Kind() != infra.List {
		return
	}
	for i := range targets.List() {
		prop := "Targets." + itoa(i)
		a := b.aux("aws_lb_target_group_attachment", prop, "target_group_arn", infra.Value{})
		a.copy(prop+".Id", "target_id")
		a.copy(prop+".Port", "port")
		a.copy(prop+".AvailabilityZone", "availability_zone")
		a.done()
	}
}

// launchTemplate maps the block devices and network interfaces of
// LaunchTemplateData onto Terraform's blocks.
func launchTemplate(b *builder) {
	// TagSpecifications of ResourceType launch-template tag the template
	// itself (Terraform's tags); those in LaunchTemplateData tag what it
	// launches.
	for _, ts := range b.get("TagSpecifications").List() {
		if s, _ := ts.Field("ResourceType").Str(); s == "launch-template" {
			b.tagsFrom(ts.Field("Tags"))
		}
	}
	if bd := b.get("LaunchTemplateData.BlockDeviceMappings"); bd.Kind() == infra.List {
		items := make([]infra.Value, 0, bd.Len())
		for _, d := range bd.List() {
			e := d.Field("Ebs")
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "device_name", Value: d.Field("DeviceName")},
				{Name: "ebs", Value: infra.ObjectValue([]infra.Field{
					{Name: "volume_type", Value: e.Field("VolumeType")},
					{Name: "encrypted", Value: e.Field("Encrypted")},
					{Name: "volume_size", Value: e.Field("VolumeSize")},
				}).WithLoc(e.Loc)},
			}).WithLoc(d.Loc))
		}
		b.set("block_device_mappings", infra.ListValue(items).WithLoc(bd.Loc))
	}
	if ni := b.get("LaunchTemplateData.NetworkInterfaces"); ni.Kind() == infra.List {
		items := make([]infra.Value, 0, ni.Len())
		for _, n := range ni.List() {
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "associate_public_ip_address", Value: n.Field("AssociatePublicIpAddress")},
				{Name: "device_index", Value: n.Field("DeviceIndex")},
				{Name: "subnet_id", Value: n.Field("SubnetId")},
			}).WithLoc(n.Loc))
		}
		b.set("network_interfaces", infra.ListValue(items).WithLoc(ni.Loc))
		b.refsFrom("LaunchTemplateData.NetworkInterfaces", "network_interfaces", b.r)
	}
}

// eksCluster: Logging.ClusterLogging.EnabledTypes ([{Type: api}, …]) is
// enabled_cluster_log_types; EncryptionConfig is encryption_config.
func eksCluster(b *builder) {
	if types := b.get("Logging.ClusterLogging.EnabledTypes"); types.Kind() == infra.List {
		items := make([]infra.Value, 0, types.Len())
		for _, t := range types.List() {
			items = append(items, t.Field("Type"))
		}
		b.set("enabled_cluster_log_types", infra.ListValue(items).WithLoc(types.Loc))
	}
	if enc := b.get("EncryptionConfig"); enc.Kind() == infra.List {
		items := make([]infra.Value, 0, enc.Len())
		for _, e := range enc.List() {
			items = append(items, infra.ObjectValue([]infra.Field{
				{Name: "resources", Value: e.Field("Resources")},
				{Name: "provider", Value: infra.ObjectValue([]infra.Field{{Name: "key_arn", Value: e.Get("Provider.KeyArn")}})},
			}).WithLoc(e.Loc))
		}
		b.set("encryption_config", infra.ListValue(items).WithLoc(enc.Loc))
		b.refsFrom("EncryptionConfig", "encryption_config", b.r)
	}
}

// inlinePolicies maps a role's, user's or group's inline Policies onto
// Terraform's separate inline-policy resources, and ManagedPolicyArns onto
// its attachments, each pointing back at the principal through attr.
func (b *builder) inlinePolicies(policyKind, attachKind, attr string) {
	if pols := b.get("Policies"); pols.Kind() == infra.List {
		for i, pol := range pols.List() {
			prop := "Policies." + itoa(i)
			a := b.aux(policyKind, prop, attr, infra.Value{})
			a.set("name", pol.Field("PolicyName"))
			a.set("policy", b.policyJSON(pol.Field("PolicyDocument")))
			a.b.refsFrom(prop+".PolicyDocument", "policy", a.r)
			a.done()
		}
	}
	if arns := b.get("ManagedPolicyArns"); arns.Kind() == infra.List {
		for i, arn := range arns.List() {
			prop := "ManagedPolicyArns." + itoa(i)
			a := b.aux(attachKind, prop, attr, infra.Value{})
			a.set("policy_arn", awsManagedPolicyArn(arn))
			a.b.refsFrom(prop, "policy_arn", a.r)
			a.done()
		}
	}
}

// eventTargets maps an EventBridge rule's inline Targets onto Terraform's
// separate aws_cloudwatch_event_target resources: a target's dead-letter
// queue is a queue that needs none of its own.
func eventTargets(b *builder) {
	targets := b.get("Targets")
	if targets.Kind() != infra.List {
		return
	}
	for i := range targets.List() {
		prop := "Targets." + itoa(i)
		a := b.aux("aws_cloudwatch_event_target", prop, "rule", infra.Value{})
		a.copy(prop+".Arn", "arn")
		a.copy(prop+".DeadLetterConfig.Arn", "dead_letter_config.arn")
		a.done()
	}
}

// awsManagedPolicyArn reads the ARN of an AWS-managed policy whose
// partition is left to the deployment, as the CDK writes every one
// ("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"):
// the text after the last placeholder names the policy in every partition,
// so the template's text stands for the ARN. Anything else stays unknown.
func awsManagedPolicyArn(v infra.Value) infra.Value {
	tmpl, ok := strings.CutPrefix(v.Expr(), "!Sub ")
	if v.IsKnown() || !ok {
		return v
	}
	tail := tmpl[strings.LastIndexByte(tmpl, '}')+1:]
	if !strings.HasPrefix(tail, ":iam::aws:policy/") {
		return v
	}
	return str(tmpl).WithLoc(v.Loc)
}

// policyAttachments records, on an AWS::IAM::Policy or ManagedPolicy,
// references to the principals it is attached to.
func (b *builder) policyAttachments(props ...string) {
	for _, p := range props {
		b.refsFrom(p, strings.ToLower(p), b.r)
	}
}

// policyJSON is a policy document as the JSON string Terraform takes, or
// unknown when a part of it is known only at deploy time.
func (b *builder) policyJSON(doc infra.Value) infra.Value {
	if s, ok := doc.Str(); ok && doc.IsKnown() {
		return str(s).WithLoc(doc.Loc)
	}
	if j, ok := b.t.ev.document(doc); ok {
		return str(j).WithLoc(doc.Loc)
	}
	return infra.UnknownValue("PolicyDocument", "the policy document holds values known only when the stack is deployed").WithLoc(doc.Loc)
}
