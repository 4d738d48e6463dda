package render

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

// memFS is the chart's directory as prodgrade read it and sent it: the
// renderer reads no file of its own. Paths are relative to the chart's
// directory.
type memFS struct {
	entries map[string]*wire.File
	// children are the names in each directory, sorted.
	children map[string][]string
}

func newMemFS(files []wire.File) *memFS {
	m := &memFS{entries: map[string]*wire.File{}, children: map[string][]string{}}
	for i := range files {
		f := &files[i]
		p := path.Clean(f.Path)
		m.entries[p] = f
		if p != "." {
			dir := path.Dir(p)
			m.children[dir] = append(m.children[dir], path.Base(p))
		}
	}
	for _, names := range m.children {
		slices.Sort(names)
	}
	return m
}

func (m *memFS) entry(op, name string) (*wire.File, error) {
	p := path.Clean(filepath.ToSlash(name))
	f, ok := m.entries[p]
	if !ok {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return f, nil
}

// Stat describes the entry name.
func (m *memFS) Stat(name string) (fs.FileInfo, error) {
	f, err := m.entry("stat", name)
	if err != nil {
		return nil, err
	}
	if f.StatErr != "" {
		return nil, errors.New(f.StatErr)
	}
	return fileInfo{f}, nil
}

// ReadDir lists the directory name, sorted by name.
func (m *memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := m.entry("readdir", name)
	if err != nil {
		return nil, err
	}
	if f.ReadErr != "" {
		return nil, errors.New(f.ReadErr)
	}
	p := path.Clean(filepath.ToSlash(name))
	var out []fs.DirEntry
	for _, c := range m.children[p] {
		out = append(out, fs.FileInfoToDirEntry(fileInfo{m.entries[path.Join(p, c)]}))
	}
	return out, nil
}

// ReadSource returns the file name's contents.
func (m *memFS) ReadSource(name string) ([]byte, error) {
	f, err := m.entry("open", name)
	if err != nil {
		return nil, err
	}
	if f.StatErr != "" {
		return nil, errors.New(f.StatErr)
	}
	if f.ReadErr != "" {
		return nil, errors.New(f.ReadErr)
	}
	if f.Dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return f.Data, nil
}

// fileInfo is a memFS entry as an fs.FileInfo.
type fileInfo struct{ f *wire.File }

func (i fileInfo) Name() string       { return path.Base(i.f.Path) }
func (i fileInfo) Size() int64        { return int64(len(i.f.Data)) }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.f.Dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.f.Dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
