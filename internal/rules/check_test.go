package rules

import (
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
)

func TestUnknownNeverShowsASecretsExpression(t *testing.T) {
	r := &infra.Resource{Kind: "aws_db_instance", Address: "aws_db_instance.db"}
	c := &Check{R: r, rule: &Rule{ID: "aws-test-rule"}}
	c.Unknown("password", infra.UnknownValue(`"${var.prefix}hunter2"`, "var.prefix has no value"))
	c.Unknown("backup_retention_period", infra.UnknownValue("var.days", "var.days has no value"))
	c.Unknown("tags", infra.UnknownValue("var.tags", "why").WithSensitive(true))
	if got := c.results[0].Expr; got != "" {
		t.Errorf("a secret's expression is shown: %q", got)
	}
	if got := c.results[1].Expr; got != "var.days" {
		t.Errorf("expression = %q", got)
	}
	if got := c.results[2].Expr; got != "" {
		t.Errorf("a sensitive value's expression is shown: %q", got)
	}
}

func TestMessagesNeverShowSensitiveValues(t *testing.T) {
	r := &infra.Resource{Kind: "aws_db_instance", Address: "aws_db_instance.db", Attrs: infra.ObjectValue([]infra.Field{
		{Name: "backup_retention_period", Value: infra.NumberValue(3).WithSensitive(true)},
		{Name: "engine", Value: infra.StringValue("postgres")},
	})}
	res := RunOne(&Rule{ID: "aws-test-rule", Check: func(c *Check) {
		// Rules pass attribute values as text (num, knownStr); Go numbers
		// are counts the rule made, printed as they are.
		c.Fail("backup_retention_period", "backup_retention_period is %s; keep at least %d days (engine %s)", "3", 7, "postgres")
	}}, r, nil, nil)
	if got, want := res[0].Message, "backup_retention_period is (a sensitive value, not shown); keep at least 7 days (engine postgres)"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestMessagesNeverShowHiddenOrLongValues(t *testing.T) {
	secret := "root:x:0:0:root:/root:/bin/bash"
	long := strings.Repeat("abcdefghij", 20)
	db := &infra.Resource{Kind: "aws_db_instance", Address: "aws_db_instance.db", Attrs: infra.ObjectValue([]infra.Field{
		{Name: "engine", Value: infra.StringValue(secret).WithHidden("the contents of a file")},
		{Name: "port", Value: infra.NumberValue(5432).WithHidden("a --var value")},
		{Name: "name", Value: infra.StringValue(long)},
	})}
	other := &infra.Resource{Kind: "aws_s3_bucket", Address: "aws_s3_bucket.b", Attrs: infra.ObjectValue([]infra.Field{
		{Name: "tags", Value: infra.ObjectValue([]infra.Field{{Name: "Owner", Value: infra.StringValue("TF_VAR_owner_canary")}}).WithHidden("a TF_VAR_ environment variable")},
	})}
	comp := &infra.Component{Resources: []*infra.Resource{db, other}}
	res := RunOne(&Rule{ID: "aws-test-rule", Check: func(c *Check) {
		c.Fail("engine", "engine is %s", secret)
		c.Fail("engine", "engine is %q here", "prefix-"+secret)
		c.Fail("port", "port is %s", "5432")
		c.Fail("name", "name is %s", long)
		c.Fail("tags", "owned by %s", "TF_VAR_owner_canary")
		c.UnknownBecause("cannot convert " + secret + " to number")
	}}, db, nil, comp)
	want := []string{
		"engine is (the contents of a file, not shown)",
		`engine is "prefix-(the contents of a file, not shown)" here`,
		"port is 5432", // a number carries no secret out
		"name is " + long[:80] + "…",
		"owned by (a TF_VAR_ environment variable, not shown)",
		"cannot convert (the contents of a file, not shown) to number",
	}
	for i, w := range want {
		if got := res[i].Message; got != w {
			t.Errorf("message %d = %q, want %q", i, got, w)
		}
	}
}

func TestParams(t *testing.T) {
	rule := &Rule{ID: "aws-test-param", Params: []Param{{Name: "min_days", Default: 7, Doc: "d"}}, Check: func(c *Check) {
		if c.Param("min_days") > 3 {
			c.Fail("x", "want more than 3")
		} else {
			c.Pass("ok")
		}
	}}
	r := &infra.Resource{Kind: "k", Address: "k.a", Attrs: infra.ObjectValue(nil)}
	if res := runOne(rule, r, nil, nil, nil, nil); res[0].Status != "fail" {
		t.Errorf("default 7: %+v", res)
	}
	if res := runOne(rule, r, nil, nil, nil, Params{"aws-test-param": {"min_days": 3}}); res[0].Status != "pass" {
		t.Errorf("set to 3: %+v", res)
	}
	undeclared := &Rule{ID: "aws-test-undeclared", Check: func(c *Check) { c.Param("nope") }}
	if res := runOne(undeclared, r, nil, nil, nil, nil); res[0].Status != "unknown" || !strings.Contains(res[0].Message, "does not declare") {
		t.Errorf("an undeclared parameter is an internal error, reported: %+v", res)
	}
}

func TestFixFor(t *testing.T) {
	r := &Rule{Fix: "type = \"gp3\"", Kinds: []string{"aws_ebs_volume", "aws_launch_template"},
		Fixes:               map[string]string{"aws_launch_template": "volume_type = \"gp3\""},
		CloudFormationFixes: map[string]string{"aws_launch_template": "VolumeType: gp3"}}
	for _, tt := range []struct {
		kind, origin, want string
	}{
		{"aws_ebs_volume", "hcl", r.Fix},
		{"aws_launch_template", "plan", r.Fixes["aws_launch_template"]},
		{"aws_launch_template", infra.OriginCloudFormation, "VolumeType: gp3"},
		// No CloudFormation fix for the kind: none, rather than Terraform's.
		{"aws_ebs_volume", infra.OriginCloudFormation, ""},
	} {
		if got := r.FixFor(&infra.Resource{Kind: tt.kind, Origin: tt.origin}); got != tt.want {
			t.Errorf("FixFor(%s from %s) = %q, want %q", tt.kind, tt.origin, got, tt.want)
		}
	}
	r.CloudFormationFix = "Type: gp3"
	if got := r.FixFor(&infra.Resource{Kind: "aws_ebs_volume", Origin: infra.OriginCloudFormation}); got != "Type: gp3" {
		t.Errorf("FixFor(volume from a template) = %q, want the rule's CloudFormationFix", got)
	}
}

func TestRegisterRefusesAFixForAnotherKind(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Register accepted a fix for a kind the rule does not apply to")
		}
	}()
	Register(&Rule{ID: "aws-test-fix-kind", Item: checklist.Performance, Title: "t", Why: "w", Fix: "f",
		Kinds: []string{"aws_ebs_volume"}, Fixes: map[string]string{"aws_instance": "x"}, Check: func(*Check) {}})
}

