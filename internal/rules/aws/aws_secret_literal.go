package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// secretAttrs are the attributes that hold a secret, per kind. A path with
// "[]" means every block of that name (aws_mq_broker has one user block per user).
var secretAttrs = map[string][]string{
	"aws_db_instance":                   {"password", "password_wo"},
	"aws_rds_cluster":                   {"master_password", "master_password_wo"},
	"aws_docdb_cluster":                 {"master_password"},
	"aws_redshift_cluster":              {"master_password"},
	"aws_neptune_cluster":               {"master_password"},
	"aws_elasticache_replication_group": {"auth_token"},
	"aws_elasticache_user":              {"passwords"},
	"aws_mq_broker":                     {"user[].password"},
	"aws_opensearch_domain":             {"advanced_security_options.master_user_options.master_user_password"},
	"aws_secretsmanager_secret_version": {"secret_string"},
	"aws_ssm_parameter":                 {"value"},
	"aws_iam_user_login_profile":        {"password"},
	"provider":                          {"secret_key", "access_key", "token"},
	"aws_directory_service_directory":   {"password"},
	"aws_dms_endpoint":                  {"password"},
	"aws_memorydb_user":                 {"authentication_mode.passwords"},
	"aws_lightsail_database":            {"master_password"},
}

// bootSecretFix is the fix for a secret in user data: the instance reads it
// at boot with its role.
const bootSecretFix = `# Fetch the secret at boot with the instance's role instead of writing it:
#   aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text
resource "aws_iam_role_policy" "read_secret" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "secretsmanager:GetSecretValue", Resource = aws_secretsmanager_secret.db.arn }]
  })
}`

// managedPasswordFix lets RDS keep the master password of kind.
func managedPasswordFix(kind string) string {
	return `resource "` + kind + `" "main" {
  # ...
  manage_master_user_password = true # RDS keeps the password in Secrets Manager and rotates it
}`
}

