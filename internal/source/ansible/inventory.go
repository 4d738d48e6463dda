package ansible

import (
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// inventory is the hosts and groups of one inventory (a file, or the
// files of one inventory directory), with their variables.
type inventory struct {
	name   string // its file or directory, for messages
	dir    string // where its group_vars and host_vars sit
	groups map[string]*group
	hosts  map[string]*host
}

type group struct {
	name     string
	hosts    []string
	children []string
	vars     *layer
}

type host struct {
	name string
	vars *layer
}

func newInventory(name, dir string) *inventory {
	return &inventory{name: name, dir: dir, groups: map[string]*group{}, hosts: map[string]*host{}}
}

func (inv *inventory) group(name string) *group {
	g := inv.groups[name]
	if g == nil {
		g = &group{name: name, vars: newLayer()}
		inv.groups[name] = g
	}
	return g
}

func (inv *inventory) host(name string) *host {
	h := inv.hosts[name]
	if h == nil {
		h = &host{name: name, vars: newLayer()}
		inv.hosts[name] = h
	}
	return h
}

// parseINI reads an INI inventory: [group], [group:vars], [group:children]
// sections, host lines with key=value variables.
func (inv *inventory) parseINI(file string, data []byte) []infra.Note {
	var notes []infra.Note
	section, kind := "ungrouped", ""
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		loc := infra.Location{File: file, Pos: infra.Pos{Line: int32(i + 1), Col: 1}}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: file, Line: i + 1,
					Message: "an inventory section header is not closed with ]"})
				section, kind = "", ""
				continue
			}
			name := line[1:end]
			section, kind = name, ""
			if n, k, ok := strings.Cut(name, ":"); ok {
				section, kind = n, k
			}
			inv.group(section)
			continue
		}
		if section == "" {
			continue
		}
		switch kind {
		case "vars":
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: file, Line: i + 1,
					Message: "a line of [" + section + ":vars] is not key=value"})
				continue
			}
			k = strings.TrimSpace(k)
			inv.group(section).vars.vars[k] = varDef{v: markSecret(k, iniValue(strings.TrimSpace(v), loc)), from: file}
		case "children":
			g := inv.group(section)
			child := strings.Fields(line)[0]
			g.children = append(g.children, child)
			inv.group(child)
		case "":
			words := splitKV(line)
			if len(words) == 0 {
				continue
			}
			name := words[0]
			h := inv.host(name)
			g := inv.group(section)
			if !slices.Contains(g.hosts, name) {
				g.hosts = append(g.hosts, name)
			}
			for _, w := range words[1:] {
				if k, v, ok := strings.Cut(w, "="); ok {
					h.vars.vars[k] = varDef{v: markSecret(k, iniValue(unquote(v), loc)), from: file}
				}
			}
		}
	}
	return notes
}

// iniValue types an INI inventory value as Ansible does for variables
// defined there: a number or a boolean literal is one, the rest strings.
func iniValue(s string, loc infra.Location) infra.Value {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXeE_") {
		return infra.NumberValue(f).WithLoc(loc)
	}
	switch s {
	case "True", "true":
		return infra.BoolValue(true).WithLoc(loc)
	case "False", "false":
		return infra.BoolValue(false).WithLoc(loc)
	}
	return infra.StringValue(unquote(s)).WithLoc(loc)
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// parseYAML reads a YAML inventory: groups with hosts, vars and children.
func (inv *inventory) parseYAML(v infra.Value, file string) {
	for _, f := range v.Fields() {
		inv.yamlGroup(f.Name, f.Value, file, 0)
	}
}

func (inv *inventory) yamlGroup(name string, v infra.Value, file string, depth int) {
	g := inv.group(name)
	if depth > 64 {
		return
	}
	for _, h := range v.Field("hosts").Fields() {
		hh := inv.host(h.Name)
		hh.vars.set(h.Value, file)
		if !slices.Contains(g.hosts, h.Name) {
			g.hosts = append(g.hosts, h.Name)
		}
	}
	g.vars.set(v.Field("vars"), file)
	for _, c := range v.Field("children").Fields() {
		if !slices.Contains(g.children, c.Name) {
			g.children = append(g.children, c.Name)
		}
		inv.yamlGroup(c.Name, c.Value, file, depth+1)
	}
}

// looksLikeYAMLInventory: a mapping of groups, each with hosts, children
// or vars, and nothing else.
func looksLikeYAMLInventory(v infra.Value) bool {
	if v.Kind() != infra.Object || v.Len() == 0 {
		return false
	}
	for _, f := range v.Fields() {
		if f.Value.IsNull() {
			continue
		}
		if f.Value.Kind() != infra.Object {
			return false
		}
		for _, k := range f.Value.Fields() {
			switch k.Name {
			case "hosts", "children", "vars":
			default:
				return false
			}
		}
	}
	return true
}

