package tfjson

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func obj(fs ...infra.Field) infra.Value { return infra.ObjectValue(fs) }

// Values the .tf files could not know are marked external in the merged
// resource (a password given at run time is not a literal in the code);
// values the .tf files know are not, even if the plan computed them through
// a reference (a variable's default is written in the code).
func TestMergeMarksWhatThePlanSettled(t *testing.T) {
	hcl := &infra.Component{Name: "stack", Path: "stack", Kind: "terraform root module", Resources: []*infra.Resource{{
		Kind: "aws_db_instance", Address: "aws_db_instance.db", Loc: infra.Location{File: "stack/main.tf", Pos: infra.Pos{Line: 3}},
		Attrs: obj(
			infra.Field{Name: "password", Value: infra.UnknownValue("var.db_password", "var.db_password has no value").WithLoc(infra.Location{File: "stack/main.tf", Pos: infra.Pos{Line: 5}})},
			infra.Field{Name: "username", Value: infra.StringValue("admin").WithLoc(infra.Location{File: "stack/main.tf", Pos: infra.Pos{Line: 6}})},
		),
	}}}
	plan := &Loaded{Components: []*infra.Component{{Resources: []*infra.Resource{{
		Kind: "aws_db_instance", Address: "aws_db_instance.db", Origin: "plan",
		Attrs: obj(
			infra.Field{Name: "password", Value: infra.StringValue("from-ci").WithExternal(true)},
			infra.Field{Name: "username", Value: infra.StringValue("admin").WithExternal(true)},
			infra.Field{Name: "arn", Value: infra.StringValue("arn:aws:rds:x")},
		),
	}}}}}
	m := Merge(hcl, plan)
	if len(m.Resources) != 1 {
		t.Fatalf("resources: %d", len(m.Resources))
	}
	r := m.Resources[0]
	if !r.Attrs.Get("password").IsExternal() {
		t.Errorf("a value the .tf files could not know came from outside them")
	}
	if r.Attrs.Get("username").IsExternal() {
		t.Errorf("a value the .tf files know is written in them")
	}
	if l := r.AttrLoc("password"); l.File != "stack/main.tf" || l.Line != 5 {
		t.Errorf("password at %s, want stack/main.tf:5", l)
	}
	if r.Loc.Line != 3 || r.Origin != "plan" {
		t.Errorf("loc %s origin %s", r.Loc, r.Origin)
	}
}
