// Package shell holds the rules for shell scripts: *.sh files, and the
// shell text Packer provisioners, Ansible tasks and user data run (the
// loaders make each a shell/Script resource, see internal/source/shell).
// The rules read commands as the shell runs them: words, pipes, conditions.
package shell

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
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

// argv is the command as run (see shellword.Argv).
func (c command) argv() []string { return shellword.Argv(c.words) }

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
