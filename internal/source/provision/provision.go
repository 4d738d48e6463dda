// Package provision is the format for how servers and images are built:
// Packer templates, Ansible playbooks and roles, and the shell scripts
// both of them run. One format reads all three because a script belongs
// to whatever runs it: a script a Packer template or a playbook in the
// scanned tree runs is graded with that component (its install and
// configure steps are evidence for it), and only the scripts nothing
// runs are graded on their own, one component each.
package provision

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// ToolShell settles what a standalone script leaves unknown.
const ToolShell = "running the script"

func init() {
	source.Register(&source.Format{
		Name:         "provisioning",
		Files:        "shell scripts (*.sh)",
		Match:        Match,
		StdinFormats: []string{"shell"},
		Sniff:        sniff,
		Load:         load,
	})
}

// Match takes shell scripts by their extension.
func Match(name string) bool {
	return isScript(name)
}

func isScript(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".sh", ".bash":
		return true
	}
	return false
}

// sniff: standard input starting with a shell shebang is a script.
func sniff(data []byte) int {
	for _, p := range []string{"#!/bin/sh", "#!/bin/bash", "#!/usr/bin/env bash", "#!/usr/bin/env sh", "#!/bin/dash"} {
		if strings.HasPrefix(string(data[:min(len(data), 64)]), p) {
			return 2
		}
	}
	return 0
}

func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	var (
		mu    sync.Mutex
		notes []infra.Note
	)
	note := func(ns ...infra.Note) {
		mu.Lock()
		notes = append(notes, ns...)
		mu.Unlock()
	}
	var scripts []string
	for _, f := range append(slices.Clone(in.Files), in.Named...) {
		if isScript(f) {
			scripts = append(scripts, f)
		}
	}
	if in.Stdin != nil {
		r, ns := shell.Script(in.Stdin.Data, shell.Options{File: "-", Name: "standard input", RunsIn: "file"})
		note(ns...)
		if r != nil {
			emit(standalone("-", r))
		}
	}
	slices.Sort(scripts)
	scripts = slices.Compact(scripts)
	in.Workers.Each(ctx, len(scripts), func(i int) {
		c, ns := loadScript(in.Tree, scripts[i])
		note(ns...)
		if c != nil {
			emit(c)
		}
	})
	return notes
}

// loadScript grades a script nothing in the tree runs, as a component of its own.
func loadScript(tree *confine.Tree, f string) (*infra.Component, []infra.Note) {
	data, err := tree.ReadSource(f)
	if err != nil {
		return nil, []infra.Note{{Kind: infra.NoteError, File: f, Message: "cannot read: " + confine.ErrText(err)}}
	}
	r, notes := shell.Script(data, shell.Options{File: f, RunsIn: "file"})
	if r == nil {
		return nil, notes
	}
	return standalone(f, r), notes
}

func standalone(f string, r *infra.Resource) *infra.Component {
	return &infra.Component{Name: f, Path: f, Kind: "shell script (a script no scanned Packer template or playbook runs)",
		Tool: ToolShell, Resources: []*infra.Resource{r}}
}
