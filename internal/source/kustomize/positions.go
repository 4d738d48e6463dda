package kustomize

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sigs.k8s.io/kustomize/api/resource"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	pyaml "github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Where findings point.
//
// A finding should point at the file that set the value, which for a built
// object is not the build's output but a base manifest, a patch or the
// kustomization itself. Kustomize says where each object came from when
// asked (buildMetadata: originAnnotations, transformerAnnotations, which
// sanitize adds to the root kustomization): config.kubernetes.io/origin
// names the file the object was read from (or the kustomization whose
// generator made it), alpha.config.kubernetes.io/transformations the
// kustomizations whose patches and other transformers ran over it. Both
// annotations are taken off the objects, so rules never see them.
//
// Each value of a built object is then located as follows.
//
//   - Sources: the object's document in its origin file, read through the
//     tree and parsed with the position-keeping YAML pass (the document of
//     the same kind whose name the built name contains, the longest such),
//     and the patches of the kustomizations in its transformations, in the
//     order kustomize applies them: per kustomization patchesStrategicMerge,
//     then patches, then patchesJson6902. A strategic-merge patch counts
//     for the object when its target (or, without one, its own kind and
//     name) matches it; a JSON 6902 patch contributes the value of each add
//     or replace operation at the operation's path. Patch files and inline
//     patches both count; an inline patch written as a literal block (|) is
//     located line by line inside the kustomization, any other inline
//     patch at its first line.
//   - Members are matched by name in objects, and in lists by the key
//     strategic merge uses (name, mountPath, containerPort, port, …),
//     else by index.
//   - A scalar is located in the last patch that has it with the same
//     value, else in the origin file when the path exists there. The
//     values patches restate to say what they patch (apiVersion, kind,
//     metadata.name and namespace, a list element's merge key such as a
//     container's name) stay in the origin file when it has the same
//     value. When the origin wrote another value and no patch explains
//     the change, an image changed by an images entry, or replicas
//     changed by a replicas entry, is located at that entry of the
//     kustomization that made it.
//   - A list or object is located in the origin file when it is there,
//     else in the last patch that has it.
//   - Anything else takes its parent's location: a label added by
//     commonLabels points at the labels of the base, a namespace set by
//     the kustomization at the base's metadata.
//   - An object a generator made (configMapGenerator, secretGenerator) is
//     located at its entry in the kustomization; its data is hidden, as
//     what a generator reads from files is never printed.
//
// Limits: matching is by path and value, not by replaying the build. A
// value some other transformer changed (namePrefix, labels, replacements,
// vars) points where the base wrote the value it replaced; a JSON 6902
// path is read against the built object, so an index a later patch
// shifted can point at the wrong element (the value check then usually
// rejects it); a patch whose target uses label or annotation selectors
// is taken to match every object of its kind and name; an object with no
// origin points at the kustomization.

// locator locates the values of one build's objects.
type locator struct {
	tree  *confine.Tree
	k     *kustomization
	files map[string]*parsedFile // by path, as the user would write it
	// patchSets are the patches of each kustomization file, parsed once.
	patchSets map[string][]patch
	notes     []infra.Note
}

type parsedFile struct {
	data []byte
	docs []pyaml.Document
	err  error
}

func newLocator(tree *confine.Tree, k *kustomization) *locator {
	return &locator{tree: tree, k: k, files: map[string]*parsedFile{}, patchSets: map[string][]patch{}}
}

// file reads and parses a file through the tree, once.
func (l *locator) file(path string) *parsedFile {
	if f, ok := l.files[path]; ok {
		return f
	}
	f := &parsedFile{}
	f.data, f.err = l.tree.ReadSource(path)
	if f.err == nil {
		f.docs, f.err = pyaml.Parse(path, f.data)
	}
	l.files[path] = f
	return f
}

// rootNamespace is the namespace the root kustomization sets, or "".
func (l *locator) rootNamespace() string {
	f := l.file(l.k.file)
	if len(f.docs) == 0 {
		return ""
	}
	ns, _ := f.docs[0].Value.Get("namespace").Str()
	return strings.TrimSpace(ns)
}

// buildAnnotations are the annotations kustomize adds to say where an
// object came from.
var buildAnnotations = []string{"config.kubernetes.io/origin", "alpha.config.kubernetes.io/transformations"}

