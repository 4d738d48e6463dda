package ansible

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// logShippers are the names by which a log shipper shows up.
var logShippers = []string{
	"fluent-bit", "fluentbit", "fluent_bit", "td-agent", "fluentd", "vector", "filebeat", "amazon-cloudwatch-agent",
	"cloudwatch_agent", "cloudwatch-agent", "awslogs", "promtail", "grafana-agent", "grafana_agent", "alloy",
	"datadog", "rsyslog", "syslog-ng", "otelcol", "opentelemetry-collector", "google-cloud-ops-agent", "ops_agent",
	"elastic-agent", "splunkforwarder", "splunk_forwarder", "nxlog", "logstash",
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-log-shipper",
		Item:     checklist.Logs,
		Severity: checklist.Medium,
		Title:    "Servers a playbook sets up ship their logs off the host (Fluent Bit, Vector, Filebeat, CloudWatch agent…)",
		Why: "Logs that stay on the server are gone when it is replaced or its disk fills, and reading them " +
			"means logging into each host during an incident. A shipper sends them to a central store where " +
			"they can be searched, kept and alerted on.",
		Fix: `- hosts: web
  tasks:
    - name: Install Fluent Bit
      ansible.builtin.apt:
        name: fluent-bit
    - name: Configure Fluent Bit
      ansible.builtin.template:
        src: fluent-bit.conf.j2
        dest: /etc/fluent-bit/fluent-bit.conf
      notify: restart fluent-bit`,
		References: []string{
			"https://docs.fluentbit.io/manual/installation/linux",
			"https://vector.dev/docs/setup/installation/",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check:         checkInstalled(logShippers, "a log shipper", "fluent-bit, vector, filebeat, amazon-cloudwatch-agent, promtail, rsyslog, td-agent, otelcol…"),
	})
}
