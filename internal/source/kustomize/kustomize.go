// Package kustomize builds Kustomize overlays natively, with kustomize's
// own library (sigs.k8s.io/kustomize/api), and grades what they build as
// Kubernetes objects. It is a leaf package: nothing but source/all imports
// it, so kustomize's weight is paid only where the format is registered.
//
// Each kustomization directory that no other scanned kustomization uses
// (as a resource, a base or a component) is a root, and its build is one
// component; bases and components are graded only through the overlays
// that use them. A Component that no scanned kustomization uses is not
// built on its own (it is meant to be added to one), and says so in a note.
//
// A build reads only through the scan's confine.Tree (see treeFS): paths
// outside the scanned tree are refused with a note; remote bases and files
// are never fetched, Helm charts never inflated, plugins other than
// kustomize's builtins never run (see sanitizer). A build that fails is an
// error note; the other kustomizations are still built. A build stops at
// the component time limit.
//
// Where findings point is described in positions.go.
package kustomize

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/kubernetes"
	pyaml "github.com/prodgrade/prodgrade/internal/source/yaml"
)

func init() {
	source.Register(&source.Format{
		Name:  "kustomize",
		Files: "Kustomize kustomizations (kustomization.yaml, kustomization.yml, Kustomization)",
		Match: isKustomizationName,
		Load:  load,
	})
}

// ComponentKind is the kind of a kustomization's component; its name and
// path are the kustomization's directory.
const ComponentKind = "kustomization (an overlay built with the bases it uses)"

// kustomization is one kustomization directory found by the scan.
type kustomization struct {
	file string // the kustomization file, as found
	dir  string // its directory, as found
	abs  string // its directory, absolute and cleaned
	real string // its directory with symbolic links resolved, to match uses
	// component: kind Component, built only into the kustomizations that
	// use it.
	component bool
	// uses are the real directories its resources, bases and components
	// name.
	uses []string
}

// load finds the roots among the scanned kustomizations and builds each.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	var ks []*kustomization
	seen := map[string]bool{}
	files := slices.Clone(in.Files)
	slices.Sort(files)
	for _, f := range files {
		dir := filepath.Dir(f)
		abs, err := filepath.Abs(dir)
		if err != nil || seen[abs] {
			continue // several kustomization files: kustomize says so when it builds
		}
		seen[abs] = true
		ks = append(ks, &kustomization{file: f, dir: dir, abs: abs, real: realPath(in, abs)})
	}
	in.Workers.Each(ctx, len(ks), func(i int) { ks[i].read(in) })
	roots, notes := roots(ks)

	var mu sync.Mutex
	r := newReads()
	in.Workers.Each(ctx, len(roots), func(i int) {
		c, ns := build(ctx, in, roots[i], r)
		mu.Lock()
		notes = append(notes, ns...)
		mu.Unlock()
		if c != nil {
			emit(c)
		}
	})
	if ctx.Err() == nil {
		notes = append(notes, unused(in, ks, r)...)
	}
	return dedupe(notes)
}

// read finds what a kustomization uses. A file that cannot be read or
// parsed uses nothing: its build says what is wrong with it.
func (k *kustomization) read(in *source.Input) {
	data, err := in.Tree.ReadSource(k.file)
	if err != nil {
		return
	}
	docs, _ := pyaml.Parse(k.file, data)
	if len(docs) == 0 {
		return
	}
	doc := docs[0].Value
	if s, _ := doc.Get("kind").Str(); s == "Component" {
		k.component = true
	}
	for _, field := range []string{"resources", "bases", "components"} {
		for _, v := range doc.Get(field).List() {
			p, ok := v.Str()
			if !ok || p == "" || isRemote(p) || filepath.IsAbs(p) {
				continue
			}
			k.uses = append(k.uses, realPath(in, filepath.Join(k.abs, p)))
		}
	}
}

// realPath is a path with symbolic links resolved inside the tree, or as
// it is when it cannot be (kustomize will say what is wrong with it).
func realPath(in *source.Input, abs string) string {
	if real, err := in.Tree.Resolve(abs); err == nil {
		return real
	}
	return abs
}

// roots are the kustomizations no other uses, and those only reachable
// through a cycle (their build reports it). A Component no kustomization
// uses is not built: a note says so.
func roots(ks []*kustomization) ([]*kustomization, []infra.Note) {
	byDir := map[string]*kustomization{}
	for _, k := range ks {
		byDir[k.real] = k
	}
	used := map[*kustomization]bool{}
	for _, k := range ks {
		for _, u := range k.uses {
			if t := byDir[u]; t != nil && t != k {
				used[t] = true
			}
		}
	}
	var out []*kustomization
	var notes []infra.Note
	reached := map[*kustomization]bool{}
	var reach func(k *kustomization)
	reach = func(k *kustomization) {
		if reached[k] {
			return
		}
		reached[k] = true
		for _, u := range k.uses {
			if t := byDir[u]; t != nil {
				reach(t)
			}
		}
	}
	for _, k := range ks {
		switch {
		case used[k]:
		case k.component:
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: k.file,
				Message: "this kustomize Component is used by no scanned kustomization, so it is not graded: a Component is built only into the kustomizations that list it under components"})
		default:
			out = append(out, k)
			reach(k)
		}
	}
	for _, k := range ks {
		if !reached[k] && !k.component {
			out = append(out, k)
			reach(k)
		}
	}
	return out, notes
}

