// Command mkstate derives a raw terraform.tfstate (format version 4) from the
// planned values of a plan JSON file, for test fixtures only: no apply is
// possible offline, so the "deployed" state is what the plan said it would
// be. Attributes known only after apply are filled with fake but plausible
// values (id, arn) or left out.
//
// Usage: go run ./internal/source/tfjson/testdata/mkstate plan.json > terraform.tfstate
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

type module struct {
	Address      string     `json:"address"`
	Resources    []resource `json:"resources"`
	ChildModules []module   `json:"child_modules"`
}

type resource struct {
	Address         string         `json:"address"`
	Mode            string         `json:"mode"`
	Type            string         `json:"type"`
	Name            string         `json:"name"`
	Index           any            `json:"index"`
	ProviderName    string         `json:"provider_name"`
	SchemaVersion   int            `json:"schema_version"`
	Values          map[string]any `json:"values"`
	SensitiveValues any            `json:"sensitive_values"`
}

type plan struct {
	TerraformVersion string `json:"terraform_version"`
	PlannedValues    struct {
		RootModule module `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown map[string]any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration struct {
		RootModule cfgModule `json:"root_module"`
	} `json:"configuration"`
	PriorState struct {
		Values struct {
			RootModule module `json:"root_module"`
		} `json:"values"`
	} `json:"prior_state"`
}

type cfgModule struct {
	Resources []struct {
		Mode        string         `json:"mode"`
		Type        string         `json:"type"`
		Name        string         `json:"name"`
		Expressions map[string]any `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module cfgModule `json:"module"`
	} `json:"module_calls"`
}

// dependencies approximates what Terraform records: the resources each
// resource's expressions reference directly, as absolute config addresses.
func dependencies(m cfgModule, path string, out map[string][]string) {
	for _, r := range m.Resources {
		addr := r.Type + "." + r.Name
		if r.Mode == "data" {
			addr = "data." + addr
		}
		if path != "" {
			addr = path + "." + addr
		}
		seen := map[string]bool{}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if refs, ok := v["references"].([]any); ok {
					for _, ref := range refs {
						s, _ := ref.(string)
						parts := strings.Split(strings.SplitN(s, "[", 2)[0], ".")
						if len(parts) != 2 {
							continue
						}
						switch parts[0] {
						case "var", "local", "module", "each", "count", "path", "self", "data":
							continue
						}
						dep := parts[0] + "." + parts[1]
						if path != "" {
							dep = path + "." + dep
						}
						if !seen[dep] {
							seen[dep] = true
							out[addr] = append(out[addr], dep)
						}
					}
				}
				for _, e := range v {
					walk(e)
				}
			case []any:
				for _, e := range v {
					walk(e)
				}
			}
		}
		walk(r.Expressions)
		sort.Strings(out[addr])
	}
	for name, c := range m.ModuleCalls {
		p := "module." + name
		if path != "" {
			p = path + "." + p
		}
		dependencies(c.Module, p, out)
	}
}

type stateResource struct {
	Module    string          `json:"module,omitempty"`
	Mode      string          `json:"mode"`
	Type      string          `json:"type"`
	Name      string          `json:"name"`
	Provider  string          `json:"provider"`
	Instances []stateInstance `json:"instances"`
}

