package terraform

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/tfjson"
)

// The Terraform format reads .tf and .tf.json files (found by walking),
// plan and state JSON (read when named, never found by walking: a
// terraform.tfstate beside its .tf files would grade the same resources
// twice), and binds each plan to the root module it was made from.
func init() {
	source.Register(&source.Format{
		Name:         "terraform",
		Files:        "Terraform *.tf or *.tf.json files, plans or states",
		Match:        isConfigFile,
		Claim:        isStateOrPlanName,
		StdinFormats: []string{"terraform", "plan", "state"},
		Sniff:        sniff,
		Validate:     validate,
		Load:         load,
		FixtureName:  fixtureName,
	})
}

// isConfigFile reports a Terraform configuration file, in native or JSON syntax.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// isStateOrPlanName reports a file named as a plan or state would be.
func isStateOrPlanName(path string) bool {
	return !isConfigFile(path) && (strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".tfstate"))
}

// sniff: plan and state JSON are recognised by content; anything else may
// be HCL, the fallback.
func sniff(data []byte) int {
	if tfjson.Detect(data) != tfjson.Unknown {
		return 2
	}
	return 1
}

func options(in *source.Input) Options {
	if o, ok := in.Options.(Options); ok {
		return o
	}
	return Options{}
}

func validate(in *source.Input) error {
	o := options(in)
	for _, v := range o.Vars {
		if v.File != "" {
			if _, err := os.Stat(v.File); err != nil {
				return fmt.Errorf("--var-file %s: %s", v.File, confine.ErrText(err))
			}
			continue
		}
		name, _, ok := strings.Cut(v.Assign, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return fmt.Errorf("--var %q: use NAME=VALUE", v.Assign)
		}
	}
	_, err := planFlags(o.Plans, in.Paths)
	return err
}

// fixtureName: a settings block has no name of its own; the case directory
// names it in the root module ("pass-s3-locked"), the module call in a
// child ("module \"skip_child\"").
func fixtureName(caseName string, r *infra.Resource) string {
	if r.Kind != infra.KindTerraform {
		return r.Name
	}
	if r.Module == "" {
		return caseName
	}
	call := r.Module[strings.LastIndex(r.Module, ".")+1:]
	if i := strings.IndexByte(call, '['); i >= 0 {
		call = call[:i]
	}
	return call
}

// planBinding is a plan and the root module it belongs to.
type planBinding struct {
	file   string
	dir    string // cleaned root module directory
	loaded *tfjson.Loaded
	used   bool
}

// planFlags reads --plan values, FILE or DIR=FILE. A plan without a
// directory belongs to the .tf files beside it, or else to the one
// directory scanned.
func planFlags(values, paths []string) ([]*planBinding, error) {
	var out []*planBinding
	for _, v := range values {
		dir, file, ok := strings.Cut(v, "=")
		if !ok {
			file, dir = v, filepath.Dir(v)
			if !hasConfigFiles(dir) {
				var dirs []string
				for _, p := range paths {
					if st, err := os.Stat(p); err == nil && st.IsDir() {
						dirs = append(dirs, p)
					}
				}
				if len(dirs) != 1 {
					return nil, fmt.Errorf("--plan %s: no .tf files beside it; scan exactly one directory with it, or name its root module: --plan DIR=%s", v, v)
				}
				dir = dirs[0]
			}
		}
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("--plan %s: %s", file, confine.ErrText(err))
		}
		out = append(out, &planBinding{file: file, dir: filepath.Clean(dir)})
	}
	return out, nil
}

