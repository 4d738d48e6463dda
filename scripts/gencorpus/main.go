// Command gencorpus writes a synthetic Terraform corpus for benchmarking prodgrade.
//
//	go run ./scripts/gencorpus -out /tmp/corpus -roots 250 -files-per-root 20 -resources-per-file 20
//
// writes 250 root modules with 20 resource files each (one of them in the root's
// local child module) holding 20 resource instances each: 100,000 resources. The
// same flags always give the same files (-seed changes them).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/prodgrade/prodgrade/internal/corpus"
)

func main() {
	out := flag.String("out", "", "directory to write the corpus into (required)")
	roots := flag.Int("roots", 10, "number of root modules")
	files := flag.Int("files-per-root", 20, "resource files per root module (one of them in its local child module)")
	perFile := flag.Int("resources-per-file", 20, "resource instances per resource file, after count/for_each")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same corpus")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencorpus -out DIR [-roots N] [-files-per-root M] [-resources-per-file K] [-seed S]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	st, err := corpus.Generate(*out, corpus.Options{Roots: *roots, FilesPerRoot: *files, ResourcesPerFile: *perFile, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d roots, %d files (%d .tf), %d resource blocks, %d resources, %.1f MiB to %s\n",
		st.Roots, st.Files, st.TFFiles, st.Blocks, st.Resources, float64(st.Bytes)/(1<<20), *out)
}
