package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/report"
)

// Schema identifies a baseline file.
const Schema = "prodgrade/baseline/v1"

// maxFileSize bounds a baseline file read: a million entries take about
// 200 MB, far beyond any real code base, and a wrong path (a disk image,
// /dev/zero) must not exhaust memory.
const maxFileSize = 256 << 20

// File is a baseline: the findings a team has accepted for now. Only fail
// findings are recorded, as only they gate; an unknown never does.
type File struct {
	Schema   string                 `json:"schema"`
	Findings []report.BaselineEntry `json:"findings"`
}

// FromReport records the fail findings of a report.
func FromReport(rep *report.Report) *File {
	b := &File{Schema: Schema, Findings: []report.BaselineEntry{}}
	for i := range rep.Findings {
		if f := &rep.Findings[i]; f.Status == checklist.Fail {
			b.Findings = append(b.Findings, entry(f))
		}
	}
	b.sort()
	return b
}

func entry(f *report.Finding) report.BaselineEntry {
	return report.BaselineEntry{Fingerprint: f.Fingerprint, Rule: f.Rule, Component: f.Component,
		Resource: f.Resource, File: f.File}
}

// sort orders the entries as a person reads them — by component,
// resource, rule — and by fingerprint last, so the file is the same
// whatever order the findings came in and diffs show only real changes.
func (b *File) sort() {
	slices.SortFunc(b.Findings, compareEntries)
}

func compareEntries(x, y report.BaselineEntry) int {
	return cmp.Or(cmp.Compare(x.Component, y.Component), cmp.Compare(x.Resource, y.Resource),
		cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.File, y.File), cmp.Compare(x.Fingerprint, y.Fingerprint))
}

// Write writes the baseline as indented JSON, its entries sorted.
func (b *File) Write(w io.Writer) error {
	b.sort()
	out := File{Schema: Schema, Findings: b.Findings}
	if out.Findings == nil {
		out.Findings = []report.BaselineEntry{}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteFile writes the baseline to path, replacing it only once the whole
// file is written: an interrupted update must not leave half a baseline,
// which would make every finding after the cut look new.
func (b *File) WriteFile(path string) error {
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".prodgrade-baseline-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Parse reads a baseline file's content. It accepts only a baseline of
// this schema whose every entry has a well-formed fingerprint, so that a
// report or another file given by mistake is an error rather than a
// baseline that matches nothing.
func Parse(data []byte) (*File, error) {
	var b File
	if err := json.Unmarshal(data, &b); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("not a prodgrade baseline: invalid JSON at byte %d: %v", syn.Offset, err)
		}
		return nil, fmt.Errorf("not a prodgrade baseline: %v", err)
	}
	switch {
	case b.Schema == "":
		return nil, fmt.Errorf("not a prodgrade baseline: it has no \"schema\": %q", Schema)
	case b.Schema != Schema:
		return nil, fmt.Errorf("not a prodgrade baseline: its schema is %q, not %q", b.Schema, Schema)
	}
	for i, e := range b.Findings {
		if !isFingerprint(e.Fingerprint) {
			return nil, fmt.Errorf("entry %d (%s on %s) has fingerprint %q, which is not %d hex digits",
				i+1, e.Rule, e.Resource, e.Fingerprint, fingerprintLen)
		}
	}
	if b.Findings == nil {
		b.Findings = []report.BaselineEntry{}
	}
	return &b, nil
}

func isFingerprint(s string) bool {
	if len(s) != fingerprintLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Load reads the baseline file at path. Its errors name the file and say
// how to make a baseline.
func Load(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the baseline: %w; record one with prodgrade baseline -o %s", err, path)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the baseline %s: %w; give a file written by prodgrade baseline -o FILE", path, err)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB, which no baseline is; check the path", path, maxFileSize>>20)
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s is %w; record a baseline with prodgrade baseline -o %s", path, err, path)
	}
	return b, nil
}

// Compare marks the findings of rep that are in the baseline (name is how
// the user named its file) and records the comparison in rep.Baseline.
// A fail in the baseline is Baselined and no longer gates (report.ExitCode).
// A baseline entry is fixed when no finding has its fingerprint: one whose
// finding turned unknown is not fixed, as nothing shows it is.
func Compare(rep *report.Report, b *File, name string) {
	in := make(map[string]bool, len(b.Findings))
	for _, e := range b.Findings {
		in[e.Fingerprint] = true
	}
	found := make(map[string]bool, len(rep.Findings))
	res := &report.Baseline{File: name, Fixed: []report.BaselineEntry{}}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		found[f.Fingerprint] = true
		if f.Status != checklist.Fail {
			continue
		}
		if in[f.Fingerprint] {
			f.Baselined = true
			res.Known++
		} else {
			res.New++
		}
	}
	for _, e := range b.Findings {
		if !found[e.Fingerprint] {
			res.Fixed = append(res.Fixed, e)
		}
	}
	slices.SortFunc(res.Fixed, compareEntries)
	res.Fixed = slices.CompactFunc(res.Fixed, func(x, y report.BaselineEntry) bool { return x.Fingerprint == y.Fingerprint })
	rep.Baseline = res
}

// Update is the ratchet: it returns the baseline without its fixed
// entries (as Compare finds them), and how many fail findings of rep are
// not in it. It never adds an entry: a new finding is fixed, waived, or
// accepted by recording a new baseline on purpose, never by an update.
func Update(b *File, rep *report.Report) (kept *File, dropped []report.BaselineEntry, notAdded int) {
	found := make(map[string]bool, len(rep.Findings))
	for i := range rep.Findings {
		found[rep.Findings[i].Fingerprint] = true
	}
	in := make(map[string]bool, len(b.Findings))
	kept = &File{Schema: Schema, Findings: []report.BaselineEntry{}}
	for _, e := range b.Findings {
		switch {
		case in[e.Fingerprint]:
			// A duplicate entry (files merged by hand): kept once.
		case found[e.Fingerprint]:
			kept.Findings = append(kept.Findings, e)
		default:
			dropped = append(dropped, e)
		}
		in[e.Fingerprint] = true
	}
	for i := range rep.Findings {
		if f := &rep.Findings[i]; f.Status == checklist.Fail && !in[f.Fingerprint] {
			notAdded++
		}
	}
	kept.sort()
	slices.SortFunc(dropped, compareEntries)
	return kept, dropped, notAdded
}
