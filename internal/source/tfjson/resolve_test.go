package tfjson

import (
	"strings"
	"testing"
)

// craftedPlan exercises what the generated fixtures do not: nested modules
// with count, variables passed through two module levels, a whole-module
// reference, a reference cycle, locals, nested blocks and list elements
// known only after apply, a deferred data source, a deposed object, and a
// resource present only in planned_values.
const craftedPlan = `{
 "format_version": "1.2",
 "resource_changes": [
  {"address": "module.net[0].aws_vpc.main", "module_address": "module.net[0]", "mode": "managed", "type": "aws_vpc", "name": "main",
   "change": {"actions": ["create"], "after": {"cidr_block": "10.0.0.0/16"}, "after_unknown": {"id": true}}},
  {"address": "module.net[1].aws_vpc.main", "module_address": "module.net[1]", "mode": "managed", "type": "aws_vpc", "name": "main",
   "change": {"actions": ["no-op"], "after": {"cidr_block": "10.1.0.0/16", "id": "vpc-1"}}},
  {"address": "module.net[0].module.inner.aws_subnet.s", "module_address": "module.net[0].module.inner", "mode": "managed", "type": "aws_subnet", "name": "s",
   "change": {"actions": ["create"], "after": {}, "after_unknown": {"vpc_id": true}}},
  {"address": "module.net[1].module.inner.aws_subnet.s", "module_address": "module.net[1].module.inner", "mode": "managed", "type": "aws_subnet", "name": "s",
   "change": {"actions": ["create"], "after": {"vpc_id": "vpc-1"}}},
  {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web",
   "change": {"actions": ["update"],
    "after": {"access_logs": [{"enabled": true}], "list": ["a", null], "secret": {"k": "v"}, "settings": {"mode": "x"}},
    "after_unknown": {"access_logs": [{"bucket": true, "prefix": true}], "list": [false, true], "settings": {"level": true}},
    "after_sensitive": {"secret": true}}},
  {"address": "aws_lb.web", "deposed": "0001", "mode": "managed", "type": "aws_lb", "name": "web",
   "change": {"actions": ["delete"], "before": {}}},
  {"address": "aws_x.all", "mode": "managed", "type": "aws_x", "name": "all", "change": {"actions": ["create"], "after": {}}},
  {"address": "aws_y.one", "mode": "managed", "type": "aws_y", "name": "one", "change": {"actions": ["create"], "after": {}}},
  {"address": "aws_z.loc", "mode": "managed", "type": "aws_z", "name": "loc", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.c.aws_c.c", "module_address": "module.c", "mode": "managed", "type": "aws_c", "name": "c",
   "change": {"actions": ["create"], "after": {}, "after_unknown": {"v": true}}},
  {"address": "data.aws_d.later", "mode": "data", "type": "aws_d", "name": "later",
   "change": {"actions": ["read"], "after": {"name": "n"}, "after_unknown": {"id": true, "arn": true}}}
 ],
 "planned_values": {"root_module": {"resources": [
  {"address": "aws_only.planned", "mode": "managed", "type": "aws_only", "name": "planned", "values": {"a": 1, "s": "x"}, "sensitive_values": {"s": true}}
 ]}},
 "configuration": {"root_module": {
  "resources": [
   {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web", "expressions": {
     "access_logs": [{"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}, "enabled": {"constant_value": true}}],
     "list": {"references": ["aws_vpc.nowhere.id", "aws_vpc.nowhere"]},
     "settings": {"mode": {"constant_value": "x"}}}},
   {"address": "aws_x.all", "mode": "managed", "type": "aws_x", "name": "all", "expressions": {"deps": {"references": ["module.net"]}}},
   {"address": "aws_y.one", "mode": "managed", "type": "aws_y", "name": "one", "expressions": {"vpc": {"references": ["module.net[1].vpc_id", "module.net[1]", "module.net"]}}},
   {"address": "aws_z.loc", "mode": "managed", "type": "aws_z", "name": "loc", "expressions": {"v": {"references": ["local.name", "data.aws_d.later.name", "data.aws_d.later"]}}},
   {"address": "data.aws_d.later", "mode": "data", "type": "aws_d", "name": "later", "expressions": {"name": {"references": ["var.unset"]}}}
  ],
  "module_calls": {
   "net": {"source": "./net", "count_expression": {"constant_value": 2}, "module": {
     "outputs": {"vpc_id": {"expression": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}},
                 "subnet": {"expression": {"references": ["module.inner.id", "module.inner"]}}},
     "resources": [{"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "expressions": {"cidr_block": {"references": ["count.index"]}}}],
     "module_calls": {"inner": {"source": "./inner", "expressions": {"vpc": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}, "module": {
       "outputs": {"id": {"expression": {"references": ["aws_subnet.s.id", "aws_subnet.s"]}}},
       "resources": [{"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s", "expressions": {"vpc_id": {"references": ["var.vpc"]}}}]}}}}},
   "c": {"source": "git::https://example.com/c.git?ref=v1.2.0", "expressions": {"a": {"references": ["module.c.out", "module.c"]}}, "module": {
     "outputs": {"out": {"expression": {"references": ["var.a"]}}},
     "resources": [{"address": "aws_c.c", "mode": "managed", "type": "aws_c", "name": "c", "expressions": {"v": {"references": ["var.a"]}}}]}}
  }
 }}
}`

