package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-package-signatures",
		Item:     checklist.Install,
		Severity: checklist.High,
		Title:    "Packages are installed with their signatures checked (no allow_unauthenticated, force, disable_gpg_check, gpgcheck: false, trusted=yes)",
		Why: "Package signatures are what prove a package came from its vendor: with the check off, anyone " +
			"who can tamper with a mirror, a proxy or the repository's bucket can install code that runs as " +
			"root on every server. Import the repository's signing key instead.",
		Fix: `- name: Add the vendor's signing key
  ansible.builtin.get_url:
    url: https://packages.example.com/gpg.asc
    dest: /etc/apt/keyrings/example.asc
    checksum: sha256:<digest of the key>
- name: Add the repository
  ansible.builtin.apt_repository:
    repo: "deb [signed-by=/etc/apt/keyrings/example.asc] https://packages.example.com/apt stable main"
- name: Install the package
  ansible.builtin.apt:
    name: example-agent
    state: present`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/ansible/builtin/apt_module.html#parameter-allow_unauthenticated",
			"CKV_ANSIBLE_5", "CKV_ANSIBLE_6", "CKV2_ANSIBLE_4",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			m := module(c.R)
			var flags []string // arguments that must not be true
			switch m {
			case "apt":
				// force "implies allow_unauthenticated=yes and allow_downgrade=yes" (apt docs).
				flags = []string{"allow_unauthenticated", "force"}
			case "yum", "dnf", "dnf5", "zypper", "zypper_repository":
				// zypper_repository: disable_gpg_check turns the repository's
				// signature checks off (community.general docs).
				flags = []string{"disable_gpg_check"}
			case "yum_repository":
				// gpgcheck unset leaves yum.conf's setting (gpgcheck=1 on
				// RHEL and Fedora): only an explicit false is a finding.
				v := arg(c.R, "gpgcheck")
				if v.IsNull() {
					return
				}
				if b, ok := truthy(v); !v.IsKnown() {
					c.Unknown("args.gpgcheck", v)
				} else if ok && !b {
					c.Fail("args.gpgcheck", "yum_repository sets gpgcheck: false; packages from it are installed unsigned")
				} else {
					c.Pass("yum_repository checks signatures")
				}
				return
			case "apt_repository":
				v := arg(c.R, "repo")
				if !v.IsKnown() {
					c.Unknown("args.repo", v)
					return
				}
				s, _ := str(v)
				if trustedYes(s) {
					c.Fail("args.repo", "the repository line sets trusted=yes; apt installs its packages without checking signatures")
					return
				}
				c.Pass("apt_repository keeps signature checks")
				return
			case "deb822_repository":
				flags = []string{"trusted"}
			default:
				return
			}
			bad := false
			for _, k := range flags {
				v := arg(c.R, k)
				if v.IsNull() {
					continue // each defaults to false (module docs)
				}
				b, ok := truthy(v)
				switch {
				case !v.IsKnown():
					c.Unknown("args."+k, v)
					return
				case ok && b:
					c.Fail("args."+k, "%s sets %s: true, which installs packages without checking their signatures", m, k)
					bad = true
				}
			}
			if !bad {
				c.Pass("%s checks package signatures", m)
			}
		},
	})
}

// trustedYes reports a one-line apt source with the trusted=yes option.
func trustedYes(line string) bool {
	open := strings.IndexByte(line, '[')
	end := strings.IndexByte(line, ']')
	if open < 0 || end < open {
		return false
	}
	for _, o := range strings.Fields(line[open+1 : end]) {
		if strings.EqualFold(strings.ReplaceAll(o, " ", ""), "trusted=yes") {
			return true
		}
	}
	return false
}
