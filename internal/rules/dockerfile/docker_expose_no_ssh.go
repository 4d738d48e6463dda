package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-expose-no-ssh",
		Item:     checklist.Security,
		Severity: checklist.Medium,
		Title:    "Images do not expose SSH (port 22)",
		Why: "Port 22 in an image means an SSH server runs in the container: one more daemon to patch, host " +
			"keys and credentials baked into or managed in the image, and a way in that bypasses the " +
			"platform's access control and audit. docker exec or kubectl exec give a shell when one is needed.",
		Fix: `# remove EXPOSE 22 and the SSH server; for a shell: docker exec -it <container> sh`,
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#expose",
			"CKV_DOCKER_1", "AVD-DS-0004",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages and Compose services that decide whether it ships
		Check:         checkExposeNoSSH,
	})
}

// checkExposeNoSSH grades the stages that ship: an EXPOSE in a build
// stage that is only copied from exposes nothing.
func checkExposeNoSSH(c *rules.Check) {
	if !shipped(c) {
		return
	}
	seen, failed := false, false
	for _, in := range instructions(c.R) {
		if in.cmd != "EXPOSE" {
			continue
		}
		seen = true
		for _, p := range words(in.v.Get("args")) {
			if p == "22" || strings.EqualFold(p, "22/tcp") {
				c.Fail(in.path, "EXPOSE %s exposes SSH; remove it and the SSH server, and use docker exec for a shell", p)
				failed = true
			}
		}
	}
	if seen && !failed {
		c.Pass("no exposed port is SSH")
	}
}