// stripBuildAnnotations takes the origin annotations off a built object
// (and its annotations, if nothing else is left in them).
func stripBuildAnnotations(v infra.Value) infra.Value {
	meta := v.Field("metadata")
	ann := meta.Field("annotations")
	if ann.Kind() != infra.Object {
		return v
	}
	var kept []infra.Field
	for _, f := range ann.Fields() {
		if !slices.Contains(buildAnnotations, f.Name) {
			kept = append(kept, f)
		}
	}
	if len(kept) == ann.Len() {
		return v
	}
	var metaFields []infra.Field
	for _, f := range meta.Fields() {
		if f.Name == "annotations" {
			if len(kept) == 0 {
				continue
			}
			f.Value = infra.ObjectValue(kept).WithLoc(ann.Loc)
		}
		metaFields = append(metaFields, f)
	}
	return setField(v, "metadata", infra.ObjectValue(metaFields).WithLoc(meta.Loc))
}

// setField returns an object with one member replaced.
func setField(v infra.Value, name string, x infra.Value) infra.Value {
	fields := slices.Clone(v.Fields())
	for i, f := range fields {
		if f.Name == name {
			fields[i].Value = x
		}
	}
	return infra.ObjectValue(fields).WithLoc(v.Loc)
}

// locate returns a built object with every value located, and the
// object's own location.
func (l *locator) locate(b infra.Value, origin *resource.Origin, trans resource.Transformations) (infra.Value, infra.Location) {
	at := infra.Location{File: l.k.file}
	w := &walker{l: l, name: str(b.Get("metadata.name")), inject: map[string][]origSource{}}
	var srcs []origSource
	generated := ""
	switch {
	case origin == nil:
	case origin.Path != "" && origin.Repo == "":
		file := filepath.Join(l.k.dir, filepath.FromSlash(origin.Path))
		at = infra.Location{File: file}
		if doc, ok := l.originDoc(file, b); ok {
			at = doc.Loc
			srcs = append(srcs, origSource{v: doc})
		}
	case origin.ConfiguredIn != "" && origin.Repo == "":
		file := filepath.Join(l.k.dir, filepath.FromSlash(origin.ConfiguredIn))
		generated = origin.ConfiguredBy.Kind
		at = l.generatorEntry(file, generated, w.name)
	}
	w.trans = trans
	srcs = append(srcs, l.patchSources(w, b)...)
	out := w.walk(b, srcs, nil, at)
	if generated == "ConfigMapGenerator" || generated == "SecretGenerator" {
		from := "what kustomize's " + lowerFirst(generated) + " read"
		for _, name := range []string{"data", "binaryData", "stringData"} {
			if out.Has(name) {
				out = setField(out, name, out.Field(name).WithHidden(from))
			}
		}
	}
	return out, at
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func str(v infra.Value) string {
	s, _ := v.Str()
	return s
}

// originDoc finds the built object's document in its origin file: of the
// same kind, with the longest name the built name contains (a namePrefix
// or nameSuffix makes it longer), else the only one of its kind.
func (l *locator) originDoc(file string, b infra.Value) (infra.Value, bool) {
	f := l.file(file)
	kind, name := str(b.Get("kind")), str(b.Get("metadata.name"))
	var candidates []infra.Value
	var add func(v infra.Value)
	add = func(v infra.Value) {
		k := str(v.Get("kind"))
		if strings.HasSuffix(k, "List") && v.Get("items").Kind() == infra.List {
			for _, item := range v.Get("items").List() {
				add(item)
			}
			return
		}
		if k == kind {
			candidates = append(candidates, v)
		}
	}
	for _, d := range f.docs {
		add(d.Value.WithLoc(d.Loc))
	}
	best, bestLen := -1, -1
	for i, c := range candidates {
		n := str(c.Get("metadata.name"))
		if n == "" {
			n = str(c.Get("metadata.generateName"))
		}
		if n != "" && strings.Contains(name, n) && len(n) > bestLen {
			best, bestLen = i, len(n)
		}
	}
	switch {
	case best >= 0:
		return candidates[best], true
	case len(candidates) == 1:
		return candidates[0], true
	}
	return infra.Value{}, false
}

// generatorEntry is where the generator of a built object is configured:
// in a kustomization, its entry whose name the built name contains (the
// longest); in a plugin configuration file (generators: [file]), the
// document of the generator's kind whose name the built name contains;
// else the file.
func (l *locator) generatorEntry(file, generator, name string) infra.Location {
	at := infra.Location{File: file}
	bestLen := -1
	consider := func(n string, loc infra.Location) {
		if strings.Contains(name, n) && len(n) > bestLen {
			at, bestLen = loc, len(n)
		}
	}
	for i, d := range l.file(file).docs {
		if i == 0 {
			for _, e := range d.Value.Get(lowerFirst(generator)).List() {
				consider(str(e.Get("name")), e.Loc)
			}
		}
		if str(d.Value.Get("kind")) == generator {
			consider(str(d.Value.Get("metadata.name")), d.Loc)
		}
	}
	return at
}

// source is one place values of an object may have been written: its
// origin document, or a patch (whose scalars count only where they equal
// the built value).
type origSource struct {
	v     infra.Value
	patch bool
	rank  int // order of application; the origin is 0
}

// patch is one strategic-merge document or JSON 6902 patch of a
// kustomization, with what it targets.
type patch struct {
	target infra.Value // the entry's target, or null
	doc    infra.Value // a strategic-merge patch
	ops    []jsonOp    // a JSON 6902 patch
}

type jsonOp struct {
	path  []string
	value infra.Value
}

// patchSources returns the strategic-merge patches that apply to the
// built object, in order, and records in w where JSON 6902 operations
// set values.
func (l *locator) patchSources(w *walker, b infra.Value) []origSource {
	var out []origSource
	rank := 0
	seen := map[string]bool{}
	for _, t := range w.trans {
		switch t.ConfiguredBy.Kind {
		case "PatchTransformer", "PatchStrategicMergeTransformer", "PatchJson6902Transformer":
		default:
			continue
		}
		if t.Repo != "" || t.ConfiguredIn == "" {
			continue
		}
		file := filepath.Join(l.k.dir, filepath.FromSlash(t.ConfiguredIn))
		if seen[file] {
			continue
		}
		seen[file] = true
		for _, p := range l.patches(file) {
			rank++
			if p.doc.Kind() == infra.Object {
				if p.target.IsNull() && appliesByName(p.doc, b) || !p.target.IsNull() && targets(p.target, b) {
					out = append(out, origSource{v: p.doc, patch: true, rank: rank})
				}
				continue
			}
			if !targets(p.target, b) {
				continue
			}
			for _, op := range p.ops {
				path := resolvePointer(op.path, b)
				if path == nil {
					continue
				}
				key := path.String()
				w.inject[key] = append(w.inject[key], origSource{v: op.value, patch: true, rank: rank})
			}
		}
	}
	return out
}

// patches parses the patches of one kustomization file, in the order
// kustomize applies them.
func (l *locator) patches(file string) []patch {
	if ps, ok := l.patchSets[file]; ok {
		return ps
	}
	var out []patch
	f := l.file(file)
	if len(f.docs) > 0 {
		k := f.docs[0].Value
		dir := filepath.Dir(file)
		for _, e := range k.Get("patchesStrategicMerge").List() {
			text := str(e)
			if strings.Contains(text, "\n") || strings.HasPrefix(strings.TrimSpace(text), "{") {
				out = append(out, l.patchDocs(l.inline(file, f.data, e), infra.NullValue(), false)...)
			} else if text != "" && !isRemote(text) {
				out = append(out, l.patchDocs(l.file(filepath.Join(dir, text)).docs, infra.NullValue(), false)...)
			}
		}
		for _, field := range []string{"patches", "patchesJson6902"} {
			for _, e := range k.Get(field).List() {
				var docs []pyaml.Document
				if p := str(e.Get("path")); p != "" && !isRemote(p) {
					docs = l.file(filepath.Join(dir, p)).docs
				} else if e.Get("patch").Kind() == infra.String {
					docs = l.inline(file, f.data, e.Get("patch"))
				}
				out = append(out, l.patchDocs(docs, e.Get("target"), field == "patchesJson6902")...)
			}
		}
	}
	l.patchSets[file] = out
	return out
}

// patchDocs reads the documents of one patch: a list of operations is a
// JSON 6902 patch, anything else strategic-merge documents.
func (l *locator) patchDocs(docs []pyaml.Document, target infra.Value, json bool) []patch {
	if len(docs) == 0 {
		return nil
	}
	if first := docs[0].Value; json || first.Kind() == infra.List {
		p := patch{target: target}
		for _, op := range first.List() {
			switch str(op.Get("op")) {
			case "add", "replace":
			default:
				continue
			}
			ptr := str(op.Get("path"))
			if !strings.HasPrefix(ptr, "/") || !op.Has("value") {
				continue
			}
			var segs []string
			for _, s := range strings.Split(ptr[1:], "/") {
				segs = append(segs, strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~"))
			}
			p.ops = append(p.ops, jsonOp{path: segs, value: op.Get("value")})
		}
		return []patch{p}
	}
	var out []patch
	for _, d := range docs {
		if d.Value.Kind() == infra.Object {
			out = append(out, patch{target: target, doc: d.Value})
		}
	}
	return out
}

// inline parses a patch written inside a kustomization. A literal block
// (patch: |) keeps its lines, so its values are located line by line in
// the kustomization; any other form is located at its first line.
func (l *locator) inline(file string, data []byte, v infra.Value) []pyaml.Document {
	text, ok := v.Str()
	if !ok {
		return nil
	}
	docs, _ := pyaml.Parse(file, []byte(text))
	line, indent, ok := literalBlock(data, v.Loc)
	shift := func(loc infra.Location) infra.Location {
		if !ok {
			return v.Loc
		}
		loc.File = file
		if loc.Line > 0 {
			loc.Line += int32(line)
			loc.Col += int32(indent)
		}
		if loc.EndLine > 0 {
			loc.EndLine += int32(line)
			loc.EndCol += int32(indent)
		}
		return loc
	}
	for i := range docs {
		docs[i].Value = mapLocs(docs[i].Value, shift)
		docs[i].Loc = shift(docs[i].Loc)
	}
	return docs
}

// literalBlock reports whether the scalar at loc is a literal block (|),
// with the line its indicator is on and the indentation of its text.
func literalBlock(data []byte, loc infra.Location) (line, indent int, ok bool) {
	lines := strings.Split(string(data), "\n")
	l, c := int(loc.Line), int(loc.Col)
	if l < 1 || l > len(lines) || c < 1 {
		return 0, 0, false
	}
	text := lines[l-1]
	if utf8.RuneCountInString(text) < c || []rune(text)[c-1] != '|' {
		return 0, 0, false
	}
	for _, next := range lines[l:] {
		if strings.TrimSpace(next) == "" {
			continue
		}
		return l, len(next) - len(strings.TrimLeft(next, " ")), true
	}
	return 0, 0, false
}

// mapLocs returns v with every location changed by f.
func mapLocs(v infra.Value, f func(infra.Location) infra.Location) infra.Value {
	switch v.Kind() {
	case infra.Object:
		fields := make([]infra.Field, 0, v.Len())
		for _, x := range v.Fields() {
			fields = append(fields, infra.Field{Name: x.Name, Value: mapLocs(x.Value, f)})
		}
		return infra.ObjectValue(fields).WithLoc(f(v.Loc))
	case infra.List:
		items := make([]infra.Value, 0, v.Len())
		for _, x := range v.List() {
			items = append(items, mapLocs(x, f))
		}
		return infra.ListValue(items).WithLoc(f(v.Loc))
	}
	return v.WithLoc(f(v.Loc))
}

// appliesByName: a strategic-merge patch without a target applies to the
// object of its kind and name; the built name may carry prefixes and
// suffixes.
func appliesByName(doc, b infra.Value) bool {
	name := str(doc.Get("metadata.name"))
	return str(doc.Get("kind")) == str(b.Get("kind")) && name != "" && strings.Contains(str(b.Get("metadata.name")), name)
}

// targets reports whether a patch target selects the built object, by
// kind, group, version and name (patterns, as kustomize reads them); a
// name also matches when the built name contains it. Label and annotation
// selectors are not looked at.
func targets(t, b infra.Value) bool {
	if t.Kind() != infra.Object {
		return false
	}
	apiVersion := str(b.Get("apiVersion"))
	group, version, ok := strings.Cut(apiVersion, "/")
	if !ok {
		group, version = "", apiVersion
	}
	name := str(b.Get("metadata.name"))
	for _, c := range [][2]string{{"kind", str(b.Get("kind"))}, {"group", group}, {"version", version}, {"name", name}} {
		want := str(t.Get(c[0]))
		if want == "" {
			continue
		}
		if !matches(want, c[1]) && !(c[0] == "name" && strings.Contains(c[1], want)) {
			return false
		}
	}
	return true
}

func matches(pattern, s string) bool {
	re, err := regexp.Compile("^(?:" + pattern + ")$")
	if err != nil {
		return pattern == s
	}
	return re.MatchString(s)
}

// resolvePointer turns a JSON 6902 path into a path of the built object:
// "-" (the end of a list) is its last element. Nil when the path does not
// lead into the object.
func resolvePointer(segs []string, b infra.Value) infra.Path {
	var out infra.Path
	cur := b
	for _, s := range segs {
		if cur.Kind() == infra.List {
			if s == "-" {
				s = strconv.Itoa(cur.Len() - 1)
			}
			i, err := strconv.Atoi(s)
			if err != nil || i < 0 || i >= cur.Len() {
				return nil
			}
			cur = cur.List()[i]
		} else {
			if cur.Kind() != infra.Object || !cur.Has(s) {
				return nil
			}
			cur = cur.Field(s)
		}
		out = append(out, s)
	}
	return out
}

// walker locates the values of one built object.
type walker struct {
	l     *locator
	name  string // the built object's name
	trans resource.Transformations
	// inject are the values JSON 6902 operations set, by path.
	inject map[string][]origSource
}

// walk returns b with every value located: srcs are where its value may
// have been written, in order of application; parent is its parent's
// location.
func (w *walker) walk(b infra.Value, srcs []origSource, path infra.Path, parent infra.Location) infra.Value {
	if inj := w.inject[path.String()]; len(inj) > 0 {
		srcs = append(slices.Clone(srcs), inj...)
		slices.SortStableFunc(srcs, func(a, b origSource) int { return a.rank - b.rank })
	}
	loc := w.choose(b, srcs, path, parent)
	switch b.Kind() {
	case infra.Object:
		fields := make([]infra.Field, 0, b.Len())
		for _, f := range b.Fields() {
			var sub []origSource
			for _, s := range srcs {
				if s.v.Kind() == infra.Object && s.v.Has(f.Name) {
					sub = append(sub, origSource{v: s.v.Field(f.Name), patch: s.patch, rank: s.rank})
				}
			}
			fields = append(fields, infra.Field{Name: f.Name, Value: w.walk(f.Value, sub, appendPath(path, f.Name), loc)})
		}
		return infra.ObjectValue(fields).WithLoc(loc)
	case infra.List:
		items := make([]infra.Value, 0, b.Len())
		for i, item := range b.List() {
			var sub []origSource
			for _, s := range srcs {
				if v, ok := matchItem(s.v, b.List(), i); ok {
					sub = append(sub, origSource{v: v, patch: s.patch, rank: s.rank})
				}
			}
			items = append(items, w.walk(item, sub, appendPath(path, strconv.Itoa(i)), loc))
		}
		return infra.ListValue(items).WithLoc(loc)
	}
	return b.WithLoc(loc)
}

func appendPath(p infra.Path, seg string) infra.Path {
	return append(p[:len(p):len(p)], seg)
}

// choose is the location of one value (see the rules above).
func (w *walker) choose(b infra.Value, srcs []origSource, path infra.Path, parent infra.Location) infra.Location {
	var origin *origSource
	for i := range srcs {
		if !srcs[i].patch {
			origin = &srcs[i]
		}
	}
	container := b.Kind() == infra.Object || b.Kind() == infra.List
	if !container {
		if origin != nil && origin.v.Loc.Line > 0 && sameScalar(origin.v, b) && identifies(path) {
			return origin.v.Loc
		}
		for i := len(srcs) - 1; i >= 0; i-- {
			if srcs[i].patch && sameScalar(srcs[i].v, b) && srcs[i].v.Loc.Line > 0 {
				return srcs[i].v.Loc
			}
		}
		if origin != nil && origin.v.Loc.Line > 0 {
			if at, ok := w.changed(path, b, origin.v); ok {
				return at
			}
			return origin.v.Loc
		}
		return parent
	}
	if origin != nil && origin.v.Kind() == b.Kind() && origin.v.Loc.Line > 0 {
		return origin.v.Loc
	}
	for i := len(srcs) - 1; i >= 0; i-- {
		if srcs[i].patch && srcs[i].v.Kind() == b.Kind() && srcs[i].v.Loc.Line > 0 {
			return srcs[i].v.Loc
		}
	}
	return parent
}

// identifies reports a value patches restate to say what they patch:
// the object's apiVersion, kind, name and namespace, and the merge key of
// a list element (a container's name).
func identifies(path infra.Path) bool {
	switch path.String() {
	case "apiVersion", "kind", "metadata.name", "metadata.namespace":
		return true
	}
	if n := len(path); n >= 2 && slices.Contains(mergeKeys, path[n-1]) {
		_, err := strconv.Atoi(path[n-2])
		return err == nil
	}
	return false
}

func sameScalar(a, b infra.Value) bool {
	if a.IsNull() || b.IsNull() {
		return a.IsNull() && b.IsNull()
	}
	sa, ok1 := a.Str()
	sb, ok2 := b.Str()
	return ok1 && ok2 && sa == sb
}

// mergeKeys are the members strategic merge matches list elements by.
var mergeKeys = []string{"name", "mountPath", "devicePath", "containerPort", "port", "ip", "topologyKey"}

// matchItem finds the element of a source list that stands for element i
// of the built list: by merge key when the built element has one that the
// source's elements have too, else by index.
func matchItem(src infra.Value, built []infra.Value, i int) (infra.Value, bool) {
	if src.Kind() != infra.List {
		return infra.Value{}, false
	}
	items := src.List()
	if b := built[i]; b.Kind() == infra.Object {
		for _, key := range mergeKeys {
			want, ok := b.Field(key).Str()
			if !ok {
				continue
			}
			keyed := false
			for _, s := range items {
				if s.Kind() == infra.Object && s.Has(key) {
					keyed = true
					if got, _ := s.Field(key).Str(); got == want {
						return s, true
					}
				}
			}
			if keyed {
				return infra.Value{}, false
			}
			break
		}
	}
	if i < len(items) {
		return items[i], true
	}
	return infra.Value{}, false
}

// changed locates a value the origin wrote otherwise and no patch
// explains: an image an images entry changed, or replicas a replicas
// entry set, at that entry of the last kustomization that has one.
func (w *walker) changed(path infra.Path, b, was infra.Value) (infra.Location, bool) {
	var transformer, field string
	switch {
	case len(path) >= 3 && path[len(path)-1] == "image" &&
		slices.Contains([]string{"containers", "initContainers", "ephemeralContainers"}, path[len(path)-3]):
		transformer, field = "ImageTagTransformer", "images"
	case slices.Equal(path, infra.Path{"spec", "replicas"}):
		transformer, field = "ReplicaCountTransformer", "replicas"
	default:
		return infra.Location{}, false
	}
	for i := len(w.trans) - 1; i >= 0; i-- {
		t := w.trans[i]
		if t.ConfiguredBy.Kind != transformer || t.Repo != "" || t.ConfiguredIn == "" {
			continue
		}
		f := w.l.file(filepath.Join(w.l.k.dir, filepath.FromSlash(t.ConfiguredIn)))
		if len(f.docs) == 0 {
			continue
		}
		for _, e := range f.docs[0].Value.Get(field).List() {
			name := str(e.Get("name"))
			if name == "" {
				continue
			}
			if field == "images" {
				if repo := repository(str(b)); name == repository(str(was)) || name == repo || str(e.Get("newName")) == repo {
					return e.Loc, true
				}
			} else if strings.Contains(w.name, name) {
				if c := e.Get("count"); c.Loc.Line > 0 {
					return c.Loc, true
				}
				return e.Loc, true
			}
		}
	}
	return infra.Location{}, false
}

// repository is an image reference without its tag and digest.
func repository(image string) string {
	if i := strings.IndexByte(image, '@'); i >= 0 {
		image = image[:i]
	}
	if i := strings.LastIndexByte(image, ':'); i > strings.LastIndexByte(image, '/') {
		image = image[:i]
	}
	return image
}
