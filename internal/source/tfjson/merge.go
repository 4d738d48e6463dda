package tfjson

import (
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// Merge grades a plan together with the configuration it was made from:
// values come from the plan, which settles what HCL leaves unknown (data
// sources, remote modules, computed counts); locations and the settings only
// HCL has (backend, required_version, module sources, provider blocks) come
// from the HCL component. Every resource is graded once, from the plan.
//
// Resources the HCL has but the plan does not are dropped: the plan says
// they will not exist (count = 0, a condition that is false).
func Merge(hcl *infra.Component, plan *Loaded) *infra.Component {
	byAddr := make(map[string]*infra.Resource, len(hcl.Resources))
	byConfig := make(map[string]*infra.Resource, len(hcl.Resources))
	out := &infra.Component{
		Name: hcl.Name, Path: hcl.Path,
		Kind: hcl.Kind + ", values from the plan", Tool: hcl.Tool,
	}
	for _, r := range hcl.Resources {
		// Settings, and the user data scripts of the configuration's text
		// (a plan keeps only their hash), come from the HCL.
		if r.IsSetting() || r.Kind == shell.KindScript {
			out.Resources = append(out.Resources, r)
			continue
		}
		byAddr[r.Address] = r
		if c := configAddrOf(r.Address); byConfig[c] == nil {
			byConfig[c] = r
		}
	}
	for _, comp := range plan.Components {
		out.Notes = append(out.Notes, comp.Notes...)
		for _, p := range comp.Resources {
			if p.IsSetting() {
				continue // HCL has these in full
			}
			h := byAddr[p.Address]
			if h == nil {
				c := plan.ConfigAddr[p.Address]
				if c == "" {
					c = configAddrOf(p.Address)
				}
				h = byConfig[c]
			}
			if h != nil {
				merged := *p
				merged.Loc, merged.ValueLocs = h.Loc, h.ValueLocs
				merged.Attrs = settledBy(p.Attrs, h.Attrs).PositionsFrom(h.Attrs)
				merged.Refs = unionRefs(p.Refs, h.Refs)
				if merged.Provider == "" {
					merged.Provider = h.Provider
				}
				p = &merged
			}
			out.Resources = append(out.Resources, p)
		}
	}
	// Keep the HCL's own errors; its coverage notes are about what the plan settles.
	for _, n := range hcl.Notes {
		if n.Kind == infra.NoteError {
			out.Notes = append(out.Notes, n)
		}
	}
	sortResources(out.Resources)
	return out
}

// unionRefs keeps the plan's references and adds the HCL's, which also see
// through locals (a plan's configuration section does not record them).
func unionRefs(a, b []infra.Ref) []infra.Ref {
	seen := make(map[infra.Ref]bool, len(a)+len(b))
	out := make([]infra.Ref, 0, len(a)+len(b))
	for _, refs := range [][]infra.Ref{a, b} {
		for _, r := range refs {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// settledBy marks which of a plan's top-level values came from outside the
// configuration's text: exactly those the .tf files alone could not know.
// A value the HCL knows was written in the code (perhaps as a variable's
// default), even when the plan shows it computed through a reference.
func settledBy(plan, hcl infra.Value) infra.Value {
	fields := make([]infra.Field, 0, plan.Len())
	for _, f := range plan.Fields() {
		h := hcl.Field(f.Name)
		fields = append(fields, infra.Field{Name: f.Name, Value: f.Value.WithExternal(hcl.Has(f.Name) && !h.IsKnown())})
	}
	return infra.ObjectValue(fields).WithLoc(plan.Loc)
}
