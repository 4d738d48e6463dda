package shell

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-script-errexit",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Scripts stop at the first failing command (set -e)",
		Why: "Without set -e a shell runs on after a command fails: a package that did not install, a download " +
			"that returned an error page or a service that did not start is followed by the next step, and the " +
			"image or server is finished and shipped broken, with the failure buried in a log nobody reads.",
		Fix: `#!/bin/bash
set -euo pipefail`,
		References: []string{"https://www.gnu.org/software/bash/manual/html_node/The-Set-Builtin.html"},
		Kinds:      scriptKinds,
		Check: func(c *rules.Check) {
			cmds := commands(c.R)
			if len(cmds) == 0 {
				return
			}
			if init, _ := c.R.Attrs.Get("init_script").Bool(); init {
				return // start/stop/status: failing commands are its answers, not errors
			}
			on, ok := c.R.Attrs.Get("errexit").Bool()
			if !ok {
				return
			}
			if on {
				c.Pass("the script stops at the first failing command")
				return
			}
			// One statement (a command, a pipeline, an && list): its status
			// is the script's, and the runner sees it.
			statements := 0
			for _, cmd := range cmds {
				// A condition (the left of && or ||, an if's test) is
				// checked by the statement it belongs to.
				if cmd.depth == 0 && !cmd.pipedFrom && !cmd.cond && cmd.prog() != "set" {
					statements++
				}
			}
			if statements <= 1 {
				c.Pass("the script is one statement, whose failure is the script's")
				return
			}
			c.Fail("errexit", "the script does not set -e before its first command, so it carries on after a failing one; start it with set -euo pipefail (or set -e in sh)")
		},
	})
}
