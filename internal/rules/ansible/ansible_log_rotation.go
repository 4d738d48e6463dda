package ansible

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-log-rotation",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Log directories a playbook creates under /var/log are rotated (a logrotate config in /etc/logrotate.d)",
		Why: "An application writing to its own files under /var/log grows them until the disk is full, and " +
			"a full disk stops the application, its database and often SSH logins. Packages ship logrotate " +
			"configs for their own logs; an application deployed by hand needs one too.",
		Fix: `- name: Rotate the application's logs
  ansible.builtin.copy:
    dest: /etc/logrotate.d/myapp
    content: |
      /var/log/myapp/*.log {
        daily
        rotate 14
        compress
        missingok
        notifempty
        copytruncate
      }`,
		References: []string{
			"https://man7.org/linux/man-pages/man8/logrotate.8.html",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			if localOnly(c.R) {
				return
			}
			var logDir string
			var at *infra.Resource
			for _, t := range playTasks(c) {
				if d := createsLogDir(t); d != "" {
					logDir, at = d, t
					break
				}
			}
			if logDir == "" || packageOwns(c, logDir) {
				return
			}
			ev := findEvidence(c, rotatesLogs, func(n string) string {
				if strings.Contains(n, "logrotate") {
					return "logrotate"
				}
				return ""
			})
			if ev != nil {
				c.Pass("%s is created and logs are rotated: %s", logDir, ev.what)
				return
			}
			missing(c, at.Address+" creates "+logDir+" but no task or role of the playbook configures its rotation "+
				"(looked for a file written to /etc/logrotate.d/ or /etc/logrotate.conf, and logrotate modules and roles)")
		},
	})
}

// createsLogDir returns the log directory or file a task creates under
// /var/log (not /var/log itself, nor the journal, which journald rotates).
func createsLogDir(t *infra.Resource) string {
	if module(t) != "file" {
		return ""
	}
	st, ok := str(arg(t, "state"))
	if !ok || st != "directory" && st != "touch" {
		return ""
	}
	p, ok := str(arg(t, "path"))
	if !ok {
		p, ok = str(arg(t, "dest"))
	}
	if !ok {
		return ""
	}
	p = path.Clean(p)
	if !strings.HasPrefix(p, "/var/log/") || strings.HasPrefix(p, "/var/log/journal") {
		return ""
	}
	return p
}

// rotatesLogs says how a task rotates logs: it writes a logrotate config
// or uses a logrotate module.
func rotatesLogs(t *infra.Resource) string {
	m := module(t)
	if strings.Contains(m, "logrotate") {
		return "module " + m
	}
	if writesFiles[m] {
		d := destPath(t)
		if strings.HasPrefix(d, "/etc/logrotate.d/") || d == "/etc/logrotate.conf" {
			return "writes " + d
		}
	}
	return ""
}

// packageOwns reports a log directory named for a package the component
// installs (/var/log/nginx for nginx): the package ships its logrotate
// config.
func packageOwns(c *rules.Check, dir string) bool {
	first := strings.SplitN(strings.TrimPrefix(dir, "/var/log/"), "/", 2)[0]
	for _, t := range componentTasks(c) {
		for _, p := range packagesOf(t) {
			p = strings.SplitN(p, "=", 2)[0]
			if p == first || strings.HasPrefix(p, first+"-") || strings.HasPrefix(first, p) {
				return true
			}
		}
	}
	return false
}
