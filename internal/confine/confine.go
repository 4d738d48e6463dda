// Package confine is the one gate through which a scan reads files that
// scanned code names: module sources, variable files, the files Terraform's
// file functions read, and (as formats arrive) Helm values, Kustomize
// patches, Compose env files and Dockerfiles.
//
// Scanned code is untrusted: a pull request can write file("/etc/shadow")
// or point a module at ~/.aws, and whatever is read may end up in a report
// that is posted publicly. So a Tree reads only regular files inside the
// scanned roots, after resolving symlinks (a link inside the tree that
// points outside is outside), never inside a .git directory (CI checkouts
// keep tokens in .git/config), and never more than a size limit. FIFOs and
// devices are refused before they are opened, so they cannot hang or
// exhaust a scan.
package confine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// DefaultFileLimit is the most a file named inside scanned code may hold
// (file(), templatefile(), …): such files are templates, scripts and
// policies, not data sets.
const DefaultFileLimit = 1 << 20

// DefaultSourceLimit is the most a configuration file the scan loads
// (a .tf file, a variable file, a manifest) may hold. Real ones are well
// under a megabyte; generated ones (a .tf.json, a bundle of CRDs) reach a
// few. Past this, a file costs seconds and gigabytes to parse, and is more
// likely an attack on the CI job than code.
const DefaultSourceLimit = 32 << 20

// DefaultDataLimit is the most a plan or state file may hold: real plans of
// large estates reach a hundred megabytes.
const DefaultDataLimit = 1 << 30

// HeadSize is how much of a file ReadHead reads: enough for a format's
// Sniff to see the top-level keys of a JSON document or the apiVersion and
// kind of a manifest.
const HeadSize = 64 << 10

// Error says why a path may not be read. Reason is written to follow the
// path: "is outside the scanned tree".
type Error struct {
	Path   string
	Reason string
	// NotExist is set when the path is inside the tree but does not exist.
	NotExist bool
	// TooLarge is set when the file is over the size limit.
	TooLarge bool
}

func (e *Error) Error() string { return e.Path + " " + e.Reason }

// Is lets errors.Is(err, fs.ErrNotExist) answer for a missing file inside the tree.
func (e *Error) Is(target error) bool { return e.NotExist && target == fs.ErrNotExist }

// IsRefused reports an error that is a refusal by the tree (outside, not a
// regular file, too large), as opposed to a file that does not exist.
func IsRefused(err error) bool {
	var e *Error
	return errors.As(err, &e) && !e.NotExist
}

// Tree is the set of files a scan may read. It is safe for concurrent use.
type Tree struct {
	// lexical are the roots as absolute, cleaned paths; resolved are the
	// same with symlinks resolved. A path is inside if it resolves under a
	// resolved root.
	lexical, resolved []string
	// mem holds files that exist only in memory (standard input), by
	// cleaned path; memDirs lists the names in each of their directories.
	mem     map[string][]byte
	memDirs map[string][]string
	// FileLimit bounds ReadFile of files named inside scanned code.
	FileLimit int64
	// SourceLimit bounds ReadSource of configuration files.
	SourceLimit int64
	// DataLimit bounds ReadData of plan and state files.
	DataLimit int64

	dirs sync.Map // absolute directory → resolved directory (string), or error
}

// New returns a tree rooted at the given files and directories (a file's
// directory is its root). Roots that do not exist are ignored: the caller
// reports them.
func New(roots ...string) *Tree {
	t := &Tree{FileLimit: DefaultFileLimit, SourceLimit: DefaultSourceLimit, DataLimit: DefaultDataLimit,
		mem: map[string][]byte{}, memDirs: map[string][]string{}}
	for _, r := range roots {
		t.AddRoot(r)
	}
	return t
}

// AddRoot adds a directory (or a file's directory) to the tree.
func (t *Tree) AddRoot(root string) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return
	}
	if st, err := os.Stat(abs); err == nil && !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	if slices.Contains(t.lexical, abs) {
		return // many named files share a directory
	}
	res, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return
	}
	if !slices.Contains(t.lexical, abs) {
		t.lexical = append(t.lexical, abs)
	}
	if !slices.Contains(t.resolved, res) {
		t.resolved = append(t.resolved, res)
	}
}

