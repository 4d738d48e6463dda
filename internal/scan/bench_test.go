package scan

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/corpus"
	_ "github.com/prodgrade/prodgrade/internal/rules/all"
	_ "github.com/prodgrade/prodgrade/internal/source/all"
)

// BenchmarkScan times the whole pipeline (discover, load, evaluate, grade, report)
// on synthetic corpora from internal/corpus, the same generator scripts/bench.sh
// uses for the whole-process numbers. Each size is generated once, outside the
// timer; resources/s is reported so sizes compare (linear scaling keeps it flat).
//
//	go test ./internal/scan -run '^$' -bench Scan -benchmem
//	go test ./internal/scan -run '^$' -bench 'Scan/resources=20000' -benchtime 3x
func BenchmarkScan(b *testing.B) {
	for _, n := range []int{2_000, 10_000, 20_000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			st, err := corpus.Generate(dir, corpus.ForResources(n))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(st.Bytes)
			b.ResetTimer()
			var got int
			for b.Loop() {
				rep, err := Run(context.Background(), Options{Paths: []string{dir}, Version: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				got = rep.Summary.Resources
			}
			b.StopTimer()
			if got == 0 {
				b.Fatalf("scan found no resources in a corpus of %d", st.Resources)
			}
			b.ReportMetric(float64(got), "resources")
			b.ReportMetric(float64(st.TFFiles), "tf-files")
			b.ReportMetric(float64(got)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
		})
	}
}

// BenchmarkScanDir times a scan of real code: the directory named by
// PRODGRADE_BENCH_DIR, or the paths listed one per line in the file named by
// PRODGRADE_BENCH_LIST (skipped when both are unset). Handy with -cpuprofile:
//
//	PRODGRADE_BENCH_DIR=/tmp/real go test ./internal/scan -run '^$' -bench ScanDir -cpuprofile cpu.out
func BenchmarkScanDir(b *testing.B) {
	var paths []string
	if dir := os.Getenv("PRODGRADE_BENCH_DIR"); dir != "" {
		paths = append(paths, dir)
	}
	if list := os.Getenv("PRODGRADE_BENCH_LIST"); list != "" {
		data, err := os.ReadFile(list)
		if err != nil {
			b.Fatal(err)
		}
		paths = append(paths, strings.Fields(string(data))...)
	}
	if len(paths) == 0 {
		b.Skip("set PRODGRADE_BENCH_DIR to a directory of code, or PRODGRADE_BENCH_LIST to a file listing paths")
	}
	var got int
	for b.Loop() {
		rep, err := Run(context.Background(), Options{Paths: paths, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		got = rep.Summary.Resources
	}
	b.ReportMetric(float64(got), "resources")
}
