package ansible

import (
	"net"
	"regexp"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-play-rolling-update",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "Plays that change services on a group of hosts roll out in batches (serial) and stop on a failing batch (max_fail_percentage or any_errors_fatal)",
		Why: "Without serial, Ansible restarts the service on every host of the group at once: a bad configuration " +
			"or release takes the whole fleet down together, and even a good one drops every host from service at " +
			"the same moment. With serial but no failure threshold, Ansible goes on to the next batch while hosts " +
			"of the previous one failed, and only stops when a whole batch fails.",
		Fix: `- hosts: webservers
  serial: "25%"
  max_fail_percentage: 0
  roles:
    - app`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_strategies.html#setting-the-batch-size-with-serial",
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_error_handling.html#setting-a-maximum-failure-percentage",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			if localOnly(c.R) || oneHost(c.R) {
				return
			}
			tasks := playTasks(c)
			what := changesService(tasks)
			if what == "" {
				return
			}
			drain := lbDrain(tasks)
			serial := c.R.Attrs.Get("serial")
			if serial.IsNull() {
				// serial's default is to run each task on every host of
				// the play at once (playbooks_strategies).
				c.FailAt(c.R.Loc, "the play %s but sets no serial, so every host of %s changes at once", what, hostsText(c.R))
				return
			}
			if !serial.IsKnown() {
				c.Unknown("serial", serial)
				return
			}
			if all, ok := serialAll(serial); ok && all {
				c.Fail("serial", "serial is %s: every host of the play changes in one batch", valueText(serial))
				return
			}
			if one, ok := serialOne(serial); ok && one {
				// A batch of one host fails as a whole: Ansible stops the play.
				c.Pass("serial is 1: a failed host stops the rollout%s", drain)
				return
			}
			if b, ok := truthy(c.R.Attrs.Get("any_errors_fatal")); ok && b {
				c.Pass("serial is %s with any_errors_fatal%s", valueText(serial), drain)
				return
			} else if v := c.R.Attrs.Get("any_errors_fatal"); !v.IsKnown() {
				c.Unknown("any_errors_fatal", v)
				return
			}
			mfp := c.R.Attrs.Get("max_fail_percentage")
			if mfp.IsNull() {
				// Without max_fail_percentage a serial play stops only
				// when every host of a batch fails (playbooks_error_handling).
				c.FailAt(c.R.Loc, "serial is %s but neither max_fail_percentage nor any_errors_fatal is set: "+
					"the rollout goes on to the next batch while hosts of the previous one failed", valueText(serial))
				return
			}
			if !mfp.IsKnown() {
				c.Unknown("max_fail_percentage", mfp)
				return
			}
			if n, ok := mfp.Number(); ok && n >= 100 {
				c.Fail("max_fail_percentage", "max_fail_percentage is %v: the rollout never stops on failed hosts", n)
				return
			}
			c.Pass("serial is %s with max_fail_percentage %s%s", valueText(serial), valueText(mfp), drain)
		},
	})
}

// oneHost reports a host pattern that names one host: an IP address, a
// fully qualified name, Packer's "default" host, or a pattern with a
// subscript (web[0]).
func oneHost(play *infra.Resource) bool {
	hosts, known := strs(play.Attrs.Get("hosts"))
	if !known || len(hosts) != 1 {
		return false
	}
	h := hosts[0]
	if net.ParseIP(h) != nil || h == "default" || subscript.MatchString(h) {
		return true
	}
	// A group name has no dots; a host's fully qualified name has.
	return strings.Contains(h, ".") && !strings.ContainsAny(h, "*:!&~")
}

var subscript = regexp.MustCompile(`\[-?\d+\]$`)

func hostsText(play *infra.Resource) string {
	hosts, _ := strs(play.Attrs.Get("hosts"))
	if len(hosts) == 0 {
		return "its hosts"
	}
	return "hosts " + strings.Join(hosts, ",")
}

