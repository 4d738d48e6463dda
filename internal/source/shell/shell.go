// Package shell reads shell scripts with mvdan.cc/sh's parser into one
// resource per script, so that rules see commands as the shell runs them
// (words, pipes, conditions), not as lines matched by regular expressions.
//
// A script (kind KindScript) comes from a *.sh file, or from the shell text
// another format runs: a Packer shell provisioner's inline commands, an
// Ansible shell or command task, a Terraform user_data. Its attributes:
//
//	shell     the interpreter: the shebang's program ("bash", "sh"), else
//	          what runs it (Options.Shell), else "sh"
//	errexit   the script stops at the first failing command: set -e (or
//	          set -o errexit) before any command, a shebang with -e, or a
//	          runner that sets it (Packer's inline shebang is /bin/sh -e)
//	pipefail  set -o pipefail before any command (bash, ksh, zsh)
//	runs_in   what runs the script ("file", "packer", "ansible", …)
//	init_script  a SysV init script (### BEGIN INIT INFO, # chkconfig:),
//	          whose commands' statuses are its control flow
//	commands  every simple command, in the order written, each an object:
//	          argv       its words, with quotes removed; a word holding an
//	                     expansion ($VAR, $(cmd), globs) is unknown, its
//	                     expression the word as written
//	          piped_from its input is the previous command's output (a | b: b)
//	          pipe_to    its output goes to the next command (a | b: a)
//	          cond       its status is tested (if, while, until, &&, ||, !)
//	          depth      0 for the script's own commands, 1 inside $(…),
//	                     a subshell, a function body or a here-document
//	                     run by a shell, and so on
//	          stdout_to_file  its output is redirected to a file (> f,
//	                     >> f, &> f), not left to the runner's log
//	          each located at its line of the host file.
package shell

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// KindScript is the kind of a shell script.
const KindScript = "shell/Script"

// Options say where a script's text sits and what runs it.
type Options struct {
	// File and Line locate the script's first line in its host file
	// (Line 1 for a *.sh file; the line after "inline = [" for Packer).
	File string
	Line int32
	// Name is the resource's name and, with the host's, its address.
	Name string
	// RunsIn names what runs the script: "file", "packer", "ansible", ….
	RunsIn string
	// Shell is the interpreter the runner hands the text to (bash
	// file.sh), which ignores the #! line; empty when the text runs by its
	// own #! line ("sh" when it has none).
	Shell string
	// Errexit is set when the runner stops at the first failing command
	// whatever the script says (Packer's default inline shebang, /bin/sh -e).
	Errexit bool
	// OneLine locates every command at Line: the text's own lines are not
	// lines of the host file (user data read by file() or built by a
	// function).
	OneLine bool
}

// maxCommands bounds the commands read from one script: a hostile one of
// millions would otherwise cost memory in proportion; real scripts hold
// hundreds.
const maxCommands = 20000

// maxDepth bounds how deep nested shells are followed: sh -c "sh -c '…'"
// has a finite end, but a hostile script need not.
const maxDepth = 8

