package ansible

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Bounds against hostile or runaway input: how deep includes, role
// dependencies and playbook imports are followed, and how many tasks one
// component may hold. Real playbooks stay far below each.
const (
	maxIncludeDepth = 16
	maxTasks        = 20_000
)

// fileData is one YAML file read and parsed, shared by the components
// that read it.
type fileData struct {
	v     infra.Value // the first document
	data  []byte
	vault bool // encrypted whole with Ansible Vault
	err   *infra.Note
	// missing: the file does not exist (as opposed to unreadable).
	missing bool
}

type loader struct {
	ctx     context.Context
	tree    *confine.Tree
	roots   []string
	files   []string
	fileSet map[string]bool
	cache   map[string]*fileData
	claimed map[string]bool
	noted   map[string]bool
	notes   []infra.Note
	// usedRoles are the directories of roles some playbook applies.
	usedRoles map[string]bool
	// collections are the collections in the tree, by namespace.name.
	collections map[string]string
}

func newLoader(ctx context.Context, tree *confine.Tree, roots, files []string) *loader {
	l := &loader{ctx: ctx, tree: tree, roots: roots, fileSet: map[string]bool{}, cache: map[string]*fileData{},
		claimed: map[string]bool{}, noted: map[string]bool{}, usedRoles: map[string]bool{}}
	for _, f := range files {
		f = filepath.Clean(f)
		if !l.fileSet[f] {
			l.fileSet[f] = true
			l.files = append(l.files, f)
		}
	}
	sort.Strings(l.files)
	return l
}

// read reads and parses a YAML file once.
func (l *loader) read(path string) *fileData {
	path = filepath.Clean(path)
	if fd, ok := l.cache[path]; ok {
		return fd
	}
	fd := &fileData{}
	l.cache[path] = fd
	data, err := l.tree.ReadSource(path)
	if err != nil {
		fd.missing = errors.Is(err, fs.ErrNotExist)
		kind := infra.NoteError
		if fd.missing {
			kind = infra.NoteCoverage
		}
		fd.err = &infra.Note{Kind: kind, File: path, Message: "cannot be read: " + confine.ErrText(err)}
		return fd
	}
	fd.data = data
	if isVault(string(data[:min(len(data), 64)])) {
		fd.vault = true
		return fd
	}
	docs, err := yaml.Parse(path, data)
	if err != nil {
		var ye *yaml.Error
		n := &infra.Note{Kind: infra.NoteError, File: path, Message: "not valid YAML: " + err.Error()}
		if errors.As(err, &ye) {
			n.Line, n.Message = ye.Line, "not valid YAML: "+ye.Msg
		}
		fd.err = n
		return fd
	}
	if len(docs) > 0 {
		fd.v = docs[0].Value
	}
	return fd
}

// exists reports a regular file or directory inside the tree.
func (l *loader) exists(path string) (dir, ok bool) {
	st, err := l.tree.Stat(path)
	if err != nil {
		return false, false
	}
	return st.IsDir(), true
}

func (l *loader) note(n infra.Note) {
	key := fmt.Sprintf("%s:%d:%s", n.File, n.Line, n.Message)
	if l.noted[key] {
		return
	}
	l.noted[key] = true
	l.notes = append(l.notes, n)
}