// build runs kustomize on one root and makes its component.
func build(ctx context.Context, in *source.Input, k *kustomization, reads *reads) (*infra.Component, []infra.Note) {
	cctx, cancel := in.Limits.Context(ctx)
	defer cancel()
	real, err := in.Tree.Resolve(k.abs)
	if err != nil {
		return nil, []infra.Note{{Kind: infra.NoteError, File: k.file, Message: "cannot read the kustomization: " + err.Error()}}
	}
	fsys := newTreeFS(cctx, in.Tree, real, k.dir, k.file, reads)
	type result struct {
		m   resmap.ResMap
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{err: fmt.Errorf("kustomize failed unexpectedly (%v); please report this kustomization to prodgrade", p)}
			}
		}()
		// The defaults are kustomize's own: files only in or below each
		// kustomization's directory, builtin plugins only, Helm disabled.
		m, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fsys, real)
		done <- result{m, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-cctx.Done():
		// The build stops at its next file access; it is not waited for.
		r.err = cctx.Err()
	}
	fsys.mu.Lock()
	notes := slices.Clone(fsys.notes)
	explained := fsys.explained
	fsys.mu.Unlock()
	if r.err != nil {
		switch {
		case errors.Is(r.err, context.DeadlineExceeded) || errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil:
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: k.file,
				Message: fmt.Sprintf("building this kustomization took longer than the %s limit and was stopped; it is not graded", in.Limits.ComponentTime)})
		case ctx.Err() != nil:
			// The scan was cancelled: nothing to say.
		case !explained:
			msg := cleanError(r.err.Error(), real, k.dir)
			file, line := fsys.errorLine(msg)
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: file, Line: line,
				Message: "kustomize build failed: " + msg})
		}
		return nil, notes
	}
	reads.succeeded(fsys.dirs()...)
	objs, ns := objects(in, k, r.m)
	notes = append(notes, ns...)
	if len(objs) == 0 {
		return nil, notes
	}
	return kubernetes.Component(k.dir, k.dir, ComponentKind, objs), notes
}

// objects turns what a build made into resources, located where their
// values were written (see positions.go).
func objects(in *source.Input, k *kustomization, m resmap.ResMap) ([]*infra.Resource, []infra.Note) {
	defaultNS := "default"
	loc := newLocator(in.Tree, k)
	if ns := loc.rootNamespace(); ns != "" {
		defaultNS = ns
	}
	var objs []*infra.Resource
	var notes []infra.Note
	for _, res := range m.Resources() {
		origin, _ := res.GetOrigin()
		trans, _ := res.GetTransformations()
		data, err := res.AsYAML()
		if err != nil {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: k.file,
				Message: fmt.Sprintf("cannot read the object %s that kustomize built: %v", res.CurId(), err)})
			continue
		}
		docs, err := pyaml.Parse(k.file, data)
		if err != nil || len(docs) != 1 {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: k.file,
				Message: fmt.Sprintf("cannot read the object %s that kustomize built: %v", res.CurId(), err)})
			continue
		}
		v, at := loc.locate(stripBuildAnnotations(docs[0].Value), origin, trans)
		for _, r := range kubernetes.Objects([]infra.Value{v}, []infra.Location{at}, defaultNS) {
			r.Origin = "kustomize"
			notes = append(notes, kubernetes.Validate(r)...)
			objs = append(objs, r)
		}
	}
	return objs, append(notes, loc.notes...)
}

// cleanError makes kustomize's error shorter: the real directory of the
// kustomization is written as the user wrote it.
func cleanError(msg, real, display string) string {
	msg = strings.ReplaceAll(msg, real+string(filepath.Separator), display+string(filepath.Separator))
	msg = strings.ReplaceAll(msg, real, display)
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil {
			msg = strings.ReplaceAll(msg, wd+string(filepath.Separator), "")
		}
	}
	return strings.TrimSpace(msg)
}

// dedupe drops repeated notes (a base used by several overlays is read by
// each build) and sorts them.
func dedupe(notes []infra.Note) []infra.Note {
	slices.SortFunc(notes, func(a, b infra.Note) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Message, b.Message))
	})
	return slices.Compact(notes)
}
