package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-stage-single-cmd",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "A stage has at most one CMD, one ENTRYPOINT and one HEALTHCHECK",
		Why: "Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; the earlier ones are " +
			"silently ignored. A reader, or a reviewer of a change, easily takes the first one for what the " +
			"container runs or how it is checked, and a fix made to it never reaches production.",
		Fix: `# keep one, the one the container should run
CMD ["python", "app.py"]`,
		References: []string{
			"https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/",
			"hadolint: DL4003", "hadolint: DL4004", "AVD-DS-0016", "AVD-DS-0007", "AVD-DS-0023",
		},
		Kinds: stageKinds,
		Check: checkSingleCmd,
	})
}

func checkSingleCmd(c *rules.Check) {
	first := map[string]int{}
	seen, failed := false, false
	for _, in := range instructions(c.R) {
		switch in.cmd {
		case "CMD", "ENTRYPOINT", "HEALTHCHECK":
		default:
			continue
		}
		seen = true
		if line, ok := first[in.cmd]; ok {
			c.Fail(in.path, "this %s replaces the one at line %d, which is ignored; keep only one %s per stage", in.cmd, line, in.cmd)
			failed = true
			continue
		}
		first[in.cmd] = int(in.v.Loc.Line)
	}
	if seen && !failed {
		c.Pass("the stage has one of each CMD, ENTRYPOINT and HEALTHCHECK at most")
	}
}