func (l *loader) run() ([]*infra.Component, []shell.Ref, []string, []infra.Note) {
	roles := l.roleDirs()
	l.findCollections()
	var playbooks []string
	harness := map[string]bool{}
	for _, f := range l.files {
		if l.ctx.Err() != nil {
			break
		}
		if !isYAMLName(f) || strings.HasSuffix(strings.ToLower(f), ".json") || inRolePart(f, roles) {
			continue
		}
		head, err := l.tree.ReadHead(f)
		if err != nil || !startsWithList(head) {
			continue
		}
		fd := l.read(f)
		if fd.err != nil {
			// A file that starts as a list of plays but is not valid YAML:
			// only report it when it reads like a playbook.
			if bytes.Contains(head, []byte("hosts:")) || bytes.Contains(head, []byte("import_playbook")) {
				l.note(*fd.err)
				l.claimed[f] = true
			}
			continue
		}
		if !isPlaybookValue(fd.v) {
			continue
		}
		if h := testHarness(f, roles); h != "" {
			l.claimed[f] = true
			if !harness[h] {
				harness[h] = true
				l.note(infra.Note{Kind: infra.NoteCoverage, File: h,
					Message: "test playbooks (Molecule scenarios, a role's tests/) are not graded: they exercise roles, which are graded on their own"})
			}
			continue
		}
		playbooks = append(playbooks, f)
	}
	imported := l.importedPlaybooks(playbooks)
	var comps []*infra.Component
	var refs []shell.Ref
	for _, pb := range playbooks {
		if l.ctx.Err() != nil {
			break
		}
		l.claimed[pb] = true
		if imported[pb] {
			continue
		}
		c := newComp(l, filepath.Dir(pb))
		c.c = &infra.Component{Name: pb, Path: pb, Kind: ComponentPlaybook, Tool: Tool}
		c.playbook(pb)
		comps = append(comps, c.finish())
		refs = append(refs, c.refs...)
	}
	for _, dir := range roles {
		if l.ctx.Err() != nil {
			break
		}
		l.claimRole(dir)
		if l.usedRoles[dir] {
			continue
		}
		c := newComp(l, dir)
		c.c = &infra.Component{Name: dir, Path: dir, Kind: ComponentRole, Tool: Tool}
		c.standaloneRole(dir)
		comps = append(comps, c.finish())
		refs = append(refs, c.refs...)
	}
	claimed := make([]string, 0, len(l.claimed))
	for f := range l.claimed {
		claimed = append(claimed, f)
	}
	sort.Strings(claimed)
	return comps, refs, claimed, l.notes
}

// importedPlaybooks are the playbooks another playbook imports: graded
// through it only. Two playbooks that import each other are both graded.
func (l *loader) importedPlaybooks(playbooks []string) map[string]bool {
	by := map[string]map[string]bool{}
	for _, pb := range playbooks {
		for _, p := range l.read(pb).v.List() {
			if !isImport(p) {
				continue
			}
			for _, k := range []string{"import_playbook", "ansible.builtin.import_playbook", "include"} {
				if s, ok := p.Field(k).Str(); ok && !strings.Contains(s, "{{") {
					t := filepath.Join(filepath.Dir(pb), strings.Fields(s + " x")[0])
					if by[t] == nil {
						by[t] = map[string]bool{}
					}
					by[t][pb] = true
				}
			}
		}
	}
	out := map[string]bool{}
	for t, froms := range by {
		for f := range froms {
			if f != t && !by[f][t] {
				out[t] = true
			}
		}
	}
	return out
}

// roleParts are the directories of a role whose main file marks one.
var roleParts = []string{"tasks", "handlers", "defaults", "vars", "meta"}

// roleDirs are the directories laid out as roles among the files found:
// DIR/tasks/main.yml, or DIR/meta/main.yml with defaults, vars or handlers.
func (l *loader) roleDirs() []string {
	found := map[string]map[string]bool{}
	for _, f := range l.files {
		part := filepath.Base(filepath.Dir(f))
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".yml"), ".yaml")
		if base != "main" || !slices.Contains(roleParts, part) {
			continue
		}
		dir := filepath.Dir(filepath.Dir(f))
		if found[dir] == nil {
			found[dir] = map[string]bool{}
		}
		found[dir][part] = true
	}
	var out []string
	for dir, parts := range found {
		if parts["tasks"] || parts["meta"] && (parts["defaults"] || parts["vars"] || parts["handlers"]) {
			out = append(out, dir)
		}
	}
	sort.Strings(out)
	return out
}

