package ansible

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// metricsAgents are the names by which a host metrics agent shows up in
// packages, downloads, services and role names.
var metricsAgents = []string{
	"node_exporter", "node-exporter", "amazon-cloudwatch-agent", "cloudwatch_agent", "cloudwatch-agent",
	"datadog", "telegraf", "collectd", "netdata", "zabbix-agent", "zabbix_agent", "newrelic-infra",
	"newrelic_infra", "grafana-agent", "grafana_agent", "grafana.alloy", "alloy", "otelcol", "opentelemetry-collector",
	"google-cloud-ops-agent", "ops_agent", "metricbeat", "elastic-agent", "dynatrace", "oneagent", "sensu-agent",
	"prometheus.prometheus.node_exporter",
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "ansible-metrics-agent",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "Servers a playbook sets up run a metrics agent (node_exporter, CloudWatch agent, Datadog, Telegraf…)",
		Why: "Without an agent on the host, nobody sees memory, disk or per-process metrics: a filling disk " +
			"or a leaking process is found when the service falls over. Cloud hypervisor metrics show CPU and " +
			"network only.",
		Fix: `- hosts: web
  roles:
    - prometheus.prometheus.node_exporter`,
		References: []string{
			"https://prometheus.io/docs/guides/node-exporter/",
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Install-CloudWatch-Agent.html",
		},
		Kinds:         playKinds,
		CrossResource: true,
		Check:         checkInstalled(metricsAgents, "a metrics agent", "node_exporter, amazon-cloudwatch-agent, datadog-agent, telegraf, collectd, zabbix-agent, otelcol, grafana-agent/alloy…"),
	})
}
