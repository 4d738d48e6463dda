package scan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// skipDirs are never walked into: version control, tool caches and vendored
// dependencies. Modules that `terraform init` downloaded into .terraform are
// graded through the root modules that call them, never on their own.
var skipDirs = map[string]bool{
	".git":         true,
	".terraform":   true,
	"node_modules": true,
}

// found is what discovery found under the scanned paths.
type found struct {
	// tfDirs are the directories holding at least one *.tf file, cleaned,
	// sorted and unique.
	tfDirs []string
	// jsonFiles are Terraform plan and state files named on the command line.
	jsonFiles []string
	// files counts the supported files found.
	files int
	notes []infra.Note
}

// isTerraformFile reports a Terraform configuration file, in native or
// JSON syntax.
func isTerraformFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// discover walks paths and collects the directories of supported files. A
// path that does not exist is a usage error; anything else that cannot be
// read becomes an error note, and the walk goes on.
func discover(paths []string) (found, error) {
	var f found
	dirs := map[string]bool{}
	for _, p := range paths {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return f, usageErrorf("path %s does not exist", p)
			}
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: p, Message: "cannot read: " + errText(err)})
			continue
		}
		before := f.files
		if !info.IsDir() {
			switch {
			case isTerraformFile(p):
				// Terraform's unit is the directory: a file is graded with its module.
				dirs[filepath.Dir(p)] = true
				f.files++
			case isTerraformJSON(p):
				f.jsonFiles = append(f.jsonFiles, p)
				f.files++
			default:
				f.notes = append(f.notes, infra.Note{Kind: infra.NoteCoverage, File: p,
					Message: "not a supported format (Terraform *.tf or *.tf.json, or a plan or state as .json or .tfstate); skipped"})
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: path, Message: "cannot read: " + errText(err)})
				if d != nil && d.IsDir() && path != p {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != p && (skipDirs[name] || strings.HasPrefix(name, ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if isTerraformFile(name) && (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) {
				dirs[filepath.Dir(path)] = true
				f.files++
			}
			return nil
		})
		if err != nil {
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: p, Message: "cannot read: " + errText(err)})
		}
		if f.files == before {
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteCoverage, File: p,
				Message: "no supported files (Terraform *.tf or *.tf.json) found here"})
		}
	}
	f.tfDirs = make([]string, 0, len(dirs))
	for d := range dirs {
		f.tfDirs = append(f.tfDirs, d)
	}
	slices.Sort(f.tfDirs)
	return f, nil
}

// errText is an error's message without the path that the note already names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
