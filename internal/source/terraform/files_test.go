package terraform

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

func TestFileFunctionsInsideTheTreeAndHiddenValues(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "pw" {
  type      = string
  sensitive = true
  default   = "hunter2"
}
variable "given" { type = string }

locals {
  cfg = jsondecode(file("${path.module}/conf/app.json"))
}

resource "x_thing" "t" {
  content  = local.cfg.name
  exists   = fileexists("conf/app.json")
  missing  = fileexists("conf/nope.json")
  set      = join(",", sort(fileset(path.module, "conf/**/*.json")))
  hash     = filesha256("conf/app.json")
  secret   = var.pw
  revealed = nonsensitive(var.pw)
  marked   = sensitive("literal")
  given    = var.given
  plain    = "plain"
  nested   = { a = var.pw, b = "shown" }
}

resource "x_thing" "each" {
  for_each = toset([var.given])
}
`,
		"conf/app.json":      `{"name": "app"}`,
		"conf/deep/two.json": `{}`,
	})
	rs, _ := loadOne(t, dir, Options{Vars: []VarArg{{Assign: "given=from-cli"}}})
	a := rs["x_thing.t"].Attrs
	for path, want := range map[string]string{
		"content": "the contents of a file", "secret": "a sensitive value", "marked": "a sensitive value",
		"given": "a --var value", "nested.a": "a sensitive value",
		"revealed": "", "plain": "", "nested.b": "", "exists": "", "set": "",
	} {
		if got := a.Get(path).Hidden(); got != want {
			t.Errorf("%s hidden = %q, want %q", path, got, want)
		}
	}
	if s, _ := a.Get("content").Str(); s != "app" {
		t.Errorf("content = %q: a file inside the tree is read", s)
	}
	if b, _ := a.Get("exists").Bool(); !b {
		t.Error("fileexists of a file inside the tree is false")
	}
	if b, ok := a.Get("missing").Bool(); !ok || b {
		t.Errorf("fileexists of a missing file inside the tree = %v, %v; want false", b, ok)
	}
	if s, _ := a.Get("set").Str(); s != "conf/app.json,conf/deep/two.json" {
		t.Errorf("fileset = %q", s)
	}
	if s, _ := a.Get("hash").Str(); len(s) != 64 {
		t.Errorf("filesha256 = %q", s)
	}
	if !a.Get("given").IsExternal() || a.Get("secret").IsExternal() {
		t.Error("a --var value is external (given at run time); a sensitive default is not")
	}
	// Keys given at run time would be printed in every address.
	if _, ok := rs[`x_thing.each["from-cli"]`]; ok {
		t.Error("a for_each over a --var value was expanded")
	}
	if _, ok := rs["x_thing.each"]; !ok {
		t.Errorf("the for_each resource is not graded speculatively; have %v", keys(rs))
	}
}

func TestErrorsAboutHiddenValuesDoNotQuoteThem(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "pw" {
  type      = string
  sensitive = true
  default   = "hunter2-very-secret"
}
resource "x_thing" "t" {
  n = tonumber(var.pw)
}
`,
	})
	rs, _ := loadOne(t, dir, Options{})
	v := rs["x_thing.t"].Attrs.Get("n")
	if v.Kind() != infra.Unknown || v.Why() == "" {
		t.Fatalf("n = %v", v.Kind())
	}
	if got := v.Why(); got != "Terraform would reject this expression (the error is not shown: it may quote a sensitive value)" {
		t.Errorf("why = %q", got)
	}
}

func TestComponentTimeLimitStopsWithANote(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `resource "x_thing" "a" {}`})
	in := &source.Input{Tree: confine.New(dir), Workers: source.NewWorkers(0), Limits: source.Limits{ComponentTime: time.Nanosecond}}
	var comps []*infra.Component
	stream(context.Background(), []string{dir}, Options{}, in, func(c *infra.Component) { comps = append(comps, c) })
	if len(comps) != 1 {
		t.Fatalf("components = %d; a component that runs out of time is still emitted", len(comps))
	}
	if n := comps[0].Notes; len(n) != 1 || n[0].Kind != infra.NoteError || !strings.Contains(n[0].Message, "took longer than") {
		t.Errorf("notes = %+v", n)
	}
}