// depths gives each group its depth below all, as Ansible orders group
// variables: a child group's win over its parent's.
func (inv *inventory) depths() map[string]int {
	d := map[string]int{}
	var walk func(name string, depth int, seen map[string]bool)
	walk = func(name string, depth int, seen map[string]bool) {
		if seen[name] || depth > 64 {
			return
		}
		if old, ok := d[name]; ok && old >= depth {
			return
		}
		d[name] = depth
		seen[name] = true
		if g := inv.groups[name]; g != nil {
			for _, c := range g.children {
				walk(c, depth+1, seen)
			}
		}
		delete(seen, name)
	}
	walk("all", 0, map[string]bool{})
	for name := range inv.groups {
		if _, ok := d[name]; !ok {
			walk(name, 1, map[string]bool{})
		}
	}
	return d
}

// groupsOf is every group a host is in, directly or through children,
// "all" included.
func (inv *inventory) groupsOf(hostName string) []string {
	parents := map[string][]string{}
	for _, g := range inv.groups {
		for _, c := range g.children {
			parents[c] = append(parents[c], g.name)
		}
	}
	in := map[string]bool{"all": true}
	var up func(string, int)
	up = func(name string, depth int) {
		if in[name] && name != "all" || depth > 64 {
			return
		}
		in[name] = true
		for _, p := range parents[name] {
			up(p, depth+1)
		}
	}
	for _, g := range inv.groups {
		if slices.Contains(g.hosts, hostName) {
			up(g.name, 0)
		}
	}
	out := make([]string, 0, len(in))
	for g := range in {
		out = append(out, g)
	}
	sort.Strings(out)
	return out
}

// members is every host of a group, through its children.
func (inv *inventory) members(name string) []string {
	seen := map[string]bool{}
	var hosts []string
	var walk func(string, int)
	walk = func(n string, depth int) {
		if seen[n] || depth > 64 {
			return
		}
		seen[n] = true
		g := inv.groups[n]
		if g == nil {
			return
		}
		for _, h := range g.hosts {
			if !slices.Contains(hosts, h) {
				hosts = append(hosts, h)
			}
		}
		for _, c := range g.children {
			walk(c, depth+1)
		}
	}
	if name == "all" {
		for h := range inv.hosts {
			hosts = append(hosts, h)
		}
		sort.Strings(hosts)
		return hosts
	}
	walk(name, 0)
	return hosts
}

// varsDirs are the group_vars and host_vars variables found in one
// directory (next to an inventory or a playbook): per group and per host,
// each a layer; a vault-encrypted file makes its layer opaque.
type varsDirs struct {
	groups map[string]*layer
	hosts  map[string]*layer
}

// target is one host a play may run on, with its chain of inventory
// layers, lowest first.
type target struct {
	name  string
	chain []*layer
}

// inventoryLayer resolves the inventory levels (group_vars/all, then
// group_vars of other groups, children over parents, then host_vars) for
// the hosts a play targets: a variable with the same definition on every
// target host is known, one that differs between them is not.
//
// hosts are the target host names per inventory, or nil when the play's
// host pattern cannot be resolved (then every host of every inventory may
// be targeted). With no inventory at all, group_vars/all applies, a group
// the pattern names applies, and a variable any other group_vars or
// host_vars file sets may differ between hosts.
func inventoryLayer(invs []*inventory, invDirs []*varsDirs, play *varsDirs, pattern []string) *layer {
	var targets []target
	for i, inv := range invs {
		var names []string
		if pattern == nil {
			names = inv.members("all")
		} else {
			for _, p := range pattern {
				switch {
				case p == "all" || p == "*":
					names = append(names, inv.members("all")...)
				case inv.groups[p] != nil:
					names = append(names, inv.members(p)...)
				case inv.hosts[p] != nil:
					names = append(names, p)
				}
			}
		}
		slices.Sort(names)
		names = slices.Compact(names)
		depth := inv.depths()
		for _, h := range names {
			groups := inv.groupsOf(h)
			sort.SliceStable(groups, func(a, b int) bool {
				if depth[groups[a]] != depth[groups[b]] {
					return depth[groups[a]] < depth[groups[b]]
				}
				return groups[a] < groups[b]
			})
			var chain []*layer
			for _, g := range groups {
				if gg := inv.groups[g]; gg != nil {
					chain = append(chain, gg.vars)
				}
				if l := invDirs[i].groups[g]; l != nil {
					chain = append(chain, l)
				}
				if l := play.groups[g]; l != nil {
					chain = append(chain, l)
				}
			}
			if hh := inv.hosts[h]; hh != nil {
				chain = append(chain, hh.vars)
			}
			if l := invDirs[i].hosts[h]; l != nil {
				chain = append(chain, l)
			}
			if l := play.hosts[h]; l != nil {
				chain = append(chain, l)
			}
			targets = append(targets, target{name: h, chain: chain})
		}
	}
	out := newLayer()
	out.unknown = map[string]string{}
	if len(invs) == 0 || len(targets) == 0 {
		// Hosts are not known: group_vars/all and the named group apply
		// to every host; any other group's or host's may.
		var chain []*layer
		if l := play.groups["all"]; l != nil {
			chain = append(chain, l)
		}
		named := ""
		if len(pattern) == 1 && pattern[0] != "all" && pattern[0] != "*" {
			named = pattern[0]
			if l := play.groups[named]; l != nil {
				chain = append(chain, l)
			}
		}
		for _, l := range chain {
			for k, d := range l.vars {
				out.vars[k] = d
			}
			if l.opaque != "" {
				out.opaque = l.opaque
			}
		}
		maybe := func(what string, l *layer) {
			for k := range l.vars {
				out.unknown[k] = "may differ between the hosts the play runs on: " + what + " sets it, and which hosts are in it is not known here"
			}
		}
		for _, g := range sortedKeys(play.groups) {
			if g != "all" && g != named {
				maybe("group_vars/"+g, play.groups[g])
			}
		}
		for _, h := range sortedKeys(play.hosts) {
			maybe("host_vars/"+h, play.hosts[h])
		}
		return out
	}
	names := map[string]bool{}
	for _, t := range targets {
		for _, l := range t.chain {
			for k := range l.vars {
				names[k] = true
			}
			if l.opaque != "" {
				out.opaque = l.opaque
			}
		}
	}
	for k := range names {
		var first varDef
		var firstOK bool
		same := true
		for i, t := range targets {
			d, ok := lookupChain(t.chain, k)
			if i == 0 {
				first, firstOK = d, ok
				continue
			}
			if ok != firstOK || ok && !sameDef(d, first) {
				same = false
				break
			}
		}
		switch {
		case !same:
			out.unknown[k] = "differs between the hosts the play runs on (group_vars, host_vars or inventory variables set it differently)"
		case firstOK && first.from == opaqueDef:
			out.unknown[k] = "may be set in a vault-encrypted group_vars or host_vars file, which is never decrypted"
		case firstOK:
			out.vars[k] = first
		}
	}
	return out
}

