package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the loader as a .tf file: whatever the
// input, loading must return (notes for what it could not read), never panic.
// Seeds live in testdata/fuzz/FuzzLoad; add any crasher found there.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		`resource "aws_s3_bucket" "b" { bucket = "x" }`,
		`variable "n" { default = 2 }
resource "a_b" "c" {
  count = var.n
  x     = [for i in range(count.index) : cidrsubnet("10.0.0.0/16", 8, i)]
  dynamic "d" {
    for_each = { a = 1 }
    content { v = d.value }
  }
}
module "m" { source = "./m" }
output "o" { value = a_b.c[*].x }`,
		`locals { a = local.b
b = local.a }
resource "x_y" "z" { v = local.a }`,
		`resource "x_y" "z" { for_each = toset(["a"]) v = each.value }`,
		`terraform { backend "s3" { encrypt = true } }`,
		"resource \"x\" {",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		Load([]string{dir}, Options{})
	})
}

// FuzzJSONConfig feeds arbitrary bytes to the .tf.json translation and then
// to the evaluator: never a panic; what it writes must parse.
func FuzzJSONConfig(f *testing.F) {
	for _, s := range []string{
		`{"resource": {"aws_s3_bucket": {"b": {"bucket": "x", "tags": {"a": "${var.x}"}}}}}`,
		`{"variable": {"v": {"type": "list(string)", "default": ["a"]}}, "locals": [{"a": 1}, {"b": "${local.a}"}]}`,
		`{"terraform": {"backend": {"s3": {"encrypt": true}}}, "provider": {"aws": [{"alias": "x"}]}}`,
		`{"resource": {"x": {"y": {"dynamic": {"d": {"for_each": "${[1]}", "content": {"v": "${d.value}"}}}}}}}`,
		`{"module": {"m": {"source": "./m", "providers": {"aws": "aws.x"}}}, "output": {"o": {"value": "\"q\" \\ \n"}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, lines, err := jsonToHCL(src)
		if err != nil {
			return
		}
		if n := bytes.Count(out, []byte("\n")); n != len(lines) {
			t.Fatalf("%d lines written, %d mapped", n, len(lines))
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf.json"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		Load([]string{dir}, Options{})
	})
}
