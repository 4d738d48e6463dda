package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-run-no-sudo",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "RUN does not use sudo",
		Why: "A build runs as root unless USER says otherwise, so sudo is never needed to build. sudo working " +
			"after a USER switch means the image lets that user become root without a password, which undoes " +
			"the non-root USER at run time: anyone who gets a shell in the container gets root. Switch USER to " +
			"root for the steps that need it, and back.",
		Fix: `USER root
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*
USER app`,
		References: []string{
			"https://docs.docker.com/build/building/best-practices/#user",
			"hadolint: DL3004", "CKV2_DOCKER_1", "AVD-DS-0010",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkNoSudo,
	})
}

func checkNoSudo(c *rules.Check) {
	rs := runs(c.Graph, c.R)
	if len(rs) == 0 {
		return
	}
	failed := false
	for _, ru := range rs {
		for _, sc := range ru.cmds {
			if sc.runsSudo() {
				c.Fail(ru.path, "RUN uses sudo (sudo %s); drop sudo and switch USER to root for this step instead", sc.prog())
				failed = true
				break
			}
		}
	}
	if !failed {
		c.Pass("no RUN uses sudo")
	}
}
