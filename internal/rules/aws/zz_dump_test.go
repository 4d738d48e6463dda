package aws

import (
	"fmt"
	"os"
	"path/filepath"
	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/terraform"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
	tf "github.com/prodgrade/prodgrade/internal/source/terraform"
)

func show(v infra.Value, ind string) string {
	switch v.Kind() {
	case infra.Object:
		s := "{\n"
		for _, f := range v.Fields() {
			s += ind + "  " + f.Name + " = " + show(f.Value, ind+"  ") + "\n"
		}
		return s + ind + "}"
	case infra.List:
		s := "[\n"
		for _, e := range v.List() {
			s += ind + "  " + show(e, ind+"  ") + "\n"
		}
		return s + ind + "]"
	case infra.Unknown:
		return fmt.Sprintf("<unknown %q: %s>", v.Expr(), v.Why())
	}
	s, _ := v.Str()
	return fmt.Sprintf("%s(%q)@%d", v.Kind(), s, v.Pos.Line)
}

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	l := tf.Load(strings.Split(os.Getenv("DUMP"), ","), tf.Options{})
	for _, n := range l.Notes {
		fmt.Println("NOTE", n.Kind, n.File, n.Line, n.Message)
	}
	for _, c := range l.Components {
		fmt.Println("COMPONENT", c.Name, c.Path, "unexpanded", c.Unexpanded)
		for _, r := range c.Resources {
			fmt.Printf("%s [%s] module=%q loc=%s\n  attrs=%s\n  refs=%v\n", r.Address, r.Kind, r.Module, r.Loc, show(r.Attrs, "  "), r.Refs)
		}
	}
}

func TestResults(t *testing.T) {
	if os.Getenv("RESULTS") == "" {
		t.Skip()
	}
	for _, rule := range rules.All() {
		base := "testdata"
		if rule.Platform() == "terraform" {
			base = "../terraform/testdata"
		}
		dirs, _ := os.ReadDir(filepath.Join(base, rule.ID))
		fmt.Printf("== %s (%s, %s)\n", rule.ID, rule.Item, rule.Severity)
		for _, d := range dirs {
			l := tf.Load([]string{filepath.Join(base, rule.ID, d.Name())}, tf.Options{})
			for _, c := range l.Components {
				g := infra.NewGraph(c.Resources)
				for _, r := range c.Resources {
					for _, k := range rule.Kinds {
						if k != r.Kind {
							continue
						}
						res := rules.RunOne(rule, r, g, c)
						if len(res) == 0 {
							fmt.Printf("  %s/%s: (none)\n", d.Name(), r.Address)
						}
						for _, x := range res {
							fmt.Printf("  %s/%s: %s: %s [%s:%d]%s\n", d.Name(), r.Address, x.Status, x.Message, filepath.Base(x.Loc.File), x.Loc.Line, x.Why)
						}
					}
				}
			}
		}
	}
}

func TestExamples(t *testing.T) {
	if os.Getenv("EX") == "" {
		t.Skip()
	}
	l := tf.Load(strings.Split(os.Getenv("EX"), ","), tf.Options{})
	for _, n := range l.Notes {
		fmt.Println("NOTE", n.Kind, n.File, n.Line, n.Message)
	}
	for _, c := range l.Components {
		fmt.Println("COMPONENT", c.Name, "unexpanded", c.Unexpanded)
		for _, x := range rules.Run(c, infra.NewGraph(c.Resources)) {
			fmt.Printf("  %-7s %-32s %-60s %s [%s:%d]\n", x.Status, x.Rule.ID, x.Resource.Address, x.Message, filepath.Base(x.Loc.File), x.Loc.Line)
		}
	}
}
