package helm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// The Helm format takes each Chart.yaml found; the chart's other files
// are read through the tree when it is rendered. (The Kubernetes format
// leaves every file inside a chart directory to this one.)
func init() {
	source.Register(&source.Format{
		Name:     "helm",
		Files:    "Helm charts (Chart.yaml)",
		Match:    func(name string) bool { return name == "Chart.yaml" },
		Validate: validate,
		Load:     load,
	})
}

func options(in *source.Input) Options {
	if o, ok := in.Options.(Options); ok {
		return o
	}
	if o, ok := in.Options.(*Options); ok && o != nil {
		return *o
	}
	return Options{}
}

// validate checks the options before anything is scanned: the values
// files exist and are values, the overrides are helm --set syntax, the
// release name is one Helm accepts.
func validate(in *source.Input) error {
	o := options(in)
	if _, err := readUserValues(o); err != nil {
		return err
	}
	if o.ReleaseName != "" {
		if err := chartutil.ValidateReleaseName(o.ReleaseName); err != nil {
			return fmt.Errorf("release name %q: %v", o.ReleaseName, err)
		}
	}
	return nil
}

// load renders every chart found, each as one release, in parallel within
// the scan's workers and each within the component time limit.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	o := options(in)
	user, err := readUserValues(o)
	if err != nil {
		return []infra.Note{{Kind: infra.NoteError, Message: err.Error() + "; no chart is rendered"}}
	}
	in.CountFiles(len(o.Values))
	dirs := chartDirs(in.Files)
	var mu sync.Mutex
	var notes []infra.Note
	in.Workers.Each(ctx, len(dirs), func(i int) {
		comp, ns := renderChart(ctx, in, o, user, dirs[i])
		if comp == nil {
			mu.Lock()
			notes = append(notes, ns...)
			mu.Unlock()
			return
		}
		comp.Notes = append(comp.Notes, ns...)
		emit(comp) // may be called concurrently (source.Format.Load)
	})
	sortNotes(notes)
	return notes
}

// renderChart loads and renders the chart in dir within the component time
// limit.
func renderChart(ctx context.Context, in *source.Input, o Options, user *userValues, dir string) (*infra.Component, []infra.Note) {
	cctx, cancel := in.Limits.Context(ctx)
	defer cancel()
	comp, notes := safely(dir, func() (*infra.Component, []infra.Note) {
		ch, notes := readChart(cctx, in.Tree, dir)
		if ch == nil {
			return nil, notes
		}
		r := &release{dir: dir, opts: o, user: user, chart: ch}
		comp := r.render(cctx)
		return comp, append(notes, r.notes...)
	})
	if comp == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		notes = append(notes, infra.Note{Kind: infra.NoteError, File: filepath.Join(dir, "Chart.yaml"),
			Message: fmt.Sprintf("rendering this chart took longer than the %s limit and was stopped; nothing of it is graded", in.Limits.ComponentTime)})
	}
	if ctx.Err() != nil {
		return nil, nil
	}
	sortNotes(notes)
	return comp, notes
}

// safely runs f, loading the chart in dir. Helm's loader and value
// merging are not written for hostile input: whatever panics in them is
// this chart's error, not the scan's.
func safely(dir string, f func() (*infra.Component, []infra.Note)) (comp *infra.Component, notes []infra.Note) {
	defer func() {
		if p := recover(); p != nil {
			comp, notes = nil, []infra.Note{{Kind: infra.NoteError, File: filepath.Join(dir, "Chart.yaml"),
				Message: fmt.Sprintf("Helm failed on this chart (%v); it is not graded. Please report this with the chart", p)}}
		}
	}()
	return f()
}

// chartDirs are the directories of the charts found, less those inside
// another found chart's charts/ directory: Helm renders them as part of
// their parent.
func chartDirs(files []string) []string {
	found := map[string]bool{}
	for _, f := range files {
		if filepath.Base(f) == "Chart.yaml" {
			found[filepath.Clean(filepath.Dir(f))] = true
		}
	}
	var out []string
	for d := range found {
		parent := filepath.Dir(d)
		if filepath.Base(parent) == "charts" && found[filepath.Dir(parent)] {
			continue
		}
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

func sortNotes(notes []infra.Note) {
	slices.SortStableFunc(notes, func(a, b infra.Note) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
