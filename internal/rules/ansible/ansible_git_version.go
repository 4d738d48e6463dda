package ansible

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-git-version",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Code deployed from git is a chosen tag or commit (git version), not whatever the branch holds",
		Why: "Without version the git module checks out the remote's HEAD (version defaults to HEAD): every run " +
			"deploys whatever was pushed last, untested, so two servers set up an hour apart run different code " +
			"and a re-run is not a rollback. A tag or commit makes the deploy the release that was tested.",
		Fix: `- name: Deploy the application
  ansible.builtin.git:
    repo: https://github.com/example/app.git
    dest: /opt/app
    version: v1.4.2 # a tag or a commit id`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/ansible/builtin/git_module.html",
			"ansible-lint: latest",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			if module(c.R) != "git" {
				return
			}
			v := arg(c.R, "version")
			if !v.IsKnown() {
				c.Unknown("args.version", v)
				return
			}
			// version: "Default: HEAD" (git module docs); a branch name
			// moves as HEAD does.
			switch s, _ := str(v); s {
			case "", "HEAD", "main", "master", "develop", "trunk":
				c.Fail("args.version", "git deploys %s, which moves with every push; set version to a tag or a commit id", orDefault(s, "HEAD (no version)"))
			default:
				c.Pass("git deploys version %s", s)
			}
		},
	})
}
