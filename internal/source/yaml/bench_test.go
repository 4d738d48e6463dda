package yaml

import (
	"fmt"
	"strings"
	"testing"
)

// manifestStream is about size bytes of Kubernetes manifests, the common
// case: many small documents of nested mappings, lists and short scalars.
func manifestStream(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-%[1]d
  namespace: team-%[2]d
  labels: &labels
    app.kubernetes.io/name: app-%[1]d
    app.kubernetes.io/part-of: shop
spec:
  replicas: %[2]d
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: "backend"
    spec:
      containers:
        - name: app
          image: "registry.example.com/app:%[1]d.0.1"
          ports: [{containerPort: 8080, protocol: TCP}]
          env:
            - {name: LOG_LEVEL, value: info}
            - name: ENABLED
              value: "true"
          resources:
            limits: {cpu: 500m, memory: 256Mi}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
            periodSeconds: 10
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-%[1]d-config
data:
  config.yaml: |
    server:
      port: 8080
    # comment %[1]d
`, i, i%7)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	data := manifestStream(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestManifestStream(t *testing.T) {
	data := manifestStream(1 << 20)
	docs, err := Parse("bench.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs)%2 != 0 || len(docs) < 1000 {
		t.Fatalf("%d documents", len(docs))
	}
	d := docs[len(docs)-2].Value
	labels := at(t, d, "spec", "template", "metadata", "labels")
	if got := show(labels); !strings.Contains(got, `"tier": "backend"`) || !strings.Contains(got, `"app.kubernetes.io/part-of": "shop"`) {
		t.Errorf("merged labels = %s", got)
	}
	if got := show(at(t, d, "spec", "template", "spec", "containers", 0, "env", 1, "value")); got != `"true"` {
		t.Errorf("env value = %s", got)
	}
}