func init() {
	kinds := make([]string, 0, len(secretAttrs))
	for k := range secretAttrs {
		kinds = append(kinds, k)
	}
	for k := range embeddedSecretKinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	rules.Register(&rules.Rule{
		ID:       "aws-secret-literal",
		Item:     checklist.Configure,
		Severity: checklist.Critical,
		Title:    "Passwords and secrets are not written in the Terraform configuration",
		Why: "A secret written in .tf or .tfvars files is readable by everyone with access to the " +
			"repository, its forks, CI logs and every clone, and it cannot be rotated without a commit. " +
			"Let AWS generate and rotate it (manage_master_user_password), or read it from Secrets " +
			"Manager or SSM Parameter Store at apply time.",
		Fix: `variable "password" {
  type      = string
  sensitive = true   # given at apply time: -var, TF_VAR_password or a CI secret
}

# ...
  password = var.password   # or a value read from Secrets Manager at apply time`,
		Fixes: map[string]string{
			"aws_db_instance":          managedPasswordFix("aws_db_instance"),
			"aws_rds_cluster":          managedPasswordFix("aws_rds_cluster"),
			"aws_instance":             bootSecretFix,
			"aws_launch_template":      bootSecretFix,
			"aws_launch_configuration": bootSecretFix,
			"aws_lambda_function": `# Pass the secret's ARN and read it at run time (or use the Parameters and
# Secrets Lambda extension), with secretsmanager:GetSecretValue on the role.
resource "aws_lambda_function" "worker" {
  # ...
  environment {
    variables = { DB_SECRET_ARN = aws_secretsmanager_secret.db.arn }
  }
}`,
			"provider": `# Credentials come from the environment, a profile or a role, never the code.
provider "aws" {
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}`,
			"aws_ssm_parameter": `variable "api_key" {
  type      = string
  sensitive = true
  ephemeral = true   # given at apply time: -var, TF_VAR_api_key or a CI secret
}

resource "aws_ssm_parameter" "api_key" {
  name             = "/app/api-key"
  type             = "SecureString"
  value_wo         = var.api_key   # write-only: never stored in state
  value_wo_version = 1
}`,
			"aws_secretsmanager_secret_version": `variable "api_key" {
  type      = string
  sensitive = true
  ephemeral = true   # given at apply time: -var, TF_VAR_api_key or a CI secret
}

resource "aws_secretsmanager_secret_version" "api_key" {
  secret_id                = aws_secretsmanager_secret.api_key.id
  secret_string_wo         = var.api_key   # write-only: never stored in state
  secret_string_wo_version = 1
}`,
		},
		CloudFormationFixes: secretLiteralCloudFormationFixes,
		References: []string{
			doc("aws_db_instance"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html",
			"https://developer.hashicorp.com/terraform/language/manage-sensitive-data",
			"CKV_AWS_41",
			"CKV_AWS_45",
			"CKV_AWS_46",
			// cfn_nag's password rules for the kinds CloudFormation maps: DB instance and
			// cluster master passwords, ElastiCache AuthToken, a login profile's password;
			// like this rule they fail a literal and a parameter with a Default.
			"cfn-nag: F23",
			"cfn-nag: F34",
			"cfn-nag: F44",
			"cfn-nag: F51",
		},
		Kinds: kinds,
		Check: checkSecretLiteral,
	})
}

func checkSecretLiteral(c *rules.Check) {
	if embeddedSecretKinds[c.R.Kind] {
		checkEmbeddedSecrets(c)
		return
	}
	if c.R.Kind == "provider" && c.R.Address != "provider.aws" && !strings.HasPrefix(c.R.Address, "provider.aws.") {
		return
	}
	if c.R.Kind == "aws_ssm_parameter" && knownStr(c.R.Attrs.Get("type")) != "SecureString" {
		return // only SecureString parameters are secrets by declaration
	}
	found, literal := 0, 0
	for _, p := range secretAttrs[c.R.Kind] {
		for _, s := range secretValues(c.R.Attrs, p) {
			if s.v.IsNull() {
				continue
			}
			found++
			if isLiteralSecret(s.v) {
				literal++
				// Never print the value, not even in part.
				advice := "read it from Secrets Manager or SSM at apply time, or let AWS manage it"
				if c.R.Kind == "provider" {
					advice = "use an IAM role, environment variables or a credentials profile"
				}
				loc := c.R.LocOf(s.v)
				if !strings.Contains(s.path, "[") {
					loc = c.R.AttrLoc(s.path) // where the literal was written, maybe a module call or .tfvars
				}
				c.FailAt(loc, "%s is set to a literal value; %s", s.path, advice)
			}
		}
	}
	if literal > 0 {
		return
	}
	if found > 0 {
		c.Pass("secrets come from outside the configuration")
		return
	}
	if c.R.Kind == "provider" {
		c.Pass("no static credentials in the provider block")
		return
	}
	if c.R.Kind == "aws_db_instance" || c.R.Kind == "aws_rds_cluster" {
		if b, _ := c.R.Attrs.Get("manage_master_user_password").Bool(); b {
			c.Pass("manage_master_user_password is true")
		}
	}
}

type secretAt struct {
	path string
	v    infra.Value
}

func secretValues(attrs infra.Value, path string) []secretAt {
	block, rest, repeated := strings.Cut(path, "[].")
	if !repeated {
		return []secretAt{{path, attrs.Get(path)}}
	}
	var out []secretAt
	for i, b := range attrs.Blocks(block) {
		out = append(out, secretAt{fmt.Sprintf("%s[%d].%s", block, i, rest), b.Get(rest)})
	}
	return out
}

// isLiteralSecret reports a secret whose value is known from the
// configuration alone: written as a literal, or through a local or a variable
// default or .tfvars value. A value Terraform can only learn at apply time (a
// random_password, a data source, a variable given at run time) is unknown
// here, which is exactly what a secret should be.
func isLiteralSecret(v infra.Value) bool {
	if v.IsExternal() {
		return false // a plan shows it, but it came from a run-time variable or a data source
	}
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		return s != ""
	case infra.List:
		for _, e := range v.List() {
			if isLiteralSecret(e) {
				return true
			}
		}
	}
	return false
}

// cfnResolved is a property that takes the secret through a
// {{resolve:secretsmanager:…}} dynamic reference: CloudFormation reads it
// from Secrets Manager at deploy time, and the template holds only its name.
func cfnResolved(id, typ, props string) string {
	return id + ":\n  Type: " + typ + "\n  Properties:\n    # ...\n" + props
}

