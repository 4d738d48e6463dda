package tfjson

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func TestPlanBasic(t *testing.T) {
	l := load(t, "testdata/basic.plan.json")
	c := l.Components[0]
	if c.Kind != "terraform plan" || c.Name != "basic.plan.json" || c.Path != "testdata/basic.plan.json" {
		t.Errorf("component = %q %q %q", c.Kind, c.Name, c.Path)
	}
	wantAddrs := []string{
		"aws_cloudwatch_metric_alarm.db_cpu",
		"aws_cloudwatch_metric_alarm.queue_depth",
		`aws_s3_bucket.b["data"]`,
		`aws_s3_bucket.b["logs"]`,
		"aws_s3_bucket_policy.logs",
		`aws_s3_bucket_versioning.b["data"]`,
		`aws_s3_bucket_versioning.b["logs"]`,
		"aws_sqs_queue.q[0]",
		"aws_sqs_queue.q[1]",
		"data.aws_elb_service_account.main",
		"module.db",
		"module.db.aws_db_instance.this[0]",
		"module.queue",
		`module.queue["a"].aws_sqs_queue.this`,
		`module.queue["b"].aws_sqs_queue.this`,
		"provider.aws",
		"terraform",
	}
	if got := addrs(l); !reflect.DeepEqual(got, wantAddrs) {
		t.Fatalf("addresses:\n got %q\nwant %q", got, wantAddrs)
	}
	rs := byAddr(t, l)

	tests := []struct {
		addr, kind, module, config string
		refs                       string
		attrs                      map[string]string // path → show(value); "absent" for a missing member
	}{
		{
			addr: "module.db.aws_db_instance.this[0]", kind: "aws_db_instance", module: "module.db",
			config: "module.db.aws_db_instance.this",
			// tags = {subnets = join(",", var.subnet_ids)}, and the module call
			// passes [aws_sqs_queue.q[0].arn].
			refs: "tags->aws_sqs_queue.q[0]",
			attrs: map[string]string{
				"backup_retention_period": "7",
				"storage_encrypted":       "true",
				"engine":                  `"postgres"`,
				"password":                "(sensitive)",
				// Known only after apply and written in the configuration.
				"tags": "unknown(module.db.aws_db_instance.this[0].tags)",
				// Optional+Computed, unknown in the plan, not written: absent,
				// so rules apply the provider default.
				"multi_az":     "absent",
				"storage_type": "absent",
				"tags_all":     "absent",
				"arn":          "absent",
				// Null in the plan: absent, as in the .tf files (rules
				// read both as null; dropping them halves a plan's objects).
				"deletion_protection": "absent",
			},
		},
		{
			addr: "aws_cloudwatch_metric_alarm.db_cpu", kind: "aws_cloudwatch_metric_alarm", config: "aws_cloudwatch_metric_alarm.db_cpu",
			// dimensions → module.db.id → aws_db_instance.this[0] in module.db.
			refs: "alarm_actions->aws_sqs_queue.q[1] dimensions->module.db.aws_db_instance.this[0]",
			attrs: map[string]string{
				"dimensions":    `{DBInstanceIdentifier="basic-db"}`,
				"alarm_actions": "unknown(aws_cloudwatch_metric_alarm.db_cpu.alarm_actions)",
				"tags_all":      `{team="platform"}`,
				"threshold":     "80",
			},
		},
		{
			addr: "aws_cloudwatch_metric_alarm.queue_depth", kind: "aws_cloudwatch_metric_alarm", config: "aws_cloudwatch_metric_alarm.queue_depth",
			refs: `alarm_actions->module.queue["a"].aws_sqs_queue.this`,
		},
		{
			addr: `aws_s3_bucket_versioning.b["logs"]`, kind: "aws_s3_bucket_versioning", config: "aws_s3_bucket_versioning.b",
			// bucket = each.value.id with for_each = aws_s3_bucket.b: this key only.
			refs: `bucket->aws_s3_bucket.b["logs"]`,
			attrs: map[string]string{
				"bucket":                   `unknown(aws_s3_bucket_versioning.b["logs"].bucket)`,
				"versioning_configuration": `[{status="Enabled"}]`, // mfa_delete: unknown, not written → absent
			},
		},
		{
			addr: `aws_s3_bucket_versioning.b["data"]`, kind: "aws_s3_bucket_versioning", config: "aws_s3_bucket_versioning.b",
			refs: `bucket->aws_s3_bucket.b["data"]`,
		},
		{
			addr: "aws_s3_bucket_policy.logs", kind: "aws_s3_bucket_policy", config: "aws_s3_bucket_policy.logs",
			refs:  `bucket->aws_s3_bucket.b["logs"] policy->aws_s3_bucket.b["logs"] policy->data.aws_elb_service_account.main`,
			attrs: map[string]string{"policy": "unknown(aws_s3_bucket_policy.logs.policy)"},
		},
		{
			addr: `module.queue["b"].aws_sqs_queue.this`, kind: "aws_sqs_queue", module: `module.queue["b"]`,
			config: "module.queue.aws_sqs_queue.this",
			// redrive_policy uses var.dlq_arn; the call passes aws_sqs_queue.q[0].arn.
			refs:  "redrive_policy->aws_sqs_queue.q[0]",
			attrs: map[string]string{"name": `"work-b"`, "message_retention_seconds": "345600"},
		},
		{
			addr: `aws_s3_bucket.b["logs"]`, kind: "aws_s3_bucket", config: "aws_s3_bucket.b",
			attrs: map[string]string{"bucket": `"example-logs"`, "tags_all": `{team="platform"}`, "tags": "absent"},
		},
		{
			addr: "data.aws_elb_service_account.main", kind: "data.aws_elb_service_account", config: "data.aws_elb_service_account.main",
			attrs: map[string]string{"arn": `"arn:aws:iam::156460612806:root"`},
		},
		{
			addr: "terraform", kind: "terraform", config: "terraform",
			attrs: map[string]string{
				"required_providers.aws": `{source="hashicorp/aws", version="~> 5.0"}`,
				"required_version":       "unknown()", // not in plan JSON: unknown, not absent
				"backend":                "unknown()",
			},
		},
		{
			addr: "provider.aws", kind: "provider", config: "provider.aws",
			attrs: map[string]string{"default_tags": `[{tags={team="platform"}}]`, "region": `"eu-west-1"`},
		},
		{
			addr: "module.db", kind: "module", config: "module.db",
			attrs: map[string]string{"source": `"./modules/db"`, "version": "absent"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			r := rs[tt.addr]
			if r == nil {
				t.Fatal("missing")
			}
			if r.Kind != tt.kind || r.Module != tt.module || r.Origin != "plan" {
				t.Errorf("kind, module, origin = %q, %q, %q; want %q, %q, plan", r.Kind, r.Module, r.Origin, tt.kind, tt.module)
			}
			wantLine := int32(1) // one-line JSON: every resource is on line 1
			if r.IsSetting() {
				wantLine = 0 // settings have no "address" key
			}
			if r.Loc.File != "testdata/basic.plan.json" || r.Loc.Line != wantLine {
				t.Errorf("loc = %v", r.Loc)
			}
			if got := l.ConfigAddr[tt.addr]; got != tt.config {
				t.Errorf("config address = %q, want %q", got, tt.config)
			}
			if got := refs(r); got != tt.refs {
				t.Errorf("refs:\n got %s\nwant %s", got, tt.refs)
			}
			for path, want := range tt.attrs {
				checkAttr(t, r, path, want)
			}
		})
	}

	// The sensitive password is marked, and unknowns carry why.
	db := rs["module.db.aws_db_instance.this[0]"]
	if !db.Attrs.Get("password").IsSensitive() || db.Attrs.Get("username").IsSensitive() {
		t.Error("password must be sensitive, username not")
	}
	if why := db.Attrs.Get("tags").Why(); why != "known only after apply" {
		t.Errorf("why = %q", why)
	}

	// Notes: the terraform block's backend and required_version come from HCL.
	if len(l.Notes) != 1 || l.Notes[0].Kind != infra.NoteCoverage || !strings.Contains(l.Notes[0].Message, "backend") {
		t.Errorf("notes = %+v", l.Notes)
	}
	if !reflect.DeepEqual(c.Notes, l.Notes) {
		t.Error("component notes differ from loaded notes")
	}

	// The graph answers cross-resource questions.
	g := infra.NewGraph(c.Resources)
	alarms := g.Referrers(db, "aws_cloudwatch_metric_alarm", "dimensions")
	if len(alarms) != 1 || alarms[0].Address != "aws_cloudwatch_metric_alarm.db_cpu" {
		t.Errorf("alarms on the database = %v", alarms)
	}
}

