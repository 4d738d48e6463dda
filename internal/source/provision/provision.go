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
	"github.com/prodgrade/prodgrade/internal/source/ansible"
	"github.com/prodgrade/prodgrade/internal/source/packer"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// ToolShell settles what a standalone script leaves unknown.
const ToolShell = "running the script"

func init() {
	source.Register(&source.Format{
		Name:         "provisioning",
		Files:        "Packer templates (*.pkr.hcl, *.pkr.json, legacy JSON), Ansible playbooks and roles, and shell scripts (*.sh)",
		Match:        Match,
		StdinFormats: []string{"shell"},
		Sniff:        sniff,
		Load:         load,
		FixtureName:  fixtureName,
	})
}

// fixtureName is the name that states a resource's expected result in rule
// fixtures: a Packer source's NAME (source "amazon-ebs" "pass_encrypted"),
// a build's name, an Ansible task's or play's name, a script file's base
// name. An inline script (a provisioner's inline, a shell task) takes its
// fixture case's directory name: one inline script per case. An Ansible
// variables file takes its base name without extension (vars/fail_x.yml),
// or for a main.yml its role's (roles/fail_x/defaults/main.yml).
func fixtureName(caseName string, r *infra.Resource) string {
	switch r.Kind {
	case packer.KindSource:
		return r.Name[strings.LastIndexByte(r.Name, '.')+1:]
	case ansible.KindTask, ansible.KindHandler:
		if n, ok := r.Attrs.Get("name").Str(); ok && r.Attrs.Get("name").IsKnown() {
			return n
		}
	case ansible.KindVars:
		base := strings.TrimSuffix(filepath.Base(r.Name), filepath.Ext(r.Name))
		if base == "main" {
			return filepath.Base(filepath.Dir(filepath.Dir(r.Name)))
		}
		return base
	case shell.KindScript:
		if isScript(r.Name) {
			return filepath.Base(r.Name)
		}
		return caseName
	}
	return r.Name
}

// Match takes Packer templates and variable files, YAML files (the Ansible
// loader keeps the playbooks and the files of their roles, by content and
// layout), JSON files (a legacy Packer template has any name) and shell
// scripts.
func Match(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	switch {
	case isPackerHCL(base), isScript(base), base == "metadata.rb":
		return true
	}
	switch filepath.Ext(base) {
	case ".yml", ".yaml", ".json":
		return true
	}
	return false
}

func isPackerHCL(base string) bool {
	return strings.HasSuffix(base, ".pkr.hcl") || strings.HasSuffix(base, ".pkr.json") ||
		strings.HasSuffix(base, ".pkrvars.hcl") || strings.HasSuffix(base, ".pkrvars.json")
}

func isPackerTemplate(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	return strings.HasSuffix(base, ".pkr.hcl") || strings.HasSuffix(base, ".pkr.json")
}