// claimRole claims the YAML files of a role's own directories: they are
// the role's, whichever of them its tasks read.
func (l *loader) claimRole(dir string) {
	for _, f := range l.files {
		rel, err := filepath.Rel(dir, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if slices.Contains(roleParts, first) {
			l.claimed[f] = true
		}
	}
}

// config is what ansible.cfg says about where roles and inventories are.
type config struct {
	file      string
	rolesPath []string
	inventory []string
}

// findConfig reads the ansible.cfg nearest the playbook, in its directory
// or one above it inside the scanned roots (where a repository keeps it
// when playbooks sit in a subdirectory and ansible-playbook runs from the
// top).
func (l *loader) findConfig(dir string) config {
	for d := dir; ; {
		p := filepath.Join(d, "ansible.cfg")
		if data, err := l.tree.ReadFile(p); err == nil {
			l.claimed[p] = true
			return parseConfig(p, data)
		}
		parent := filepath.Dir(d)
		if parent == d || !l.inRoots(parent) {
			return config{}
		}
		d = parent
	}
}

func (l *loader) inRoots(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for _, r := range l.roots {
		ra, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		if st, err := l.tree.Stat(r); err == nil && !st.IsDir() {
			ra = filepath.Dir(ra)
		}
		if abs == ra || strings.HasPrefix(abs, ra+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

func parseConfig(file string, data []byte) config {
	c := config{file: file}
	dir := filepath.Dir(file)
	section := ""
	for _, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			section = strings.Trim(line, "[] ")
			continue
		}
		if section != "defaults" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if i := strings.Index(v, " ;"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		var list []string
		sep := ":"
		if k == "inventory" || k == "hostfile" {
			sep = ","
		}
		for _, p := range strings.Split(v, sep) {
			p = strings.TrimSpace(p)
			if p == "" || strings.HasPrefix(p, "~") || strings.HasPrefix(p, "$") {
				continue
			}
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			list = append(list, p)
		}
		switch k {
		case "roles_path":
			c.rolesPath = list
		case "inventory", "hostfile":
			c.inventory = list
		}
	}
	return c
}

// inRolePart reports a file inside a role's tasks, handlers, defaults,
// vars or meta directory: the role's, never a playbook.
func inRolePart(f string, roles []string) bool {
	for _, r := range roles {
		rel, err := filepath.Rel(r, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if slices.Contains(roleParts, first) {
			return true
		}
	}
	return false
}

// testHarness returns the directory of test playbooks a file belongs to:
// a Molecule scenario (…/molecule/NAME/), or a role's tests/ directory;
// "" for any other file.
func testHarness(f string, roles []string) string {
	parts := strings.Split(filepath.ToSlash(f), "/")
	for i := len(parts) - 2; i >= 0; i-- {
		if parts[i] == "molecule" {
			end := min(i+2, len(parts)-1)
			return filepath.FromSlash(strings.Join(parts[:end], "/"))
		}
	}
	dir := filepath.Dir(f)
	if filepath.Base(dir) == "tests" && slices.Contains(roles, filepath.Dir(dir)) {
		return dir
	}
	return ""
}

// findCollections maps the collections in the tree (a galaxy.yml with
// namespace and name) to their directories, so that a role named by its
// fully qualified name (devsec.hardening.ssh_hardening) is found in the
// collection being scanned.
func (l *loader) findCollections() {
	l.collections = map[string]string{}
	for _, f := range l.files {
		if filepath.Base(f) != "galaxy.yml" && filepath.Base(f) != "galaxy.yaml" {
			continue
		}
		fd := l.read(f)
		ns, _ := fd.v.Field("namespace").Str()
		name, _ := fd.v.Field("name").Str()
		if ns != "" && name != "" {
			l.collections[ns+"."+name] = filepath.Dir(f)
			l.claimed[f] = true
		}
	}
}
