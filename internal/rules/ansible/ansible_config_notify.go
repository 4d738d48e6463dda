package ansible

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	src "github.com/prodgrade/prodgrade/internal/source/ansible"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-config-notify",
		Item:     checklist.Configure,
		Severity: checklist.Medium,
		Title:    "Tasks that change a service's configuration notify a handler that restarts or reloads it",
		Why: "A daemon reads its configuration when it starts: a changed nginx.conf, sshd_config or " +
			"postgresql.conf does nothing until the service restarts, so the play reports success while the " +
			"old settings keep running, and the change lands unannounced at the next reboot or crash, " +
			"mixed with whatever else changed since. state: started does not restart a running service.",
		Fix: `- name: Configure nginx
  ansible.builtin.template:
    src: nginx.conf.j2
    dest: /etc/nginx/nginx.conf
    validate: nginx -t -c %s
  notify: reload nginx
# handlers:
- name: reload nginx
  ansible.builtin.service:
    name: nginx
    state: reloaded`,
		References: []string{
			"https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_handlers.html",
		},
		Kinds:         []string{src.KindTask},
		CrossResource: true,
		Check: func(c *rules.Check) {
			m := module(c.R)
			if !writesFiles[m] {
				return
			}
			if st, ok := str(arg(c.R, "state")); ok && st == "absent" {
				return
			}
			dest := destPath(c.R)
			svc := configOf(dest)
			if svc == "" {
				return
			}
			if !c.R.Attrs.Get("notify").IsNull() {
				c.Pass("%s writes %s and notifies a handler", m, dest)
				return
			}
			if t := laterRestart(c, svc); t != nil {
				c.Pass("%s writes %s and a later task restarts or reloads a service (%s)", m, dest, t.Address)
				return
			}
			c.Fail("module", "%s writes %s (%s configuration) without notify, and no later task restarts or reloads it: "+
				"the running service keeps the old configuration", m, dest, svc)
		},
	})
}

// daemons are services whose configuration is read when they start,
// by the name of their directory or file under /etc.
var daemons = map[string]string{
	"nginx": "nginx", "apache2": "apache2", "httpd": "httpd", "haproxy": "haproxy", "postgresql": "postgresql",
	"mysql": "mysql", "my.cnf": "mysql", "my.cnf.d": "mysql", "mariadb": "mariadb", "redis": "redis",
	"redis.conf": "redis", "mongod.conf": "mongod", "memcached.conf": "memcached", "sysconfig/memcached": "memcached",
	"rabbitmq": "rabbitmq", "elasticsearch": "elasticsearch", "prometheus": "prometheus", "grafana": "grafana",
	"docker": "docker", "rsyslog.conf": "rsyslog", "rsyslog.d": "rsyslog", "chrony": "chrony", "chrony.conf": "chronyd",
	"ntp.conf": "ntp", "fail2ban": "fail2ban", "squid": "squid", "named.conf": "named", "bind": "bind9",
	"postfix": "postfix", "dovecot": "dovecot", "keepalived": "keepalived", "varnish": "varnish",
	"supervisor": "supervisor", "supervisord.conf": "supervisor", "telegraf": "telegraf", "filebeat": "filebeat",
	"fluent-bit": "fluent-bit", "td-agent": "td-agent", "vector": "vector", "consul.d": "consul", "nomad.d": "nomad",
	"vault.d": "vault", "traefik": "traefik", "caddy": "caddy", "zabbix": "zabbix-agent", "snmp": "snmpd",
	"openvpn": "openvpn", "unbound": "unbound", "pgbouncer": "pgbouncer", "etcd": "etcd", "zookeeper": "zookeeper",
	"kafka": "kafka", "tomcat": "tomcat", "tomcat9": "tomcat9", "tomcat10": "tomcat10", "php-fpm.conf": "php-fpm",
	"php-fpm.d": "php-fpm", "mongodb": "mongod", "influxdb": "influxdb", "loki": "loki", "promtail": "promtail",
	"alertmanager": "alertmanager", "otelcol": "otelcol", "otelcol-contrib": "otelcol-contrib",
}

// configOf returns the service whose configuration path p is, "" for a
// file that is not a daemon's configuration.
func configOf(p string) string {
	if !strings.HasPrefix(p, "/etc/") || strings.Contains(p, "{{") {
		return ""
	}
	p = path.Clean(p)
	if p == "/etc/ssh/sshd_config" || strings.HasPrefix(p, "/etc/ssh/sshd_config.d/") {
		return "sshd"
	}
	rest := strings.TrimPrefix(p, "/etc/")
	parts := strings.Split(rest, "/")
	if len(parts) >= 2 {
		if s := daemons[parts[0]+"/"+parts[1]]; s != "" {
			return s
		}
		// /etc/php/8.2/fpm/…: PHP-FPM's; the CLI's php.ini is read per run.
		if parts[0] == "php" && len(parts) >= 4 && parts[2] == "fpm" {
			return "php-fpm"
		}
	}
	return daemons[parts[0]]
}

// laterRestart is a task that runs after the checked one, in its play or
// role, and restarts or reloads a service (or runs systemctl/service
// restart/reload naming svc), nil for none.
func laterRestart(c *rules.Check, svc string) *infra.Resource {
	var seq []*infra.Resource
	if p, ok := str(c.R.Attrs.Get("play")); ok && c.Graph != nil {
		if play := c.Graph.Lookup(p); play != nil {
			for _, sec := range []string{"pre_tasks", "tasks", "post_tasks"} {
				for _, a := range play.Attrs.Get(sec).List() {
					s, _ := a.Str()
					if r := c.Graph.Lookup(s); r != nil {
						seq = append(seq, r)
					}
				}
			}
		}
	}
	if seq == nil {
		for _, t := range componentTasks(c) {
			if t.Kind == src.KindTask {
				seq = append(seq, t)
			}
		}
	}
	after := false
	for _, t := range seq {
		if t == c.R {
			after = true
			continue
		}
		if !after {
			continue
		}
		if restarts(t) && sameService(t, svc) {
			return t
		}
		switch module(t) {
		case "command", "shell":
			tx := text(t)
			if (strings.Contains(tx, "restart") || strings.Contains(tx, "reload")) && strings.Contains(tx, strings.TrimSuffix(svc, "d")) {
				return t
			}
		}
	}
	return nil
}

// sameService reports a service task whose name is svc's (ssh for sshd,
// postgresql@16-main for postgresql, mariadb for mysql) or not known.
func sameService(t *infra.Resource, svc string) bool {
	n, ok := str(arg(t, "name"))
	if !ok {
		return !arg(t, "name").IsKnown()
	}
	n = strings.ToLower(strings.TrimSuffix(n, ".service"))
	stem := strings.TrimSuffix(svc, "d")
	if strings.Contains(n, stem) || strings.Contains(stem, strings.TrimSuffix(n, "d")) {
		return true
	}
	switch svc {
	case "mysql", "mariadb":
		return strings.Contains(n, "mysql") || strings.Contains(n, "mariadb")
	case "bind9", "named":
		return n == "bind9" || n == "named"
	}
	return false
}
