package compose

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/consts"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/dockerfile"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Tool is what settles the unknown values of a Compose project.
const Tool = "Docker Compose"

// Resource kinds.
const (
	KindService = "compose/Service"
	KindVolume  = "compose/Volume"
	KindNetwork = "compose/Network"
	KindSecret  = "compose/Secret"
	KindConfig  = "compose/Config"
)

func init() {
	// The loader logs warnings (an obsolete version key, unset variables)
	// through logrus's global logger; prodgrade reports what matters as
	// notes and unknowns instead.
	logrus.SetOutput(io.Discard)
}

// project is one set of Compose files loaded together.
type project struct {
	dir   string
	files []string // in merge order
	stdin *source.Stdin
	// variant is the variant file (docker-compose.prod.yml) the project
	// is named after, beside its directory's main project.
	variant string
}

// loaderState is shared by the projects of one scan: which Dockerfiles
// they build, so that the rest can be graded on their own.
type loaderState struct {
	in              *source.Input
	opts            *Options
	mu              sync.Mutex
	built           map[string]bool // real paths of Dockerfiles some project builds
	stdinDockerfile *source.Stdin
}

func (l *loaderState) markBuilt(path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.built[path] = true
}

func (l *loaderState) isBuilt(path string) bool {
	real, err := l.in.Tree.Resolve(path)
	if err != nil {
		real = filepath.Clean(path)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.built[real]
}

// projects groups Compose files as Docker Compose would find them: in each
// directory, the main file (compose.yaml, then compose.yml,
// docker-compose.yaml, docker-compose.yml) with its .override file; each
// other variant (docker-compose.prod.yml) is a project of its own, the
// main file with the variant merged over it, as `docker compose -f
// docker-compose.yml -f docker-compose.prod.yml` loads it. --compose-file
// makes one project of the files it names.
func (l *loaderState) projects(files []string) []project {
	var out []project
	// The directories of --compose-file files hold that one project: their
	// other Compose files are its alternatives, not projects of their own.
	explicit := map[string]bool{}
	if len(l.opts.Files) > 0 {
		out = append(out, project{dir: filepath.Dir(l.opts.Files[0]), files: l.opts.Files})
		for _, f := range l.opts.Files {
			explicit[filepath.Dir(filepath.Clean(f))] = true
		}
	}
	byDir := map[string][]string{}
	var dirs []string
	for _, f := range files {
		if explicit[filepath.Dir(filepath.Clean(f))] {
			continue
		}
		d := filepath.Dir(f)
		if _, ok := byDir[d]; !ok {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		var main, override string
		var variants []string
		for _, f := range byDir[d] {
			stem := strings.TrimSuffix(strings.ToLower(filepath.Base(f)), filepath.Ext(f))
			switch {
			case stem == "compose" || stem == "docker-compose":
				if main == "" || rank(f) < rank(main) {
					main = f
				}
			case stem == "compose.override" || stem == "docker-compose.override":
				override = f
			default:
				variants = append(variants, f)
			}
		}
		sort.Strings(variants)
		if main != "" {
			p := project{dir: d, files: []string{main}}
			if override != "" {
				p.files = append(p.files, override)
			}
			out = append(out, p)
		} else if override != "" {
			variants = append([]string{override}, variants...)
		}
		for _, v := range variants {
			p := project{dir: d, files: []string{v}, variant: filepath.Base(v)}
			if main != "" {
				p.files = []string{main, v}
			}
			out = append(out, p)
		}
	}
	return out
}

// rank is Docker Compose's order of preference among main file names.
func rank(f string) int {
	return slices.Index([]string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}, strings.ToLower(filepath.Base(f)))
}

// unsetMark brackets the name of a variable that has no value, in place of
// the empty string Docker Compose would substitute, so that the values it
// reaches become unknown. The private-use characters cannot occur in a
// real value.
const (
	unsetOpen  = "\uE000"
	unsetClose = "\uE001"
)

var unsetRef = regexp.MustCompile(unsetOpen + `([^` + unsetClose + `]*)` + unsetClose)

// loadProject loads one project into a component. It returns nil and a
// note when the files cannot be loaded.
func (l *loaderState) loadProject(ctx context.Context, p project) (*infra.Component, []infra.Note) {
	ctx, cancel := l.in.Limits.Context(ctx)
	defer cancel()
	var notes []infra.Note
	details := types.ConfigDetails{WorkingDir: absDir(p.dir)}
	positions := make([]infra.Value, 0, len(p.files))
	for _, f := range p.files {
		var data []byte
		var err error
		if p.stdin != nil {
			data = p.stdin.Data
		} else if data, err = l.in.Tree.ReadSource(f); err != nil {
			return nil, []infra.Note{{Kind: infra.NoteError, File: f, Message: "cannot read: " + err.Error()}}
		}
		docs, err := yaml.Parse(f, data)
		if err != nil {
			n := infra.Note{Kind: infra.NoteError, File: f, Message: err.Error()}
			var ye *yaml.Error
			if errors.As(err, &ye) {
				n.Line, n.Message = ye.Line, ye.Msg
			}
			return nil, []infra.Note{n}
		}
		if len(docs) > 0 && docs[0].Value.Kind() == infra.List && p.stdin == nil {
			// A list is never a Compose file: an Ansible tasks file that
			// happens to be called docker-compose.yml (its role grades it).
			return nil, []infra.Note{{Kind: infra.NoteCoverage, File: f, Line: int(docs[0].Value.Loc.Line),
				Message: "named like a Compose file, but its top level is a list, not a mapping: not a Compose file, so not graded as one"}}
		}
		if len(docs) > 0 {
			positions = append(positions, docs[0].Value)
			for _, d := range docs[0].Duplicates {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: f, Line: int(d.Loc.Line), Col: int(d.Loc.Col),
					Message: fmt.Sprintf("key %s is written twice in one mapping (first at line %d); Docker Compose refuses the file", d.Key, d.First)})
			}
		}
		abs, _ := filepath.Abs(f)
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: abs, Content: data})
	}
	if len(notes) > 0 {
		return nil, notes
	}
	for i, doc := range positions {
		if n := l.includeEscapes(p.files[i], doc); n != nil {
			return nil, []infra.Note{*n}
		}
	}
	details.Environment = l.dotenv(p.dir)
	proj, err := l.compose(ctx, details, p, true)
	if err != nil {
		// Retry as Docker Compose runs it, unset variables empty, in case
		// a marked value is what failed (a port "${PORT}:80").
		if proj2, err2 := l.compose(ctx, details, p, false); err2 == nil {
			proj, err = proj2, nil
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: p.files[0],
				Message: "some variables have no value (not in .env); the project is graded with them empty, as Docker Compose would run it"})
		}
	}
	if err != nil {
		return nil, []infra.Note{loadError(p.files[len(p.files)-1], err)}
	}
	c := l.component(p, proj, mergePositions(positions))
	return c, append(notes, c.Notes...)
}

