// Package shell holds the rules for shell scripts: *.sh files, and the
// shell text Packer provisioners, Ansible tasks and user data run (the
// loaders make each a shell/Script resource, see internal/source/shell).
// The rules read commands as the shell runs them: words, pipes, conditions.
package shell

import (
	"fmt"
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	shellsrc "github.com/prodgrade/prodgrade/internal/source/shell"
)

// scriptKinds are the kinds every shell rule runs on.
var scriptKinds = []string{shellsrc.KindScript}

// command is one simple command of a script.
type command struct {
	// words are the arguments' text; "" for a word holding an expansion
	// ($VAR, $(cmd)), whose text known[i] = false marks.
	words []string
	known []bool
	// exprs are the words as written, for messages.
	exprs []string
	path  string // "commands[3]", the attribute the result points at
	loc   infra.Location

	pipedFrom, pipeTo, cond, toFile bool
	depth                           int
}

// commands lists a script's commands in the order written.
func commands(r *infra.Resource) []command {
	list := r.Attrs.Get("commands").List()
	out := make([]command, 0, len(list))
	for i, v := range list {
		c := command{path: fmt.Sprintf("commands[%d]", i), loc: r.LocOf(v)}
		for _, a := range v.Field("argv").List() {
			s, ok := a.Str()
			ok = ok && a.IsKnown()
			if !ok {
				s = ""
			}
			c.words = append(c.words, s)
			c.known = append(c.known, ok)
			if ok {
				c.exprs = append(c.exprs, s)
			} else {
				c.exprs = append(c.exprs, a.Expr())
			}
		}
		c.pipedFrom, _ = v.Field("piped_from").Bool()
		c.pipeTo, _ = v.Field("pipe_to").Bool()
		c.cond, _ = v.Field("cond").Bool()
		c.toFile, _ = v.Field("stdout_to_file").Bool()
		d, _ := v.Field("depth").Number()
		c.depth = int(d)
		out = append(out, c)
	}
	return out
}

// argv is the command as run: leading assignments (FOO=1 cmd) and the
// wrappers that run the rest as a command (sudo, env, nice, nohup, time,
// command, exec) removed, the program reduced to its base name.
func (c command) argv() []string {
	w := c.words
	for len(w) > 0 {
		switch {
		case isAssignment(w[0]):
			w = w[1:]
			continue
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
	return nil
}

// prog is the program the command runs; "" when it runs none or the
// program is an expansion.
func (c command) prog() string {
	if a := c.argv(); len(a) > 0 {
		return a[0]
	}
	return ""
}

// text is the command as written, for messages.
func (c command) text() string { return strings.Join(c.exprs, " ") }

func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	for i, r := range w[:eq] {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// skipOptions drops a wrapper's options; withArg lists the one-letter
// options that take the next word as their argument.
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

// posixShells run a script read from standard input when given none.
var posixShells = map[string]bool{"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "ksh": true}

// interpreters run a program read from standard input when given no script.
var interpreters = map[string]bool{"python": true, "python3": true, "python2": true, "perl": true, "ruby": true, "node": true, "php": true}

// downloaders fetch a URL.
var downloaders = map[string]bool{"curl": true, "wget": true}

// hasOpt reports one of the options among a command's words, as a word of
// its own (-k) or inside a cluster of one-letter options (-fsSLk).
func hasOpt(argv []string, long []string, short string) bool {
	for _, a := range argv[1:] {
		if a == "--" {
			return false
		}
		for _, l := range long {
			if a == l || strings.HasPrefix(a, l+"=") {
				return true
			}
		}
		if short != "" && len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.ContainsAny(a[1:], short) {
			return true
		}
	}
	return false
}
