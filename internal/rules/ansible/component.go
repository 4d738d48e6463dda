package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

// packagesOf lists the packages a task installs, lower-cased, with any
// version suffix (nginx=1.2, nginx-1.2.3) kept: a name from a loop
// ("{{ item }}") is read from the loop's items.
func packagesOf(t *infra.Resource) []string {
	names := installed(t)
	if len(names) > 0 || !osPackageModules[module(t)] {
		return names
	}
	for _, k := range []string{"loop", "with_items", "with_list"} {
		for _, e := range t.Attrs.Get(k).List() {
			if s, ok := str(e); ok {
				names = append(names, strings.ToLower(s))
			}
		}
	}
	return names
}

// roleNames are the names of every role the component applies, those not
// in the tree included, lower-cased.
func roleNames(c *rules.Check) []string {
	var out []string
	for _, r := range c.Graph.OfKind(src.KindRole) {
		if n, ok := str(r.Attrs.Get("name")); ok {
			out = append(out, strings.ToLower(n))
		}
	}
	return out
}

// evidence is what a component-level rule found: the task (or role) and
// what it matched.
type evidence struct {
	what string
}

// findEvidence looks across the component's tasks and roles with match,
// which returns what a task shows ("" for nothing); roleMatch does the
// same for a role's name.
func findEvidence(c *rules.Check, match func(t *infra.Resource) string, roleMatch func(name string) string) *evidence {
	for _, t := range componentTasks(c) {
		if w := match(t); w != "" {
			return &evidence{what: w + " (" + t.Address + ")"}
		}
	}
	if roleMatch != nil {
		for _, n := range roleNames(c) {
			if w := roleMatch(n); w != "" {
				return &evidence{what: w + " (role " + n + ")"}
			}
		}
	}
	return nil
}

// containsAny returns the first of words inside s, "" for none.
func containsAny(s string, words []string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// missing records a component-level absence: unknown when roles outside
// the tree might provide it, else a fail at the play.
func missing(c *rules.Check, msg string) {
	if ur := unexpandedRoles(c); len(ur) > 0 {
		c.UnknownBecause(msg + "; roles " + strings.Join(ur, ", ") + " are not in the scanned tree and may provide it")
		return
	}
	c.FailAt(c.R.Loc, "%s", msg)
}

// serverPlay reports a play that sets up a server: it installs operating
// system packages and does not run on the control node only.
func serverPlay(c *rules.Check) ([]*infra.Resource, bool) {
	if localOnly(c.R) {
		return nil, false
	}
	tasks := playTasks(c)
	return tasks, installsPackages(tasks)
}
