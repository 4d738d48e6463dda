package kubernetes

import (
	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-secret-type-keys",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Typed Secrets hold the keys their type requires",
		Why: "The API server refuses a Secret of a built-in type without the keys that type defines: a " +
			"kubernetes.io/tls Secret without tls.crt and tls.key, a dockerconfigjson Secret without " +
			".dockerconfigjson, a basic-auth Secret without username or password, an ssh-auth Secret without " +
			"ssh-privatekey. The apply fails, and an Ingress or a pull that needs the Secret fails after it.",
		Fix: `apiVersion: v1
kind: Secret
type: kubernetes.io/tls
data:
  tls.crt: …   # both keys, base64
  tls.key: …`,
		References: []string{doc("concepts/configuration/secret/#secret-types")},
		Kinds:      []string{kindSecret},
		Check:      checkSecretTypeKeys,
	})
}

// secretTypeKeys are the keys each built-in Secret type requires; for
// basic-auth, one of the two is enough.
var secretTypeKeys = map[string]struct {
	keys   []string
	anyOne bool
}{
	"kubernetes.io/tls":              {keys: []string{"tls.crt", "tls.key"}},
	"kubernetes.io/dockerconfigjson": {keys: []string{".dockerconfigjson"}},
	"kubernetes.io/dockercfg":        {keys: []string{".dockercfg"}},
	"kubernetes.io/ssh-auth":         {keys: []string{"ssh-privatekey"}},
	"kubernetes.io/basic-auth":       {keys: []string{"username", "password"}, anyOne: true},
}

func checkSecretTypeKeys(c *rules.Check) {
	t := c.R.Attrs.Get("type")
	if !t.IsKnown() {
		c.Unknown("type", t)
		return
	}
	want, ok := secretTypeKeys[str(t)]
	if !ok {
		return // Opaque, or a type of its own: any keys
	}
	data, strData := c.R.Attrs.Get("data"), c.R.Attrs.Get("stringData")
	if !data.IsKnown() {
		c.Unknown("data", data)
		return
	}
	if !strData.IsKnown() {
		c.Unknown("stringData", strData)
		return
	}
	has := func(k string) bool { return data.Has(k) || strData.Has(k) }
	var missing []string
	for _, k := range want.keys {
		if !has(k) {
			missing = append(missing, k)
		}
	}
	switch {
	case want.anyOne && len(missing) < len(want.keys), !want.anyOne && len(missing) == 0:
		c.Pass("it holds the keys type %s requires", str(t))
	default:
		c.Fail("type", "a Secret of type %s needs %s, which it does not hold, so the API server refuses it", str(t), quoteList(missing))
	}
}

// quoteList writes keys for a message: "tls.key", or "tls.crt" and "tls.key".
func quoteList(keys []string) string {
	out := ""
	for i, k := range keys {
		switch {
		case i == 0:
		case i == len(keys)-1:
			out += " and "
		default:
			out += ", "
		}
		out += quote(k)
	}
	return out
}
