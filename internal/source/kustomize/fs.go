package kustomize

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// treeFS is the file system kustomize builds one root on. Every read goes
// through the scan's confine.Tree, so a kustomization can read nothing
// outside the scanned tree (resources: [/etc/passwd], ../../../outside,
// a symbolic link out of the tree); it is read-only; and it stops
// answering once ctx is done, which is how a build that runs past its time
// limit is stopped: kustomize itself takes no context.
//
// Kustomization files are not served as written but as sanitize makes
// them: without what would make kustomize reach the network, run a
// program or share state between builds, and with the annotations that
// say where each object came from (see sanitize).
type treeFS struct {
	ctx  context.Context
	tree *confine.Tree
	// root is the real directory of the kustomization being built, shown
	// as display in messages and locations (the directory as the user
	// wrote it).
	root, display string
	// kfile is the kustomization file built, as the user would write it.
	kfile string

	mu sync.Mutex
	// notes are what sanitize found in the kustomization files read, and
	// the paths the tree refused.
	notes []infra.Note
	// explained is set when a note says why the build cannot succeed (the
	// tree refused a path): kustomize's own error is then only a
	// consequence.
	explained bool
	// refused are the paths refusals were noted for, by absolute path.
	refused map[string]bool
	// kustomizations are the sanitized kustomization files served, by real
	// path, so each is sanitized (and noted) once per build.
	kustomizations map[string][]byte
	// reads records the files read, for the whole scan.
	reads *reads
}

var _ filesys.FileSystem = (*treeFS)(nil)

func newTreeFS(ctx context.Context, tree *confine.Tree, root, display, kfile string, r *reads) *treeFS {
	return &treeFS{ctx: ctx, tree: tree, root: root, display: display, kfile: kfile,
		kustomizations: map[string][]byte{}, refused: map[string]bool{}, reads: r}
}

// errReadOnly is what every write gets: prodgrade never writes where it scans.
var errReadOnly = errors.New("prodgrade reads kustomizations without writing anything")

// show is a real path as the user would write it: relative to the
// directory they named for the kustomization being built.
func (f *treeFS) show(path string) string {
	rel, err := filepath.Rel(f.root, path)
	if err != nil {
		return path
	}
	return filepath.Join(f.display, rel)
}

// markRefused records a refused path, reporting whether it is new. A
// refusal explains why the build fails.
func (f *treeFS) markRefused(path string) bool {
	path = filepath.Clean(path)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.explained = true
	if f.refused[path] {
		return false
	}
	f.refused[path] = true
	return true
}

func (f *treeFS) note(n infra.Note) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notes = append(f.notes, n)
}

// check says whether the build may go on.
func (f *treeFS) check() error {
	if err := f.ctx.Err(); err != nil {
		return fmt.Errorf("build stopped: %w", err)
	}
	return nil
}

// refusal records a path the tree would not let kustomize read, and
// returns the error kustomize is given for it.
func (f *treeFS) refusal(path string, err error) error {
	var ce *confine.Error
	if errors.As(err, &ce) && !ce.NotExist {
		if f.markRefused(path) {
			f.note(infra.Note{Kind: infra.NoteError, File: f.kfile, Message: refusedText(f.show(path), ce.Reason)})
		}
		return fmt.Errorf("%s %s", f.show(path), ce.Reason)
	}
	if errors.As(err, &ce) {
		return fmt.Errorf("%s: %w", f.show(path), fs.ErrNotExist)
	}
	return err
}

// refusedText says why a path the tree refused stops a build.
func refusedText(path, reason string) string {
	if strings.Contains(reason, "outside the scanned tree") || strings.Contains(reason, ".git") {
		return fmt.Sprintf("%s %s; prodgrade lets kustomize read only files inside it, so this kustomization cannot be built: scan a directory that holds everything it uses", path, reason)
	}
	return fmt.Sprintf("%s %s, so kustomize cannot read it and this kustomization cannot be built", path, reason)
}

// real resolves a path kustomize asks about to the real path inside the
// tree, as kustomize's own file system resolves symbolic links.
func (f *treeFS) real(path string) (string, error) {
	if err := f.check(); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := f.tree.Resolve(abs)
	if err != nil {
		return "", f.refusal(abs, err)
	}
	return real, nil
}

