package rules

import (
	"testing"

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
	c := &Check{R: r, rule: &Rule{ID: "aws-test-rule"}}
	c.Fail("backup_retention_period", "backup_retention_period is %d; keep at least 7 days (engine %s)", 3, "postgres")
	if got, want := c.results[0].Message, "backup_retention_period is (sensitive); keep at least 7 days (engine postgres)"; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