// opaqueDef marks a lookup that reached a vault-encrypted file.
const opaqueDef = "\x00vault"

func lookupChain(chain []*layer, name string) (varDef, bool) {
	for i := len(chain) - 1; i >= 0; i-- {
		if d, ok := chain[i].vars[name]; ok {
			return d, true
		}
		if chain[i].opaque != "" {
			return varDef{from: opaqueDef}, true
		}
	}
	return varDef{}, false
}

// sameDef reports two definitions that give a host the same value: the
// same definition, or equal values with no templates in them (written in
// two host_vars files alike).
func sameDef(a, b varDef) bool {
	if a.from == b.from && a.v.Loc == b.v.Loc {
		return true
	}
	return a.from != opaqueDef && b.from != opaqueDef && equalPlain(a.v, b.v)
}

// equalPlain reports equal known values holding no template.
func equalPlain(a, b infra.Value) bool {
	if a.Kind() != b.Kind() || !a.IsKnown() || a.Hidden() != b.Hidden() {
		return false
	}
	switch a.Kind() {
	case infra.List:
		if a.Len() != b.Len() {
			return false
		}
		for i, x := range a.List() {
			if !equalPlain(x, b.List()[i]) {
				return false
			}
		}
		return true
	case infra.Object:
		if a.Len() != b.Len() {
			return false
		}
		for i, f := range a.Fields() {
			g := b.Fields()[i]
			if f.Name != g.Name || !equalPlain(f.Value, g.Value) {
				return false
			}
		}
		return true
	}
	x, _ := a.Str()
	y, _ := b.Str()
	return x == y && !strings.Contains(x, "{{") && !strings.Contains(x, "{%")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// hostPattern splits a play's hosts into simple names (groups or hosts);
// nil when it uses anything else (exclusions, intersections, wildcards,
// ranges, regular expressions), whose hosts are not resolved here.
func hostPattern(v infra.Value) []string {
	var words []string
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		words = strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' || r == ' ' })
	case infra.List:
		for _, x := range v.List() {
			s, ok := x.Str()
			if !ok || !x.IsKnown() {
				return nil
			}
			words = append(words, strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' || r == ' ' })...)
		}
	default:
		return nil
	}
	for _, w := range words {
		if strings.ContainsAny(w, "!&*?[]~{}") {
			if w == "*" && len(words) == 1 {
				continue
			}
			return nil
		}
	}
	if len(words) == 0 {
		return nil
	}
	return words
}

// inventoryCandidates are the inventory files next to a playbook (a dir):
// hosts, inventory, *.ini, hosts.yml and inventory.yml in it; and the files
// of inventory/ and inventories/*/ below it.
func isInventoryName(name string) bool {
	switch name {
	case "hosts", "inventory", "hosts.ini", "inventory.ini", "hosts.yml", "hosts.yaml", "inventory.yml", "inventory.yaml":
		return true
	}
	return strings.HasSuffix(name, ".ini") || strings.HasSuffix(name, ".inventory")
}

func isYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yml" || ext == ".yaml" || ext == ".json"
}