// checkAttr asserts the value at path; want "absent" means the member is not there.
func checkAttr(t *testing.T, r *infra.Resource, path, want string) {
	t.Helper()
	parent, name := r.Attrs, path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		parent, name = r.Attrs.Get(path[:i]), path[i+1:]
	}
	if want == "absent" {
		if parent.Has(name) {
			t.Errorf("%s = %s, want absent", path, show(parent.Field(name)))
		}
		return
	}
	if !parent.Has(name) {
		t.Errorf("%s is absent, want %s", path, want)
		return
	}
	if got := show(r.Attrs.Get(path)); got != want {
		t.Errorf("%s = %s, want %s", path, got, want)
	}
}

func TestPlanChanges(t *testing.T) {
	// Planned against a prior state: gone is deleted (not graded), renamed is
	// replaced create-before-destroy, replaced by -replace, updated in place.
	l := load(t, "testdata/changes.plan.json")
	want := []string{
		"aws_s3_bucket.keep",
		"aws_s3_bucket.renamed",
		"aws_sqs_queue.added",
		"aws_sqs_queue.replaced",
		"aws_sqs_queue.updated",
		"provider.aws",
		"terraform",
	}
	if got := addrs(l); !reflect.DeepEqual(got, want) {
		t.Fatalf("addresses:\n got %q\nwant %q", got, want)
	}
	rs := byAddr(t, l)
	checkAttr(t, rs["aws_sqs_queue.updated"], "message_retention_seconds", "1209600")
	checkAttr(t, rs["aws_s3_bucket.renamed"], "bucket", `"example-new-name"`)
	checkAttr(t, rs["aws_s3_bucket.renamed"], "arn", "absent")
	checkAttr(t, rs["aws_s3_bucket.keep"], "bucket", `"example-keep"`)
	checkAttr(t, rs["terraform"], "required_providers.aws", `{source="hashicorp/aws"}`)
}