// compose runs the compose-spec loader. With mark, a variable that has no
// value and no default becomes unsetMark-bracketed text instead of "".
func (l *loaderState) compose(ctx context.Context, details types.ConfigDetails, p project, mark bool) (*types.Project, error) {
	return loader.LoadWithContext(ctx, details, func(o *loader.Options) {
		o.SetProjectName(loader.NormalizeProjectName(filepath.Base(details.WorkingDir)), false)
		o.Profiles = []string{"*"}
		if len(l.opts.Profiles) > 0 {
			o.Profiles = l.opts.Profiles
		}
		// env_file and label_file would be read from disk past the tree.
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
		o.ResourceLoaders = []loader.ResourceLoader{confined{l.in}}
		o.Interpolate.Substitute = substitute(mark)
	})
}

// substitute interpolates as Docker Compose does, without its warnings,
// marking variables that have no value when mark is set.
func substitute(mark bool) func(string, template.Mapping) (string, error) {
	return func(s string, m template.Mapping) (string, error) {
		return template.SubstituteWithOptions(s, m, template.WithoutLogging,
			template.WithReplacementFunction(func(sub string, mp template.Mapping, cfg *template.Config) (string, error) {
				var missing []string
				lookup := func(k string) (string, bool) {
					v, ok := mp(k)
					if !ok {
						missing = append(missing, k)
					}
					return v, ok
				}
				v, applied, err := template.DefaultReplacementAppliedFunc(sub, lookup, cfg)
				if err == nil && !applied && len(missing) > 0 && mark {
					return unsetOpen + missing[0] + unsetClose, nil
				}
				return v, err
			}))
	}
}

// dotenv reads the project directory's .env through the tree: the values
// Docker Compose interpolates with. The process environment is not read,
// so that what a CI job holds never reaches a report.
func (l *loaderState) dotenv(dir string) map[string]string {
	data, err := l.in.Tree.ReadFile(filepath.Join(dir, ".env"))
	if err != nil {
		return map[string]string{}
	}
	env, err := dotenv.ParseWithLookup(strings.NewReader(string(data)), func(string) (string, bool) { return "", false })
	if err != nil {
		return map[string]string{}
	}
	return env
}

