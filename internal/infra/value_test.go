package infra

import (
	"fmt"
	"testing"
)

func obj(fs ...Field) Value { return ObjectValue(fs) }

func TestGetFollowsAttributesBlocksAndIndexes(t *testing.T) {
	ingress := ListValue([]Value{
		obj(Field{"from_port", NumberValue(80)}, Field{"cidr_blocks", ListValue([]Value{StringValue("0.0.0.0/0")})}),
		obj(Field{"from_port", NumberValue(22)}),
	})
	v := obj(
		Field{"ingress", ingress},
		Field{"versioning", ListValue([]Value{obj(Field{"enabled", BoolValue(true)})})},
		Field{"retention", UnknownValue("var.retention", "var.retention has no value")},
	)
	if b, ok := v.Get("versioning.enabled").Bool(); !ok || !b {
		t.Errorf("a block path steps into the first block")
	}
	if n, _ := v.Get("ingress.1.from_port").Number(); n != 22 {
		t.Errorf("ingress.1.from_port = %v", n)
	}
	if s, _ := v.Get("ingress.0.cidr_blocks.0").Str(); s != "0.0.0.0/0" {
		t.Errorf("cidr = %q", s)
	}
	if !v.Get("ingress.5.from_port").IsNull() || !v.Get("nope.deeper").IsNull() {
		t.Errorf("missing paths are null")
	}
	u := v.Get("retention.days")
	if u.IsKnown() || u.Expr() != "var.retention" || u.Why() == "" {
		t.Errorf("an unknown step yields the unknown itself: %v %q", u.Kind(), u.Expr())
	}
	if len(v.Blocks("ingress")) != 2 || len(v.Blocks("missing")) != 0 {
		t.Errorf("Blocks")
	}
}

func TestObjectValueSortsAndDedupes(t *testing.T) {
	v := obj(Field{"b", NumberValue(1)}, Field{"a", NumberValue(2)}, Field{"b", NumberValue(3)})
	fs := v.Fields()
	if len(fs) != 2 || fs[0].Name != "a" || fs[1].Name != "b" {
		t.Fatalf("fields = %+v", fs)
	}
	if n, _ := v.Field("b").Number(); n != 3 {
		t.Errorf("a later duplicate wins, got %v", n)
	}
	if !v.Has("a") || v.Has("c") {
		t.Errorf("Has")
	}
}

func TestConversions(t *testing.T) {
	for _, c := range []struct {
		v    Value
		want string
	}{
		{NumberValue(14), "14"},
		{NumberValue(0.5), "0.5"},
		{BoolValue(true), "true"},
		{StringValue("x"), "x"},
	} {
		if got, ok := c.v.Str(); !ok || got != c.want {
			t.Errorf("Str(%v) = %q", c.v.Kind(), got)
		}
	}
	if b, ok := ConvertibleString("false").Bool(); !ok || b {
		t.Errorf(`"false" converts as Terraform does`)
	}
	if n, ok := ConvertibleString(" 7 ").Number(); !ok || n != 7 {
		t.Errorf("numeric strings convert")
	}
	if _, ok := StringValue("true").Bool(); ok {
		t.Errorf(`a plain string "true" (YAML's quoted "true") is not a bool`)
	}
	if _, ok := StringValue("7").Number(); ok {
		t.Errorf(`a plain string "7" is not a number`)
	}
	if _, ok := ConvertibleString("seven").Number(); ok {
		t.Errorf("non-numeric strings do not")
	}
	if _, ok := UnknownValue("x", "y").Str(); ok {
		t.Errorf("unknowns never convert")
	}
}

func TestPositionsFrom(t *testing.T) {
	src := obj(Field{"tags", obj(Field{"team", StringValue("x").WithLoc(Location{Pos: Pos{Line: 4}})}).WithLoc(Location{Pos: Pos{Line: 3}})}).WithLoc(Location{Pos: Pos{Line: 1}})
	plan := obj(
		Field{"tags", obj(Field{"team", StringValue("x")}, Field{"env", StringValue("prod")})},
		Field{"arn", StringValue("arn:aws:s3:::x")},
	)
	got := plan.PositionsFrom(src)
	for path, line := range map[string]int32{"tags.team": 4, "tags.env": 3, "arn": 1, "": 1} {
		if l := got.Get(path).Loc.Line; l != line {
			t.Errorf("%q at line %d, want %d", path, l, line)
		}
	}
	if plan.Get("tags.team").Loc.Line != 0 {
		t.Errorf("PositionsFrom must not modify its receiver")
	}
}

