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

// BenchmarkLoadFile loads the plan or state named by PRODGRADE_BENCH_PLAN
// (skipped when unset), e.g. one written by scripts/genhostile:
//
//	go run ./scripts/genhostile -out /tmp/h -scale 3.4 -cases tf-plan-30mb
//	PRODGRADE_BENCH_PLAN=/tmp/h/tf-plan-30mb/plan/plan.json \
//	  go test ./internal/source/tfjson -run '^$' -bench LoadFile -memprofile mem.out
func BenchmarkLoadFile(b *testing.B) {
	file := os.Getenv("PRODGRADE_BENCH_PLAN")
	if file == "" {
		b.Skip("PRODGRADE_BENCH_PLAN is not set")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(file, data); err != nil {
			b.Fatal(err)
		}
	}
}
