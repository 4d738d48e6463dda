package ansible

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// comp is one component being loaded. Loading is two passes: the first
// reads plays, roles and tasks and learns which variables are only set
// when Ansible runs (set_fact, register, include_vars); the second
// evaluates every task in its scope, so that such a variable is unknown
// wherever it is used, also before the task that sets it.
type comp struct {
	l       *loader
	c       *infra.Component
	dir     string // the playbook's (or role's) directory
	cfg     config
	budget  int
	addrs   map[string]int
	runtime map[string]string
	plays   []*rawPlay
	tasks   []*rawTask
	extra   []*infra.Resource // roles and vars files, in load order
	varsRes map[string]bool
	roles   map[string]*role
	refs    []shell.Ref
	// invs are the inventories found, with the group_vars/host_vars next
	// to each; playVars are those next to the playbook.
	invs     []*inventory
	invDirs  []*varsDirs
	playVars *varsDirs
	full     bool // maxTasks reached, noted
	// applications counts role applications, against runaway fan-out.
	applications int
}

func newComp(l *loader, dir string) *comp {
	return &comp{l: l, dir: dir, budget: evalBudget, addrs: map[string]int{}, runtime: map[string]string{},
		varsRes: map[string]bool{}, roles: map[string]*role{}}
}

// note records a note about this component (once per loader).
func (c *comp) note(kind, file string, line int32, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = sprintf(format, args...)
	}
	n := infra.Note{Kind: kind, File: file, Line: int(line), Message: msg}
	before := len(c.l.notes)
	c.l.note(n)
	if len(c.l.notes) > before {
		c.c.Notes = append(c.c.Notes, n)
	}
}

// fileNote passes on a file's read or parse error.
func (c *comp) fileNote(fd *fileData) {
	if fd.err == nil {
		return
	}
	before := len(c.l.notes)
	c.l.note(*fd.err)
	if len(c.l.notes) > before {
		c.c.Notes = append(c.c.Notes, *fd.err)
	}
}

// unique returns addr, or addr#N when it is taken.
func (c *comp) unique(addr string) string {
	n := c.addrs[addr]
	c.addrs[addr] = n + 1
	if n == 0 {
		return addr
	}
	return addr + "#" + strconv.Itoa(n+1)
}

