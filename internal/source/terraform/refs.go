package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/zclconf/go-cty/cty"
)

// Graph edges from references.

// refsOf lists the resources a value refers to (its refMarks).
func refsOf(v cty.Value) []string {
	var out []string
	for m := range deepMarks(v) {
		if r, ok := m.(refMark); ok {
			out = append(out, r.addr)
		}
	}
	return dedupe(out)
}

// metaRefs are the references of the meta-arguments: the resources count
// and for_each are computed from, and those named in depends_on. Terraform
// orders the graph by them as by any other reference.
func (s *scope) metaRefs(body *hclsyntax.Body, expansion []string) []infra.Ref {
	attr := "count"
	if body.Attributes["for_each"] != nil {
		attr = "for_each"
	}
	var out []infra.Ref
	for _, r := range expansion {
		out = append(out, infra.Ref{Attr: attr, To: r})
	}
	if a := body.Attributes["depends_on"]; a != nil {
		for _, t := range s.mod.traversals(a.Expr) {
			k := depKey(t)
			v, ok := s.resources[k]
			if !ok && strings.HasPrefix(k, "module.") {
				v, ok = s.calls[strings.TrimPrefix(k, "module.")]
			}
			if ok {
				for _, r := range refsOf(v) {
					out = append(out, infra.Ref{Attr: "depends_on", To: r, How: infra.EdgeDependsOn})
				}
			}
		}
	}
	return out
}

// dedupeRefs drops repeated references (a dynamic block repeats its content).
func dedupeRefs(refs []infra.Ref) []infra.Ref {
	if len(refs) < 2 {
		return refs
	}
	seen := make(map[infra.Ref]bool, len(refs))
	out := refs[:0]
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
