package compose

import (
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "compose-service-metrics",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "The metrics of every long-running service are collected (scraped, exported or pushed)",
		Why: "Metrics nobody collects cannot show saturation, errors or latency, and no alert can fire on them: " +
			"an overloaded or failing service is found by its users first, and an incident is investigated " +
			"without its history.",
		Fix: `services:
  web:
    environment:
      OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4318   # push OpenTelemetry metrics
    labels:
      prometheus.io/scrape: "true"                            # or be scraped by a Prometheus
      prometheus.io/port: "8080"
  postgres-exporter:                                          # or export what the service cannot
    image: prometheuscommunity/postgres-exporter:v0.15.0
    environment:
      DATA_SOURCE_NAME: postgresql://exporter@db:5432/shop`,
		References: []string{
			"https://prometheus.io/docs/prometheus/latest/configuration/configuration/#docker_sd_config",
			"https://opentelemetry.io/docs/specs/otel/protocol/exporter/",
			"https://docs.docker.com/reference/compose-file/configs/",
		},
		Kinds:         serviceKinds,
		CrossResource: true, // collectors and exporters among the project's services
		Check:         checkMetricsCollected,
	})
}

// checkMetricsCollected looks for what gets the service's metrics to a
// store: OpenTelemetry export settings (OTEL_EXPORTER_OTLP_ENDPOINT), a
// scrape label (prometheus.io/scrape: "true", Datadog Autodiscovery
// checks), an exporter service that reaches it while a collector runs, or
// a collector whose inline configuration (configs: content) scrapes it.
// A collector configured from a file the project mounts may scrape it or
// not, which prodgrade cannot read: unknown. So is a project with no
// collector at all: a host agent may collect the metrics. Only an inline
// scrape configuration that leaves the service out is a gap. Collectors
// and exporters themselves are not graded.
func checkMetricsCollected(c *rules.Check) {
	if !longRunning(c) || opsIsCollector(c.Graph, c.R) || opsIsExporter(c.Graph, c.R) {
		return
	}
	if opsOTelExport(c) {
		return
	}
	if opsLabel(c.R, "prometheus.io/scrape") == "true" {
		c.Pass(`it is labelled prometheus.io/scrape: "true" for a Prometheus with Docker service discovery`)
		return
	}
	for _, f := range c.R.Attrs.Get("labels").Fields() {
		if strings.HasPrefix(f.Name, "com.datadoghq.ad.check") {
			c.Pass("its label %s configures Datadog Autodiscovery checks", f.Name)
			return
		}
	}
	var collectors []*infra.Resource
	for _, svc := range opsServices(c.Graph) {
		if svc != c.R && opsIsCollector(c.Graph, svc) {
			collectors = append(collectors, svc)
		}
	}
	var exporter *infra.Resource
	for _, svc := range opsServices(c.Graph) {
		if svc != c.R && opsIsExporter(c.Graph, svc) && opsImageName(opsImage(c.Graph, svc)) != "cadvisor" && opsTalksTo(svc, c.R) {
			exporter = svc
			break
		}
	}
	if exporter != nil && len(collectors) > 0 {
		c.Pass("exporter service %s exposes its metrics and service %s collects metrics", exporter.Name, collectors[0].Name)
		return
	}
	var missed [][2]string // collector, config
	for _, col := range collectors {
		switch scrapes, cfg, target := opsInlineScrapes(c, col, c.R.Name); {
		case scrapes:
			c.Pass("service %s scrapes it: configs.%s lists %s", col.Name, cfg, target)
			return
		case cfg != "":
			missed = append(missed, [2]string{col.Name, cfg})
		}
	}
	if exporter != nil {
		c.UnknownBecause("exporter service " + exporter.Name + " exposes the metrics of " + c.R.Name + ", but nothing in the project scrapes it; if a Prometheus outside the project does, this is met")
		return
	}
	if len(collectors) > 0 && len(missed) == len(collectors) {
		c.Fail("", "the metrics of service %s are not collected: service %s scrapes the targets of its inline configuration configs.%s, and none is on %s; add it as a scrape target, or export its metrics with OTEL_EXPORTER_OTLP_ENDPOINT",
			c.R.Name, missed[0][0], missed[0][1], c.R.Name)
		return
	}
	if len(collectors) > 0 {
		c.UnknownBecause("service " + collectors[0].Name + " collects metrics, but its scrape configuration is in a file the project mounts, which prodgrade does not read; if it scrapes " + c.R.Name + ", this is met")
		return
	}
	c.UnknownBecause("nothing in the project collects the metrics of " + c.R.Name + " (looked for OTEL_EXPORTER_OTLP_ENDPOINT, a prometheus.io/scrape label, " +
		"and a Prometheus, OpenTelemetry collector, Grafana Alloy or exporter service); if an agent on the host collects them, this is met")
}

// opsOTelExport records a pass for OpenTelemetry export settings (an
// OTLP endpoint, with the SDK and its metrics exporter not turned off)
// and reports whether it recorded one.
func opsOTelExport(c *rules.Check) bool {
	if v, ok := opsEnv(c.R, "OTEL_SDK_DISABLED"); ok && strings.EqualFold(str(v), "true") {
		return false
	}
	if v, ok := opsEnv(c.R, "OTEL_METRICS_EXPORTER"); ok && str(v) == "none" {
		return false
	}
	for _, name := range []string{"OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"} {
		if v, ok := opsEnv(c.R, name); ok && (!v.IsKnown() || str(v) != "") {
			c.Pass("%s is set: it pushes OpenTelemetry metrics", name)
			return true
		}
	}
	return false
}

// opsInlineScrapes reads the scrape configuration a collector gets from an
// inline config (configs: content) of the project. scrapes reports a
// static target on service name (target). cfg names the config read; it
// is "" when the collector has no inline scrape configuration, or one
// that discovers targets at run time (Docker or DNS service discovery),
// which cannot be judged here.
func opsInlineScrapes(c *rules.Check, collector *infra.Resource, name string) (scrapes bool, cfg, target string) {
	hostRe := regexp.MustCompile(`^(https?://)?` + regexp.QuoteMeta(name) + `(:\d+)?(/.*)?$`)
	for _, conf := range c.Graph.Targets(collector, "configs") {
		content := str(conf.Attrs.Get("content"))
		if content == "" {
			continue
		}
		docs, err := yaml.Parse(conf.Loc.File, []byte(content))
		if err != nil || len(docs) == 0 {
			continue
		}
		var jobs []infra.Value
		opsFindKey(docs[0].Value, "scrape_configs", &jobs)
		found := false
		for _, sc := range jobs {
			for _, job := range sc.List() {
				found = true
				for _, f := range job.Fields() {
					if strings.HasSuffix(f.Name, "_sd_configs") {
						return false, "", ""
					}
				}
				for _, st := range job.Get("static_configs").List() {
					for _, t := range st.Get("targets").List() {
						if hostRe.MatchString(str(t)) {
							return true, conf.Name, str(t)
						}
					}
				}
			}
		}
		if found {
			return false, conf.Name, ""
		}
	}
	return false, "", ""
}

// opsFindKey collects every value under key, at any depth.
func opsFindKey(v infra.Value, key string, out *[]infra.Value) {
	switch v.Kind() {
	case infra.Object:
		for _, f := range v.Fields() {
			if f.Name == key {
				*out = append(*out, f.Value)
			} else {
				opsFindKey(f.Value, key, out)
			}
		}
	case infra.List:
		for _, e := range v.List() {
			opsFindKey(e, key, out)
		}
	}
}