func (f *treeFS) stat(path string) (fs.FileInfo, error) {
	real, err := f.real(path)
	if err != nil {
		return nil, err
	}
	st, err := f.tree.Stat(real)
	if err != nil {
		return nil, f.refusal(real, err)
	}
	return st, nil
}

// CleanedAbs splits a path into its real directory and, unless the whole
// path is a directory, its file name.
func (f *treeFS) CleanedAbs(path string) (filesys.ConfirmedDir, string, error) {
	real, err := f.real(path)
	if err != nil {
		return "", "", err
	}
	st, err := f.tree.Stat(real)
	if err != nil {
		return "", "", f.refusal(real, err)
	}
	if st.IsDir() {
		return filesys.ConfirmedDir(real), "", nil
	}
	return filesys.ConfirmedDir(filepath.Dir(real)), filepath.Base(real), nil
}

func (f *treeFS) Exists(path string) bool {
	_, err := f.stat(path)
	return err == nil
}

func (f *treeFS) IsDir(path string) bool {
	st, err := f.stat(path)
	return err == nil && st.IsDir()
}

func (f *treeFS) ReadDir(path string) ([]string, error) {
	real, err := f.real(path)
	if err != nil {
		return nil, err
	}
	entries, err := f.tree.ReadDir(real)
	if err != nil {
		return nil, f.refusal(real, err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names, nil
}

// isKustomizationName reports the names kustomize reads a kustomization
// from.
func isKustomizationName(name string) bool {
	return name == "kustomization.yaml" || name == "kustomization.yml" || name == "Kustomization"
}

// isConfigName reports files read with the tree's limit for configuration
// (manifests, patches, kustomizations); anything else a kustomization
// names (the files of a configMapGenerator) gets the limit for files named
// inside scanned code.
func isConfigName(name string) bool {
	return isKustomizationName(name) || strings.HasSuffix(name, ".yaml") ||
		strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".json")
}

func (f *treeFS) ReadFile(path string) ([]byte, error) {
	real, err := f.real(path)
	if err != nil {
		return nil, err
	}
	if st, err := f.tree.Stat(real); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory", f.show(real))
	}
	name := filepath.Base(real)
	if isKustomizationName(name) {
		return f.readKustomization(real)
	}
	read := f.tree.ReadFile
	if isConfigName(name) {
		read = f.tree.ReadSource
	}
	data, err := read(real)
	if err != nil {
		return nil, f.refusal(real, err)
	}
	url, err := remotePluginFile(data)
	if err == nil && url == "" {
		f.reads.file(real)
		return data, nil
	}
	n := infra.Note{Kind: infra.NoteError, File: f.show(real)}
	if err != nil {
		n.Message = fmt.Sprintf("this kustomize plugin configuration cannot be read (%v), so prodgrade does not hand it to kustomize and the kustomization is not built", err)
	} else {
		n.Line = lineOf(data, url)
		n.Message = fmt.Sprintf("this kustomize plugin configuration names the remote file %s, which prodgrade never fetches, so the kustomization is not built; use a local copy", url)
	}
	f.note(n)
	f.mu.Lock()
	f.explained = true
	f.mu.Unlock()
	return nil, errors.New(n.Message)
}

// lineOf is the line where text first appears in data, or 0.
func lineOf(data []byte, text string) int {
	i := bytes.Index(data, []byte(text))
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

// dirs are the real directories of the kustomizations read.
func (f *treeFS) dirs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []string{f.root}
	for real := range f.kustomizations {
		out = append(out, filepath.Dir(real))
	}
	return out
}

// unknownField is how kustomize reports a field a kustomization does not have.
var unknownField = regexp.MustCompile(`unknown field "([^"]+)"`)

// errorLine says where a build error was made, where that can be told
// from its message: a field kustomize does not know is found in the
// kustomization files read (the root's first). Else the root
// kustomization, with no line.
func (f *treeFS) errorLine(msg string) (string, int) {
	m := unknownField.FindStringSubmatch(msg)
	if m == nil {
		return f.kfile, 0
	}
	f.mu.Lock()
	files := make([]string, 0, len(f.kustomizations))
	for real := range f.kustomizations {
		files = append(files, real)
	}
	f.mu.Unlock()
	slices.Sort(files)
	key := regexp.MustCompile(`^\s*(-\s+)?["']?` + regexp.QuoteMeta(m[1]) + `["']?\s*:`)
	for _, real := range append([]string{filepath.Join(f.root, filepath.Base(f.kfile))}, files...) {
		data, err := f.tree.ReadSource(real)
		if err != nil {
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			if key.MatchString(line) {
				return f.show(real), i + 1
			}
		}
	}
	return f.kfile, 0
}

