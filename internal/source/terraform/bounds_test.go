package terraform

import (
	"fmt"
	"strings"
	"testing"
)

// TestEvaluationIsBounded: a few lines of HCL that would build terabytes
// give an unknown value saying why, quickly, and the rest is graded.
func TestEvaluationIsBounded(t *testing.T) {
	var doubling strings.Builder
	doubling.WriteString("locals {\n  s0 = \"xxxxxxxxxxxxxxxx\"\n  l0 = [1, 2, 3, 4]\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&doubling, "  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
		fmt.Fprintf(&doubling, "  l%d = concat(local.l%d, local.l%d)\n", i, i-1, i-1)
	}
	doubling.WriteString("}\n")
	laughs := `a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`
	prev := "a"
	for _, n := range "bcdefghij" {
		laughs += fmt.Sprintf("%c: &%c [%s]\\n", n, n, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = string(n)
	}
	dir := writeTree(t, map[string]string{
		"main.tf": doubling.String() + `
locals {
  a = range(1024)
}
resource "x_thing" "t" {
  doubled    = local.s40
  listed     = length(local.l40)
  product    = length(setproduct(local.a, local.a, local.a))
  indented   = indent(2000000000, "x\ny")
  formatted  = format("%2000000000s", "x")
  joined     = join(format("%1000000s", "x"), local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a, local.a)
  replaced   = replace(format("%100000s", "x"), "/ /", format("%1000s", "y"))
  laughs     = yamldecode("` + laughs + `")
  cubed      = length([for a in range(1024) : [for b in range(1024) : [for c in range(1024) : "${a}${b}${c}"]]])
  fine       = length(setproduct(range(100), range(100), ["x"]))
  fine_for   = length(flatten([for a in range(100) : [for b in range(100) : a * b]]))
  fine_chain = length([for a in [for x in range(1024) : x * 2] : [for b in range(10) : b]])
  fine_join  = length(join(",", [for i in range(1000) : "item-${i}"]))
}`,
	})
	rs, comp := loadOne(t, dir, Options{})
	noted := 0
	for _, n := range comp.Notes {
		if strings.Contains(n.Message, overBounds) && n.Line > 0 {
			noted++
		}
	}
	if noted < 9 {
		t.Errorf("%d coverage notes say a bound was hit, want one per bounded expression (9 or more): %+v", noted, comp.Notes)
	}
	r := rs["x_thing.t"]
	for _, attr := range []string{"doubled", "listed", "product", "indented", "formatted", "joined", "replaced", "laughs", "cubed"} {
		v := r.Attrs.Get(attr)
		if v.IsKnown() {
			t.Errorf("%s is known (%s); want unknown, over the bounds", attr, v.Kind())
			continue
		}
		if !strings.Contains(v.Why(), "more than") {
			t.Errorf("%s: unknown because %q; want it to say the value is too large", attr, v.Why())
		}
	}
	for _, attr := range []string{"fine", "fine_join", "fine_for", "fine_chain"} {
		if v := r.Attrs.Get(attr); !v.IsKnown() {
			t.Errorf("%s is unknown (%s); ordinary sizes must evaluate", attr, v.Why())
		}
	}
}
