package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
)

// The canary is planted outside the scanned tree (and given at run time);
// no output format may ever contain it.
const canary = "CANARY-7f3a9c-do-not-print"

// attackModule writes a module that tries every way to read outside the
// scanned tree or print a value it must not, beside one ordinary bucket.
func attackModule(t *testing.T) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "scan"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside, filepath.Join(outside, "mod")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(outside, "secret.txt")
	write(secret, canary+"\n")
	write(filepath.Join(outside, "mod", "main.tf"), `resource "aws_ecr_repository" "leak" {
  name                 = "`+canary+`"
  image_tag_mutability = "`+canary+`"
}
`)
	if err := os.Symlink(secret, filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(root, "inside.txt"), "MUTABLE")
	// A 100 MiB file, sparse: the tree must refuse it by its size.
	big, err := os.Create(filepath.Join(root, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	big.Close()
	fifo := ""
	if err := syscall.Mkfifo(filepath.Join(root, "pipe.txt"), 0o644); err == nil {
		fifo = "pipe.txt"
	}
	rel, err := filepath.Rel(root, secret)
	if err != nil {
		t.Fatal(err)
	}
	reads := []string{
		`file("` + secret + `")`,
		`file("` + rel + `")`,
		`file("${path.module}/` + rel + `")`,
		`file("link.txt")`,
		`file("~/.aws/credentials")`,
		`file("/etc/passwd")`,
		`file("/dev/zero")`,
		`file("big.txt")`,
		`filebase64("` + secret + `")`,
		`filemd5("` + secret + `")`,
		`templatefile("` + secret + `", {})`,
		`templatefile("link.txt", {})`,
		`tostring(fileexists("` + secret + `"))`,
		`join(",", fileset("` + outside + `", "*"))`,
		`join(",", fileset(path.module, "../outside/*"))`,
		`file(abspath("` + secret + `"))`,
		`var.pw`,
		`var.marked`,
		`sensitive("` + canary + `-literal")`,
		`nonsensitive(file("` + secret + `"))`,
		`tostring(tonumber(var.pw))`,
		`tostring(tonumber(file("inside.txt")))`,
		`var.env_secret`,
		`file("inside.txt")`,
	}
	if fifo != "" {
		reads = append(reads, `file("`+fifo+`")`, `templatefile("`+fifo+`", {})`)
	}
	var b strings.Builder
	b.WriteString(`variable "pw" {
  type = string
}

variable "env_secret" {
  type = string
}

variable "marked" {
  type      = string
  sensitive = true
  default   = "` + canary + `-marked"
}

module "outside" {
  source = "../outside/mod"
}

resource "aws_db_instance" "good" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 1
}
`)
	for i, r := range reads {
		fmt.Fprintf(&b, "\nresource \"aws_ecr_repository\" \"r%d\" {\n  name                 = \"r%d\"\n  image_tag_mutability = %s\n}\n", i, i, r)
	}
	write(filepath.Join(root, "main.tf"), b.String())
	return root, outside
}

func TestScannedCodeCannotReadOutsideOrPrintHiddenValues(t *testing.T) {
	root, _ := attackModule(t)
	env := []string{"PATH=/usr/bin", "TF_VAR_env_secret=" + canary + "-env", "HOME=" + filepath.Dir(root)}
	// Every output format: each renders from the report, which holds no
	// value, and this keeps it so for formats yet to come.
	for _, format := range strings.Split(report.FormatNames(), ", ") {
		var out, errb bytes.Buffer
		code := run([]string{"scan", "--format", format, "--no-color", "--var", "pw=" + canary, root}, strings.NewReader(""), &out, &errb, env)
		if strings.Contains(out.String(), canary) || strings.Contains(errb.String(), canary) {
			t.Errorf("%s output contains the canary:\n%s", format, out.String())
		}
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (gaps):\n%s", format, code, errb.String())
		}
		if format != "json" {
			continue
		}
		var rep struct {
			Findings []struct{ Rule, Resource, Status, Message, Why string }
			Notes    []struct{ Message string }
		}
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		byRes := map[string][]string{}
		for _, f := range rep.Findings {
			byRes[f.Resource] = append(byRes[f.Resource], f.Status+": "+f.Message+" / "+f.Why)
		}
		all := fmt.Sprint(byRes)
		// The good resource beside the attack is still graded.
		if !strings.Contains(all, "backup_retention_period is 1") {
			t.Errorf("the ordinary database was not graded")
		}
		if t.Failed() {
			t.Logf("findings: %s", all)
		}
		for _, want := range []string{
			"is outside the scanned tree",
			"leads outside the scanned tree through a symbolic link",
			"names the home directory",
			"not a regular file (a named pipe)",
			"is larger than the 1 MiB limit",
			"(the contents of a file, not shown)",
			"(a --var value, not shown)",
			"(a sensitive value, not shown)",
			"(a TF_VAR_ environment variable, not shown)",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("no finding says %q", want)
			}
		}
		notes := fmt.Sprint(rep.Notes)
		if !strings.Contains(notes, "--allow-read") {
			t.Errorf("the module outside the tree is not noted with the way to allow it:\n%s", notes)
		}
		if _, ok := byRes["module.outside.aws_ecr_repository.leak"]; ok {
			t.Error("a module outside the scanned tree was loaded")
		}
	}
	// --allow-read lets the code read there.
	var out, errb bytes.Buffer
	run([]string{"scan", "--format", "json", "--allow-read", filepath.Dir(root), root}, strings.NewReader(""), &out, &errb, env)
	if !strings.Contains(out.String(), "module.outside.aws_ecr_repository.leak") {
		t.Errorf("--allow-read did not allow the module:\n%s", out.String())
	}
}

func TestMaxReadSize(t *testing.T) {
	root, _ := attackModule(t)
	code, out, _ := prodgrade(t, "", "scan", "--format", "json", "--max-read-size", "4B", root)
	if code != 1 || !strings.Contains(out, "inside.txt is larger than the 4 bytes limit") {
		t.Errorf("exit %d; no finding says inside.txt is over the limit:\n%.2000s", code, out)
	}
}

func TestStdinCannotReadFiles(t *testing.T) {
	_, outside := attackModule(t)
	src := `resource "aws_ecr_repository" "x" {
  name                 = "x"
  image_tag_mutability = file("` + filepath.Join(outside, "secret.txt") + `")
}
`
	code, out, _ := prodgrade(t, src, "scan", "--format", "json", "-")
	if strings.Contains(out, canary) || !strings.Contains(out, "outside the scanned tree") || code != 1 {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