// load is the format's Load: the root modules of the matched files, plans
// bound to them, plans and states graded on their own, and standard input.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	o := options(in)
	var notes []infra.Note
	// dirs are the directories to load, by absolute path, as first written.
	dirs := map[string]string{}
	addDir := func(d string) {
		if a := absPath(d); dirs[a] == "" {
			dirs[a] = d
		}
	}
	for _, f := range in.Files {
		addDir(filepath.Dir(f))
	}
	// Plans are bound to root modules by absolute directory, however the
	// paths were written; a bound plan's directory is always loaded, so the
	// plan is graded once, with its .tf files.
	planFor := map[string]*planBinding{}
	planFiles := map[string]bool{}
	bind := func(b *planBinding) {
		planFor[absPath(b.dir)] = b
		planFiles[absPath(b.file)] = true
		addDir(b.dir)
	}
	plans, _ := planFlags(o.Plans, in.Paths) // validated before
	for _, b := range plans {
		l, ns := readJSONFile(b.file, in.Tree.DataLimit)
		notes = append(notes, ns...)
		if l != nil {
			b.loaded = l
			bind(b)
			in.CountFiles(1)
		}
	}
	emitAll := func(l *tfjson.Loaded) {
		for _, c := range l.Components {
			emit(c)
		}
	}
	for _, f := range in.Named {
		if planFiles[absPath(f)] {
			continue // given with --plan as well
		}
		l, ns := readJSONFile(f, in.Tree.DataLimit)
		notes = append(notes, ns...)
		if l == nil {
			continue
		}
		// A plan beside the .tf files it was made from is graded with them,
		// as --plan would, so findings point at the .tf lines.
		if dir := filepath.Dir(f); isPlan(l) && planFor[absPath(dir)] == nil && hasConfigFiles(dir) {
			b := &planBinding{file: f, dir: dir, loaded: l}
			plans = append(plans, b)
			bind(b)
			continue
		}
		emitAll(l)
	}
	if s := in.Stdin; s != nil {
		if s.Format == "plan" || s.Format == "state" || s.Format == "" && tfjson.Detect(s.Data) != tfjson.Unknown {
			if l, ns := loadJSON(s.Name, s.Data); l != nil {
				emitAll(l)
			} else {
				notes = append(notes, ns...)
			}
		} else {
			name := "stdin.tf"
			if t := bytes.TrimLeft(s.Data, "\xef\xbb\xbf \t\r\n"); len(t) > 0 && t[0] == '{' {
				name = "stdin.tf.json" // Terraform's JSON syntax
			}
			in.Tree.AddMem(filepath.Join(s.Dir, name), s.Data)
			dirs[s.Dir] = s.Dir // in memory: not a path on disk
		}
	}
	var mu sync.Mutex
	list := make([]string, 0, len(dirs))
	for _, d := range dirs {
		list = append(list, d)
	}
	slices.Sort(list)
	notes = append(notes, stream(ctx, list, o, in, func(c *infra.Component) {
		mu.Lock()
		b := planFor[absPath(c.Path)]
		if b != nil {
			b.used = true
		}
		mu.Unlock()
		if b != nil {
			c = tfjson.Merge(c, b.loaded)
		}
		emit(c)
	})...)
	for _, b := range plans {
		if b.loaded != nil && !b.used {
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: b.file,
				Message: fmt.Sprintf("--plan: no Terraform root module at %s; the plan is graded on its own, with findings at the plan's addresses", b.dir)})
			emitAll(b.loaded)
		}
	}
	return notes
}

// loadJSON reads a plan or state. One that is not Terraform JSON becomes an
// error note with its position.
func loadJSON(name string, data []byte) (*tfjson.Loaded, []infra.Note) {
	l, err := tfjson.Load(name, data)
	if err != nil {
		n := infra.Note{Kind: infra.NoteError, File: name, Message: err.Error()}
		var te *tfjson.Error
		if errors.As(err, &te) {
			n.Line = te.Line
		}
		return nil, []infra.Note{n}
	}
	return l, nil
}

// readJSONFile reads a plan or state the user named, through a tree of its
// own (it is the user's own input, not a file scanned code names, so it
// may be anywhere) with the scan's limit for plans.
func readJSONFile(path string, limit int64) (*tfjson.Loaded, []infra.Note) {
	tree := confine.New(path)
	tree.DataLimit = limit
	data, err := tree.ReadData(path)
	if err != nil {
		return nil, []infra.Note{{Kind: infra.NoteError, File: path, Message: "cannot read: " + confine.ErrText(err)}}
	}
	return loadJSON(path, data)
}

func isPlan(l *tfjson.Loaded) bool {
	return len(l.Components) == 1 && l.Components[0].Kind == tfjson.Plan.String()
}

func hasConfigFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isConfigFile(e.Name()) {
			return true
		}
	}
	return false
}
