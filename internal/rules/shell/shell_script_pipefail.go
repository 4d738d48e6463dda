package shell

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "shell-script-pipefail",
		Item:     checklist.Install,
		Severity: checklist.Low,
		Title:    "Bash scripts with pipelines set -o pipefail",
		Why: "A pipeline's status is its last command's: curl … | tar x succeeds when the download fails, as " +
			"long as tar exits 0, so set -e alone lets a failed step through. pipefail makes any failing stage " +
			"fail the pipeline.",
		Fix:        `set -euo pipefail`,
		References: []string{"https://www.gnu.org/software/bash/manual/html_node/Pipelines.html", "hadolint: DL4006"},
		Kinds:      scriptKinds,
		Check: func(c *rules.Check) {
			sh, _ := c.R.Attrs.Get("shell").Str()
			switch sh {
			case "bash", "zsh", "ksh", "mksh":
			default:
				return // POSIX sh (dash) has no pipefail to set
			}
			var pipe *command
			for _, cmd := range commands(c.R) {
				if cmd.pipeTo && !cmd.cond && cmd.depth == 0 {
					pipe = &cmd
					break
				}
			}
			if pipe == nil {
				return
			}
			if on, _ := c.R.Attrs.Get("pipefail").Bool(); on {
				c.Pass("pipefail is set")
				return
			}
			c.FailAt(pipe.loc, "the pipeline starting with %s fails only when its last command does: set -o pipefail at the top", pipe.prog())
		},
	})
}
