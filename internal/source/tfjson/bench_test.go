package tfjson

import (
	"os"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for _, file := range []string{"testdata/basic.plan.json", "testdata/basic.plan.utf16le.json", "testdata/basic.tfstate"} {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(file[len("testdata/"):], func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