// Script parses src into a shell/Script resource. Text the parser refuses
// gives an error note at its line and no resource.
func Script(src []byte, o Options) (*infra.Resource, []infra.Note) {
	if o.Line == 0 {
		o.Line = 1
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, []infra.Note{{Kind: infra.NoteError, File: o.File, Line: int(o.Line), Message: "not a shell script: it holds NUL bytes"}}
	}
	if l := tooDeep(src); l > 0 {
		return nil, []infra.Note{{Kind: infra.NoteError, File: o.File, Line: int(o.Line) + l - 1,
			Message: fmt.Sprintf("nested more than %d levels deep (brackets, $(…), if, loops); real scripts nest far less, so the script is not parsed", maxNesting)}}
	}
	w := walker{o: o}
	sh := interpreter(src, o.Shell)
	// A runner that hands the file to a shell (bash file.sh) ignores the
	// #! line, its flags included.
	if o.Shell == "" && shebangErrexit(src) {
		w.errexit = true
	}
	// Statement by statement: each one's syntax tree is garbage once its
	// commands are read, so a long script costs its commands, not its tree.
	var notes []infra.Note
	var parseErr error
	full := false
	p := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(variant(src, o.Shell)))
	// The loop never stops the iterator early: StmtsSeq (mvdan.cc/sh
	// v3.14.1) yields its final error even after the loop has returned,
	// which panics. Statements past an error or past the cap are skipped.
	for st, err := range p.StmtsSeq(bytes.NewReader(src)) {
		switch {
		case parseErr != nil || full:
		case err != nil:
			parseErr = err
		case len(w.cmds) >= maxCommands:
			full = true
			notes = append(notes, infra.Note{Kind: infra.NoteCoverage, File: o.File, Line: int(o.Line) + int(st.Pos().Line()) - 1,
				Message: fmt.Sprintf("the script has more than %d commands; the rest, from here on, is not read", maxCommands)})
		default:
			w.stmt(st, 0, false, false, false)
		}
	}
	if parseErr != nil {
		n := infra.Note{Kind: infra.NoteError, File: o.File, Line: int(o.Line), Message: "the shell cannot parse this script: " + parseErr.Error()}
		var pe syntax.ParseError
		if errors.As(parseErr, &pe) {
			n.Line = int(o.Line) + int(pe.Pos.Line()) - 1
			n.Message = "the shell cannot parse this script: " + pe.Text
		}
		return nil, []infra.Note{n}
	}
	loc := infra.Location{File: o.File, Pos: infra.Pos{Line: o.Line}}
	attrs := []infra.Field{
		{Name: "shell", Value: infra.StringValue(sh)},
		{Name: "errexit", Value: infra.BoolValue(w.errexit || o.Errexit)},
		{Name: "pipefail", Value: infra.BoolValue(w.pipefail)},
		{Name: "runs_in", Value: infra.StringValue(o.RunsIn)},
		{Name: "init_script", Value: infra.BoolValue(bytes.Contains(src, []byte("### BEGIN INIT INFO")) || bytes.Contains(src, []byte("# chkconfig:")))},
		{Name: "commands", Value: infra.ListValue(w.cmds).WithLoc(loc)},
	}
	name := o.Name
	if name == "" {
		name = filepath.Base(o.File)
	}
	return &infra.Resource{
		Kind: KindScript, Name: name, Address: name, Loc: loc, Origin: "shell",
		Attrs: infra.ObjectValue(attrs).WithLoc(loc),
	}, notes
}

// interpreter is the runner's shell when it hands the text to one, else
// the shebang's program, else sh.
func interpreter(src []byte, runner string) string {
	if runner != "" {
		return runner
	}
	if prog, _ := shebang(src); prog != "" {
		return prog
	}
	return "sh"
}

func variant(src []byte, runner string) syntax.LangVariant {
	switch interpreter(src, runner) {
	case "sh", "dash", "ash":
		return syntax.LangPOSIX
	case "mksh":
		return syntax.LangMirBSDKorn
	}
	return syntax.LangBash
}

// shebang reads "#!/usr/bin/env bash -e" as ("bash", ["-e"]).
func shebang(src []byte) (string, []string) {
	if !bytes.HasPrefix(src, []byte("#!")) {
		return "", nil
	}
	line, _, _ := bytes.Cut(src[2:], []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return "", nil
	}
	prog, args := filepath.Base(fields[0]), fields[1:]
	if prog == "env" {
		for len(args) > 0 && strings.HasPrefix(args[0], "-") {
			args = args[1:]
		}
		if len(args) == 0 {
			return "", nil
		}
		prog, args = filepath.Base(args[0]), args[1:]
	}
	return prog, args
}

// shebangErrexit: #!/bin/bash -e (or -xe, -eu…) stops at the first failure.
func shebangErrexit(src []byte) bool {
	_, args := shebang(src)
	for _, a := range args {
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.Contains(a, "e") {
			return true
		}
	}
	return false
}

// walker collects the simple commands of a script.
type walker struct {
	o                 Options
	cmds              []infra.Value
	errexit, pipefail bool
	// ran is set once a command other than set has run: set -e after it
	// leaves what ran before unprotected, which the rules must not miss.
	ran bool
}

