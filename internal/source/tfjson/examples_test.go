package tfjson

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// The repository's example stacks, planned by scripts/gen-plans.sh. The
// equivalence with the HCL loader is tested where both loaders meet; here,
// the plans load and settle what HCL leaves to the provider.
func TestExamplePlans(t *testing.T) {
	pg := load(t, "testdata/examples/production-grade.plan.json")
	rs := byAddr(t, pg)
	if n := len(rs); n != 94 {
		t.Errorf("production-grade: %d resources, want 94", n)
	}
	db := rs["aws_db_instance.main"]
	if db == nil {
		t.Fatal("aws_db_instance.main missing")
	}
	for path, want := range map[string]string{
		"multi_az":                    "true",
		"backup_retention_period":     "14",
		"storage_encrypted":           "true",
		"storage_type":                `"gp3"`,
		"manage_master_user_password": "true",
		"password":                    "absent", // null: AWS manages the password
		"kms_key_id":                  "unknown(aws_db_instance.main.kms_key_id)",
	} {
		checkAttr(t, db, path, want)
	}
	g := infra.NewGraph(pg.Components[0].Resources)
	var alarms []string
	for _, a := range g.Referrers(db, "aws_cloudwatch_metric_alarm", "dimensions") {
		alarms = append(alarms, a.Address)
	}
	if len(alarms) == 0 {
		t.Error("no alarm points at aws_db_instance.main")
	}
	// count-indexed references go to the instance with the same index.
	if got, want := refs(rs["module.network.aws_route_table_association.private[1]"]),
		`route_table_id->module.network.aws_route_table.private[1] subnet_id->module.network.aws_subnet.private["us-east-1a"] `+
			`subnet_id->module.network.aws_subnet.private["us-east-1b"] subnet_id->module.network.aws_subnet.private["us-east-1c"]`; got != want {
		t.Errorf("route table association refs:\n got %s\nwant %s", got, want)
	}

	ft := load(t, "testdata/examples/first-try.plan.json")
	rs = byAddr(t, ft)
	db = rs["aws_db_instance.db"]
	if db == nil {
		t.Fatal("aws_db_instance.db missing")
	}
	checkAttr(t, db, "backup_retention_period", "0")
	checkAttr(t, db, "password", "(sensitive)")
	checkAttr(t, db, "multi_az", "absent") // omitted: the provider default (false) applies
	// No version constraint anywhere: the provider is listed without one
	// (plan JSON cannot tell whether required_providers was written).
	checkAttr(t, rs["terraform"], "required_providers.aws", `{source="hashicorp/aws"}`)
}