// rel is a path relative to the component's directory, for addresses.
func (c *comp) rel(p string) string {
	if r, err := filepath.Rel(c.dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// readVars reads a variables file into a layer and an ansible/Vars
// resource; a vault-encrypted file gives an opaque layer.
func (c *comp) readVars(path, level string, labels map[string]string) *layer {
	fd := c.l.read(path)
	c.l.claimed[filepath.Clean(path)] = true
	l := newLayer()
	if fd.err != nil {
		c.fileNote(fd)
		return l
	}
	loc := infra.Location{File: path, Pos: infra.Pos{Line: 1}}
	if fd.vault {
		l.opaque = path
	} else if fd.v.Kind() == infra.Object {
		l.set(fd.v, path)
	} else if !fd.v.IsNull() {
		c.note(infra.NoteError, path, fd.v.Loc.Line, "a variables file must be a mapping of names to values, not a %s", fd.v.Kind())
	}
	if c.varsRes[path] {
		return l
	}
	c.varsRes[path] = true
	attrs := []infra.Field{
		{Name: "file", Value: infra.StringValue(path).WithLoc(loc)},
		{Name: "level", Value: infra.StringValue(level).WithLoc(loc)},
		{Name: "vault_encrypted", Value: infra.BoolValue(fd.vault).WithLoc(loc)},
	}
	for _, k := range []string{"role", "group", "host"} {
		v := infra.NullValue()
		if s, ok := labels[k]; ok {
			v = infra.StringValue(s).WithLoc(loc)
		}
		attrs = append(attrs, infra.Field{Name: k, Value: v})
	}
	vars := infra.ObjectValue(nil).WithLoc(loc)
	if fd.vault {
		vars = vaultValue(loc)
	} else if fd.v.Kind() == infra.Object {
		vars = asWritten(markSecret("", fd.v))
	}
	attrs = append(attrs, infra.Field{Name: "vars", Value: vars})
	c.extra = append(c.extra, &infra.Resource{
		Kind: KindVars, Address: c.unique("vars:" + c.rel(path)), Name: c.rel(path), Origin: Origin,
		Loc: loc, Attrs: infra.ObjectValue(attrs).WithLoc(loc),
	})
	return l
}

// asWritten turns templates in a value into unknowns holding their text:
// a variables file's values are resolved where tasks use them.
func asWritten(v infra.Value) infra.Value {
	var out infra.Value
	switch v.Kind() {
	case infra.String:
		s, _ := v.Str()
		if !strings.Contains(s, "{{") && !strings.Contains(s, "{%") {
			return v
		}
		out = infra.UnknownValue(s, "a Jinja template, resolved where a task uses the variable").WithLoc(v.Loc)
	case infra.List:
		items := make([]infra.Value, len(v.List()))
		for i, x := range v.List() {
			items[i] = asWritten(x)
		}
		out = infra.ListValue(items).WithLoc(v.Loc)
	case infra.Object:
		fields := make([]infra.Field, 0, v.Len())
		for _, f := range v.Fields() {
			fields = append(fields, infra.Field{Name: f.Name, Value: asWritten(f.Value)})
		}
		out = infra.ObjectValue(fields).WithLoc(v.Loc)
	default:
		return v
	}
	if h := v.Hidden(); h != "" {
		out = out.WithHidden(h)
	}
	return out
}

// varsDir reads group_vars/ and host_vars/ of a directory: NAME, NAME.yml
// (.yaml, .json) files and NAME/ directories of files.
func (c *comp) varsDir(dir string) *varsDirs {
	out := &varsDirs{groups: map[string]*layer{}, hosts: map[string]*layer{}}
	for _, kind := range []string{"group_vars", "host_vars"} {
		base := filepath.Join(dir, kind)
		entries, err := c.l.tree.ReadDir(base)
		if err != nil {
			continue
		}
		into := out.groups
		level, label := "group_vars", "group"
		if kind == "host_vars" {
			into, level, label = out.hosts, "host_vars", "host"
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(base, name)
			var files []string
			if e.IsDir() {
				sub, err := c.l.tree.ReadDir(p)
				if err != nil {
					continue
				}
				for _, s := range sub {
					if !s.IsDir() && !strings.HasPrefix(s.Name(), ".") {
						files = append(files, filepath.Join(p, s.Name()))
					}
				}
			} else {
				ext := filepath.Ext(name)
				if ext != "" && !isYAMLName(name) || strings.HasPrefix(name, ".") {
					continue
				}
				name = strings.TrimSuffix(name, ext)
				files = []string{p}
			}
			l := into[name]
			if l == nil {
				l = newLayer()
				into[name] = l
			}
			for _, f := range files {
				fl := c.readVars(f, level, map[string]string{label: name})
				for k, d := range fl.vars {
					l.vars[k] = d
				}
				if fl.opaque != "" {
					l.opaque = fl.opaque
				}
			}
		}
	}
	return out
}

// loadInventories finds the inventories of a playbook: those ansible.cfg
// names, else hosts, inventory, *.ini and hosts.yml next to the playbook
// or ansible.cfg (each its own inventory: environments), and the files of
// an inventory/ directory or of each inventories/*/ directory (one
// inventory per directory).
func (c *comp) loadInventories() {
	var sources [][]string // files of one inventory
	addDir := func(d string) {
		entries, err := c.l.tree.ReadDir(d)
		if err != nil {
			return
		}
		var files []string
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".py") || strings.HasSuffix(n, ".sh") ||
				strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".cfg") {
				continue
			}
			files = append(files, filepath.Join(d, n))
		}
		if len(files) > 0 {
			sources = append(sources, files)
		}
	}
	if len(c.cfg.inventory) > 0 {
		for _, p := range c.cfg.inventory {
			if dir, ok := c.l.exists(p); ok {
				if dir {
					addDir(p)
				} else {
					sources = append(sources, []string{p})
				}
			}
		}
	} else {
		dirs := []string{c.dir}
		if c.cfg.file != "" && filepath.Dir(c.cfg.file) != c.dir {
			dirs = append(dirs, filepath.Dir(c.cfg.file))
		}
		for _, d := range dirs {
			entries, err := c.l.tree.ReadDir(d)
			if err != nil {
				continue
			}
			for _, e := range entries {
				p := filepath.Join(d, e.Name())
				switch {
				case !e.IsDir() && isInventoryName(e.Name()):
					sources = append(sources, []string{p})
				case e.IsDir() && e.Name() == "inventory":
					addDir(p)
				case e.IsDir() && e.Name() == "inventories":
					subs, _ := c.l.tree.ReadDir(p)
					for _, s := range subs {
						if s.IsDir() {
							addDir(filepath.Join(p, s.Name()))
						}
					}
				}
			}
		}
	}
	seenDirs := map[string]bool{}
	for _, files := range sources {
		dir := filepath.Dir(files[0])
		inv := newInventory(files[0], dir)
		if len(files) > 1 {
			inv.name = dir
		}
		read := false
		for _, f := range files {
			if c.readInventory(inv, f) {
				read = true
			}
		}
		if !read {
			continue
		}
		c.invs = append(c.invs, inv)
		if seenDirs[dir] || dir == c.dir {
			c.invDirs = append(c.invDirs, &varsDirs{groups: map[string]*layer{}, hosts: map[string]*layer{}})
		} else {
			c.invDirs = append(c.invDirs, c.varsDir(dir))
		}
		seenDirs[dir] = true
	}
}

// readInventory reads one inventory file into inv; false when it is not
// an inventory.
func (c *comp) readInventory(inv *inventory, f string) bool {
	if isYAMLName(f) {
		fd := c.l.read(f)
		if fd.err != nil || !looksLikeYAMLInventory(fd.v) {
			return false
		}
		c.l.claimed[f] = true
		inv.parseYAML(fd.v, f)
		return true
	}
	data, err := c.l.tree.ReadSource(f)
	if err != nil {
		return false
	}
	if isVault(string(data[:min(len(data), 64)])) || len(data) > 0 && !looksINI(data) {
		return false
	}
	c.l.claimed[f] = true
	for _, n := range inv.parseINI(f, data) {
		c.note(n.Kind, n.File, int32(n.Line), "%s", n.Message)
	}
	return true
}

// looksINI: text whose lines are section headers, comments or host and
// key=value lines, not a script or binary.
func looksINI(data []byte) bool {
	if strings.HasPrefix(string(data), "#!") || slices.Contains(data, 0) {
		return false
	}
	// A configuration file (tox.ini, pytest.ini) has key = value lines in
	// its sections; an inventory has host names there, and key=value
	// only after a host or in a [group:vars] section.
	vars := false
	for _, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			vars = strings.HasSuffix(strings.TrimRight(line, " ]"), ":vars")
			continue
		}
		if vars {
			continue
		}
		first, _, _ := strings.Cut(line, " ")
		if strings.Contains(first, "=") || strings.HasPrefix(strings.TrimSpace(line[len(first):]), "=") {
			return false
		}
	}
	return true
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
