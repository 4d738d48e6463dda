package tfjson

import (
	"reflect"
	"testing"
)

func TestState(t *testing.T) {
	want := []string{
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
		"module.db.aws_db_instance.this[0]",
		`module.queue["a"].aws_sqs_queue.this`,
		`module.queue["b"].aws_sqs_queue.this`,
	}
	// basic.tfstate is derived from basic's planned values (no apply is
	// possible offline); basic.state.json is terraform show -json of it.
	for _, file := range []string{"testdata/basic.tfstate", "testdata/basic.state.json"} {
		t.Run(file, func(t *testing.T) {
			l := load(t, file)
			c := l.Components[0]
			if c.Kind != "terraform state" || c.Path != file {
				t.Errorf("component kind, path = %q, %q", c.Kind, c.Path)
			}
			if got := addrs(l); !reflect.DeepEqual(got, want) {
				t.Fatalf("addresses:\n got %q\nwant %q", got, want)
			}
			rs := byAddr(t, l)
			for _, r := range rs {
				if r.Origin != "state" || r.Loc.File != file {
					t.Errorf("%s: origin %q, loc %v", r.Address, r.Origin, r.Loc)
				}
			}
			db := rs["module.db.aws_db_instance.this[0]"]
			if db.Kind != "aws_db_instance" || db.Module != "module.db" {
				t.Errorf("db kind, module = %q, %q", db.Kind, db.Module)
			}
			checkAttr(t, db, "password", "(sensitive)")
			checkAttr(t, db, "backup_retention_period", "7")
			checkAttr(t, db, "arn", `"arn:aws:fake:eu-west-1:123456789012:aws_db_instance/basic-db"`)
			checkAttr(t, rs[`module.queue["a"].aws_sqs_queue.this`], "name", `"work-a"`)
			if db.Attrs.Get("username").IsSensitive() {
				t.Error("username marked sensitive")
			}
			if got := l.ConfigAddr[`aws_s3_bucket_versioning.b["logs"]`]; got != "aws_s3_bucket_versioning.b" {
				t.Errorf("config address = %q", got)
			}
			if got := l.ConfigAddr[`module.queue["a"].aws_sqs_queue.this`]; got != "module.queue.aws_sqs_queue.this" {
				t.Errorf("config address = %q", got)
			}
			// A state has no configuration: edges come from dependencies,
			// without attribute paths, to every instance of the dependency.
			if got, want := refs(rs["aws_s3_bucket_policy.logs"]), `->aws_s3_bucket.b["data"] ->aws_s3_bucket.b["logs"]`; got != want {
				t.Errorf("policy refs = %s, want %s", got, want)
			}
			if got, want := refs(rs["aws_cloudwatch_metric_alarm.db_cpu"]), `->aws_sqs_queue.q[0] ->aws_sqs_queue.q[1]`; got != want {
				t.Errorf("alarm refs = %s, want %s", got, want)
			}
			if len(l.Notes) != 0 {
				t.Errorf("notes = %v", l.Notes)
			}
		})
	}
}

func TestRawStateDetails(t *testing.T) {
	// Crafted: a nested sensitive path, a string key, a deposed object, data
	// source mode, a module instance with a key.
	const doc = `{
  "version": 4, "terraform_version": "1.11.4", "serial": 3, "lineage": "x",
  "resources": [
    {"module": "module.m[\"a\"]", "mode": "managed", "type": "aws_db_instance", "name": "db",
     "instances": [
       {"index_key": "k1", "attributes": {"password": "p", "tags": {"owner": "me"},
         "block": [{"secret": "s", "plain": "x"}]},
        "sensitive_attributes": [[{"type": "get_attr", "value": "password"}],
          [{"type": "get_attr", "value": "block"}, {"type": "index", "value": {"value": 0, "type": "number"}}, {"type": "get_attr", "value": "secret"}]]},
       {"index_key": "k1", "deposed": "00000001", "attributes": {"password": "old"}}
     ]},
    {"mode": "data", "type": "aws_region", "name": "here", "instances": [{"attributes": {"name": "eu-west-1"}}]}
  ]
}`
	l, err := Load("x.tfstate", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"data.aws_region.here", `module.m["a"].aws_db_instance.db["k1"]`}
	if got := addrs(l); !reflect.DeepEqual(got, want) {
		t.Fatalf("addresses = %q, want %q", got, want)
	}
	rs := byAddr(t, l)
	db := rs[`module.m["a"].aws_db_instance.db["k1"]`]
	if got := show(db.Attrs); got != `{block=[{plain="x", secret=(sensitive)}], password=(sensitive), tags={owner="me"}}` {
		t.Errorf("attrs = %s", got)
	}
	if rs["data.aws_region.here"].Kind != "data.aws_region" {
		t.Errorf("data kind = %q", rs["data.aws_region.here"].Kind)
	}
}
