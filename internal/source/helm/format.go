package helm

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
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
// files exist and are values, the overrides look like helm --set syntax,
// the release name is one Helm accepts (see readUserValues for what is
// left to the renderer).
func validate(in *source.Input) error {
	o := options(in)
	if _, err := readUserValues(o); err != nil {
		return err
	}
	if o.ReleaseName != "" {
		if err := checkReleaseName(o.ReleaseName); err != nil {
			return fmt.Errorf("release name %q: %v", o.ReleaseName, err)
		}
	}
	return nil
}

// load renders every chart found, each as one release by one run of the
// renderer, in parallel within the scan's workers and each within the
// component time limit. Without the renderer, one note says the charts are
// not graded and how to build it.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	o := options(in)
	user, err := readUserValues(o)
	if err != nil {
		return []infra.Note{{Kind: infra.NoteError, Message: err.Error() + "; no chart is rendered"}}
	}
	in.CountFiles(len(o.Values))
	dirs := chartDirs(in.Files)
	if len(dirs) == 0 {
		return nil
	}
	exe, err := findRenderer()
	if err != nil {
		return []infra.Note{{Kind: infra.NoteCoverage, Message: err.Error()}}
	}
	var mu sync.Mutex
	var notes []infra.Note
	in.Workers.Each(ctx, len(dirs), func(i int) {
		comp, ns := renderChart(ctx, in, exe, o, user, dirs[i])
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

// renderChart reads the chart in dir and has the renderer render it, both
// within the component time limit.
func renderChart(ctx context.Context, in *source.Input, exe string, o Options, user []wire.ValuesFile, dir string) (*infra.Component, []infra.Note) {
	cctx, cancel := in.Limits.Context(ctx)
	defer cancel()
	comp, notes := func() (*infra.Component, []infra.Note) {
		files, notes, ok := readChartFiles(cctx, in.Tree, dir)
		if !ok {
			return nil, notes
		}
		req := &wire.Request{Version: wire.Version, Dir: dir, Files: files, Values: user, Set: o.Set,
			ReleaseName: o.ReleaseName, Namespace: o.Namespace}
		timeout := o.RenderTimeout
		if timeout <= 0 {
			timeout = DefaultRenderTimeout
		}
		rctx, cancel := context.WithTimeout(cctx, timeout)
		defer cancel()
		resp, err := runRenderer(rctx, exe, req)
		if err != nil {
			if rctx.Err() != nil && cctx.Err() == nil {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: filepath.Join(dir, "Chart.yaml"),
					Message: fmt.Sprintf("rendering this chart took longer than %s and was stopped (a template that loops without end?); "+
						"nothing of it is graded; --helm-timeout raises the limit", timeout)})
			} else if errors.Is(err, errOutOfMemory) {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: filepath.Join(dir, "Chart.yaml"),
					Message: "rendering this chart ran out of the renderer's memory (a template that builds a huge list or string: " +
						"until, untilStep, repeat?); nothing of it is graded"})
			} else if cctx.Err() == nil {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: filepath.Join(dir, "Chart.yaml"),
					Message: fmt.Sprintf("the Helm renderer failed on this chart (%v); it is not graded. Please report this with the chart", err)})
			}
			return nil, notes
		}
		for _, n := range resp.Notes {
			file := n.File
			if file != "" {
				file = filepath.Join(dir, filepath.FromSlash(file))
			}
			notes = append(notes, infra.Note{Kind: n.Kind, File: file, Line: n.Line, Message: n.Message})
		}
		r := &release{dir: dir, opts: o, resp: resp}
		comp := r.component()
		return comp, append(notes, r.notes...)
	}()
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
