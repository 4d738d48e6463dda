package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-config-size",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "ConfigMaps and Secrets fit the 1 MiB the API server stores",
		Why: "The API server refuses a ConfigMap or Secret whose data exceeds 1 MiB (etcd's limit on one object), " +
			"so the apply fails. It tends to happen as a bundled file (a GeoIP database, a dashboard, a " +
			"certificate chain) grows release by release, until one deploy breaks.",
		Fix: `# Ship large files in the image, on a volume, or fetch them at start-up
# (an init container); keep ConfigMaps for settings.`,
		References: []string{doc("concepts/configuration/configmap/#motivation")},
		Kinds:      []string{kindConfigMap, kindSecret},
		Check:      checkConfigSize,
	})
}

// maxConfigBytes is the most data a ConfigMap or Secret may hold.
const maxConfigBytes = 1 << 20

// checkConfigSize adds up the values of data, binaryData and stringData as
// written (a Secret's data is base64, which the limit is measured on too,
// close enough to call a gap above it). A hidden value is measured like
// any other: only its length is used. A value made unknown because the
// file holds template braces (Grafana dashboards and alert templates are
// full of them) is measured as written: its text is all there.
func checkConfigSize(c *rules.Check) {
	total := 0
	for _, field := range []string{"data", "binaryData", "stringData"} {
		v := c.R.Attrs.Get(field)
		if !v.IsKnown() {
			c.Unknown(field, v)
			return
		}
		for _, f := range v.Fields() {
			if !f.Value.IsKnown() {
				total += len(f.Name) + len(f.Value.Expr())
				continue
			}
			if f.Value.Kind() == infra.String {
				s, _ := f.Value.Str()
				total += len(f.Name) + len(s)
			}
		}
	}
	if total > maxConfigBytes {
		c.Fail("", "it holds %d KiB of data, above the 1024 KiB the API server accepts; move the large files out of it", total/1024)
		return
	}
	c.Pass("it holds %d KiB of data", total/1024)
}