func TestResultAttr(t *testing.T) {
	db := &infra.Resource{Kind: "aws_db_instance", Address: "aws_db_instance.db", Attrs: infra.ObjectValue([]infra.Field{
		{Name: "multi_az", Value: infra.BoolValue(false)},
	})}
	key := &infra.Resource{Kind: "aws_kms_key", Address: "aws_kms_key.k"}
	res := RunOne(&Rule{ID: "aws-test-rule", Item: checklist.Backup, Check: func(c *Check) {
		c.Fail("multi_az", "multi_az is false")
		c.FailAt(db.Loc, "container %q keeps %d days", "web2", 3)
		c.Unknown("backup_retention_period", infra.UnknownValue("var.days", "no value"))
		c.UnknownIn(key, "enable_key_rotation", infra.UnknownValue("var.rotate", "no value"))
		c.Missing("no alarm watches %s", c.R.Address)
		c.Pass("")
	}}, db, nil, nil)
	want := []string{"multi_az", `~container "web2" keeps # days`, "backup_retention_period",
		"aws_kms_key.k:enable_key_rotation", "", ""}
	if len(res) != len(want) {
		t.Fatalf("%d results, want %d", len(res), len(want))
	}
	for i, w := range want {
		if res[i].Attr != w {
			t.Errorf("result %d (%s): Attr = %q, want %q", i, res[i].Message, res[i].Attr, w)
		}
	}
}

func TestMessageKey(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{"rule daily keeps recovery points 3 days (lifecycle.delete_after)", "~rule daily keeps recovery points # days (lifecycle.delete_after)"},
		{"ingress[1] admits 0.0.0.0/0 on tcp ports 0-65535", "~ingress[#] admits #.#.#.#/# on tcp ports #-#"},
		{`container "web2" runs image nginx:1.25`, `~container "web2" runs image nginx:#.#`},
		{"the replica in eu-west-1 keeps no history", "~the replica in eu-west-1 keeps no history"},
		{"aws_ebs_volume.data is gp2; use gp3", "~aws_ebs_volume.data is gp2; use gp3"},
		{"subnet-0ab12 and db_1 are names", "~subnet-0ab12 and db_1 are names"},
		{"no numbers", "~no numbers"},
		{"", "~"},
		{"42", "~#"},
	} {
		if got := MessageKey(tc.msg); got != tc.want {
			t.Errorf("MessageKey(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
	// The point of the key: a tuned threshold is the same finding, another
	// member is another one.
	if MessageKey("keeps 3 days") != MessageKey("keeps 14 days") {
		t.Error("a changed threshold changes the key")
	}
	if MessageKey(`container "a" is privileged`) == MessageKey(`container "b" is privileged`) {
		t.Error("two containers share a key")
	}
}
