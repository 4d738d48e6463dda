package packer

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-build-log-agent",
		Item:     checklist.Logs,
		Severity: checklist.Low,
		Title:    "Machine images baked by Packer install a log shipping agent",
		Why: "Logs written to an instance's disk vanish with the instance: when an autoscaling group " +
			"replaces a failing server, the evidence of why it failed goes with it, and searching across " +
			"servers means logging into each. An agent baked into the image ships logs from the first boot.",
		Fix: `build {
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = [
      "curl -fsSLo /tmp/fluent-bit.sh https://packages.fluentbit.io/install.sh",
      "echo '<sha256>  /tmp/fluent-bit.sh' | sha256sum -c -",
      "sudo sh /tmp/fluent-bit.sh",
      "sudo systemctl enable fluent-bit",
    ]
  }
}`,
		References: []string{
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Agent-on-EC2-Instance.html",
			"https://docs.fluentbit.io/manual/installation/linux",
		},
		Kinds:         buildKinds,
		CrossResource: true, // the scripts the build's provisioners run
		Check: func(c *rules.Check) {
			checkAgent(c, logAgents, "log", "CloudWatch agent, Fluent Bit, Vector, Datadog, OpenTelemetry Collector, …")
		},
	})
}

// logAgents are the words that install an agent shipping logs off the host.
var logAgents = []string{
	"amazon-cloudwatch-agent", "amazoncloudwatch-agent", "cloudwatch-agent", "awslogs", "awslogsd",
	"fluent-bit", "fluentbit", "td-agent-bit", "fluentd", "td-agent", "fluent-package", "vector",
	"promtail", "filebeat", "winlogbeat", "elastic-agent", "datadog-agent", "datadog",
	"install_script_agent7.sh", "otelcol", "otelcol-contrib", "opentelemetry-collector", "grafana-agent",
	"alloy", "google-cloud-ops-agent", "add-google-cloud-ops-agent-repo.sh", "google-fluentd",
	"azuremonitoragent", "splunkforwarder", "splunk-otel-collector", "nxlog", "nxlog-ce", "logstash",
	"newrelic-infra", "sumologic-otelcol", "rsyslog-elasticsearch", "syslog-ng",
}
