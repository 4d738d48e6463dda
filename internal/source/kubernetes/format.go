package kubernetes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

func init() {
	source.Register(&source.Format{
		Name:         "kubernetes",
		Files:        "Kubernetes manifests (*.yaml, *.yml, *.json)",
		Match:        isManifestName,
		StdinFormats: []string{"kubernetes"},
		Sniff:        sniff,
		Load:         load,
		FixtureName:  func(_ string, r *infra.Resource) string { return r.Name },
	})
}

func isManifestName(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") ||
		strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".tf.json")
}

// unreadable is the note for a file that could not be read. A file over the
// size limit that does not even begin like a manifest (a data set, a
// lock file, a plan in the tree) is most likely not one: it is named in a
// coverage note rather than failing the scan.
func unreadable(tree *confine.Tree, file string, err error) infra.Note {
	if confine.IsTooLarge(err) {
		if head, herr := tree.ReadHead(file); herr == nil && sniff(head) == 0 {
			return infra.Note{Kind: infra.NoteCoverage, File: file,
				Message: "not read: " + err.Error() + "; its beginning does not look like a Kubernetes manifest"}
		}
	}
	return infra.Note{Kind: infra.NoteError, File: file, Message: "cannot read: " + err.Error()}
}

// sniff: data whose first kilobytes name an apiVersion and a kind is
// Kubernetes (helm template … | prodgrade scan -). Only the head is read, so
// a 100 MB plan named on the command line costs nothing here.
func sniff(data []byte) int {
	head := data[:min(len(data), 4096)]
	if bytes.Contains(head, []byte("AWSTemplateFormatVersion")) {
		return 0 // a CloudFormation template, maybe with a manifest inside (EKS)
	}
	for _, keys := range [][2]string{{"apiVersion:", "kind:"}, {`"apiVersion"`, `"kind"`}} {
		if bytes.Contains(head, []byte(keys[0])) && bytes.Contains(head, []byte(keys[1])) {
			return 2
		}
	}
	return 0
}

// owner finds, for each directory, whether another loader grades its files:
// a Helm chart's (its templates are not YAML until rendered, its
// values.yaml is not a manifest) and a kustomization's (graded as it
// builds). Ownership is looked for no higher than what was scanned.
type owner struct {
	in   *source.Input
	dirs map[string]bool
	// tops are the scanned directories (a scanned file's directory): the
	// walk up stops there.
	tops map[string]bool
}

func newOwner(in *source.Input) *owner {
	o := &owner{in: in, dirs: map[string]bool{}, tops: map[string]bool{}}
	named := make(map[string]bool, len(in.Files))
	for _, f := range in.Files {
		named[filepath.Clean(f)] = true
	}
	for _, p := range in.Paths {
		p = filepath.Clean(p)
		if named[p] {
			p = filepath.Dir(p) // a file named on the command line
		}
		o.tops[p] = true
	}
	return o
}

func (o *owner) owned(dir string) bool {
	if v, ok := o.dirs[dir]; ok {
		return v
	}
	v := false
	for _, marker := range []string{"Chart.yaml", "kustomization.yaml", "kustomization.yml", "Kustomization"} {
		if _, err := o.in.Tree.Stat(filepath.Join(dir, marker)); err == nil {
			v = true
		}
	}
	if parent := filepath.Dir(dir); !v && parent != dir && !o.tops[dir] {
		v = o.owned(parent)
	}
	o.dirs[dir] = v
	return v
}

