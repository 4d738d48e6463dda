package packer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
)

// FuzzLoad: no template, HCL2 or legacy JSON, crashes or hangs the loader.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(ebs+ebsBuild), true)
	f.Add([]byte(legacyJSON), false)
	f.Add([]byte(`build { provisioner "shell" { inline = [for i in range(3) : "echo ${i}"] } }`), true)
	f.Add([]byte(`{"builders": [{"type": "docker"}], "provisioners": [{"type": "shell", "inline": ["{{user `+"`x`"+`}}"]}]}`), false)
	f.Fuzz(func(t *testing.T, data []byte, hcl bool) {
		dir := t.TempDir()
		if hcl {
			if err := os.WriteFile(filepath.Join(dir, "main.pkr.hcl"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			Load(context.Background(), confine.New(dir), dir, nil, nil)
			return
		}
		IsLegacyJSON(data)
		LoadLegacyJSON(context.Background(), confine.New(dir), filepath.Join(dir, "t.json"), data)
	})
}
