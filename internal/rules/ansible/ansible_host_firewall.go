package ansible

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// networkServices are packages that listen on the network, by name or
// name prefix (postgresql-16, tomcat9).
var networkServices = []string{
	"nginx", "apache2", "httpd", "haproxy", "postgresql", "mysql-server", "mariadb-server", "redis", "mongodb",
	"memcached", "rabbitmq-server", "elasticsearch", "opensearch", "tomcat", "squid", "bind9", "bind", "postfix",
	"dovecot", "varnish", "vsftpd", "samba", "nfs-kernel-server", "nfs-utils", "slapd", "openldap-servers",
	"jenkins", "grafana", "prometheus", "influxdb", "etcd", "kafka", "zookeeper", "mosquitto", "traefik", "caddy",
	"pgbouncer", "consul", "vault", "nomad", "minio",
}

// firewallWords show in modules, commands, files and role names that
// configure a host firewall.
var firewallWords = []string{"ufw", "firewalld", "firewall-cmd", "iptables", "ip6tables", "nftables", "nft ", "shorewall", "firewall"}

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-host-firewall",
		Item:     checklist.Networking,
		Severity: checklist.Low,
		Title:    "Servers that run network services have a host firewall (ufw, firewalld, iptables or nftables) that opens only their ports",
		Why: "A package that listens (a database, a cache, an admin console) often binds every interface: without " +
			"a host firewall, whatever reaches the host reaches it. Cloud security groups or network ACLs may " +
			"already filter the traffic, and then this is defence in depth; on bare metal, shared networks and " +
			"flat VPCs it is the only filter.",
		Fix: `- name: Allow HTTPS
  community.general.ufw:
    rule: allow
    port: "443"
    proto: tcp
- name: Deny everything else inbound
  community.general.ufw:
    state: enabled
    policy: deny`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/collections/community/general/ufw_module.html",
			"https://docs.ansible.com/ansible/latest/collections/ansible/posix/firewalld_module.html",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check: func(c *rules.Check) {
			if localOnly(c.R) {
				return
			}
			svc := ""
			for _, t := range playTasks(c) {
				if svc = networkService(t); svc != "" {
					break
				}
			}
			if svc == "" {
				return
			}
			ev := findEvidence(c, configuresFirewall, func(n string) string { return containsAny(n, firewallWords) })
			if ev != nil {
				c.Pass("%s is installed and a host firewall is configured: %s", svc, ev.what)
				return
			}
			for _, t := range componentTasks(c) {
				if w := disablesFirewall(t); w != "" {
					c.FailAt(t.Loc, "the play installs %s and %s stops the host firewall (%s); open only the service's "+
						"ports instead, unless security groups filter this host's traffic", svc, t.Address, w)
					return
				}
			}
			missing(c, "the play installs "+svc+" but no task or role of the playbook configures a host firewall "+
				"(ufw, firewalld, iptables, nftables); not needed if cloud security groups or network ACLs filter this host's traffic")
		},
	})
}

// networkService returns the first package a task installs that listens
// on the network.
func networkService(t *infra.Resource) string {
	for _, p := range packagesOf(t) {
		if clientPackage(p) {
			continue
		}
		for _, s := range networkServices {
			if p == s || strings.HasPrefix(p, s) && len(p) > len(s) && strings.ContainsRune("-0123456789.=@", rune(p[len(s)])) {
				return p
			}
		}
	}
	return ""
}

// firewallModules configure a host firewall.
var firewallModules = map[string]bool{
	"ufw": true, "firewalld": true, "iptables": true, "iptables_state": true, "nftables": true, "win_firewall_rule": true,
	"win_firewall": true, "seport": false,
}

// configuresFirewall says how a task configures a host firewall: a
// firewall module, a firewall command, or a rules file.
func configuresFirewall(t *infra.Resource) string {
	m := module(t)
	if disablesFirewall(t) != "" {
		return ""
	}
	if firewallModules[m] {
		if m == "ufw" {
			if st, ok := str(arg(t, "state")); ok && (st == "disabled" || st == "reset") {
				return ""
			}
		}
		return "module " + m
	}
	switch m {
	case "command", "shell":
		tx := text(t)
		for _, w := range []string{"ufw allow", "ufw enable", "ufw default", "firewall-cmd", "iptables -a", "iptables -i", "iptables-restore", "nft add", "nft -f"} {
			if strings.Contains(tx, w) {
				return "command " + strings.TrimSpace(w)
			}
		}
	}
	if writesFiles[m] {
		d := destPath(t)
		for _, p := range []string{"/etc/iptables/", "/etc/sysconfig/iptables", "/etc/sysconfig/ip6tables", "/etc/nftables", "/etc/ufw/", "/etc/firewalld/", "/etc/shorewall/"} {
			if strings.HasPrefix(d, p) {
				return "writes " + d
			}
		}
	}
	return ""
}

// disablesFirewall says how a task turns the host firewall off: it stops
// or disables its service, or disables ufw.
func disablesFirewall(t *infra.Resource) string {
	m := module(t)
	if m == "ufw" {
		if st, ok := str(arg(t, "state")); ok && st == "disabled" {
			return "ufw state disabled"
		}
		return ""
	}
	if !serviceModules[m] {
		return ""
	}
	n, ok := str(arg(t, "name"))
	if !ok {
		return ""
	}
	switch strings.TrimSuffix(strings.ToLower(n), ".service") {
	case "firewalld", "ufw", "iptables", "ip6tables", "nftables", "netfilter-persistent":
	default:
		return ""
	}
	if st, ok := str(arg(t, "state")); ok && st == "stopped" {
		return n + " state stopped"
	}
	if b, ok := truthy(arg(t, "enabled")); ok && !b {
		return n + " enabled no"
	}
	return ""
}

// clientPackage reports a package that ships a service's client, libraries
// or tools, which listen on nothing (postgresql-client, redis-tools).
func clientPackage(p string) bool {
	for _, w := range []string{"-client", "-libs", "-dev", "-tools", "-doc", "-common", "-cli", "-utils"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}