type stateInstance struct {
	IndexKey            any                `json:"index_key,omitempty"`
	SchemaVersion       int                `json:"schema_version"`
	Attributes          map[string]any     `json:"attributes"`
	SensitiveAttributes [][]map[string]any `json:"sensitive_attributes"`
	Private             string             `json:"private,omitempty"`
	Dependencies        []string           `json:"dependencies,omitempty"`
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	var p plan
	if err := json.Unmarshal(data, &p); err != nil {
		fail(err)
	}
	var all []resource
	var mods []string
	var walk func(m module)
	walk = func(m module) {
		for _, r := range m.Resources {
			all = append(all, r)
			mods = append(mods, m.Address)
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(p.PriorState.Values.RootModule)
	// prior_state holds the data sources read during planning; keep only them.
	var keep []resource
	var keepMods []string
	for i, r := range all {
		if r.Mode == "data" {
			keep = append(keep, r)
			keepMods = append(keepMods, mods[i])
		}
	}
	all, mods = keep, keepMods
	walk(p.PlannedValues.RootModule)

	unknown := map[string]map[string]any{}
	for _, rc := range p.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	deps := map[string][]string{}
	dependencies(p.Configuration.RootModule, "", deps)
	byKey := map[string]*stateResource{}
	var order []string
	for i, r := range all {
		key := mods[i] + "|" + r.Mode + "." + r.Type + "." + r.Name
		sr := byKey[key]
		if sr == nil {
			sr = &stateResource{Module: mods[i], Mode: r.Mode, Type: r.Type, Name: r.Name,
				Provider: fmt.Sprintf("provider[%q]", r.ProviderName)}
			byKey[key] = sr
			order = append(order, key)
		}
		attrs := r.Values
		if attrs == nil {
			attrs = map[string]any{}
		}
		addr := r.Address
		if r.Mode == "managed" && mods[i] != "" && !strings.HasPrefix(addr, mods[i]+".") {
			addr = mods[i] + "." + addr
		}
		if unknown[addr]["id"] == true {
			attrs["id"] = fakeID(r, attrs)
		}
		if unknown[addr]["arn"] == true {
			attrs["arn"] = "arn:aws:fake:eu-west-1:123456789012:" + r.Type + "/" + fmt.Sprint(attrs["id"])
		}
		inst := stateInstance{IndexKey: r.Index, SchemaVersion: r.SchemaVersion, Attributes: attrs,
			SensitiveAttributes: [][]map[string]any{}}
		sensitivePaths(r.SensitiveValues, nil, &inst.SensitiveAttributes)
		if r.Mode == "managed" {
			inst.Private = "bnVsbA=="
			cfgAddr := r.Type + "." + r.Name
			if mods[i] != "" {
				cfgAddr = configPath(mods[i]) + "." + cfgAddr
			}
			inst.Dependencies = deps[cfgAddr]
		}
		sr.Instances = append(sr.Instances, inst)
	}
	sort.Strings(order)
	out := map[string]any{
		"version":           4,
		"terraform_version": p.TerraformVersion,
		"serial":            1,
		"lineage":           "2f1c1c2e-0d5e-4d7a-9c59-000000000001",
		"outputs":           map[string]any{},
		"check_results":     nil,
	}
	var rs []*stateResource
	for _, k := range order {
		rs = append(rs, byKey[k])
	}
	out["resources"] = rs
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fail(err)
	}
}

// configPath drops instance keys: module.q["a"] → module.q.
func configPath(mod string) string {
	var b strings.Builder
	depth := 0
	inStr := false
	for i := 0; i < len(mod); i++ {
		c := mod[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '"' && depth > 0:
			inStr = true
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func fakeID(r resource, attrs map[string]any) string {
	for _, k := range []string{"bucket", "identifier", "name", "alarm_name"} {
		if s, ok := attrs[k].(string); ok && s != "" {
			if r.Type == "aws_sqs_queue" {
				return "https://sqs.eu-west-1.amazonaws.com/123456789012/" + s
			}
			return s
		}
	}
	return strings.NewReplacer("[", "-", "]", "", "\"", "").Replace(r.Address)
}

// sensitivePaths turns a sensitive_values tree into state path steps.
func sensitivePaths(v any, path []map[string]any, out *[][]map[string]any) {
	switch v := v.(type) {
	case bool:
		if v {
			*out = append(*out, append([]map[string]any(nil), path...))
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			step := map[string]any{"type": "get_attr", "value": k}
			// Objects inside lists are nested blocks (attributes); objects
			// under an attribute are maps (string index).
			if len(path) > 0 && path[len(path)-1]["type"] == "get_attr" {
				step = map[string]any{"type": "index", "value": map[string]any{"value": k, "type": "string"}}
			}
			sensitivePaths(v[k], append(path, step), out)
		}
	case []any:
		for i, e := range v {
			sensitivePaths(e, append(path, map[string]any{"type": "index", "value": map[string]any{"value": i, "type": "number"}}), out)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mkstate:", err)
	os.Exit(1)
}