// includeEscapes checks the files an include entry names that the loader
// reads itself, past its resource loaders (env_file, project_directory):
// a project that names one outside the tree is not loaded.
func (l *loaderState) includeEscapes(file string, doc infra.Value) *infra.Note {
	for _, inc := range doc.Get("include").List() {
		var paths []infra.Value
		paths = append(paths, inc.Get("project_directory"))
		if ef := inc.Get("env_file"); ef.Kind() == infra.List {
			paths = append(paths, ef.List()...)
		} else {
			paths = append(paths, ef)
		}
		for _, v := range paths {
			written, ok := v.Str()
			if !ok || written == "" {
				continue
			}
			s := written
			if !filepath.IsAbs(s) {
				s = filepath.Join(filepath.Dir(file), s)
			}
			if _, err := l.in.Tree.Resolve(s); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return &infra.Note{Kind: infra.NoteError, File: file, Line: int(v.Loc.Line),
					Message: fmt.Sprintf("include names %s, which %s; the project is not loaded", written, reason(err))}
			}
		}
	}
	return nil
}

// confined is the loader's only way to files that include and extends
// name: through the tree, so that a project cannot read outside the scan.
type confined struct{ in *source.Input }

func (confined) Accept(string) bool { return true }

func (c confined) Load(ctx context.Context, path string) (string, error) {
	if strings.Contains(path, "://") || strings.HasPrefix(path, "git@") {
		return "", fmt.Errorf("%s is remote; remote includes are never fetched", path)
	}
	if !filepath.IsAbs(path) {
		if from, ok := ctx.Value(consts.ComposeFileKey{}).(string); ok {
			path = filepath.Join(filepath.Dir(from), path)
		}
	}
	real, err := c.in.Tree.Resolve(path)
	if err != nil {
		return "", err
	}
	return real, nil
}

func (confined) Dir(path string) string { return filepath.Dir(path) }

// lineInError finds "line N" in a loader error, which carries no typed position.
var lineInError = regexp.MustCompile(`line (\d+)`)

func loadError(file string, err error) infra.Note {
	n := infra.Note{Kind: infra.NoteError, File: file, Message: strings.ReplaceAll(err.Error(), "\n", " ")}
	if m := lineInError.FindStringSubmatch(n.Message); m != nil {
		fmt.Sscan(m[1], &n.Line)
	}
	return n
}

func absDir(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return abs
}

// mergePositions overlays the position trees of the files in merge order,
// so that each value is located in the last file that wrote it.
func mergePositions(files []infra.Value) infra.Value {
	var out infra.Value
	for _, f := range files {
		out = overlay(out, asLoaded(f))
	}
	return out
}

// asLoaded rewrites a file's services where the loader changes the
// shape of what was written: environment and labels written as a list of
// "NAME=value" become maps, as the loader makes them, so that each entry
// is located at its own line.
func asLoaded(file infra.Value) infra.Value {
	svcs := file.Field("services")
	if svcs.Kind() != infra.Object {
		return file
	}
	services := make([]infra.Field, 0, len(svcs.Fields()))
	for _, svc := range svcs.Fields() {
		v := svc.Value
		if v.Kind() == infra.Object {
			fields := make([]infra.Field, 0, len(v.Fields()))
			for _, f := range v.Fields() {
				switch {
				case (f.Name == "environment" || f.Name == "labels") && f.Value.Kind() == infra.List:
					f.Value = listToMap(f.Value)
				case f.Name == "ports" && f.Value.Kind() == infra.List:
					f.Value = expandPortRanges(f.Value)
				}
				fields = append(fields, f)
			}
			v = infra.ObjectValue(fields).WithLoc(v.Loc)
		}
		services = append(services, infra.Field{Name: svc.Name, Value: v})
	}
	fields := make([]infra.Field, 0, len(file.Fields()))
	for _, f := range file.Fields() {
		if f.Name == "services" {
			f.Value = infra.ObjectValue(services).WithLoc(svcs.Loc)
		}
		fields = append(fields, f)
	}
	return infra.ObjectValue(fields).WithLoc(file.Loc)
}

// expandPortRanges repeats a port written as a range ("9000-9001:9000-9001")
// once per port, as the loader expands it, so that the entries after it
// keep their own lines.
func expandPortRanges(list infra.Value) infra.Value {
	var items []infra.Value
	for _, item := range list.List() {
		n := 1
		if s, ok := item.Str(); ok && item.Kind() == infra.String {
			s, _, _ = strings.Cut(s, "/")
			ports := s[strings.LastIndexByte(s, ':')+1:]
			if lo, hi, isRange := strings.Cut(ports, "-"); isRange {
				var a, b int
				if _, err := fmt.Sscan(lo, &a); err == nil {
					if _, err := fmt.Sscan(hi, &b); err == nil && b >= a && b-a < 65536 {
						n = b - a + 1
					}
				}
			}
		}
		for range n {
			items = append(items, item)
		}
	}
	return infra.ListValue(items).WithLoc(list.Loc)
}

