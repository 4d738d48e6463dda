package cloudformation

import (
	"strings"
	"sync"
)

// ownNames gives, for each CloudFormation type, the template's own words
// for the rules' Terraform ones: attribute paths (multi_az → MultiAZ) and
// kinds (aws_db_parameter_group → AWS::RDS::DBParameterGroup), so that a
// finding names what the template author wrote. Built from mapping on
// first use; read only. Only snake_case paths are listed: a single word
// ("bucket", "name") is also prose, and a message's prose is left alone.
var ownNames = sync.OnceValue(func() map[string]map[string]string {
	typeOf := map[string]string{}
	for typ, m := range mapping {
		if prev, dup := typeOf[m.kind]; dup && prev != typ {
			typeOf[m.kind] = "" // two types make this kind: neither is its name
			continue
		}
		typeOf[m.kind] = typ
	}
	out := make(map[string]map[string]string, len(mapping))
	for typ, m := range mapping {
		names := map[string]string{}
		for kind, t := range typeOf {
			if t != "" {
				names[kind] = t
			}
		}
		for to, from := range builtNames[typ] {
			names[to] = from
		}
		for _, p := range m.props {
			if _, dup := names[p.to]; !dup && strings.ContainsAny(p.to, "_.") {
				names[p.to] = p.from // the first property listed is the usual one
			}
		}
		out[typ] = names
	}
	return out
})

// builtNames are the names of what builders make (mapping.go's aux and
// jsonAttr calls) that messages mention: the separate Terraform resources a
// bucket's inline configuration becomes, JSON-valued attributes.
var builtNames = map[string]map[string]string{
	"AWS::S3::Bucket": {
		"aws_s3_bucket_versioning":                           "VersioningConfiguration",
		"aws_s3_bucket_server_side_encryption_configuration": "BucketEncryption",
		"aws_s3_bucket_logging":                              "LoggingConfiguration",
		"aws_s3_bucket_public_access_block":                  "PublicAccessBlockConfiguration",
		"aws_s3_bucket_website_configuration":                "WebsiteConfiguration",
	},
	"AWS::SQS::Queue":             {"redrive_policy": "RedrivePolicy"},
	"AWS::EFS::FileSystem":        {"aws_efs_backup_policy": "BackupPolicy"},
	"AWS::Backup::BackupVault":    {"aws_backup_vault_lock_configuration": "LockConfiguration"},
	"AWS::Serverless::Function":   {"aws_lambda_alias": "AutoPublishAlias"},
	"AWS::SecretsManager::Secret": {"aws_secretsmanager_secret_version": "SecretString"},
}
