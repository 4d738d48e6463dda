package rulestest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// This test proves the seams a second format needs: a YAML format, known
// only to this test binary, is registered like any other; the shared rule
// test loads its fixture through the registry, reads fixture names the
// format's way (metadata.name), and checks that a fail points at the YAML
// line that set the value.

func init() {
	source.Register(&source.Format{
		Name: "rulestest-yaml", Files: "test YAML", Match: func(name string) bool { return strings.HasSuffix(name, ".yaml") },
		Load: loadTestYAML,
	})
	rules.Register(&rules.Rule{
		ID: "k8s-rulestest-replicas", Item: checklist.Availability, Severity: checklist.High,
		Title: "Things run at least two replicas", Why: "One replica is one failure from an outage.",
		Fix: "spec:\n  replicas: 2", Kinds: []string{"test/Thing"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.replicas")
			n, ok := v.Number()
			switch {
			case !v.IsKnown():
				c.Unknown("spec.replicas", v)
			case v.IsNull():
				c.Fail("spec", "spec.replicas is not set (default 1); set it to 2 or more")
			case !ok:
				// YAML's "2" in quotes is a string, not a number.
				c.Fail("spec.replicas", "spec.replicas is %s, not a number", fmt.Sprint(v.Kind()))
			case n < 2:
				c.Fail("spec.replicas", "spec.replicas is %d; set it to 2 or more", int(n))
			default:
				c.Pass("spec.replicas is %d", int(n))
			}
		},
	})
}

// loadTestYAML makes one component per file and one resource per document.
func loadTestYAML(_ context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	var notes []infra.Note
	for _, f := range in.Files {
		data, err := in.Tree.ReadSource(f)
		if err != nil {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: f, Message: err.Error()})
			continue
		}
		docs, err := yaml.Parse(f, data)
		if err != nil {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: f, Message: err.Error()})
		}
		comp := &infra.Component{Name: f, Path: f, Kind: "test YAML file"}
		for _, d := range docs {
			kind, _ := d.Value.Get("kind").Str()
			name, _ := d.Value.Get("metadata.name").Str()
			comp.Resources = append(comp.Resources, &infra.Resource{
				Kind: "test/" + kind, Address: kind + "/" + name, Name: name, Attrs: d.Value, Loc: d.Loc,
			})
		}
		emit(comp)
	}
	return notes
}

func TestYAMLFormatThroughTheRegistry(t *testing.T) {
	Run(t, "testdata", "kubernetes")

	loaded := Load(t, "testdata/k8s-rulestest-replicas/things")
	if len(loaded) != 1 || loaded[0].Format.Name != "rulestest-yaml" {
		t.Fatalf("loaded = %+v", loaded)
	}
	g := infra.NewGraph(loaded[0].Component.Resources)
	r := g.Lookup("Thing/fail-one")
	res := rules.RunOne(rules.Lookup("k8s-rulestest-replicas"), r, g, loaded[0].Component)
	if len(res) != 1 || res[0].Loc.Line != 13 || res[0].Loc.Col != 13 || !strings.HasSuffix(res[0].Loc.File, "things.yaml") {
		t.Errorf("the fail is not at the YAML value (things.yaml:13:13): %+v", res)
	}
}
