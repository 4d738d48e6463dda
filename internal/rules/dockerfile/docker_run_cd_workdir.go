package dockerfile

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-run-cd-workdir",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "Directory changes meant for later instructions use WORKDIR, not a RUN that ends with cd",
		Why: "Each RUN starts a new shell, so a cd is forgotten when its RUN ends: RUN cd /app changes nothing, " +
			"and the COPY, RUN and CMD after it work in the previous directory. Files land in the wrong place " +
			"and the application starts from the wrong directory. WORKDIR changes it for every later " +
			"instruction and for the running container.",
		Fix: `WORKDIR /app
RUN make`,
		// No peer id: hadolint DL3003 and Trivy AVD-DS-0013 fail every cd,
		// including RUN cd /src && make, where the cd does what it says.
		// Only a cd with nothing after it in its RUN is a mistake.
		References:    []string{"https://docs.docker.com/build/building/best-practices/#workdir"},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkRunCd,
	})
}

func checkRunCd(c *rules.Check) {
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		// A RUN whose only cd comes last means it for what follows. A cd
		// back (cd .., cd -) after an earlier cd is tidying up, which is
		// harmless.
		var last shellCmd
		cds := 0
		for _, sc := range ru.cmds {
			if sc.depth > 0 {
				continue
			}
			if sc.prog() == "cd" {
				seen = true
				cds++
			}
			last = sc
		}
		if argv := last.argv(); len(argv) > 0 && argv[0] == "cd" && cds == 1 && !contains(argv, "-") {
			c.Fail(ru.path, "this RUN ends with cd, which is forgotten when the RUN ends; use WORKDIR to change the directory for later instructions")
			failed = true
		}
	}
	if seen && !failed {
		c.Pass("every cd in a RUN is followed by the commands it is for")
	}
}
