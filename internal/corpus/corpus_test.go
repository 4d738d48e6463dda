package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestGenerateCountsAndDeterminism(t *testing.T) {
	opt := Options{Roots: 3, FilesPerRoot: 4, ResourcesPerFile: 17, Seed: 7}
	a, b := t.TempDir(), t.TempDir()
	st, err := Generate(a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * 4 * 17; st.Resources != want {
		t.Errorf("Resources = %d, want %d", st.Resources, want)
	}
	if _, err := Generate(b, opt); err != nil {
		t.Fatal(err)
	}
	files := 0
	blocks := regexp.MustCompile(`(?m)^resource "`)
	nblocks := 0
	err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same options", rel)
		}
		nblocks += len(blocks.FindAll(x, -1))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != st.Files {
		t.Errorf("Stats.Files = %d, found %d files", st.Files, files)
	}
	if nblocks != st.Blocks {
		t.Errorf("Stats.Blocks = %d, found %d resource blocks", st.Blocks, nblocks)
	}
}

func TestForResources(t *testing.T) {
	opt := ForResources(100_000)
	if n := opt.Roots * opt.FilesPerRoot * opt.ResourcesPerFile; n != 100_000 {
		t.Errorf("ForResources(100000) gives %d resources", n)
	}
	if n := opt.Roots * opt.FilesPerRoot; n < 5000 {
		t.Errorf("ForResources(100000) gives %d resource files, want 5000+", n)
	}
}

func TestGenerateRejectsEmpty(t *testing.T) {
	if _, err := Generate(t.TempDir(), Options{}); err == nil {
		t.Error("Generate with zero options: want an error")
	}
}