func valueText(v infra.Value) string {
	if n, ok := v.Number(); ok {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	if s, ok := v.Str(); ok {
		return `"` + s + `"`
	}
	var parts []string
	for _, e := range v.List() {
		parts = append(parts, valueText(e))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// serialBatches are the batch sizes serial gives: a number, a percentage
// or a list of them; ok is false when one is not known.
func serialBatches(v infra.Value) (out []string, ok bool) {
	vals := []infra.Value{v}
	if v.Kind() == infra.List {
		vals = v.List()
	}
	for _, e := range vals {
		if n, isNum := e.Number(); isNum {
			out = append(out, strconv.FormatFloat(n, 'f', -1, 64))
			continue
		}
		s, isStr := str(e)
		if !isStr {
			return nil, false
		}
		out = append(out, strings.ReplaceAll(s, " ", ""))
	}
	return out, len(out) > 0
}

// serialAll reports a serial whose first batch is every host ("100%").
func serialAll(v infra.Value) (all, ok bool) {
	b, ok := serialBatches(v)
	if !ok {
		return false, false
	}
	return b[0] == "100%", true
}

// serialOne reports a serial of one host per batch, every batch.
func serialOne(v infra.Value) (one, ok bool) {
	b, ok := serialBatches(v)
	if !ok {
		return false, false
	}
	for _, x := range b {
		if x != "1" {
			return false, true
		}
	}
	return true, true
}

// deployModules put an application's release on a host.
var deployModules = map[string]bool{
	"git": true, "unarchive": true, "synchronize": true, "docker_container": true, "docker_compose": true,
	"docker_compose_v2": true, "podman_container": true, "deploy_helper": true, "jboss": true, "docker_stack": true,
}

// serviceModules start, stop and restart services.
var serviceModules = map[string]bool{
	"service": true, "systemd": true, "systemd_service": true, "sysvinit": true, "win_service": true, "runit": true,
	"supervisorctl": true, "openrc": true,
}

// restarts reports a task that restarts or reloads a service.
func restarts(t *infra.Resource) bool {
	if !serviceModules[module(t)] {
		return false
	}
	st, ok := str(arg(t, "state"))
	return ok && (st == "restarted" || st == "reloaded")
}

// changesService says how a play's tasks change a running service: it
// deploys an application, or it installs or configures something and
// restarts or reloads a service; "" when it does neither.
func changesService(tasks []*infra.Resource) string {
	var restart, change *infra.Resource
	for _, t := range tasks {
		m := module(t)
		if deployModules[m] {
			return "deploys with " + m + " (" + t.Address + ")"
		}
		if restarts(t) && restart == nil {
			restart = t
		}
		if change == nil && (len(installed(t)) > 0 || writesFiles[m] && strings.HasPrefix(destPath(t), "/etc/")) {
			change = t
		}
	}
	if restart != nil && change != nil {
		return "changes hosts (" + change.Address + ") and restarts or reloads a service (" + restart.Address + ")"
	}
	return ""
}

// lbModules take a host out of a load balancer and put it back.
var lbModules = map[string]bool{
	"haproxy": true, "elb_instance": true, "ec2_elb": true, "elb_target": true, "elb_target_group": true,
	"azure_rm_loadbalancer": true, "gcp_compute_target_pool": true, "bigip_pool_member": true, "netscaler_servicegroup": true,
}

// lbDrain says, for a pass message, which pre_tasks or post_tasks take
// the host out of its load balancer.
func lbDrain(tasks []*infra.Resource) string {
	for _, t := range tasks {
		sec, _ := str(t.Attrs.Get("section"))
		if sec != "pre_tasks" && sec != "post_tasks" || t.Attrs.Get("delegate_to").IsNull() {
			continue
		}
		if lbModules[module(t)] {
			return "; hosts leave the load balancer while they change (" + module(t) + " in " + t.Address + ")"
		}
	}
	return ""
}