// readKustomization serves a kustomization file as sanitize makes it.
func (f *treeFS) readKustomization(real string) ([]byte, error) {
	f.mu.Lock()
	data, ok := f.kustomizations[real]
	f.mu.Unlock()
	if ok {
		return data, nil
	}
	src, err := f.tree.ReadSource(real)
	if err != nil {
		return nil, f.refusal(real, err)
	}
	s := sanitizer{fs: f, file: f.show(real), dir: filepath.Dir(real), root: filepath.Dir(real) == f.root}
	data, err = s.sanitize(src)
	f.mu.Lock()
	f.notes = append(f.notes, s.notes...)
	f.explained = f.explained || s.explained
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.kustomizations[real] = data
	f.mu.Unlock()
	f.reads.file(real)
	return data, nil
}

func (f *treeFS) Open(path string) (filesys.File, error) {
	data, err := f.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &memFile{Reader: bytes.NewReader(data), name: filepath.Base(path), size: int64(len(data))}, nil
}

// Glob matches a pattern whose wildcards are in its last element only,
// which is all kustomize asks of it.
func (f *treeFS) Glob(pattern string) ([]string, error) {
	dir, base := filepath.Split(pattern)
	if strings.ContainsAny(dir, "*?[") {
		return nil, fmt.Errorf("glob %s: wildcards in directory names are not supported", pattern)
	}
	if dir == "" {
		dir = "."
	}
	names, err := f.ReadDir(dir)
	if err != nil {
		return nil, nil // as filepath.Glob: no match
	}
	var out []string
	for _, n := range names {
		if ok, err := filepath.Match(base, n); err != nil {
			return nil, err
		} else if ok {
			out = append(out, filepath.Join(dir, n))
		}
	}
	return out, nil
}

func (f *treeFS) Walk(path string, walkFn filepath.WalkFunc) error {
	st, err := f.stat(path)
	if err != nil {
		return walkFn(path, nil, err)
	}
	err = f.walk(path, st, walkFn)
	if errors.Is(err, filepath.SkipDir) || errors.Is(err, filepath.SkipAll) {
		return nil
	}
	return err
}

func (f *treeFS) walk(path string, st fs.FileInfo, walkFn filepath.WalkFunc) error {
	if err := walkFn(path, st, nil); err != nil || !st.IsDir() {
		return err
	}
	names, err := f.ReadDir(path)
	if err != nil {
		return walkFn(path, st, err)
	}
	slices.Sort(names)
	for _, n := range names {
		p := filepath.Join(path, n)
		cst, err := f.stat(p)
		if err != nil {
			if err := walkFn(p, nil, err); err != nil && !errors.Is(err, filepath.SkipDir) {
				return err
			}
			continue
		}
		if err := f.walk(p, cst, walkFn); err != nil {
			if errors.Is(err, filepath.SkipDir) && cst.IsDir() {
				continue
			}
			return err
		}
	}
	return nil
}

func (f *treeFS) Create(string) (filesys.File, error) { return nil, errReadOnly }
func (f *treeFS) Mkdir(string) error                  { return errReadOnly }
func (f *treeFS) MkdirAll(string) error               { return errReadOnly }
func (f *treeFS) RemoveAll(string) error              { return errReadOnly }
func (f *treeFS) WriteFile(string, []byte) error      { return errReadOnly }

// memFile is a file served from memory, for Open.
type memFile struct {
	*bytes.Reader
	name string
	size int64
}

var _ io.ReadWriteCloser = (*memFile)(nil)

func (m *memFile) Write([]byte) (int, error) { return 0, errReadOnly }
func (m *memFile) Close() error              { return nil }
func (m *memFile) Stat() (os.FileInfo, error) {
	return fileInfo{name: m.name, size: m.size}, nil
}

type fileInfo struct {
	name string
	size int64
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o400 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
