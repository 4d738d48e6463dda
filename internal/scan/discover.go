package scan

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// skipDirs are never walked into: vendored dependencies, and test
// fixtures (testdata, by Go's convention: custom rules keep theirs there,
// and they are wrong on purpose). Hidden directories are skipped too:
// version control (.git) and tools' caches (.terraform holds downloaded
// modules, loaded through the files that call them, never on their own).
// A directory named on the command line is scanned whatever its name.
var skipDirs = map[string]bool{
	"node_modules": true,
	"testdata":     true,
}

// found is what discovery found under the scanned paths, by format name.
type found struct {
	// files are the files each format's Match took, sorted; named are the
	// files named on the command line that a format's Claim took.
	files, named map[string][]string
	// count is the number of supported files found.
	count int
	notes []infra.Note
}

// discover walks paths and hands each file to the formats that match it. A
// path that does not exist is a usage error; anything else that cannot be
// read becomes an error note, and the walk goes on.
func discover(paths []string, formats []*source.Format) (found, error) {
	f := found{files: map[string][]string{}, named: map[string][]string{}}
	take := func(path string) bool {
		name, ok := filepath.Base(path), false
		for _, fm := range formats {
			if fm.Match(name) {
				f.files[fm.Name] = append(f.files[fm.Name], path)
				ok = true
			}
		}
		if ok {
			f.count++
		}
		return ok
	}
	for _, p := range paths {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return f, usageErrorf("path %s does not exist", p)
			}
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: p, Message: "cannot read: " + confine.ErrText(err)})
			continue
		}
		before := f.count
		if !info.IsDir() {
			if fm, claimed := pick(p, formats); fm == nil {
				f.notes = append(f.notes, infra.Note{Kind: infra.NoteCoverage, File: p,
					Message: "not a supported format (" + describeFormats(formats) + "); skipped"})
			} else if claimed {
				f.named[fm.Name] = append(f.named[fm.Name], p)
				f.count++
			} else {
				f.files[fm.Name] = append(f.files[fm.Name], p)
				f.count++
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: path, Message: "cannot read: " + confine.ErrText(err)})
				if d != nil && d.IsDir() && path != p {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if name := d.Name(); path != p && (skipDirs[name] || strings.HasPrefix(name, ".")) {
					return fs.SkipDir
				}
				return nil
			}
			// Symlinks are taken here and judged when read: confine.Tree
			// refuses one that leads outside the scanned tree.
			if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 {
				take(path)
				return nil
			}
			// A named pipe, socket or device with a name a format reads is
			// never opened (a FIFO would block the scan), but it is named.
			for _, fm := range formats {
				if fm.Match(d.Name()) {
					f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: path,
						Message: "cannot read file: " + confine.ErrText(&confine.Error{Path: path, Reason: "is not a regular file (" + confine.ModeName(d.Type()) + ")"})})
					break
				}
			}
			return nil
		})
		if err != nil {
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteError, File: p, Message: "cannot read: " + confine.ErrText(err)})
		}
		if f.count == before {
			f.notes = append(f.notes, infra.Note{Kind: infra.NoteCoverage, File: p,
				Message: "no supported files (" + describeFormats(formats) + ") found here"})
		}
	}
	for name := range f.files {
		slices.Sort(f.files[name])
		f.files[name] = slices.Compact(f.files[name])
	}
	return f, nil
}

// pick chooses the format of a file named on the command line: the one
// whose Match or Claim takes it, and when several do (a .json file may be
// a Terraform plan or a Kubernetes manifest), the one whose Sniff rates its
// content highest. claimed says it was taken by Claim, not Match.
func pick(path string, formats []*source.Format) (f *source.Format, claimed bool) {
	type cand struct {
		f       *source.Format
		claimed bool
	}
	var cands []cand
	for _, fm := range formats {
		switch {
		case fm.Match(filepath.Base(path)):
			cands = append(cands, cand{fm, false})
		case fm.Claim != nil && fm.Claim(path):
			cands = append(cands, cand{fm, true})
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	best, score := cands[0], -1
	if len(cands) > 1 {
		// Read through a tree of its own: a FIFO or a device is refused, not
		// waited on; an error is reported by the loader that gets the file.
		// The head is enough to sniff, and a plan may be 100 MB.
		data, _ := confine.New(path).ReadHead(path)
		for _, c := range cands {
			s := 0
			if c.f.Sniff != nil {
				s = c.f.Sniff(data)
			}
			if s > score {
				best, score = c, s
			}
		}
	}
	return best.f, best.claimed
}
