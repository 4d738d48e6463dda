package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// verifyingModules make TLS connections and verify certificates unless
// told not to: validate_certs defaults to true in each (ansible.builtin
// get_url, uri, unarchive, apt_key, rpm_key, apt_repository, yum, dnf,
// yum_repository; community.general.jenkins_plugin, maven_artifact).
var verifyingModules = map[string]bool{
	"get_url": true, "uri": true, "unarchive": true, "apt_key": true, "rpm_key": true,
	"apt_repository": true, "yum": true, "dnf": true, "dnf5": true, "yum_repository": true,
	"jenkins_plugin": true, "maven_artifact": true, "win_get_url": true, "win_uri": true,
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-tls-validate-certs",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Tasks verify TLS certificates (no validate_certs: false, sslverify: false or pip --trusted-host)",
		Why: "A download, API call or package repository whose certificate is not checked accepts whatever " +
			"answers on the network path: a spoofed mirror or proxy can hand the server a backdoored package, " +
			"binary or response, which then runs as root. Install the CA the server chains to instead.",
		Fix: `- name: Trust the internal CA
  ansible.builtin.copy:
    src: corp-ca.crt
    dest: /usr/local/share/ca-certificates/corp-ca.crt
  notify: update ca certificates
- name: Download the release
  ansible.builtin.get_url:
    url: https://artifacts.example.com/app-1.2.3.tar.gz
    dest: /opt/app.tar.gz
    checksum: sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/ansible/builtin/get_url_module.html#parameter-validate_certs",
			"CKV_ANSIBLE_1", "CKV_ANSIBLE_2", "CKV_ANSIBLE_3", "CKV_ANSIBLE_4", "CKV2_ANSIBLE_5", "CKV2_ANSIBLE_6",
		},
		Kinds: taskKinds,
		Check: func(c *rules.Check) {
			m := module(c.R)
			if m == "pip" {
				checkPipTrustedHost(c)
				return
			}
			// Any module with validate_certs: false turns checks off,
			// collection modules too; a module the rule knows verifies by
			// default passes when it is not set.
			v := arg(c.R, "validate_certs")
			if v.IsNull() && !verifyingModules[m] {
				return
			}
			bad := false
			for _, k := range []string{"validate_certs", "sslverify"} {
				v := arg(c.R, k)
				if v.IsNull() {
					continue
				}
				b, ok := truthy(v)
				switch {
				case !v.IsKnown():
					c.Unknown("args."+k, v)
					return
				case ok && !b:
					c.Fail("args."+k, "%s sets %s: false and accepts any certificate; install the CA it needs and keep verification on", m, k)
					bad = true
				}
			}
			if !bad {
				c.Pass("%s verifies TLS certificates (validate_certs defaults to true)", m)
			}
		},
	})
}

// checkPipTrustedHost fails a pip task whose extra_args trust a host
// without TLS (--trusted-host): pip then skips certificate checks for it.
func checkPipTrustedHost(c *rules.Check) {
	v := arg(c.R, "extra_args")
	if !v.IsKnown() {
		c.Unknown("args.extra_args", v)
		return
	}
	s, _ := str(v)
	if strings.Contains(s, "--trusted-host") {
		c.Fail("args.extra_args", "pip is given --trusted-host and skips certificate checks for it; serve the index over verified HTTPS")
		return
	}
	c.Pass("pip verifies TLS certificates")
}