// AddMem makes a file that exists only in memory readable at path, so
// standard input can be loaded like a file without writing it to disk.
func (t *Tree) AddMem(path string, data []byte) {
	path = filepath.Clean(path)
	t.mem[path] = data
	dir := filepath.Dir(path)
	t.memDirs[dir] = append(t.memDirs[dir], filepath.Base(path))
}

// ReadFile reads a file named inside scanned code, up to FileLimit.
func (t *Tree) ReadFile(path string) ([]byte, error) {
	return t.read(path, limit{t.FileLimit, "files read by scanned code", "--max-read-size"}, false)
}

// ReadSource reads a configuration file the scan loads, up to SourceLimit.
func (t *Tree) ReadSource(path string) ([]byte, error) {
	return t.read(path, limit{t.SourceLimit, "configuration files", "--max-file-size"}, false)
}

// ReadData reads a plan or state file the scan loads, up to DataLimit.
func (t *Tree) ReadData(path string) ([]byte, error) {
	return t.read(path, limit{t.DataLimit, "plan and state files", "--max-plan-size"}, false)
}

// ReadHead reads at most the first HeadSize bytes of a file, whatever its
// size, so a format can be told from a 100 MB file without reading it all.
func (t *Tree) ReadHead(path string) ([]byte, error) {
	return t.read(path, limit{bytes: HeadSize}, true)
}

// limit is a size limit, named for messages: what it applies to and the
// flag that raises it.
type limit struct {
	bytes      int64
	what, flag string
}

func (t *Tree) read(path string, lim limit, head bool) ([]byte, error) {
	if b, ok := t.mem[filepath.Clean(path)]; ok {
		if head {
			b = b[:min(len(b), int(lim.bytes))]
		}
		return b, nil
	}
	if head {
		lim.bytes = -1 // checked below, after the file is known to be regular
	}
	if err := t.memMissing(path); err != nil {
		return nil, err
	}
	real, err := t.Resolve(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, &Error{Path: path, Reason: "cannot be read: " + ErrText(err)}
	}
	if err := regular(path, st, lim); err != nil {
		return nil, err
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, &Error{Path: path, Reason: "cannot be read: " + ErrText(err)}
	}
	defer f.Close()
	// The file may have changed since Stat: check what was opened.
	if st, err = f.Stat(); err != nil {
		return nil, &Error{Path: path, Reason: "cannot be read: " + ErrText(err)}
	}
	if err := regular(path, st, lim); err != nil {
		return nil, err
	}
	max := lim.bytes
	if head {
		max = HeadSize
	}
	// Read into a buffer of the file's size: growing one from nothing
	// would allocate twice the file, and a plan can be 100 MB. One byte
	// more tells a file that grew past the limit since Stat.
	size := min(st.Size(), max)
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, &Error{Path: path, Reason: "cannot be read: " + ErrText(err)}
	}
	b := buf.Bytes()
	if head {
		return b[:min(len(b), HeadSize)], nil
	}
	if int64(len(b)) > lim.bytes {
		return nil, tooLarge(path, lim)
	}
	return b, nil
}

// regular refuses what is not a regular file, and a file over lim (unless
// lim.bytes is negative: no limit).
func regular(path string, st fs.FileInfo, lim limit) error {
	if !st.Mode().IsRegular() {
		return &Error{Path: path, Reason: "is not a regular file (" + ModeName(st.Mode()) + ")"}
	}
	if lim.bytes >= 0 && st.Size() > lim.bytes {
		return tooLarge(path, lim)
	}
	return nil
}

func tooLarge(path string, lim limit) error {
	reason := "is larger than the " + Size(lim.bytes) + " limit"
	if lim.what != "" {
		reason += " for " + lim.what + " (raise it with " + lim.flag + ")"
	}
	return &Error{Path: path, Reason: reason, TooLarge: true}
}

// IsTooLarge reports an error for a file over its size limit.
func IsTooLarge(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.TooLarge
}

// Size formats a byte count for messages.
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ModeName says what a file that is not a regular one is: "a named pipe",
// "a socket", "a device".
func ModeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Stat is os.Stat for a path inside the tree.
func (t *Tree) Stat(path string) (fs.FileInfo, error) {
	if b, ok := t.mem[filepath.Clean(path)]; ok {
		return memInfo{name: filepath.Base(path), size: int64(len(b))}, nil
	}
	if _, ok := t.memDirs[filepath.Clean(path)]; ok {
		return memInfo{name: filepath.Base(path), dir: true}, nil
	}
	if err := t.memMissing(path); err != nil {
		return nil, err
	}
	real, err := t.Resolve(path)
	if err != nil {
		return nil, err
	}
	return os.Stat(real)
}

