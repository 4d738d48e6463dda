package scan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/tfjson"
)

// isTerraformJSON reports a file named as a plan or state would be. Such
// files are read when named on the command line (or with --plan), never
// picked up by walking a directory: a terraform.tfstate beside its .tf files
// would grade the same resources twice.
func isTerraformJSON(name string) bool {
	return !isTerraformFile(name) && (strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".tfstate"))
}

// planBinding is a plan given with --plan and the root module it belongs to.
type planBinding struct {
	file   string
	dir    string // cleaned root module directory
	loaded *tfjson.Loaded
	used   bool
}

// parsePlanFlags reads --plan values, FILE or DIR=FILE. A plan without a
// directory belongs to the .tf files beside it, or else to the one
// directory scanned.
func parsePlanFlags(values, paths []string) ([]*planBinding, error) {
	var out []*planBinding
	for _, v := range values {
		dir, file, ok := strings.Cut(v, "=")
		if !ok {
			file, dir = v, filepath.Dir(v)
			if !hasTerraformFiles(dir) {
				var dirs []string
				for _, p := range paths {
					if st, err := os.Stat(p); err == nil && st.IsDir() {
						dirs = append(dirs, p)
					}
				}
				if len(dirs) != 1 {
					return nil, usageErrorf("--plan %s: no .tf files beside it; scan exactly one directory with it, or name its root module: --plan DIR=%s", v, v)
				}
				dir = dirs[0]
			}
		}
		if _, err := os.Stat(file); err != nil {
			return nil, usageErrorf("--plan %s: %s", file, errText(err))
		}
		out = append(out, &planBinding{file: file, dir: filepath.Clean(dir)})
	}
	return out, nil
}

// loadJSON reads a plan or state file. A file that cannot be read, or is
// not Terraform JSON, becomes an error note with its position.
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

func readJSONFile(path string) (*tfjson.Loaded, []infra.Note) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, []infra.Note{{Kind: infra.NoteError, File: path, Message: "cannot read: " + errText(err)}}
	}
	return loadJSON(path, data)
}

// unusedPlanNote explains a --plan whose directory held no root module.
func unusedPlanNote(b *planBinding) infra.Note {
	return infra.Note{Kind: infra.NoteCoverage, File: b.file,
		Message: fmt.Sprintf("--plan: no Terraform root module at %s; the plan is graded on its own, with findings at the plan's addresses", b.dir)}
}

func isPlan(l *tfjson.Loaded) bool {
	return len(l.Components) == 1 && l.Components[0].Kind == tfjson.Plan.String()
}

func hasTerraformFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isTerraformFile(e.Name()) {
			return true
		}
	}
	return false
}
