package terraform

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

func TestTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"locals {\n  a = " + deep("(", ")", 900) + "\n}\n", false},
		{"locals {\n  a = " + deep("(", ")", 1001) + "\n}\n", true},
		{"locals {\n  a = " + deep("[", "]", 5000) + "\n}\n", true},
		{"locals {\n  a = " + strings.Repeat("!", 1001) + "true\n}\n", true},
		{"locals {\n  a = " + strings.Repeat("- ", 1001) + "1\n}\n", true},
		{strings.Repeat("a {\n", 2000) + strings.Repeat("}\n", 2000), true},
		// Brackets in comments do not count, and balanced ones end.
		{"# " + strings.Repeat("(", 5000) + "\nlocals { a = 1 }\n", false},
		{"/* " + strings.Repeat("[", 5000) + " */\nlocals { a = 1 }\n", false},
		{strings.Repeat("locals { a = [1, 2, {b = 3}] }\n", 5000), false},
		{"locals { a = 5 - 3 - 1 }\n" + strings.Repeat("# ----------\n", 500), false},
	} {
		if got := tooDeep([]byte(c.src)) > 0; got != c.want {
			t.Errorf("tooDeep(%.40q…) = %v, want %v", c.src, got, c.want)
		}
	}
	if line := tooDeep([]byte("locals {\n  x = 1\n  a = " + deep("(", ")", 2000) + "\n}\n")); line != 3 {
		t.Errorf("line = %d, want 3", line)
	}
}

// TestDeepNestingIsAnInputError: input nested far deeper than the
// parser's stack allows must end in an input error naming the file, with
// the good file beside it still graded, never in a fatal stack overflow.
func TestDeepNestingIsAnInputError(t *testing.T) {
	n := 100_000
	dir := writeTree(t, map[string]string{
		"good.tf":          `resource "aws_s3_bucket" "b" { bucket = "ok" }`,
		"deep.tf":          "locals {\n  a = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "\n}\n",
		"blocks.tf":        strings.Repeat("a {\n", n) + strings.Repeat("}\n", n),
		"terraform.tfvars": "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n",
		"variables.tf":     "variable \"x\" {}\nvariable \"y\" { type = map(string) }\n",
	})
	l := Load([]string{dir}, Options{Vars: []VarArg{{Assign: "y=" + strings.Repeat("{", n)}}})
	named := map[string]int{}
	for _, n := range l.Notes {
		if n.Kind == infra.NoteError && strings.Contains(n.Message, "levels deep") {
			named[filepath.Base(n.File)] = n.Line
		}
	}
	if named["deep.tf"] != 2 || named["blocks.tf"] != 1001 || named["terraform.tfvars"] != 1 {
		t.Errorf("depth errors at %v, want deep.tf:2, blocks.tf:1001, terraform.tfvars:1; notes %+v", named, l.Notes)
	}
	if len(l.Components) != 1 || len(l.Components[0].Resources) < 1 {
		t.Errorf("the good file must still be graded")
	}
}

// TestModuleCyclesAreGraded: modules that only call each other (or
// themselves) have no root; they must still be graded, with a note,
// never dropped so that a scan passes on nothing.
func TestModuleCyclesAreGraded(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"self/main.tf": "module \"again\" {\n  source = \"./\"\n}\nresource \"aws_s3_bucket\" \"b\" { bucket = \"x\" }\n",
		"x/main.tf":    "module \"y\" {\n  source = \"../y\"\n}\nresource \"aws_s3_bucket\" \"b\" { bucket = \"x\" }\n",
		"y/main.tf":    "module \"x\" {\n  source = \"../x\"\n}\n",
	})
	l := Load([]string{filepath.Join(dir, "self"), filepath.Join(dir, "x"), filepath.Join(dir, "y")}, Options{})
	var paths []string
	for _, c := range l.Components {
		paths = append(paths, filepath.Base(c.Path))
	}
	if strings.Join(paths, ",") != "self,x" {
		t.Errorf("components %v, want self and x (the first of the x↔y cycle)", paths)
	}
	cycles := 0
	for _, n := range l.Notes {
		if strings.Contains(n.Message, "only a cycle of local module calls") {
			cycles++
		}
	}
	if cycles != 2 {
		t.Errorf("want a note for each cycle, got %d: %+v", cycles, l.Notes)
	}
}

// TestBinaryFileIsOneNote: a binary file named .tf gives one note, not one
// per byte (the scan caps notes per file for everything else).
func TestBinaryFileIsOneNote(t *testing.T) {
	binary := make([]byte, 1<<20)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	dir := writeTree(t, map[string]string{
		"good.tf":   `resource "aws_s3_bucket" "b" { bucket = "ok" }`,
		"binary.tf": string(binary),
	})
	l := Load([]string{dir}, Options{})
	per := map[string]int{}
	for _, n := range l.Notes {
		per[filepath.Base(n.File)]++
	}
	if per["binary.tf"] != 1 {
		t.Errorf("notes per file = %v, want one for binary.tf", per)
	}
	if len(l.Components) != 1 || len(l.Components[0].Resources) < 1 {
		t.Errorf("the good file must still be graded")
	}
}

// TestPlainModuleCallsCountTowardsTheBudget: modules that each call the next
// three times (no count, no for_each) multiply to 3^12 instances; the
// instance budget stops the expansion, with a note, instead of running out
// of memory.
func TestPlainModuleCallsCountTowardsTheBudget(t *testing.T) {
	files := map[string]string{"root/main.tf": "module \"a\" { source = \"./m1\" }\nmodule \"b\" { source = \"./m1\" }\nmodule \"c\" { source = \"./m1\" }\n"}
	for i := 1; i <= 12; i++ {
		files[fmt.Sprintf("root/m%d/main.tf", i)] = fmt.Sprintf("module \"a\" { source = \"../m%[1]d\" }\nmodule \"b\" { source = \"../m%[1]d\" }\nmodule \"c\" { source = \"../m%[1]d\" }\nresource \"aws_s3_bucket\" \"x\" { bucket = \"y\" }\n", i+1)
	}
	files["root/m13/main.tf"] = `resource "aws_s3_bucket" "x" { bucket = "y" }`
	dir := writeTree(t, files)
	l := Load([]string{filepath.Join(dir, "root")}, Options{MaxInstances: 1000})
	if len(l.Components) != 1 {
		t.Fatalf("want one component, got %d", len(l.Components))
	}
	c := l.Components[0]
	buckets := 0
	for _, r := range c.Resources {
		if r.Kind == "aws_s3_bucket" {
			buckets++
		}
	}
	if buckets > 1000 || buckets < 100 {
		t.Errorf("%d buckets graded, want some, at most the budget of 1000", buckets)
	}
	noted := false
	for _, n := range c.Notes {
		noted = noted || strings.Contains(n.Message, "more than 1000 resource and module instances")
	}
	if !noted {
		t.Errorf("no note says the budget was reached: %+v", c.Notes)
	}
}
