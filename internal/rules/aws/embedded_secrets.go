package aws

import (
	"regexp"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/rules"
)

// embeddedSecretKinds are kinds whose secrets are not an attribute of their
// own but text inside one: a Lambda function's environment variables, an
// instance's user data script. Only a credential that is recognisable as one
// is reported; finding none is no evidence either way, so nothing is recorded.
var embeddedSecretKinds = map[string]bool{
	"aws_lambda_function":      true,
	"aws_instance":             true,
	"aws_launch_configuration": true,
	"aws_launch_template":      true,
}

var (
	// awsKeyID is an AWS access key id (long-term AKIA, temporary ASIA).
	awsKeyID = regexp.MustCompile(`\b(AKIA|ASIA)[A-Z0-9]{16}\b`)
	// secretAssign is a secret-named shell or config assignment with a value
	// written inline: AWS_SECRET_ACCESS_KEY=..., DB_PASSWORD: "...".
	secretAssign = regexp.MustCompile(`(?i)\b[A-Z0-9_]*(PASSWORD|PASSWD|SECRET_ACCESS_KEY|SECRET_KEY|API_KEY|AUTH_TOKEN|PRIVATE_KEY)\s*[:=]\s*["']?([^\s"'$]{8,})`)
	// secretEnvName is an environment variable name that says it holds a
	// secret. It is narrower than the attribute-name pattern in
	// internal/rules/check.go (secretName), which decides whose expressions
	// are never shown and so matches a secret word anywhere: hiding one
	// expression too many costs nothing, while a match here, on a literal
	// value, is a critical finding. So the secret word must end the name,
	// and a bare SECRET is left out: DB_SECRET usually names a Secrets
	// Manager secret.
	secretEnvName = regexp.MustCompile(`(?i)(^|_)(PASSWORD|PASSWD|CLIENT_SECRET|SECRET_KEY|SECRET_ACCESS_KEY|ACCESS_KEY|ACCESS_KEY_ID|API_KEY|APIKEY|TOKEN|AUTH_TOKEN|PRIVATE_KEY)$`)
)

// referenceLike reports a value that names a secret kept elsewhere (an ARN,
// an SSM parameter path, a dynamic reference) rather than being one.
func referenceLike(s string) bool {
	return strings.HasPrefix(s, "arn:") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "{{resolve:") ||
		strings.HasPrefix(s, "ssm:") || strings.HasPrefix(s, "secretsmanager:")
}

func checkEmbeddedSecrets(c *rules.Check) {
	if c.R.Kind == "aws_lambda_function" {
		vars := c.R.Attrs.Get("environment.variables")
		var names []string
		for _, f := range vars.Fields() {
			s, ok := f.Value.Str()
			if !ok || s == "" || f.Value.IsExternal() {
				continue
			}
			if awsKeyID.MatchString(s) || (secretEnvName.MatchString(f.Name) && !referenceLike(s)) {
				names = append(names, f.Name)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			// Never print the value, not even in part.
			c.FailAt(c.R.LocOf(vars.Field(n)), "environment variable %s is set to a literal secret; read it from Secrets Manager or SSM at run time, or use the function's IAM role", n)
		}
		return
	}
	// user_data is plain text; user_data_base64 is encoded and not read.
	// A launch template's user_data is the base64 text the EC2 API takes
	// (provider docs: "the base64-encoded user data"); it is decoded when it
	// decodes, and read as written otherwise.
	ud := c.R.Attrs.Get("user_data")
	s, ok := ud.Str()
	if !ok || ud.IsExternal() {
		return
	}
	if c.R.Kind == "aws_launch_template" {
		s = decodeUserData(s)
	}
	what := ""
	switch {
	case awsKeyID.MatchString(s):
		what = "an AWS access key"
	case secretAssign.MatchString(s):
		what = "a " + strings.ToLower(secretAssign.FindStringSubmatch(s)[1]) + " written inline"
	default:
		return
	}
	c.Fail("user_data", "user_data contains %s; give the instance an IAM role, or read secrets from Secrets Manager or SSM at boot", what)
}
