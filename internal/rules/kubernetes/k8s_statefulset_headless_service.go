package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	k8s "github.com/prodgrade/prodgrade/internal/source/kubernetes"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-statefulset-headless-service",
		Item:     checklist.Networking,
		Severity: checklist.Medium,
		Title:    "StatefulSets name a headless Service of the scan that selects their pods",
		Why: "A StatefulSet's pods get their stable DNS names (db-0.db.shop.svc) from the headless Service " +
			"its serviceName names. If that Service is missing, has a cluster IP, or selects other pods, peers " +
			"that find each other by name (database replicas, quorum members) cannot, and the cluster never forms.",
		Fix: `apiVersion: v1
kind: Service
metadata:
  name: db            # the StatefulSet's spec.serviceName
spec:
  clusterIP: None     # headless
  selector:
    app: db           # the StatefulSet's pod labels
  ports:
    - {name: postgres, port: 5432}`,
		References: []string{
			doc("concepts/workloads/controllers/statefulset/#stable-network-id"),
			doc("concepts/services-networking/service/#headless-services"),
			"kube-score: statefulset-has-servicename",
		},
		Kinds:         []string{kindStatefulSet},
		CrossResource: true,
		Check:         checkStatefulSetService,
	})
}

func checkStatefulSetService(c *rules.Check) {
	v := c.R.Attrs.Get("spec.serviceName")
	if !v.IsKnown() {
		c.Unknown("spec.serviceName", v)
		return
	}
	name := str(v)
	if name == "" {
		c.Fail("spec", "spec.serviceName is not set, so the pods of %s get no stable DNS names; name a headless Service that selects them", c.R.Address)
		return
	}
	if !scanHolds(c.R, kindService, name) {
		c.Fail("spec.serviceName", "spec.serviceName names Service %s, which is not in namespace %s of the scanned manifests; add it as a headless Service (clusterIP: None) selecting the pods",
			name, c.R.Namespace)
		return
	}
	svc := c.Graph.Lookup(k8s.Address(kindService, c.R.Namespace, name))
	if svc == nil {
		c.UnknownBecause("Service " + name + " named by spec.serviceName is graded in another component, so whether it is headless and selects these pods cannot be read here")
		return
	}
	ip := svc.Attrs.Get("spec.clusterIP")
	if !ip.IsKnown() {
		c.UnknownIn(svc, "spec.clusterIP", ip)
		return
	}
	ok := true
	// clusterIP defaults to an allocated virtual IP: a Service is headless
	// only with clusterIP: None.
	if str(ip) != "None" {
		ok = false
		c.Fail("spec.serviceName", "%s is not headless (%s), so the pods get no per-pod DNS records; set clusterIP: None", svc.Address, clusterIPText(ip))
	}
	if !selectsWorkload(svc, c.R) {
		ok = false
		c.Fail("spec.serviceName", "%s does not select the pods of %s (its selector is %s), so their DNS records are not published", svc.Address, c.R.Address, selectorText(svc.Attrs.Get("spec.selector")))
	}
	if ok {
		c.Pass("%s is headless and selects its pods", svc.Address)
	}
}

// selectsWorkload reports a selector edge from r to the workload w.
func selectsWorkload(r, w *infra.Resource) bool {
	for _, ref := range r.Refs {
		if ref.How == infra.EdgeSelector && ref.To == w.Address {
			return true
		}
	}
	return false
}

func clusterIPText(ip infra.Value) string {
	if ip.IsNull() {
		return "its clusterIP is not set, so a virtual IP is allocated"
	}
	return "its clusterIP is " + str(ip)
}
