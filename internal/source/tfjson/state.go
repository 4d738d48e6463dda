package tfjson

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// state loads terraform show -json output of a state.
func (l *loader) state() error {
	var s stateDoc
	if err := l.unmarshal(&s); err != nil {
		return err
	}
	l.checkVersion(s.FormatVersion)
	var insts []*instance
	if s.Values != nil {
		walkValues(&s.Values.RootModule, "", 0, func(mod string, r *valuesRes) {
			insts = append(insts, valuesInstance(mod, r))
		})
	}
	l.stateResources(insts)
	return nil
}

type rawStateDoc struct {
	Version          json.Number   `json:"version"`
	TerraformVersion string        `json:"terraform_version"`
	Resources        []rawResource `json:"resources"`
}

type rawResource struct {
	Module    string        `json:"module"`
	Mode      string        `json:"mode"`
	Type      string        `json:"type"`
	Name      string        `json:"name"`
	Instances []rawInstance `json:"instances"`
}

type rawInstance struct {
	IndexKey            span     `json:"index_key"`
	Deposed             string   `json:"deposed"`
	Attributes          span     `json:"attributes"`
	AttributesFlat      span     `json:"attributes_flat"`
	SensitiveAttributes span     `json:"sensitive_attributes"`
	Dependencies        []string `json:"dependencies"`
}

// rawState loads a terraform.tfstate file (format version 4).
func (l *loader) rawState() error {
	var s rawStateDoc
	if err := l.unmarshal(&s); err != nil {
		return err
	}
	if s.Version != "4" {
		return &Error{File: l.name, Msg: fmt.Sprintf("terraform.tfstate format version %s is not supported "+
			"(only version 4, written by Terraform 0.12 and later); run terraform show -json and load that", s.Version)}
	}
	var insts []*instance
	flat := 0
	for i := range s.Resources {
		rr := &s.Resources[i]
		for j := range rr.Instances {
			ri := &rr.Instances[j]
			if ri.Deposed != "" {
				continue // a deposed object waits to be destroyed
			}
			in := &instance{
				mod: rr.Module, mode: rr.Mode, typ: rr.Type, name: rr.Name,
				key:       formatKey(decodeAny(ri.IndexKey)),
				after:     ri.Attributes,
				dependsOn: ri.Dependencies,
			}
			if in.mode == "" {
				in.mode = "managed"
			}
			if len(ri.Attributes) == 0 && len(ri.AttributesFlat) > 0 {
				flat++
			}
			if paths, ok := decodeAny(ri.SensitiveAttributes).([]any); ok {
				in.sensTree = sensitiveTree(paths)
			}
			insts = append(insts, in)
		}
	}
	if flat > 0 {
		l.note(fmt.Sprintf("%d instance(s) use the legacy flat attribute format; their attributes were not read "+
			"(run terraform apply or terraform show -json to upgrade)", flat))
	}
	l.stateResources(insts)
	return nil
}

// stateResources turns state instances into resources. A state records no
// configuration, so edges come from each instance's dependencies (which
// include depends_on) and carry no attribute path (Ref.Attr is "").
func (l *loader) stateResources(insts []*instance) {
	byConfig := map[string][]string{}
	for _, in := range insts {
		if in.addr == "" {
			in.addr = join(in.mod, in.local()) + in.key
		}
		byConfig[in.configAddr()] = append(byConfig[in.configAddr()], in.addr)
	}
	conv := converter{names: map[string]string{}}
	for _, in := range insts {
		if in.typ == "" || in.name == "" {
			continue
		}
		r := &infra.Resource{Kind: in.kind(), Address: in.addr, Module: in.mod, Loc: l.locOf(in.addr), Origin: "state"}
		conv.addr = in.addr
		sens := in.sensTree
		if sens == nil {
			sens = decodeAny(in.sens)
		}
		r.Attrs = conv.attrs(decodeAny(in.after), nil, sens, cfgAll)
		seen := map[string]bool{}
		for _, dep := range in.dependsOn {
			for _, to := range byConfig[configAddrOf(dep)] {
				if to != in.addr && !seen[to] {
					seen[to] = true
					r.Refs = append(r.Refs, infra.Ref{To: to})
				}
			}
		}
		sort.Slice(r.Refs, func(i, j int) bool { return r.Refs[i].To < r.Refs[j].To })
		l.add(r, in.configAddr())
	}
	sortResources(l.resources)
}

// configAddrOf drops instance keys from a resource address:
// `module.q["a"].aws_sqs_queue.this[0]` → "module.q.aws_sqs_queue.this".
func configAddrOf(addr string) string {
	out := ""
	for _, t := range parseTraversal(addr) {
		if t.name != "" {
			out = join(out, t.name)
		}
	}
	return out
}