func TestGraphEdges(t *testing.T) {
	bucket := &Resource{Kind: "aws_s3_bucket", Address: "aws_s3_bucket.b"}
	ver := &Resource{Kind: "aws_s3_bucket_versioning", Address: "aws_s3_bucket_versioning.v",
		Refs: []Ref{{Attr: "bucket", To: "aws_s3_bucket.b"}, {Attr: "bucket", To: "data.x.y"}}}
	pol := &Resource{Kind: "aws_s3_bucket_policy", Address: "aws_s3_bucket_policy.p",
		Refs: []Ref{{Attr: "policy.statement", To: "aws_s3_bucket.b"}}}
	g := NewGraph([]*Resource{bucket, ver, pol})
	if rs := g.Referrers(bucket, "aws_s3_bucket_versioning", "bucket"); len(rs) != 1 || rs[0] != ver {
		t.Errorf("Referrers by attribute: %v", rs)
	}
	if rs := g.Referrers(bucket, "aws_s3_bucket_policy", "policy"); len(rs) != 1 {
		t.Errorf("an attribute prefix matches nested paths: %v", rs)
	}
	if rs := g.Referrers(bucket, "aws_s3_bucket_policy", "pol"); len(rs) != 0 {
		t.Errorf("a prefix matches whole path segments only: %v", rs)
	}
	if ts := g.Targets(ver, ""); len(ts) != 1 || ts[0] != bucket {
		t.Errorf("references to resources outside the graph are not edges: %v", ts)
	}
}

func TestQuoteKey(t *testing.T) {
	for in, want := range map[string]string{
		"logs":      `"logs"`,
		`a"b\c`:     `"a\"b\\c"`,
		"${x} %{y}": `"$${x} %%{y}"`,
		"tab\there": `"tab\there"`,
		"é":         `"é"`,
	} {
		if got := QuoteKey(in); got != want {
			t.Errorf("QuoteKey(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestPaths(t *testing.T) {
	for in, want := range map[string]Path{
		"a.b.c":                  {"a", "b", "c"},
		"ingress.0.cidr_blocks":  {"ingress", "0", "cidr_blocks"},
		"ingress[0].cidr_blocks": {"ingress", "0", "cidr_blocks"},
		`metadata.labels["app.kubernetes.io/name"]`: {"metadata", "labels", "app.kubernetes.io/name"},
		`a["x]y"].b`: {"a", "x]y", "b"},
		`a["q\"d"]`:  {"a", `q"d`},
		"a[x].b":     {"a", "[x]", "b"},
		"":           nil,
	} {
		got := ParsePath(in)
		if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
			t.Errorf("ParsePath(%q) = %q, want %q", in, got, want)
		}
		if len(want) > 0 && in != "a[x].b" {
			if back := ParsePath(got.String()); fmt.Sprint(back) != fmt.Sprint(want) {
				t.Errorf("%q: String %q does not read back: %q", in, got.String(), back)
			}
		}
	}
	v := obj(
		Field{"metadata", obj(Field{"labels", obj(Field{"app.kubernetes.io/name", StringValue("web")})})},
		Field{"containers", ListValue([]Value{obj(Field{"image", StringValue("a")}), obj(Field{"image", StringValue("b")})})},
		Field{"versioning", ListValue([]Value{obj(Field{"enabled", BoolValue(true)})})},
	)
	if s, _ := v.Get(`metadata.labels["app.kubernetes.io/name"]`).Str(); s != "web" {
		t.Errorf("label = %q", s)
	}
	if s, _ := v.At(Path{"metadata", "labels", "app.kubernetes.io/name"}).Str(); s != "web" {
		t.Errorf("At label = %q", s)
	}
	if got := v.Get("containers.image"); !got.IsNull() {
		t.Errorf("a name step on a list of two reads %v; there is no implicit first element", got)
	}
	if s, _ := v.Get("containers.1.image").Str(); s != "b" {
		t.Errorf("containers.1.image = %q", s)
	}
	if s, _ := v.Get("containers[0].image").Str(); s != "a" {
		t.Errorf("containers[0].image = %q", s)
	}
	if b, _ := v.Get("versioning.enabled").Bool(); !b {
		t.Error("a block written once is stepped into")
	}
}