func (w *walker) stmts(ss []*syntax.Stmt, depth int, cond bool) {
	for _, s := range ss {
		w.stmt(s, depth, cond, false, false)
	}
}

// stmt walks one statement; pipedFrom and pipeTo say where its output and
// input go when it is part of a pipeline.
func (w *walker) stmt(s *syntax.Stmt, depth int, cond, pipedFrom, pipeTo bool) {
	if s == nil || depth > maxDepth {
		return
	}
	cond = cond || s.Negated
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr:
		w.call(c, s, depth, cond, pipedFrom, pipeTo)
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.Pipe, syntax.PipeAll:
			w.stmt(c.X, depth, cond, pipedFrom, true)
			w.stmt(c.Y, depth, cond, true, pipeTo)
		default: // && and ||: the left's status is tested
			w.stmt(c.X, depth, true, pipedFrom, false)
			w.stmt(c.Y, depth, cond, false, pipeTo)
		}
	case *syntax.IfClause:
		for ic := c; ic != nil; ic = ic.Else {
			w.stmts(ic.Cond, depth, true)
			w.stmts(ic.Then, depth, cond)
		}
	case *syntax.WhileClause:
		w.stmts(c.Cond, depth, true)
		w.stmts(c.Do, depth, cond)
	case *syntax.ForClause:
		w.stmts(c.Do, depth, cond)
	case *syntax.CaseClause:
		for _, item := range c.Items {
			w.stmts(item.Stmts, depth, cond)
		}
	case *syntax.Block:
		w.stmts(c.Stmts, depth, cond)
	case *syntax.Subshell:
		w.stmts(c.Stmts, depth+1, cond)
	case *syntax.FuncDecl:
		w.stmt(c.Body, depth+1, false, false, false)
	case *syntax.TimeClause:
		w.stmt(c.Stmt, depth, cond, pipedFrom, pipeTo)
	case *syntax.CoprocClause:
		w.stmt(c.Stmt, depth+1, cond, false, false)
	}
	// Command substitutions and here-documents fed to a shell run commands too.
	syntax.Walk(s, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.CmdSubst:
			w.stmts(x.Stmts, depth+1, true)
			return false
		case *syntax.ProcSubst:
			w.stmts(x.Stmts, depth+1, cond)
			return false
		case *syntax.Stmt:
			return x == s
		}
		return true
	})
}

func (w *walker) call(c *syntax.CallExpr, s *syntax.Stmt, depth int, cond, pipedFrom, pipeTo bool) {
	if len(c.Args) == 0 {
		return // only assignments
	}
	argv := make([]infra.Value, 0, len(c.Args))
	var lits []string
	for _, a := range c.Args {
		v := word(a)
		argv = append(argv, v)
		if s, ok := v.Str(); ok && v.IsKnown() {
			lits = append(lits, s)
		} else {
			lits = append(lits, "")
		}
	}
	line := w.o.Line + int32(c.Pos().Line()) - 1
	if w.o.OneLine {
		line = w.o.Line
	}
	if depth == 0 && !w.ran && len(lits) > 0 && lits[0] == "set" {
		w.setOptions(lits[1:])
	} else if len(lits) > 0 && lits[0] != "set" {
		w.ran = true
	}
	col := int32(c.Pos().Col())
	if w.o.OneLine {
		col = 0
	}
	loc := infra.Location{File: w.o.File, Pos: infra.Pos{Line: line, Col: col}}
	w.cmds = append(w.cmds, infra.ObjectValue([]infra.Field{
		{Name: "argv", Value: infra.ListValue(argv).WithLoc(loc)},
		{Name: "piped_from", Value: infra.BoolValue(pipedFrom)},
		{Name: "pipe_to", Value: infra.BoolValue(pipeTo)},
		{Name: "cond", Value: infra.BoolValue(cond)},
		{Name: "depth", Value: infra.NumberValue(float64(depth))},
		{Name: "stdout_to_file", Value: infra.BoolValue(stdoutToFile(s.Redirs))},
	}).WithLoc(loc))
	// A here-document fed to a shell (bash <<EOF) is a script of its own.
	if isShell(lits[0]) {
		for _, r := range s.Redirs {
			if (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && r.Hdoc != nil {
				if text, ok := literal(r.Hdoc); ok {
					w.nested(text, int32(r.Hdoc.Pos().Line())-1, depth+1)
				}
			}
		}
		// sh -c 'script'
		for i := 1; i+1 < len(lits); i++ {
			if lits[i] == "-c" && lits[i+1] != "" {
				w.nested(lits[i+1], int32(c.Args[i+1].Pos().Line())-1, depth+1)
				break
			}
		}
	}
}

// nested walks a script a command hands to a shell, its lines counted from
// the host line at offset.
func (w *walker) nested(text string, offset int32, depth int) {
	if depth > maxDepth || tooDeep([]byte(text)) > 0 {
		return
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(text), w.o.File)
	if err != nil {
		return // the outer script's parse already vouched for its own text
	}
	inner := walker{o: w.o, ran: true}
	if !w.o.OneLine {
		inner.o.Line = w.o.Line + offset
	}
	inner.stmts(f.Stmts, depth, false)
	w.cmds = append(w.cmds, inner.cmds...)
}

// setOptions reads set -e, set -o errexit, set -euo pipefail.
func (w *walker) setOptions(args []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" && i+1 < len(args):
			i++
			switch args[i] {
			case "errexit":
				w.errexit = true
			case "pipefail":
				w.pipefail = true
			}
		case strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--"):
			if strings.Contains(a, "e") {
				w.errexit = true
			}
			if strings.HasSuffix(a, "o") && i+1 < len(args) && args[i+1] == "pipefail" {
				w.pipefail = true
				i++
			}
		}
	}
}

