package kubernetes

import (
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// FuzzFile: any bytes are read without panicking, into objects that can be
// grouped and linked.
func FuzzFile(f *testing.F) {
	f.Add([]byte(shop))
	f.Add([]byte("apiVersion: v1\nkind: List\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: p}}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(`{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		objs, _ := File("f.yaml", data, "default")
		for _, c := range Group(objs, ".") {
			infra.ComponentGraph(c)
		}
	})
}
