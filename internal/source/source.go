// Package source is the registry of input formats. Each format package
// (terraform, and later kubernetes, compose, dockerfile, …) registers one
// Format from its init function: which files it reads and how it loads them
// into components. The scan walks the paths, hands every format its files
// and grades what the formats emit, without naming any format: a new format
// is one package and one import line (internal/source/all).
package source

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// Format is one input format.
type Format struct {
	// Name identifies the format ("terraform"); its options are keyed by it.
	Name string
	// Files says what the format reads, for messages: "Terraform *.tf and
	// *.tf.json files, plans and states".
	Files string
	// Match reports whether a file found while walking a directory is one
	// of the format's, from its base name.
	Match func(name string) bool
	// Claim reports whether a file named on the command line that no
	// format's Match takes is the format's (a plan or state JSON, read only
	// when named). Nil claims nothing.
	Claim func(path string) bool
	// StdinFormats are the --input-format values the format reads from
	// standard input. Sniff rates how much data read from standard input
	// without --input-format looks like the format: 0 not at all, 1 it could
	// be (a fallback), 2 it is. Nil Sniff means the format never reads stdin.
	StdinFormats []string
	Sniff        func(data []byte) int
	// Validate checks the format's options before anything is read, so a
	// mistake in how prodgrade was called is a usage error. May be nil.
	Validate func(in *Input) error
	// Load loads the input into components and hands each to emit as soon
	// as it is ready, possibly from several goroutines: a caller that grades
	// and drops each keeps memory bounded. It returns notes about input that
	// could not be read or graded. It stops early when ctx is cancelled.
	Load func(ctx context.Context, in *Input, emit func(*infra.Component)) []infra.Note
	// FixtureName is the name that states a resource's expected result in
	// rule fixtures (see rulestest): the Terraform block name, a Kubernetes
	// object's metadata.name. caseName is the fixture case's directory name,
	// for resources that have no name of their own. Nil means r.Name.
	FixtureName func(caseName string, r *infra.Resource) string
}

// Input is what one format is given to load.
type Input struct {
	// Paths are the scanned paths, as the user wrote them.
	Paths []string
	// Files are the files found under Paths that Match took, and the files
	// named in Paths that Match took; Named are those Claim took.
	Files, Named []string
	// Stdin is standard input, when it was given to this format.
	Stdin *Stdin
	// Tree is what the scanned code may read; every file is read through it.
	Tree *confine.Tree
	// Options are the format's own options (a value of the type its package
	// documents), or nil for its defaults.
	Options any
	// Workers bounds the goroutines the scan uses.
	Workers *Workers
	// Limits bound what one component may cost.
	Limits Limits

	// extra counts the files the format read besides Files and Named.
	extra atomic.Int64
}

// CountFiles records n input files the format read that discovery did not
// find (a plan given with --plan), for the report's file count.
func (in *Input) CountFiles(n int) { in.extra.Add(int64(n)) }

// ExtraFiles is what CountFiles recorded.
func (in *Input) ExtraFiles() int { return int(in.extra.Load()) }

// Limits bound what one input may cost, so that one hostile or huge input
// cannot take a scan down: a file's size is bounded where it is read
// (confine.Tree), the time to load one component here. A format that stops
// at a limit says so in a note and still emits what it loaded.
type Limits struct {
	// ComponentTime is the longest loading one component may take; 0 means
	// no limit.
	ComponentTime time.Duration
}

// Context returns ctx bounded by the component time limit.
func (l Limits) Context(ctx context.Context) (context.Context, context.CancelFunc) {
	if l.ComponentTime <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, l.ComponentTime)
}

// Stdin is standard input given to a format.
type Stdin struct {
	Data []byte
	// Format is the --input-format given, or "" when the format was chosen by Sniff.
	Format string
	// Dir is an in-memory directory of Input.Tree where the format may put
	// standard input as a file (Tree.AddMem), named Dir/<any name>; the
	// scan reports every such file as Name.
	Dir, Name string
}

var (
	mu       sync.RWMutex
	registry []*Format
)

// Register adds a format. It panics on a malformed or duplicate format: that
// is a programming error, found by the first test run.
func Register(f *Format) {
	if f.Name == "" || f.Match == nil || f.Load == nil || f.Files == "" {
		panic(fmt.Sprintf("source.Register: format %q needs a name, Files, Match and Load", f.Name))
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.ContainsFunc(registry, func(g *Format) bool { return g.Name == f.Name }) {
		panic(fmt.Sprintf("source.Register: format %s registered twice", f.Name))
	}
	registry = append(registry, f)
	slices.SortFunc(registry, func(a, b *Format) int { return compare(a.Name, b.Name) })
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// All returns the registered formats, sorted by name.
func All() []*Format {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(registry)
}

// Lookup returns the format called name, or nil.
func Lookup(name string) *Format {
	mu.RLock()
	defer mu.RUnlock()
	for _, f := range registry {
		if f.Name == name {
			return f
		}
	}
	return nil
}