// stdoutToFile reports a command whose standard output goes to a file
// (> f, >> f, &> f), not to the log of whatever runs the script.
func stdoutToFile(rs []*syntax.Redirect) bool {
	for _, r := range rs {
		if r.N != nil && r.N.Value != "1" {
			continue
		}
		switch r.Op {
		case syntax.RdrOut, syntax.AppOut, syntax.RdrAll, syntax.AppAll, syntax.RdrClob:
			if r.Word != nil && r.Word.Lit() != "/dev/stdout" && r.Word.Lit() != "/dev/stderr" {
				return true
			}
		}
	}
	return false
}

func isShell(prog string) bool {
	switch filepath.Base(prog) {
	case "sh", "bash", "dash", "ash", "zsh", "ksh":
		return true
	}
	return false
}

// word is a word's value: its text with quotes removed when it is
// literal, else unknown with the word as written.
func word(wd *syntax.Word) infra.Value {
	if s, ok := literal(wd); ok {
		return infra.StringValue(s)
	}
	var b strings.Builder
	if err := syntax.NewPrinter().Print(&b, wd); err != nil {
		return infra.UnknownValue("", "a shell word that cannot be printed")
	}
	return infra.UnknownValue(b.String(), fmt.Sprintf("%s holds a shell expansion, known only when the script runs", b.String()))
}

// literal is the text of a word made of literal parts and quotes only.
func literal(wd *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, p := range wd.Parts {
		if !literalPart(&b, p) {
			return "", false
		}
	}
	return b.String(), true
}

func literalPart(b *strings.Builder, p syntax.WordPart) bool {
	switch x := p.(type) {
	case *syntax.Lit:
		b.WriteString(unescape(x.Value))
	case *syntax.SglQuoted:
		b.WriteString(x.Value)
	case *syntax.DblQuoted:
		for _, q := range x.Parts {
			if l, ok := q.(*syntax.Lit); ok {
				b.WriteString(l.Value)
				continue
			}
			return false
		}
	default:
		return false
	}
	return true
}

// unescape removes the backslashes of an unquoted literal (\$ is $).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue // a line continuation
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Ref is a script file another format runs (a Packer provisioner's
// scripts, an Ansible script task): the loader that owns the component
// reads and grades it there, and the file is not graded again on its own.
type Ref struct {
	// Path is the script's path as the tree names it.
	Path string
	// From is the address of the resource that runs it, for the graph
	// edge (a provisioner, a task).
	From string
	// Options say how it is run; File and Line are set from Path.
	Options Options
}