// isTestFixtures reports a directory of a Packer plugin's test inputs
// (test-fixtures/), as Ansible's loader treats Molecule scenarios.
// testdata/ is not one: rule fixtures live there.
func isTestFixtures(dir string) bool {
	return slices.Contains(strings.Split(filepath.ToSlash(dir), "/"), "test-fixtures")
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

// loaded is one Packer or Ansible component with the script files it runs.
type loaded struct {
	comp *infra.Component
	refs []shell.Ref
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
	files := append(slices.Clone(in.Files), in.Named...)
	slices.Sort(files)
	files = slices.Compact(files)
	var scripts, yamls, jsons []string
	packerDirs := map[string][]string{}
	for _, f := range files {
		base := strings.ToLower(filepath.Base(f))
		switch {
		case base == "metadata.rb":
			// A Chef cookbook: a Ruby DSL prodgrade does not read. Said,
			// so that a scan of a Chef repository is not silently empty.
			note(infra.Note{Kind: infra.NoteCoverage, File: filepath.Dir(f),
				Message: "a Chef cookbook (metadata.rb): Chef recipes are not graded; Packer templates, Ansible playbooks and shell scripts are"})
		case isScript(base):
			scripts = append(scripts, f)
		case isPackerHCL(base):
			packerDirs[filepath.Dir(f)] = append(packerDirs[filepath.Dir(f)], f)
		case strings.HasSuffix(base, ".json"):
			jsons = append(jsons, f)
		default:
			yamls = append(yamls, f)
		}
	}

	var comps []loaded
	add := func(c *infra.Component, refs []shell.Ref, ns []infra.Note) {
		note(ns...)
		if c != nil {
			mu.Lock()
			comps = append(comps, loaded{c, refs})
			mu.Unlock()
		}
	}
	dirs := make([]string, 0, len(packerDirs))
	for d, fs := range packerDirs {
		switch {
		case !slices.ContainsFunc(fs, isPackerTemplate):
			// Only variable files (-var-file inputs, os_pkrvars/): they
			// are read by the templates that use them, not graded alone.
		case isTestFixtures(d):
			note(infra.Note{Kind: infra.NoteCoverage, File: d,
				Message: "Packer templates in a test fixtures directory are test inputs, built one by one by a test harness: not graded"})
		default:
			dirs = append(dirs, d)
		}
	}
	slices.Sort(dirs)
	in.Workers.Each(ctx, len(dirs), func(i int) {
		cctx, cancel := in.Limits.Context(ctx)
		defer cancel()
		c, refs, ns := packer.Load(cctx, in.Tree, dirs[i], packerDirs[dirs[i]], nil)
		add(c, refs, ns)
	})
	in.Workers.Each(ctx, len(jsons), func(i int) {
		head, err := in.Tree.ReadHead(jsons[i])
		if err != nil || !packer.IsLegacyJSON(head) {
			return // not a Packer template: another format's, or nobody's
		}
		data, err := in.Tree.ReadSource(jsons[i])
		if err != nil {
			note(infra.Note{Kind: infra.NoteError, File: jsons[i], Message: "cannot read: " + confine.ErrText(err)})
			return
		}
		cctx, cancel := in.Limits.Context(ctx)
		defer cancel()
		c, refs, ns := packer.LoadLegacyJSON(cctx, in.Tree, jsons[i], data)
		add(c, refs, ns)
	})
	if len(yamls) > 0 {
		cs, refs, _, ns := ansible.Load(ctx, in.Tree, in.Paths, yamls)
		note(ns...)
		for _, c := range cs {
			comps = append(comps, loaded{c, refsOf(c, refs)})
		}
	}

	// The scripts a component runs are graded with it.
	owned := map[string]bool{}
	for _, l := range comps {
		for _, r := range l.refs {
			owned[filepath.Clean(r.Path)] = true
		}
	}
	in.Workers.Each(ctx, len(comps), func(i int) {
		note(attachScripts(in.Tree, comps[i])...)
		emit(comps[i].comp)
	})

	if in.Stdin != nil {
		r, ns := shell.Script(in.Stdin.Data, shell.Options{File: "-", Name: "standard input", RunsIn: "file"})
		note(ns...)
		if r != nil {
			emit(standalone("-", r))
		}
	}
	var alone []string
	for _, f := range scripts {
		if !owned[filepath.Clean(f)] {
			alone = append(alone, f)
		}
	}
	in.Workers.Each(ctx, len(alone), func(i int) {
		c, ns := loadScript(in.Tree, alone[i])
		note(ns...)
		if c != nil {
			emit(c)
		}
	})
	return notes
}

// refsOf picks the refs whose runner is a resource of c.
func refsOf(c *infra.Component, refs []shell.Ref) []shell.Ref {
	addrs := make(map[string]bool, len(c.Resources))
	for _, r := range c.Resources {
		addrs[r.Address] = true
	}
	var out []shell.Ref
	for _, r := range refs {
		if addrs[r.From] {
			out = append(out, r)
		}
	}
	return out
}

// attachScripts reads the script files a component runs into it, each
// with an edge from the resource that runs it. A script outside the
// scanned tree is named in a note, never read.
func attachScripts(tree *confine.Tree, l loaded) []infra.Note {
	var notes []infra.Note
	byAddr := make(map[string]*infra.Resource, len(l.comp.Resources))
	for _, r := range l.comp.Resources {
		byAddr[r.Address] = r
	}
	done := map[string]bool{}
	for _, ref := range l.refs {
		path := filepath.Clean(ref.Path)
		name := path
		if rel, err := filepath.Rel(componentDir(l.comp), path); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
		addr := "script." + filepath.ToSlash(name)
		if from := byAddr[ref.From]; from != nil {
			from.Refs = append(from.Refs, infra.Ref{Attr: "script", To: addr})
		}
		if done[path] {
			continue
		}
		done[path] = true
		if !isShellFile(path) {
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: path,
				Message: ref.From + " runs this file, which is not a shell script (by its extension), so it is not graded"})
			continue
		}
		data, err := tree.ReadSource(path)
		if err != nil {
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: path,
				Message: "the script " + ref.From + " runs cannot be read, so it is not graded: " + confine.ErrText(err)})
			continue
		}
		o := ref.Options
		o.File, o.Line, o.Name = path, 1, addr
		r, ns := shell.Script(data, o)
		notes = append(notes, ns...)
		if r != nil {
			r.Address = addr
			l.comp.Resources = append(l.comp.Resources, r)
		}
	}
	return notes
}

// isShellFile: what a script task or provisioner runs may be PowerShell,
// a batch file or another interpreter's program; only shell is read.
func isShellFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ps1", ".psm1", ".bat", ".cmd", ".py", ".rb", ".pl", ".js", ".exe":
		return false
	}
	return true
}

// componentDir is the directory a component's paths are relative to.
func componentDir(c *infra.Component) string {
	if strings.HasSuffix(c.Path, ".yml") || strings.HasSuffix(c.Path, ".yaml") || strings.HasSuffix(c.Path, ".json") {
		return filepath.Dir(c.Path)
	}
	return c.Path
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
