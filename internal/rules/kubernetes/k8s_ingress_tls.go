package kubernetes

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-ingress-tls",
		Item:     checklist.Security,
		Severity: checklist.High,
		Title:    "Ingresses serve every host they route over TLS",
		Why: "A host without a TLS entry is served over plain HTTP: passwords, session cookies and tokens cross " +
			"the internet readable and alterable by anyone on the path, and browsers mark the site insecure.",
		Fix: `spec:
  tls:
  - hosts: ["shop.example.com"]
    secretName: shop-tls          # e.g. issued by cert-manager
  rules:
  - host: shop.example.com`,
		References: []string{
			doc("concepts/services-networking/ingress/#tls"),
			"Polaris: tlsSettingsMissing",
		},
		Kinds: []string{"networking.k8s.io/Ingress", "extensions/Ingress"},
		Check: checkIngressTLS,
	})
}

// tlsAnnotations are how load balancer controllers that ignore spec.tls
// are given a certificate: AWS Load Balancer Controller, GKE, Azure
// Application Gateway.
var tlsAnnotations = []string{
	"alb.ingress.kubernetes.io/certificate-arn",
	"ingress.gcp.kubernetes.io/pre-shared-cert",
	"networking.gke.io/managed-certificates",
	"appgw.ingress.kubernetes.io/appgw-ssl-certificate",
}

// checkIngressTLS wants every host of the Ingress's rules covered by a
// spec.tls entry (exactly, or by a *.domain wildcard one label deep).
// A tls entry without hosts covers every host (the controller's default
// certificate), and rules without a host are served on whatever host the
// controller answers, with the certificate of a spec.tls entry when there
// is one.
func checkIngressTLS(c *rules.Check) {
	for _, a := range tlsAnnotations {
		if v := c.R.Annotations[a]; v != "" {
			c.Pass("the load balancer terminates TLS with the certificate of %s", a)
			return
		}
	}
	tls := c.R.Attrs.Get("spec.tls")
	if !tls.IsKnown() {
		c.Unknown("spec.tls", tls)
		return
	}
	var covered []string
	for i, t := range tls.List() {
		hosts := t.Get("hosts")
		if !hosts.IsKnown() {
			c.Unknown(fmt.Sprintf("spec.tls[%d].hosts", i), hosts)
			return
		}
		if hosts.Len() == 0 {
			// "Defaults to the wildcard host setting for the loadbalancer
			// controller fulfilling this Ingress" (IngressTLS.hosts).
			covered = append(covered, "*")
		}
		for _, h := range hosts.List() {
			covered = append(covered, strings.ToLower(str(h)))
		}
	}
	rs := c.R.Attrs.Get("spec.rules")
	if !rs.IsKnown() {
		c.Unknown("spec.rules", rs)
		return
	}
	if tls.Len() == 0 {
		c.Fail("spec", "spec.tls is not set, so the Ingress serves its hosts over plain HTTP; add a tls entry with a certificate Secret for them")
		return
	}
	failed := false
	for i, r := range rs.List() {
		h := r.Get("host")
		if !h.IsKnown() {
			c.Unknown(fmt.Sprintf("spec.rules[%d].host", i), h)
			return
		}
		host := strings.ToLower(str(h))
		if host == "" || hostCovered(host, covered) {
			continue
		}
		failed = true
		c.Fail(fmt.Sprintf("spec.rules[%d].host", i), "host %s is in no spec.tls entry, so it is served over plain HTTP; add it to a tls entry's hosts", host)
	}
	if !failed {
		c.Pass("spec.tls covers every host")
	}
}

// hostCovered reports a host matched by a TLS host: the same name, or a
// wildcard *.example.com matching one label in its place.
func hostCovered(host string, tlsHosts []string) bool {
	for _, t := range tlsHosts {
		if t == host || t == "*" {
			return true
		}
		if suffix, ok := strings.CutPrefix(t, "*."); ok {
			if label, rest, ok := strings.Cut(host, "."); ok && label != "" && rest == suffix {
				return true
			}
		}
	}
	return false
}
