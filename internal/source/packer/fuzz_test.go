package packer

import (
	"context"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
)

// FuzzLoad: no template, HCL2 or legacy JSON, crashes or hangs the loader.
// The template lives in memory only: the tree serves it like a file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(ebs+ebsBuild), true)
	f.Add([]byte(legacyJSON), false)
	f.Add([]byte(`build { provisioner "shell" { inline = [for i in range(3) : "echo ${i}"] } }`), true)
	f.Add([]byte(`{"builders": [{"type": "docker"}], "provisioners": [{"type": "shell", "inline": ["{{user `+"`x`"+`}}"]}]}`), false)
	f.Fuzz(func(t *testing.T, data []byte, hcl bool) {
		const dir = "/fuzz/template"
		tree := confine.New()
		if hcl {
			tree.AddMem(dir+"/main.pkr.hcl", data)
			Load(context.Background(), tree, dir, []string{dir + "/main.pkr.hcl"}, nil)
			return
		}
		IsLegacyJSON(data)
		LoadLegacyJSON(context.Background(), tree, dir+"/t.json", data)
	})
}
