package helm

import (
	"context"
	"path"
	"path/filepath"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

// maxChartSize bounds the bytes one chart's directory, its dependencies
// included, may hold: Helm's own bound on an unpacked chart archive
// (archive.MaxDecompressedChartSize).
const maxChartSize = 100 << 20

// maxDirDepth bounds how deep a chart's directories are read, so that a
// maze of directories (or of links the tree allows) ends.
const maxDirDepth = 64

// readChartFiles reads every file and directory of the chart in dir
// through the tree, for the renderer: it reads nothing itself, so a
// symbolic link in a chart cannot make Helm read a file outside the
// scanned tree. What cannot be read is sent as such, and becomes a note
// only if Helm would have read it (.helmignore may leave it out). ok is
// false when the chart is not to be rendered (the notes say why).
//
// Unlike Helm, this reads the files .helmignore leaves out too (the
// renderer applies .helmignore), and counts them against maxChartSize.
func readChartFiles(ctx context.Context, tree *confine.Tree, dir string) (files []wire.File, notes []infra.Note, ok bool) {
	budget := int64(maxChartSize)
	visited := map[string]bool{}
	var walk func(rel string, depth int) bool
	walk = func(rel string, depth int) bool {
		full := filepath.Join(dir, filepath.FromSlash(rel))
		if real, err := tree.Resolve(full); err == nil {
			if visited[real] {
				return true // a link back to a directory already read
			}
			visited[real] = true
		}
		d := wire.File{Path: cmpOr(rel, "."), Dir: true}
		if depth > maxDirDepth {
			notes = append(notes, infra.Note{Kind: infra.NoteError, File: full,
				Message: "directories nest more than 64 levels deep; what is deeper is not read"})
			files = append(files, d)
			return true
		}
		entries, err := tree.ReadDir(full)
		if err != nil {
			d.ReadErr = err.Error()
			files = append(files, d)
			return true
		}
		files = append(files, d)
		for _, e := range entries {
			if ctx.Err() != nil {
				return false
			}
			if e.Name() == ".git" {
				continue // never read (confine refuses it too)
			}
			name := path.Join(rel, e.Name())
			p := filepath.Join(dir, filepath.FromSlash(name))
			info, err := tree.Stat(p)
			if err != nil {
				files = append(files, wire.File{Path: name, StatErr: err.Error()})
				continue
			}
			if info.IsDir() {
				if !walk(name, depth+1) {
					return false
				}
				continue
			}
			data, err := tree.ReadSource(p)
			if err != nil {
				files = append(files, wire.File{Path: name, ReadErr: err.Error()})
				continue
			}
			budget -= int64(len(data))
			if budget < 0 {
				notes = append(notes, infra.Note{Kind: infra.NoteError, File: p,
					Message: "the chart holds more than the " + confine.Size(maxChartSize) + " Helm allows; it is not rendered"})
				return false
			}
			files = append(files, wire.File{Path: name, Data: data})
		}
		return true
	}
	if !walk("", 0) || ctx.Err() != nil {
		return nil, notes, false
	}
	return files, notes, true
}
