package aws

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-eks-cluster-metrics",
		Item:     checklist.Metrics,
		Severity: checklist.Medium,
		Title:    "EKS clusters have a metrics pipeline for nodes and pods",
		Why: "EKS collects no node, pod or container metrics by itself: without an agent nobody sees a node " +
			"running out of memory, pods being throttled or a workload restarting until users notice. The " +
			"stack should install one (the CloudWatch observability or ADOT add-on, an Amazon Managed " +
			"Prometheus scraper, or a Prometheus, Datadog, Grafana, New Relic or Dynatrace chart). Monitoring " +
			"installed by other means, such as a GitOps repository, is not visible to a Terraform scan.",
		Fix: `resource "aws_eks_addon" "observability" {
  cluster_name = aws_eks_cluster.main.name
  addon_name   = "amazon-cloudwatch-observability"
}`,
		CloudFormationFix: `Cluster:
  Type: AWS::EKS::Cluster
  Properties:
    # ...
Observability:
  Type: AWS::EKS::Addon
  Properties:
    ClusterName: !Ref Cluster
    AddonName: amazon-cloudwatch-observability
`,
		References: []string{
			doc("aws_eks_addon"),
			"https://docs.aws.amazon.com/eks/latest/userguide/eks-observe.html",
			"https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Observability-EKS-addon.html",
		},
		Kinds:         []string{"aws_eks_cluster"},
		CrossResource: true, // add-ons, scrapers and Helm releases of the stack
		Check:         checkEKSClusterMetrics,
	})
}

// eksMetricsAddons are EKS add-ons that collect node and pod metrics.
var eksMetricsAddons = map[string]bool{
	"amazon-cloudwatch-observability": true,
	"adot":                            true,
}

// eksMetricsCharts are Helm charts that install a metrics agent or stack.
var eksMetricsCharts = map[string]bool{
	"kube-prometheus-stack": true, "prometheus": true, "prometheus-operator": true,
	"prometheus-agent": true, "victoria-metrics-k8s-stack": true, "victoria-metrics-agent": true,
	"victoria-metrics-single": true, "victoria-metrics-cluster": true, "vmagent": true,
	"datadog": true, "datadog-operator": true,
	"alloy": true, "grafana-agent": true, "grafana-agent-operator": true, "k8s-monitoring": true,
	"newrelic-bundle": true, "nri-bundle": true, "dynatrace-operator": true,
	"amazon-cloudwatch-observability": true, "aws-cloudwatch-metrics": true,
	"adot-exporter-for-eks-on-ec2": true, "opentelemetry-collector": true,
	"opentelemetry-kube-stack": true, "splunk-otel-collector": true, "elastic-agent": true,
	"sumologic": true, "netdata": true, "signalfx-agent": true, "instana-agent": true,
	"appdynamics-cluster-agent": true, "sysdig-deploy": true,
}

func checkEKSClusterMetrics(c *rules.Check) {
	for _, a := range pointers(c, "aws_eks_addon", "cluster_name", "name") {
		name := a.Attrs.Get("addon_name")
		if eksMetricsAddons[knownStr(name)] {
			c.Pass("%s installs the %s add-on", a.Address, knownStr(name))
			return
		}
	}
	// An Amazon Managed Service for Prometheus scraper of this cluster.
	if s := c.Graph.Referrers(c.R, "aws_prometheus_scraper", "source"); len(s) > 0 {
		c.Pass("%s scrapes the cluster into Amazon Managed Service for Prometheus", s[0].Address)
		return
	}
	// A helm_release targets a cluster through its provider's configuration,
	// which is no resource: any release of the stack counts.
	var unresolved *infra.Resource
	for _, h := range c.Graph.OfKind("helm_release") {
		chart := h.Attrs.Get("chart")
		if !chart.IsKnown() {
			if unresolved == nil {
				unresolved = h
			}
			continue
		}
		if n := eksChartName(h); eksMetricsCharts[n] {
			c.Pass("%s installs the %s chart", h.Address, n)
			return
		}
	}
	// An add-on whose name is not known may be the metrics one.
	for _, a := range pointers(c, "aws_eks_addon", "cluster_name", "name") {
		if v := a.Attrs.Get("addon_name"); !v.IsKnown() {
			c.UnknownIn(a, "addon_name", v)
			return
		}
	}
	if unresolved != nil {
		c.UnknownIn(unresolved, "chart", unresolved.Attrs.Get("chart"))
		return
	}
	// A metrics add-on whose cluster_name is not known may be this
	// cluster's; add-ons known to be others (coredns, vpc-cni) are no
	// evidence whichever cluster they join.
	for _, a := range c.Graph.OfKind("aws_eks_addon") {
		name, cluster := a.Attrs.Get("addon_name"), a.Attrs.Get("cluster_name")
		if cluster.IsKnown() || name.IsKnown() && !eksMetricsAddons[knownStr(name)] {
			continue
		}
		if eksAddonJoinsOtherCluster(c, a) {
			continue
		}
		c.UnknownIn(a, "cluster_name", cluster)
		return
	}
	c.Missing("no aws_eks_addon (amazon-cloudwatch-observability, adot), aws_prometheus_scraper or helm_release of a monitoring chart collects metrics from %s", c.R.Address)
}

// eksAddonJoinsOtherCluster reports an add-on whose cluster_name references
// an aws_eks_cluster other than the checked one.
func eksAddonJoinsOtherCluster(c *rules.Check, a *infra.Resource) bool {
	for _, t := range c.Graph.Targets(a, "cluster_name") {
		if t.Kind == "aws_eks_cluster" && t != c.R {
			return true
		}
	}
	return false
}