func TestCrafted(t *testing.T) {
	l := mustLoad(t, "crafted.json", []byte(craftedPlan))
	rs := byAddr(t, l)
	want := "aws_lb.web aws_only.planned aws_x.all aws_y.one aws_z.loc data.aws_d.later module.c module.c.aws_c.c module.net module.net.module.inner " +
		"module.net[0].aws_vpc.main module.net[0].module.inner.aws_subnet.s module.net[1].aws_vpc.main module.net[1].module.inner.aws_subnet.s terraform"
	if got := strings.Join(addrs(l), " "); got != want {
		t.Fatalf("addresses:\n got %s\nwant %s", got, want)
	}
	for _, tt := range []struct{ addr, refs string }{
		// var.vpc → the call in module.net[0] passes aws_vpc.main.id of the same instance.
		{"module.net[0].module.inner.aws_subnet.s", "vpc_id->module.net[0].aws_vpc.main"},
		{"module.net[1].module.inner.aws_subnet.s", "vpc_id->module.net[1].aws_vpc.main"},
		// module.net without an output: every output of every instance.
		{"aws_x.all", "deps->module.net[0].aws_vpc.main deps->module.net[0].module.inner.aws_subnet.s deps->module.net[1].aws_vpc.main deps->module.net[1].module.inner.aws_subnet.s"},
		{"aws_y.one", "vpc->module.net[1].aws_vpc.main"},
		// Locals are not followed; data sources are resources.
		{"aws_z.loc", "v->data.aws_d.later"},
		// A reference cycle ends without edges.
		{"module.c.aws_c.c", ""},
		// References to resources that are not in the plan are dropped.
		{"aws_lb.web", ""},
	} {
		if r := rs[tt.addr]; r == nil {
			t.Errorf("%s missing", tt.addr)
		} else if got := refs(r); got != tt.refs {
			t.Errorf("%s refs:\n got %s\nwant %s", tt.addr, got, tt.refs)
		}
	}
	lb := rs["aws_lb.web"]
	// access_logs.bucket is written (unknown); prefix is not (absent).
	checkAttr(t, lb, "access_logs", `[{bucket=unknown(aws_lb.web.access_logs[0].bucket), enabled=true}]`)
	checkAttr(t, lb, "list", `["a", unknown(aws_lb.web.list[1])]`)
	checkAttr(t, lb, "secret", `(sensitive){k=(sensitive)}`)
	// A single nested block written without level: level is absent.
	checkAttr(t, lb, "settings", `{mode="x"}`)
	checkAttr(t, rs["module.c.aws_c.c"], "v", "unknown(module.c.aws_c.c.v)")
	checkAttr(t, rs["data.aws_d.later"], "name", `"n"`)
	checkAttr(t, rs["data.aws_d.later"], "id", "absent")
	checkAttr(t, rs["aws_only.planned"], "s", "(sensitive)")
	checkAttr(t, rs["aws_only.planned"], "a", "1")
	checkAttr(t, rs["module.c"], "source", `"git::https://example.com/c.git?ref=v1.2.0"`)
	if rs["module.net.module.inner"].Module != "module.net" {
		t.Errorf("nested module call's Module = %q", rs["module.net.module.inner"].Module)
	}
	if got := l.ConfigAddr["module.net[1].module.inner.aws_subnet.s"]; got != "module.net.module.inner.aws_subnet.s" {
		t.Errorf("config address = %q", got)
	}
	var notes []string
	for _, n := range l.Notes {
		notes = append(notes, n.Message)
	}
	if len(notes) != 2 || !strings.Contains(notes[1], "local values") {
		t.Errorf("notes = %q", notes)
	}
}