// secretLiteralCloudFormationFixes keep the secret out of a template, per
// kind: AWS manages it where the type can (ManageMasterUserPassword), a
// dynamic reference reads it from Secrets Manager at deploy time, or the
// program reads it at run time with its role.
var secretLiteralCloudFormationFixes = map[string]string{
	"aws_db_instance": cfnResolved("Database", "AWS::RDS::DBInstance",
		"    ManageMasterUserPassword: true # RDS keeps the password in Secrets Manager and rotates it\n"),
	"aws_rds_cluster": cfnResolved("Cluster", "AWS::RDS::DBCluster",
		"    ManageMasterUserPassword: true # RDS keeps the password in Secrets Manager and rotates it\n"),
	"aws_docdb_cluster": cfnResolved("DocumentDb", "AWS::DocDB::DBCluster",
		"    MasterUserPassword: '{{resolve:secretsmanager:prod/docdb:SecretString:password}}' # read at deploy time\n"),
	"aws_redshift_cluster": cfnResolved("Warehouse", "AWS::Redshift::Cluster",
		"    MasterUserPassword: '{{resolve:secretsmanager:prod/redshift:SecretString:password}}' # read at deploy time\n"),
	"aws_elasticache_replication_group": cfnResolved("Cache", "AWS::ElastiCache::ReplicationGroup",
		"    TransitEncryptionEnabled: true # an auth token needs it\n"+
			"    AuthToken: '{{resolve:secretsmanager:prod/cache:SecretString:token}}' # read at deploy time\n"),
	"aws_elasticache_user": cfnResolved("CacheUser", "AWS::ElastiCache::User",
		"    Passwords:\n      - '{{resolve:secretsmanager:prod/cache-user:SecretString:password}}' # read at deploy time\n"),
	"aws_memorydb_user": cfnResolved("MemoryDbUser", "AWS::MemoryDB::User",
		"    AuthenticationMode:\n      Type: password\n      Passwords:\n        - '{{resolve:secretsmanager:prod/memorydb-user:SecretString:password}}' # read at deploy time\n"),
	"aws_mq_broker": cfnResolved("Broker", "AWS::AmazonMQ::Broker",
		"    Users:\n      - Username: app\n        Password: '{{resolve:secretsmanager:prod/mq-app:SecretString:password}}' # read at deploy time\n"),
	"aws_opensearch_domain": cfnResolved("Search", "AWS::OpenSearchService::Domain",
		"    AdvancedSecurityOptions:\n      Enabled: true\n      InternalUserDatabaseEnabled: true\n      MasterUserOptions:\n"+
			"        MasterUserName: admin\n        MasterUserPassword: '{{resolve:secretsmanager:prod/search-admin:SecretString:password}}' # read at deploy time\n"),
	"aws_directory_service_directory": cfnResolved("Directory", "AWS::DirectoryService::MicrosoftAD",
		"    Password: '{{resolve:secretsmanager:prod/directory-admin:SecretString:password}}' # read at deploy time\n"),
	"aws_dms_endpoint": cfnResolved("Endpoint", "AWS::DMS::Endpoint",
		"    Password: '{{resolve:secretsmanager:prod/dms-source:SecretString:password}}' # read at deploy time\n"),
	"aws_lightsail_database": cfnResolved("Database", "AWS::Lightsail::Database",
		"    MasterUserPassword: '{{resolve:secretsmanager:prod/lightsail-db:SecretString:password}}' # read at deploy time\n"),
	"aws_iam_user_login_profile": cfnResolved("User", "AWS::IAM::User",
		"    LoginProfile:\n      Password: '{{resolve:secretsmanager:prod/console-user:SecretString:password}}' # read at deploy time\n"+
			"      PasswordResetRequired: true # the user sets their own at first sign-in\n"),
	"aws_secretsmanager_secret_version": `# Better, when AWS can make the value: GenerateSecretString instead of SecretString.
Secret:
  Type: AWS::SecretsManager::Secret
  Properties:
    # ...
    SecretString: !Ref ApiKey # a parameter with NoEcho: true and no Default, given at deploy time
`,
	"aws_ssm_parameter": `# CloudFormation cannot create a SecureString parameter: keep the secret in
# Secrets Manager, generated there, and put only its ARN in the parameter.
Secret:
  Type: AWS::SecretsManager::Secret
  Properties:
    GenerateSecretString:
      PasswordLength: 32
Parameter:
  Type: AWS::SSM::Parameter
  Properties:
    # ...
    Type: String
    Value: !Ref Secret # the secret's ARN, not its value
`,
	"aws_lambda_function": `# Pass the secret's ARN and read it at run time (or use the Parameters and
# Secrets Lambda extension), with secretsmanager:GetSecretValue on the role.
Worker:
  Type: AWS::Lambda::Function
  Properties:
    # ...
    Environment:
      Variables:
        DB_SECRET_ARN: !Ref DbSecret
`,
	"aws_instance":             cfnBootSecretFix("Instance", "AWS::EC2::Instance", "UserData"),
	"aws_launch_configuration": cfnBootSecretFix("LaunchConfiguration", "AWS::AutoScaling::LaunchConfiguration", "UserData"),
	"aws_launch_template": `# Fetch the secret at boot with the instance profile's role
# (secretsmanager:GetSecretValue on the secret) instead of writing it.
LaunchTemplate:
  Type: AWS::EC2::LaunchTemplate
  Properties:
    LaunchTemplateData:
      # ...
      UserData: !Base64
        Fn::Sub: |
          #!/bin/bash
          DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${DbSecret} --query SecretString --output text)
`,
}

// cfnBootSecretFix: the instance reads the secret at boot with its role.
func cfnBootSecretFix(id, typ, prop string) string {
	return `# Fetch the secret at boot with the instance profile's role
# (secretsmanager:GetSecretValue on the secret) instead of writing it.
` + id + `:
  Type: ` + typ + `
  Properties:
    # ...
    ` + prop + `: !Base64
      Fn::Sub: |
        #!/bin/bash
        DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${DbSecret} --query SecretString --output text)
`
}
