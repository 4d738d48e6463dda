package kustomize

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

// reads records what the builds of one scan read: every file, by real
// path, and the directories of the kustomizations that builds which
// succeeded read (only there is it known what is used).
type reads struct {
	mu    sync.Mutex
	files map[string]bool
	built map[string]bool
}

func newReads() *reads { return &reads{files: map[string]bool{}, built: map[string]bool{}} }

func (r *reads) file(real string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[real] = true
}

func (r *reads) succeeded(realDirs ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, d := range realDirs {
		r.built[d] = true
	}
}

// unused notes the Kubernetes manifests in and below the directories of
// the scanned kustomizations that no build read. The kubernetes format
// leaves every file there to this package, so such a manifest would
// otherwise be graded by no one, and nothing would say so. Only the
// directories of kustomizations a successful build read are looked at,
// not those of other kustomizations or Helm charts below them, nor hidden
// ones, nor files the scan did not reach (a kustomization file named on
// the command line).
func unused(in *source.Input, ks []*kustomization, r *reads) []infra.Note {
	var notes []infra.Note
	for _, k := range ks {
		if k.component {
			continue
		}
		real, err := in.Tree.Resolve(k.abs)
		if err != nil || !r.built[real] {
			continue
		}
		notes = append(notes, unusedIn(in, k, k.dir, r)...)
	}
	return notes
}

func unusedIn(in *source.Input, k *kustomization, dir string, r *reads) []infra.Note {
	entries, err := in.Tree.ReadDir(dir)
	if err != nil {
		return nil
	}
	var notes []infra.Note
	for _, e := range entries {
		name, p := e.Name(), filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir():
			if !ownedByOther(in, p) {
				notes = append(notes, unusedIn(in, k, p, r)...)
			}
		case isManifestName(name) && scanned(in.Paths, p):
			real, err := in.Tree.Resolve(p)
			if err != nil || r.files[real] {
				continue
			}
			data, err := in.Tree.ReadSource(p)
			if err != nil {
				continue
			}
			if objs, _ := kubernetes.File(p, data, "default"); len(objs) > 0 {
				notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: p,
					Message: "this Kubernetes manifest is in the directory of the kustomization " + k.dir + ", which does not use it, so it is not graded: list it under resources, or move it out of the kustomization's directory to have it graded as a plain manifest"})
			}
		}
	}
	return notes
}

// ownedByOther reports a directory another loader grades: a kustomization's
// or a Helm chart's.
func ownedByOther(in *source.Input, dir string) bool {
	for _, marker := range []string{"kustomization.yaml", "kustomization.yml", "Kustomization", "Chart.yaml"} {
		if _, err := in.Tree.Stat(filepath.Join(dir, marker)); err == nil {
			return true
		}
	}
	return false
}

// isManifestName reports the files the kubernetes format reads.
func isManifestName(name string) bool {
	return !isKustomizationName(name) && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") ||
		strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".tf.json"))
}

// scanned reports a file the scan's walk reaches: under a scanned
// directory.
func scanned(paths []string, file string) bool {
	for _, p := range paths {
		if rel, err := filepath.Rel(p, file); err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				return true
			}
		}
	}
	return false
}