// load reads every matched file, keeps its Kubernetes objects, and groups
// all of them into applications. A file that is not Kubernetes YAML is
// left alone without a note; a manifest that does not parse, or an object
// Kubernetes would reject, is an error note and the rest is still graded.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	files := make([]string, 0, len(in.Files))
	own := newOwner(in)
	for _, f := range in.Files {
		if !own.owned(filepath.Dir(f)) {
			files = append(files, f)
		}
	}
	type read struct {
		objs  []*infra.Resource
		notes []infra.Note
	}
	out := make([]read, len(files))
	in.Workers.Each(ctx, len(files), func(i int) {
		data, err := in.Tree.ReadSource(files[i])
		if err != nil {
			out[i].notes = []infra.Note{unreadable(in.Tree, files[i], err)}
			return
		}
		out[i].objs, out[i].notes = File(files[i], data, "default")
	})
	var objs []*infra.Resource
	var notes []infra.Note
	for _, r := range out {
		objs = append(objs, r.objs...)
		notes = append(notes, r.notes...)
	}
	if s := in.Stdin; s != nil {
		o, n := File(s.Name, s.Data, "default")
		objs, notes = append(objs, o...), append(notes, n...)
	}
	if len(objs) == 0 {
		return notes
	}
	notes = append(notes, Unique(objs)...)
	path := "."
	if len(in.Paths) == 1 {
		path = in.Paths[0]
	} else if in.Stdin != nil && len(in.Paths) == 0 {
		path = in.Stdin.Name
	}
	// emit may be called from several goroutines: the applications are
	// graded in parallel.
	comps := Group(objs, path)
	in.Workers.Each(ctx, len(comps), func(i int) { emit(comps[i]) })
	return notes
}

// File reads the objects of one manifest file. A document that is not a
// Kubernetes object is skipped; a file none of whose documents are objects
// gives no note (it is some other YAML). A syntax error in a file that has
// objects, and an object Kubernetes would reject, are error notes.
func File(name string, data []byte, defaultNS string) ([]*infra.Resource, []infra.Note) {
	if notJSONManifest(data) {
		return nil, nil
	}
	docs, err := yaml.Parse(name, data)
	templated := bytes.Contains(data, []byte("{{"))
	values := make([]infra.Value, len(docs))
	locs := make([]infra.Location, len(docs))
	for i, d := range docs {
		values[i], locs[i] = d.Value, d.Loc
		if templated {
			values[i] = untemplate(values[i])
		}
	}
	objs := Objects(values, locs, defaultNS)
	var notes []infra.Note
	for _, d := range docs {
		if !IsObject(d.Value) {
			continue
		}
		for _, dup := range d.Duplicates {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: name, Line: int(dup.Loc.Line), Col: int(dup.Loc.Col),
				Message: fmt.Sprintf("key %s is written twice in one mapping (first at line %d); Kubernetes rejects the object, and only the last value is graded", dup.Key, dup.First)})
		}
	}
	if err != nil && (len(objs) > 0 || looksLikeManifest(data)) {
		n := infra.Note{Kind: infra.NoteError, File: name, Message: err.Error()}
		var ye *yaml.Error
		if errors.As(err, &ye) {
			n.Line, n.Message = ye.Line, ye.Msg
		}
		notes = append(notes, n)
	}
	for _, o := range objs {
		for _, n := range Validate(o) {
			if templated {
				// An unrendered template ({{ … }}) is not a broken manifest.
				n.Kind = infra.NoteCoverage
				n.Message += " (the file looks like an unrendered template: render it, then scan the output)"
			}
			notes = append(notes, n)
		}
	}
	return objs, notes
}

// untemplate makes every string that holds a template expression ({{ … }})
// unknown: an unrendered template's values are not known until it is
// rendered, and must not be graded as written.
func untemplate(v infra.Value) infra.Value {
	switch v.Kind() {
	case infra.String:
		if s, _ := v.Str(); strings.Contains(s, "{{") {
			return infra.UnknownValue(s, "an unrendered template expression; render the template and scan its output").WithLoc(v.Loc)
		}
	case infra.List:
		items := make([]infra.Value, len(v.List()))
		for i, e := range v.List() {
			items[i] = untemplate(e)
		}
		return infra.ListValue(items).WithLoc(v.Loc)
	case infra.Object:
		fields := make([]infra.Field, len(v.Fields()))
		for i, f := range v.Fields() {
			fields[i] = infra.Field{Name: f.Name, Value: untemplate(f.Value)}
		}
		return infra.ObjectValue(fields).WithLoc(v.Loc)
	}
	return v
}

// looksLikeManifest: a file that does not parse is reported only when it
// seems meant as a manifest, so that broken YAML of other tools (or a
// Helm template outside a chart) is not called a broken manifest.
func looksLikeManifest(data []byte) bool {
	return bytes.Contains(data, []byte("apiVersion:")) && bytes.Contains(data, []byte("kind:")) &&
		!bytes.Contains(data, []byte("{{"))
}
