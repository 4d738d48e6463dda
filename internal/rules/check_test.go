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