// Without a configuration section, nothing can tell omitted from computed:
// unknowns stay unknown, and there are no edges.
func TestNoConfiguration(t *testing.T) {
	l := mustLoad(t, "p.json", []byte(`{"format_version":"1.2","resource_changes":[
	 {"address":"aws_db_instance.d","mode":"managed","type":"aws_db_instance","name":"d",
	  "change":{"actions":["create"],"after":{"engine":"postgres"},"after_unknown":{"multi_az":true}}}]}`))
	r := byAddr(t, l)["aws_db_instance.d"]
	checkAttr(t, r, "multi_az", "unknown(aws_db_instance.d.multi_az)")
	if len(l.Notes) != 1 || !strings.Contains(l.Notes[0].Message, "no configuration section") {
		t.Errorf("notes = %v", l.Notes)
	}
}

func TestParseTraversal(t *testing.T) {
	for in, want := range map[string]string{
		`module.queue["a.b]"].arn`:   `module|queue|["a.b]"]|arn`,
		`aws_s3_bucket.b["x\"y"].id`: `aws_s3_bucket|b|["x\"y"]|id`,
		`aws_sqs_queue.q[1]`:         `aws_sqs_queue|q|[1]`,
		`broken["x`:                  `broken`,
		``:                           ``,
	} {
		var parts []string
		for _, tk := range parseTraversal(in) {
			parts = append(parts, tk.name+tk.key)
		}
		if got := strings.Join(parts, "|"); got != want {
			t.Errorf("parseTraversal(%s) = %s, want %s", in, got, want)
		}
	}
	if got := configAddrOf(`module.q["a"].aws_x.y[0]`); got != "module.q.aws_x.y" {
		t.Errorf("configAddrOf = %s", got)
	}
	if got := formatKey(`a"b${x}`); got != `["a\"b$${x}"]` {
		t.Errorf("formatKey = %s", got)
	}
}

// x[count.index] and x[each.key] are recorded as ["x", "count.index"]: the
// edge goes to the instance with the same key; a key that does not match
// (x[var.zones[count.index]]) keeps every instance.
func TestSameKeyReferences(t *testing.T) {
	const doc = `{"format_version":"1.2",
	 "resource_changes":[
	  {"address":"a.x[0]","mode":"managed","type":"a","name":"x","index":0,"change":{"actions":["create"],"after":{}}},
	  {"address":"a.x[1]","mode":"managed","type":"a","name":"x","index":1,"change":{"actions":["create"],"after":{}}},
	  {"address":"b.y[\"p\"]","mode":"managed","type":"b","name":"y","index":"p","change":{"actions":["create"],"after":{}}},
	  {"address":"b.y[\"q\"]","mode":"managed","type":"b","name":"y","index":"q","change":{"actions":["create"],"after":{}}},
	  {"address":"c.n[1]","mode":"managed","type":"c","name":"n","index":1,"change":{"actions":["create"],"after":{}}},
	  {"address":"d.m[\"q\"]","mode":"managed","type":"d","name":"m","index":"q","change":{"actions":["create"],"after":{}}}],
	 "configuration":{"root_module":{"resources":[
	  {"address":"c.n","mode":"managed","type":"c","name":"n","expressions":{
	    "same":{"references":["a.x","count.index"]},
	    "other":{"references":["b.y","var.zones","count.index"]}}},
	  {"address":"d.m","mode":"managed","type":"d","name":"m","expressions":{"same":{"references":["b.y","each.key"]}}}]}}}`
	rs := byAddr(t, mustLoad(t, "k.json", []byte(doc)))
	if got, want := refs(rs["c.n[1]"]), `other->b.y["p"] other->b.y["q"] same->a.x[1]`; got != want {
		t.Errorf("c.n[1] refs = %s, want %s", got, want)
	}
	if got, want := refs(rs[`d.m["q"]`]), `same->b.y["q"]`; got != want {
		t.Errorf("d.m refs = %s, want %s", got, want)
	}
}

// A block in the plan that the configuration section does not have came
// from a dynamic block: what is unknown inside it stays unknown. A top-level
// attribute the configuration does not write is still absent.
func TestDynamicBlockUnknowns(t *testing.T) {
	const doc = `{"format_version":"1.2",
	 "resource_changes":[{"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s",
	  "change":{"actions":["create"],
	   "after":{"ingress":[{"cidr_blocks":["10.0.0.0/8"]}],"name":"s"},
	   "after_unknown":{"ingress":[{"security_groups":true}],"vpc_id":true}}}],
	 "configuration":{"root_module":{"resources":[{"address":"aws_security_group.s","mode":"managed","type":"aws_security_group","name":"s",
	  "expressions":{"name":{"constant_value":"s"}}}]}}}`
	r := byAddr(t, mustLoad(t, "d.json", []byte(doc)))["aws_security_group.s"]
	checkAttr(t, r, "ingress", `[{cidr_blocks=["10.0.0.0/8"], security_groups=unknown(aws_security_group.s.ingress[0].security_groups)}]`)
	checkAttr(t, r, "vpc_id", "absent")
}