// listToMap turns ["A=1", "B"] into {A: "1", B: null}, each at its item's line.
func listToMap(list infra.Value) infra.Value {
	fields := make([]infra.Field, 0, len(list.List()))
	for _, item := range list.List() {
		s, _ := item.Str()
		name, _, _ := strings.Cut(s, "=")
		fields = append(fields, infra.Field{Name: name, Value: item})
	}
	return infra.ObjectValue(fields).WithLoc(list.Loc)
}

func overlay(a, b infra.Value) infra.Value {
	if a.Kind() != infra.Object || b.Kind() != infra.Object {
		if b.IsNull() {
			return a
		}
		return b
	}
	fields := make([]infra.Field, 0, len(a.Fields())+len(b.Fields()))
	for _, f := range a.Fields() {
		if !b.Has(f.Name) {
			fields = append(fields, f)
		}
	}
	for _, f := range b.Fields() {
		fields = append(fields, infra.Field{Name: f.Name, Value: overlay(a.Field(f.Name), f.Value)})
	}
	return infra.ObjectValue(fields).WithLoc(b.Loc)
}

// goValue converts what encoding/json decoded into a value; strings that
// carry an unset variable's mark become unknown.
func goValue(x any) infra.Value {
	switch t := x.(type) {
	case nil:
		return infra.NullValue()
	case bool:
		return infra.BoolValue(t)
	case float64:
		return infra.NumberValue(t)
	case string:
		if m := unsetRef.FindStringSubmatch(t); m != nil {
			return infra.UnknownValue(unsetRef.ReplaceAllString(t, "$${$1}"),
				fmt.Sprintf("variable %s has no value in the project's .env; it is set where Docker Compose runs", m[1]))
		}
		return infra.StringValue(t)
	case []any:
		items := make([]infra.Value, len(t))
		for i, e := range t {
			items[i] = goValue(e)
		}
		return infra.ListValue(items)
	case map[string]any:
		fields := make([]infra.Field, 0, len(t))
		for k, e := range t {
			fields = append(fields, infra.Field{Name: k, Value: goValue(e)})
		}
		return infra.ObjectValue(fields)
	}
	return infra.NullValue()
}

// toValue is a loaded compose type as a value.
func toValue(x any) infra.Value {
	data, err := json.Marshal(x)
	if err != nil {
		return infra.NullValue()
	}
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		return infra.NullValue()
	}
	return goValue(generic)
}

// component builds the project's resources and their edges.
func (l *loaderState) component(p project, proj *types.Project, pos infra.Value) *infra.Component {
	file := p.files[0]
	loc := func(v infra.Value) infra.Location {
		if v.Loc.Line == 0 {
			return infra.Location{File: file, Pos: infra.Pos{Line: 1, Col: 1}}
		}
		return v.Loc
	}
	name := proj.Name
	if p.variant != "" {
		name += " (" + p.variant + ")"
	}
	c := &infra.Component{Name: name, Path: p.dir, Tool: Tool,
		Kind: "compose project (" + strings.Join(baseNames(p.files), " + ") + ")"}
	add := func(kind, section, name string, x any) *infra.Resource {
		at := pos.Field(section).Field(name)
		attrs := toValue(x).PositionsFrom(at)
		r := &infra.Resource{Kind: kind, Address: section + "." + name, Name: name, Attrs: attrs, Loc: loc(at), Origin: "compose"}
		c.Resources = append(c.Resources, r)
		return r
	}
	for _, name := range sortedKeys(proj.Volumes) {
		add(KindVolume, "volumes", name, proj.Volumes[name])
	}
	for _, name := range sortedKeys(proj.Networks) {
		add(KindNetwork, "networks", name, proj.Networks[name])
	}
	for _, name := range sortedKeys(proj.Secrets) {
		add(KindSecret, "secrets", name, proj.Secrets[name])
	}
	for _, name := range sortedKeys(proj.Configs) {
		add(KindConfig, "configs", name, proj.Configs[name])
	}
	stages := map[string][]*infra.Resource{} // Dockerfile real path → its stages
	for _, name := range sortedKeys(proj.Services) {
		svc := proj.Services[name]
		r := add(KindService, "services", name, svc)
		l.link(c, r, svc, proj, stages)
	}
	return c
}

