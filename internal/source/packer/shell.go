package packer

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

// defaultInlineShebang is the shebang Packer's shell provisioner writes
// before inline commands when inline_shebang is not set (documented on the
// shell provisioner's page: "By default, this is /bin/sh -e").
const defaultInlineShebang = "/bin/sh -e"

// runsIn is the RunsIn of every script a Packer provisioner runs.
const runsIn = "packer"

// shellOf turns a shell provisioner's inline commands into a shell/Script
// and its script files into shell.Refs. p is the provisioner as converted
// (HCL2 or legacy JSON alike).
func (l *loader) shellOf(build *infra.Resource, typ string, p infra.Value, index int) {
	if typ != "shell" {
		return // shell-local runs on the machine running Packer; windows-shell and powershell are not sh
	}
	exec := p.Field("execute_command")
	if inline := p.Field("inline"); !inline.IsNull() {
		l.inlineScript(build, p, inline, exec, index)
	}
	var files []infra.Value
	if s := p.Field("script"); !s.IsNull() {
		files = append(files, s)
	}
	if ss := p.Field("scripts"); ss.Kind() == infra.List {
		files = append(files, ss.List()...)
	} else if !ss.IsNull() {
		files = append(files, ss)
	}
	sh, errexit := handedTo(exec)
	for _, f := range files {
		path, ok := f.Str()
		if !ok || !f.IsKnown() {
			l.note(infra.NoteCoverage, f.Loc.File, int(f.Loc.Line),
				fmt.Sprintf("the script a shell provisioner runs is not known (%s: %s), so it is not graded", f.Expr(), f.Why()))
			continue
		}
		// Relative to the template's directory, unless it already starts
		// with it (written "${path.root}/scripts/x.sh": path.root is that
		// directory as the scan names it).
		sep := string(filepath.Separator)
		dir := filepath.Clean(l.dir)
		inDir := dir != "." && strings.HasPrefix(filepath.Clean(path)+sep, dir+sep)
		if !filepath.IsAbs(path) && !inDir {
			path = filepath.Join(l.dir, path)
		}
		l.refs = append(l.refs, shell.Ref{Path: filepath.Clean(path), From: build.Address,
			Options: shell.Options{RunsIn: runsIn, Shell: sh, Errexit: errexit}})
	}
}

// inlineScript makes the shell/Script of inline commands. Packer joins the
// lines with newlines into one file; here each line is put at its own
// line of the template where the template gives one per line, so findings
// point at the line that wrote the command. A line that is not known is
// kept as a comment naming its expression: no command is made up.
func (l *loader) inlineScript(build *infra.Resource, p, inline, exec infra.Value, index int) {
	if inline.Kind() != infra.List {
		l.note(infra.NoteCoverage, inline.Loc.File, int(inline.Loc.Line),
			fmt.Sprintf("the inline commands of a shell provisioner are not known (%s: %s), so they are not graded", inline.Expr(), inline.Why()))
		return
	}
	items := inline.List()
	if len(items) == 0 {
		return
	}
	first := items[0].Loc
	if first.Line == 0 {
		first = inline.Loc
	}
	var b strings.Builder
	line := first.Line // the template line the next text line maps to
	for i, it := range items {
		if i > 0 {
			b.WriteByte('\n')
			line++
		}
		for it.Loc.File == first.File && it.Loc.Line > line {
			b.WriteByte('\n')
			line++
		}
		s, ok := it.Str()
		if !ok || !it.IsKnown() {
			s = "# not known until Packer runs: " + strings.ReplaceAll(it.Expr(), "\n", " ")
		}
		b.WriteString(s)
		line += int32(strings.Count(s, "\n"))
	}
	sh, errexit := handedTo(exec)
	if sh == "" {
		sh, errexit = shebangOf(p.Field("inline_shebang"))
	}
	name := fmt.Sprintf("%s.provisioner[%d]", build.Address, index)
	r, notes := shell.Script([]byte(b.String()), shell.Options{
		File: first.File, Line: first.Line, Name: name, RunsIn: runsIn, Shell: sh, Errexit: errexit,
	})
	l.notes = append(l.notes, notes...)
	if r == nil {
		return
	}
	if inline.IsSensitive() {
		// A script built from a hidden value must not be printed either.
		r.Attrs = r.Attrs.WithHidden(inline.Hidden())
	}
	l.resources = append(l.resources, r)
	build.Refs = append(build.Refs, infra.Ref{Attr: "provisioners", To: r.Address})
}

// shebangOf reads inline_shebang (Packer's default when unset) as the
// shell and whether it stops at the first error. An unknown shebang gives
// no shell and no errexit: only the script's own set -e then counts.
func shebangOf(v infra.Value) (string, bool) {
	s := defaultInlineShebang
	if !v.IsNull() {
		str, ok := v.Str()
		if !ok || !v.IsKnown() {
			return "", false
		}
		s = str
	}
	f := strings.Fields(strings.TrimPrefix(s, "#!"))
	if len(f) == 0 {
		return "", false
	}
	prog, args := filepath.Base(f[0]), f[1:]
	if prog == "env" && len(args) > 0 {
		prog, args = filepath.Base(args[0]), args[1:]
	}
	return prog, hasE(args)
}

// handedTo reads an execute_command that hands the script file to a shell
// (sudo -E bash -e '{{ .Path }}') rather than executing it: that shell
// runs it, whatever its shebang says, with the flags given there. It
// returns "" when the file is executed itself (Packer's default, chmod +x
// {{ .Path }}; {{ .Vars }} {{ .Path }}) or the command is not known.
func handedTo(exec infra.Value) (string, bool) {
	s, ok := exec.Str()
	if !ok || !exec.IsKnown() {
		return "", false
	}
	f := strings.Fields(s)
	for i := 0; i < len(f); i++ {
		prog := filepath.Base(strings.Trim(f[i], `'"`))
		if !isShellName(prog) {
			continue
		}
		j := i + 1
		var opts []string
		for j < len(f) && strings.HasPrefix(f[j], "-") {
			opts = append(opts, f[j])
			j++
		}
		if j >= len(f) || !strings.Contains(strings.Join(f[j:min(j+3, len(f))], " "), ".Path") {
			continue
		}
		for _, o := range opts {
			if o == "-c" || strings.HasPrefix(o, "-") && !strings.HasPrefix(o, "--") && strings.Contains(o, "c") {
				return "", false // sh -c '… {{ .Path }}' executes the file itself
			}
		}
		return prog, hasE(opts)
	}
	return "", false
}

func isShellName(p string) bool {
	switch p {
	case "sh", "bash", "dash", "ash", "zsh", "ksh":
		return true
	}
	return false
}

// hasE reports a -e among short options (-e, -eux, -xe).
func hasE(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "e") {
			return true
		}
	}
	return false
}