// memMissing says that a path in an in-memory directory that is not one of
// its files does not exist (nothing of it is on disk).
func (t *Tree) memMissing(path string) error {
	if _, ok := t.memDirs[filepath.Dir(filepath.Clean(path))]; ok {
		return &Error{Path: path, Reason: "does not exist", NotExist: true}
	}
	return nil
}

// ReadDir is os.ReadDir for a directory inside the tree.
func (t *Tree) ReadDir(dir string) ([]fs.DirEntry, error) {
	if names, ok := t.memDirs[filepath.Clean(dir)]; ok {
		out := make([]fs.DirEntry, 0, len(names))
		for _, n := range names {
			out = append(out, fs.FileInfoToDirEntry(memInfo{name: n, size: int64(len(t.mem[filepath.Join(dir, n)]))}))
		}
		slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
		return out, nil
	}
	real, err := t.Resolve(dir)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(real)
}

// Resolve returns the real path of path (symlinks resolved) if it is inside
// the tree. A path lexically outside every root is refused without looking
// at the file system, so a scan never even probes what lies outside.
func (t *Tree) Resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", &Error{Path: path, Reason: "cannot be resolved: " + err.Error()}
	}
	if !under(abs, t.lexical) && !under(abs, t.resolved) {
		return "", &Error{Path: path, Reason: "is outside the scanned tree"}
	}
	real, err := t.resolve(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", &Error{Path: path, Reason: "does not exist", NotExist: true}
		}
		return "", &Error{Path: path, Reason: "cannot be resolved: " + ErrText(err)}
	}
	root, ok := rootOf(real, t.resolved)
	if !ok {
		return "", &Error{Path: path, Reason: "leads outside the scanned tree through a symbolic link"}
	}
	if rel := real[len(root):]; strings.Contains(filepath.ToSlash(rel)+"/", "/.git/") {
		return "", &Error{Path: path, Reason: "is inside a .git directory, which is never read"}
	}
	return real, nil
}

// resolve resolves symlinks in abs, caching the resolution of directories
// (every file of a module shares its directory's).
func (t *Tree) resolve(abs string) (string, error) {
	dir, name := filepath.Dir(abs), filepath.Base(abs)
	rdir, err := t.resolveDir(dir)
	if err != nil {
		return "", err
	}
	p := filepath.Join(rdir, name)
	st, err := os.Lstat(p)
	if err != nil {
		return "", err
	}
	if st.Mode()&fs.ModeSymlink == 0 {
		return p, nil
	}
	return filepath.EvalSymlinks(p)
}

type dirResult struct {
	real string
	err  error
}

func (t *Tree) resolveDir(dir string) (string, error) {
	if v, ok := t.dirs.Load(dir); ok {
		r := v.(dirResult)
		return r.real, r.err
	}
	real, err := filepath.EvalSymlinks(dir)
	t.dirs.Store(dir, dirResult{real, err})
	return real, err
}

// under reports whether p is one of roots or inside one of them.
func under(p string, roots []string) bool {
	_, ok := rootOf(p, roots)
	return ok
}

// rootOf returns the root p is inside (or is).
func rootOf(p string, roots []string) (string, bool) {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r) && (strings.HasSuffix(r, string(filepath.Separator)) || p[len(r)] == filepath.Separator) {
			return r, true
		}
	}
	return "", false
}

// ErrText is an error's message without the path a message about it
// already names ("permission denied", not "open x.tf: permission denied").
func ErrText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// memInfo describes an in-memory file or directory.
type memInfo struct {
	name string
	size int64
	dir  bool
}

func (m memInfo) Name() string { return m.name }
func (m memInfo) Size() int64  { return m.size }
func (m memInfo) Mode() fs.FileMode {
	if m.dir {
		return fs.ModeDir | 0o500
	}
	return 0o400
}
func (m memInfo) ModTime() time.Time { return time.Time{} }
func (m memInfo) IsDir() bool        { return m.dir }
func (m memInfo) Sys() any           { return nil }