// link records a service's edges, loading the Dockerfile it builds into
// the component the first time one is met.
func (l *loaderState) link(c *infra.Component, r *infra.Resource, svc types.ServiceConfig, proj *types.Project, stages map[string][]*infra.Resource) {
	for _, v := range svc.Volumes {
		if v.Type == types.VolumeTypeVolume && v.Source != "" {
			if _, ok := proj.Volumes[v.Source]; ok {
				r.Refs = append(r.Refs, infra.Ref{Attr: "volumes", To: "volumes." + v.Source, How: infra.EdgeVolume})
			}
		}
	}
	for n := range svc.Networks {
		if _, ok := proj.Networks[n]; ok {
			r.Refs = append(r.Refs, infra.Ref{Attr: "networks", To: "networks." + n, How: infra.EdgeName})
		}
	}
	for _, s := range svc.Secrets {
		r.Refs = append(r.Refs, infra.Ref{Attr: "secrets", To: "secrets." + s.Source, How: infra.EdgeName})
	}
	for _, s := range svc.Configs {
		r.Refs = append(r.Refs, infra.Ref{Attr: "configs", To: "configs." + s.Source, How: infra.EdgeName})
	}
	for _, d := range sortedKeys(svc.DependsOn) {
		r.Refs = append(r.Refs, infra.Ref{Attr: "depends_on", To: "services." + d, How: infra.EdgeDependsOn})
	}
	b := svc.Build
	if b == nil || b.DockerfileInline != "" || strings.Contains(b.Context, "://") {
		return
	}
	df := b.Dockerfile
	if df == "" {
		df = "Dockerfile"
	}
	if !filepath.IsAbs(df) {
		df = filepath.Join(b.Context, df)
	}
	// The loader made the context absolute; findings point at the path
	// as the scan was given it.
	if r, err := filepath.Rel(absDir(c.Path), df); err == nil && !strings.HasPrefix(r, "..") {
		df = filepath.Join(c.Path, r)
	}
	real, err := l.in.Tree.Resolve(df)
	if err != nil {
		c.Notes = append(c.Notes, infra.Note{Kind: infra.NoteCoverage, File: r.Loc.File, Line: int(r.Loc.Line),
			Message: fmt.Sprintf("service %s builds from %s, which %s; its image is graded without it", r.Name, df, reason(err))})
		return
	}
	l.markBuilt(real)
	ss, seen := stages[real]
	if !seen {
		data, err := l.in.Tree.ReadSource(df)
		if err != nil {
			c.Notes = append(c.Notes, infra.Note{Kind: infra.NoteError, File: df, Message: "cannot read: " + err.Error()})
			stages[real] = nil
			return
		}
		var notes []infra.Note
		ss, notes = dockerfile.Parse(df, data)
		c.Notes = append(c.Notes, notes...)
		stages[real] = ss
		c.Resources = append(c.Resources, ss...)
	}
	if st := target(ss, b.Target); st != nil {
		r.Refs = append(r.Refs, infra.Ref{Attr: "build", To: st.Address, How: infra.EdgeBuild})
	} else if len(ss) > 0 {
		c.Notes = append(c.Notes, infra.Note{Kind: infra.NoteError, File: r.Loc.File, Line: int(r.Loc.Line),
			Message: fmt.Sprintf("service %s builds target %q, which is not a stage of %s", r.Name, b.Target, df)})
	}
}

// target is the stage a build makes: the named target, else the last.
func target(stages []*infra.Resource, name string) *infra.Resource {
	if len(stages) == 0 {
		return nil
	}
	if name == "" {
		return stages[len(stages)-1]
	}
	for _, s := range stages {
		if strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}

// loadDockerfile grades a Dockerfile no project builds, as the image of
// its directory.
func (l *loaderState) loadDockerfile(f string) (*infra.Component, []infra.Note) {
	var data []byte
	name := filepath.Base(filepath.Dir(f)) + " image"
	if b := filepath.Base(f); b != "Dockerfile" {
		name += " (" + b + ")"
	}
	if s := l.stdinDockerfile; s != nil && f == s.Name {
		data, name = s.Data, "image from standard input"
	} else {
		var err error
		if data, err = l.in.Tree.ReadSource(f); err != nil {
			return nil, []infra.Note{{Kind: infra.NoteError, File: f, Message: "cannot read: " + err.Error()}}
		}
	}
	stages, notes := dockerfile.Parse(f, data)
	if len(stages) == 0 {
		return nil, notes
	}
	return &infra.Component{Name: name, Path: f, Kind: "dockerfile (an image no scanned Compose file builds)",
		Tool: "docker build", Resources: stages}, notes
}

func reason(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

func baseNames(files []string) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = filepath.Base(f)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
