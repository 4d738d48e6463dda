package packer

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	shellsrc "github.com/prodgrade/prodgrade/internal/source/shell"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-build-metrics-agent",
		Item:     checklist.Metrics,
		Severity: checklist.Low,
		Title:    "Machine images baked by Packer install a metrics agent",
		Why: "A hypervisor sees CPU and network, not memory, disk space, processes or the application: " +
			"without an agent in the image, a server that fills its disk or leaks memory gives no warning " +
			"before it fails. Baking the agent in means every instance reports from its first minute, " +
			"including the ones an autoscaling group launches at 3 a.m.",
		Fix: `build {
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    inline = [
      "curl -fsSLo /tmp/cwagent.deb https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb",
      "sudo dpkg -i /tmp/cwagent.deb",
    ]
  }
}`,
		References: []string{
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Agent-on-EC2-Instance.html",
			"https://prometheus.io/docs/guides/node-exporter/",
		},
		Kinds:         buildKinds,
		CrossResource: true, // the scripts the build's provisioners run
		Check: func(c *rules.Check) {
			checkAgent(c, metricsAgents, "metrics", "CloudWatch agent, node_exporter, Datadog, OpenTelemetry Collector, …")
		},
	})
}

// metricsAgents are the words (package, binary, service or installer
// names) that install an agent reporting host metrics.
var metricsAgents = []string{
	"amazon-cloudwatch-agent", "amazoncloudwatch-agent", "cloudwatch-agent", "node_exporter",
	"node-exporter", "prometheus-node-exporter", "windows_exporter", "datadog-agent", "datadog",
	"install_script_agent7.sh", "newrelic-infra", "telegraf", "collectd", "otelcol", "otelcol-contrib",
	"opentelemetry-collector", "grafana-agent", "alloy", "oneagent", "zabbix-agent", "zabbix-agent2",
	"netdata", "google-cloud-ops-agent", "add-google-cloud-ops-agent-repo.sh", "stackdriver-agent",
	"azuremonitoragent", "elastic-agent", "metricbeat", "signalfx-agent", "splunk-otel-collector",
	"instana-agent", "sumologic-otelcol",
}

// configManagers run code the template does not show: a playbook, a
// cookbook, a manifest, which may install the agent.
var configManagers = map[string]bool{"ansible": true, "ansible-local": true, "chef-solo": true,
	"chef-client": true, "puppet-masterless": true, "puppet-server": true, "salt-masterless": true,
	"converge": true}

// checkAgent records whether a build installs an agent named in words;
// what says which kind ("metrics", "log"), examples names a few.
func checkAgent(c *rules.Check, words []string, what, examples string) {
	if !bakesMachineImage(c) {
		return
	}
	want := map[string]bool{}
	for _, w := range words {
		want[w] = true
	}
	seen := map[string]bool{}
	for _, t := range buildTokens(c) {
		if want[t] {
			seen[t] = true
		}
	}
	if len(seen) > 0 {
		var names []string
		for n := range seen {
			names = append(names, n)
		}
		sort.Strings(names)
		c.Pass("the build installs %s", strings.Join(names, ", "))
		return
	}
	for _, p := range c.R.Attrs.Field("provisioners").List() {
		if t := str(p.Field("type")); configManagers[t] {
			c.UnknownBecause("no provisioner's commands install a " + what + " agent, but the " + t +
				" provisioner runs code the template does not show, which may")
			return
		}
	}
	c.Missing("no provisioner of %s installs a %s agent (%s); bake one into the image unless every instance gets it at launch", c.R.Address, what, examples)
}

// bakesMachineImage reports a build with a source that makes a machine
// image; a container (docker), a null build or a Vagrant box is not one,
// and nothing is known of a build whose sources are not.
func bakesMachineImage(c *rules.Check) bool {
	for _, p := range c.R.Attrs.Field("post_processors").List() {
		if str(p.Field("type")) == "vagrant" {
			return false // a Vagrant box for a developer's machine, not a server image
		}
	}
	for _, s := range c.Graph.Targets(c.R, "sources") {
		switch t := builderType(s); t {
		case "docker", "null", "file", "":
		default:
			return true
		}
	}
	return false
}

// buildTokens are the words of everything the build's provisioners run:
// the commands of its shell scripts (inline and files), the inline text,
// script names and playbook names of every provisioner, each split into
// lower-case words at path and URL separators.
func buildTokens(c *rules.Check) []string {
	var out []string
	add := func(s string) {
		out = append(out, words(s)...)
	}
	for _, s := range c.Graph.Targets(c.R, "") {
		if s.Kind != shellsrc.KindScript {
			continue
		}
		add(s.Name)
		for _, cmd := range s.Attrs.Field("commands").List() {
			for _, a := range cmd.Field("argv").List() {
				if a.IsKnown() {
					add(str(a))
				} else {
					add(a.Expr())
				}
			}
		}
	}
	var walk func(v infra.Value)
	walk = func(v infra.Value) {
		switch v.Kind() {
		case infra.List:
			for _, e := range v.List() {
				walk(e)
			}
		case infra.Object:
			for _, f := range v.Fields() {
				walk(f.Value)
			}
		case infra.String:
			add(str(v))
		}
	}
	for _, p := range c.R.Attrs.Field("provisioners").List() {
		if str(p.Field("type")) == "shell-local" {
			continue // runs on the machine running Packer
		}
		for _, f := range []string{"inline", "script", "scripts", "playbook_file", "role_paths", "extra_arguments", "sources", "source"} {
			walk(p.Field(f))
		}
	}
	return out
}

// words splits s into lower-case words at everything but letters, digits,
// '-', '_' and '.', then also at '.', so that both "node_exporter" and
// "install_script_agent7.sh" and "amazon-cloudwatch-agent" (from
// amazon-cloudwatch-agent.deb) are words.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(lower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	}) {
		w = strings.Trim(w, ".-")
		if w == "" {
			continue
		}
		out = append(out, w)
		if strings.Contains(w, ".") {
			for _, p := range strings.Split(w, ".") {
				if p != "" {
					out = append(out, p)
				}
			}
		}
	}
	return out
}