func TestGraded(t *testing.T) {
	for _, tt := range []struct {
		actions []string
		want    bool
	}{
		{[]string{"no-op"}, true},
		{[]string{"create"}, true},
		{[]string{"read"}, true},
		{[]string{"update"}, true},
		{[]string{"delete", "create"}, true},
		{[]string{"create", "delete"}, true},
		{[]string{"delete"}, false},
		{[]string{"forget"}, false},
		{nil, false},
	} {
		if got := graded(tt.actions); got != tt.want {
			t.Errorf("graded(%q) = %v", tt.actions, got)
		}
	}
}

// A resource from a plan graded on its own points at the line where its
// address first appears.
func TestPlanResourceLines(t *testing.T) {
	const name = "testdata/basic.plan.pretty.json"
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Load(name, data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	n := 0
	for _, r := range l.Components[0].Resources {
		if r.IsSetting() {
			continue
		}
		n++
		if r.Loc.Line < 2 || int(r.Loc.Line) > len(lines) {
			t.Fatalf("%s at line %d", r.Address, r.Loc.Line)
		}
		want, _ := json.Marshal(r.Address)
		if got := lines[r.Loc.Line-1]; !strings.Contains(got, `"address"`) || !strings.Contains(got, string(want)) {
			t.Errorf("%s: line %d is %q", r.Address, r.Loc.Line, got)
		}
	}
	if n == 0 {
		t.Fatal("no resources")
	}
}

// An attribute written as null is not written: the provider default
// applies, so a plan's unknown for it is left absent, as HCL leaves it.
// Destroyed resources are not graded, and a note says how many.
func TestPlanNullWrittenAndDestroyed(t *testing.T) {
	const plan = `{
 "format_version": "1.2",
 "planned_values": {"root_module": {}},
 "resource_changes": [
  {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
   "change": {"actions": ["create"], "after": {"engine": "postgres"},
              "after_unknown": {"backup_retention_period": true, "storage_type": true}}},
  {"address": "aws_s3_bucket.gone", "mode": "managed", "type": "aws_s3_bucket", "name": "gone",
   "change": {"actions": ["delete"], "before": {"bucket": "x"}, "after": null}}
 ],
 "configuration": {"root_module": {"resources": [
  {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
   "expressions": {"engine": {"constant_value": "postgres"}, "backup_retention_period": {"constant_value": null},
                   "storage_type": {"references": ["var.storage"]}}}
 ]}}
}`
	l, err := Load("plan.json", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	var db *infra.Resource
	for _, r := range l.Components[0].Resources {
		if r.Address == "aws_db_instance.db" {
			db = r
		}
		if r.Address == "aws_s3_bucket.gone" {
			t.Errorf("a destroyed resource is graded")
		}
	}
	if db == nil {
		t.Fatal("aws_db_instance.db missing")
	}
	if v := db.Attrs.Get("backup_retention_period"); !v.IsNull() {
		t.Errorf("backup_retention_period = null in configuration must be absent, got %s", v.Kind())
	}
	if v := db.Attrs.Get("storage_type"); v.IsKnown() {
		t.Errorf("storage_type from a reference stays unknown")
	}
	found := false
	for _, n := range l.Notes {
		found = found || strings.Contains(n.Message, "1 resource instance(s) are destroyed")
	}
	if !found {
		t.Errorf("no note about the destroyed resource: %v", l.Notes)
	}
}

// A type error in the configuration section is placed at its line, though
// the section is decoded on its own.
func TestConfigurationTypeErrorIsPlaced(t *testing.T) {
	doc := "{\n\"format_version\": \"1.2\",\n\"planned_values\": {\"root_module\": {}},\n\"configuration\": {\n  \"root_module\": {\n    \"resources\": 7\n  }\n}\n}\n"
	_, err := Load("plan.json", []byte(doc))
	var e *Error
	if !errors.As(err, &e) || e.Line != 6 {
		t.Errorf("err = %v; want an error at line 6", err)
	}
}
