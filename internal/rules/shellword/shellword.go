// Package shellword reads a shell command's words as the shell runs them:
// which program runs (past FOO=1, sudo, env and friends) and whether a
// shell or interpreter reads its program from standard input. The
// Dockerfile rules (RUN) and the shell rules (scripts) ask the same
// questions of the commands their loaders split.
package shellword

import (
	"path"
	"strings"
)

// Argv is the command as run: leading variable assignments (FOO=1 cmd)
// and the wrappers that run the rest as a command (sudo, env, nice, nohup,
// time, command, exec, builtin) removed, the program reduced to its base
// name (/usr/bin/apt-get is apt-get). Nil when it runs no program.
func Argv(words []string) []string {
	w := words
	for {
		w = DropAssignments(w)
		if len(w) == 0 {
			return nil
		}
		switch path.Base(w[0]) {
		case "sudo":
			w = skipOptions(w[1:], "uUgpChDrtT")
			continue
		case "env":
			w = skipOptions(w[1:], "uSC")
			continue
		case "nice":
			w = skipOptions(w[1:], "n")
			continue
		case "nohup", "time", "command", "exec", "builtin":
			w = skipOptions(w[1:], "")
			continue
		}
		return append([]string{path.Base(w[0])}, w[1:]...)
	}
}

// IsAssignment reports a word such as FOO=bar that sets a variable for the
// command that follows it.
func IsAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i, r := range name {
		if r != '_' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && (i == 0 || !(r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

// DropAssignments drops the leading FOO=bar words.
func DropAssignments(w []string) []string {
	for len(w) > 0 && IsAssignment(w[0]) {
		w = w[1:]
	}
	return w
}

// skipOptions drops a wrapper's options; withArg lists the one-letter
// options that take the next word as their value.
func skipOptions(w []string, withArg string) []string {
	for len(w) > 0 && strings.HasPrefix(w[0], "-") && w[0] != "-" {
		o := w[0]
		w = w[1:]
		if o == "--" {
			break
		}
		if len(o) == 2 && strings.ContainsRune(withArg, rune(o[1])) && len(w) > 0 {
			w = w[1:]
		}
	}
	return w
}

// PosixShells are the shells whose scripts the rules read.
var PosixShells = map[string]bool{"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "ksh": true}

// interpreters run a program read from standard input when given none.
var interpreters = map[string]bool{"perl": true, "ruby": true, "node": true, "php": true}

// IsPython reports python, python3, python3.12.
func IsPython(name string) bool {
	rest, ok := strings.CutPrefix(name, "python")
	return ok && strings.Trim(rest, "0123456789.") == ""
}

// RunsStdin reports a shell or interpreter that reads its program from
// standard input (curl … | sh, | bash -s, | python3 -).
func RunsStdin(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	if PosixShells[argv[0]] {
		return ReadsScriptFromStdin(argv)
	}
	if !interpreters[argv[0]] && !IsPython(argv[0]) {
		return false
	}
	for _, a := range argv[1:] {
		switch {
		case a == "-":
			return true
		case a == "-c" || a == "-m" || a == "-e" || a == "-r" || a == "--eval":
			return false
		case !strings.HasPrefix(a, "-"):
			return false // a script file
		}
	}
	return true
}

// ReadsScriptFromStdin reports a shell run with no script file and no -c,
// which reads its commands from standard input (bash <<EOF, curl … | sh).
func ReadsScriptFromStdin(argv []string) bool {
	if len(argv) == 0 || !PosixShells[argv[0]] {
		return false
	}
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		if TakesOptionName(w) {
			i++
			continue
		}
		if w == "-s" {
			return true
		}
		if w == "--" || !strings.HasPrefix(w, "-") && !strings.HasPrefix(w, "+") {
			return w == "--" && i == len(argv)-1
		}
		if w[0] == '-' && !strings.HasPrefix(w, "--") && strings.ContainsRune(w, 'c') {
			return false
		}
	}
	return true
}

// TakesOptionName reports a shell option cluster ending in o, whose value
// is the next word (-o pipefail, -euo pipefail, +o posix).
func TakesOptionName(w string) bool {
	return len(w) > 1 && (w[0] == '-' || w[0] == '+') && !strings.HasPrefix(w, "--") && w[len(w)-1] == 'o'
}

// Cmd is one simple command as a loader split it: its words as run, and
// where it sits in a pipeline.
type Cmd struct {
	Argv              []string
	Depth             int // 0 for the script's own commands, 1 inside $(…) or sh -c, …
	PipedFrom, PipeTo bool
}

// PipedInto returns the shell or interpreter that reads the output of
// cmds[i] as a program further down its pipeline (curl … | sh), "" when
// none does.
func PipedInto(cmds []Cmd, i int) string {
	if !cmds[i].PipeTo {
		return ""
	}
	d := cmds[i].Depth
	for j := i + 1; j < len(cmds); j++ {
		switch {
		case cmds[j].Depth > d:
			continue // the commands of a script the pipeline runs
		case cmds[j].Depth < d || !cmds[j].PipedFrom:
			return ""
		}
		if RunsStdin(cmds[j].Argv) {
			return cmds[j].Argv[0]
		}
		if !cmds[j].PipeTo {
			return ""
		}
	}
	return ""
}
