package terraform

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// writeTree writes files (path → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadOne loads dir as a single root module and indexes its resources by address.
func loadOne(t *testing.T, dir string, opt Options) (map[string]*infra.Resource, *infra.Component) {
	t.Helper()
	l := Load([]string{dir}, opt)
	for _, n := range l.Notes {
		if n.Kind == infra.NoteError {
			t.Fatalf("unexpected error note: %s:%d %s", n.File, n.Line, n.Message)
		}
	}
	if len(l.Components) != 1 {
		t.Fatalf("want 1 component, got %d", len(l.Components))
	}
	out := map[string]*infra.Resource{}
	for _, r := range l.Components[0].Resources {
		out[r.Address] = r
	}
	return out, l.Components[0]
}

func str(t *testing.T, rs map[string]*infra.Resource, addr, path string) string {
	t.Helper()
	r := rs[addr]
	if r == nil {
		t.Fatalf("no resource %s; have %v", addr, keys(rs))
	}
	v := r.Attrs.Get(path)
	s, ok := v.Str()
	if !ok {
		t.Fatalf("%s.%s is %s (%s %s), not a string", addr, path, v.Kind(), v.Expr(), v.Why())
	}
	return s
}

func keys(rs map[string]*infra.Resource) []string {
	var out []string
	for k := range rs {
		out = append(out, k)
	}
	return out
}

func TestVariablePrecedence(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "g" { default = "default" }
variable "n" { type = number }
variable "l" { type = list(string) }
resource "x_thing" "t" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  f = var.f
  g = var.g
  n = var.n + 1
  l = join(",", var.l)
}`,
		"terraform.tfvars":   "b = \"tfvars\"\nc = \"tfvars\"\nd = \"tfvars\"\ne = \"tfvars\"\n",
		"a.auto.tfvars":      "c = \"auto-a\"\nd = \"auto-a\"\n",
		"b.auto.tfvars.json": `{"d": "auto-b-json", "e": "auto-b-json"}`,
		"extra.tfvars":       "e = \"var-file\"\nf = \"var-file\"\n",
		"late.tfvars":        "g = \"late-file\"\n",
	})
	rs, _ := loadOne(t, dir, Options{
		// Command-line order: a --var-file after a --var wins over it, as in Terraform.
		Vars: []VarArg{{File: filepath.Join(dir, "extra.tfvars")}, {Assign: "f=flag"}, {Assign: "g=flag"}, {File: filepath.Join(dir, "late.tfvars")}},
		Env:  []string{"TF_VAR_a=env", "TF_VAR_b=env", "TF_VAR_n=41", `TF_VAR_l=["p","q"]`},
	})
	want := map[string]string{"a": "env", "b": "tfvars", "c": "auto-a", "d": "auto-b-json", "e": "var-file", "f": "flag", "g": "late-file", "n": "42", "l": "p,q"}
	for k, w := range want {
		if got := str(t, rs, "x_thing.t", k); got != w {
			t.Errorf("%s = %q, want %q", k, got, w)
		}
	}
}

func TestLocalsCountForEachAndFunctions(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "azs" { default = ["eu-west-1a", "eu-west-1b"] }
locals {
  env     = "prod"
  name    = "${local.prefix}-${local.env}"
  prefix  = upper("shop")
  cidrs   = [for i, az in var.azs : cidrsubnet("10.0.0.0/16", 8, i)]
  buckets = { logs = { versioned = false }, data = { versioned = true } }
  merged  = merge({ a = 1 }, { b = 2 })
}
resource "aws_subnet" "private" {
  count             = length(var.azs)
  availability_zone = element(var.azs, count.index)
  cidr_block        = local.cidrs[count.index]
  tags              = { Name = format("%s-private-%d", local.name, count.index) }
}
resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = "${local.name}-${each.key}"
  versioned = each.value.versioned
}
resource "aws_s3_bucket" "set" {
  for_each = toset(["x"])
  bucket   = each.value
}
resource "x_funcs" "f" {
  keys    = join(",", keys(local.merged))
  lookup  = lookup(local.merged, "zz", "fallback")
  coal    = coalesce("", "second")
  json    = jsonencode({ a = 1 })
  yaml    = yamlencode({ a = 1 })
  split   = length(split(",", "a,b,c"))
  replace = replace("a-b-c", "/-/", "_")
  try     = try(local.merged.nope, "tried")
  can     = can(local.merged.nope)
  host    = cidrhost("10.0.0.0/24", 5)
  cond    = local.env == "prod" ? "big" : "small"
  flat    = length(flatten([[1, 2], [3]]))
  b64     = base64encode("hi")
  tmpl    = templatefile("${path.module}/t.tpl", { who = "you" })
  file    = trimspace(file("${path.module}/t.tpl"))
}`, "t.tpl": "hello ${who}\n"})
	rs, _ := loadOne(t, dir, Options{})
	checks := []struct{ addr, path, want string }{
		{"aws_subnet.private[0]", "cidr_block", "10.0.0.0/24"},
		{"aws_subnet.private[1]", "cidr_block", "10.0.1.0/24"},
		{"aws_subnet.private[1]", "availability_zone", "eu-west-1b"},
		{"aws_subnet.private[1]", "tags.Name", "SHOP-prod-private-1"},
		{`aws_s3_bucket.b["logs"]`, "bucket", "SHOP-prod-logs"},
		{`aws_s3_bucket.b["data"]`, "versioned", "true"},
		{`aws_s3_bucket.set["x"]`, "bucket", "x"},
		{"x_funcs.f", "keys", "a,b"},
		{"x_funcs.f", "lookup", "fallback"},
		{"x_funcs.f", "coal", "second"},
		{"x_funcs.f", "json", `{"a":1}`},
		{"x_funcs.f", "yaml", "\"a\": 1\n"},
		{"x_funcs.f", "split", "3"},
		{"x_funcs.f", "replace", "a_b_c"},
		{"x_funcs.f", "try", "tried"},
		{"x_funcs.f", "can", "false"},
		{"x_funcs.f", "host", "10.0.0.5"},
		{"x_funcs.f", "cond", "big"},
		{"x_funcs.f", "flat", "3"},
		{"x_funcs.f", "b64", "aGk="},
		{"x_funcs.f", "tmpl", "hello you\n"},
		{"x_funcs.f", "file", "hello ${who}"},
	}
	for _, c := range checks {
		if got := str(t, rs, c.addr, c.path); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.addr, c.path, got, c.want)
		}
	}
}

func TestDynamicBlocks(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "ports" { default = [80, 443] }
variable "unknown_rules" { type = list(number) }
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  ingress { from_port = 22 }
}
resource "aws_security_group" "unk" {
  dynamic "ingress" {
    for_each = var.unknown_rules
    iterator = rule
    content { from_port = rule.value }
  }
}`})
	rs, _ := loadOne(t, dir, Options{})
	in := rs["aws_security_group.sg"].Attrs.Blocks("ingress")
	if len(in) != 3 {
		t.Fatalf("want 3 ingress blocks, got %d", len(in))
	}
	var ports []string
	for _, b := range in {
		p, _ := b.Field("from_port").Str()
		ports = append(ports, p)
	}
	if got := strings.Join(ports, ","); got != "22,80,443" && got != "80,443,22" {
		t.Errorf("ports = %s", got)
	}
	unk := rs["aws_security_group.unk"].Attrs.Get("ingress.from_port")
	if unk.IsKnown() || !strings.Contains(unk.Why(), "var.unknown_rules") {
		t.Errorf("dynamic block over an unknown collection: want unknown naming var.unknown_rules, got %v %q", unk.Kind(), unk.Why())
	}
}

func TestNestedModulesAndEdges(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "db" {
  source = "./modules/db"
  name   = "orders"
  retention = 14
}
resource "aws_cloudwatch_metric_alarm" "cpu" {
  dimensions = { DBInstanceIdentifier = module.db.id }
}
module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
}`,
		"modules/db/main.tf": `
variable "name" { type = string }
variable "retention" { default = 1 }
module "storage" {
  source = "../storage"
  prefix = var.name
}
resource "aws_db_instance" "this" {
  identifier              = var.name
  backup_retention_period = var.retention
  kms_key_id              = module.storage.key_arn
}
output "id" { value = aws_db_instance.this.id }`,
		"modules/storage/main.tf": `
variable "prefix" {}
resource "aws_kms_key" "k" { description = "${var.prefix} key" }
output "key_arn" { value = aws_kms_key.k.arn }`,
	})
	rs, comp := loadOne(t, dir, Options{})
	if got := str(t, rs, "module.db.aws_db_instance.this", "backup_retention_period"); got != "14" {
		t.Errorf("retention = %s", got)
	}
	if got := str(t, rs, "module.db.module.storage.aws_kms_key.k", "description"); got != "orders key" {
		t.Errorf("description = %s", got)
	}
	g := infra.NewGraph(comp.Resources)
	db := g.Lookup("module.db.aws_db_instance.this")
	if al := g.Referrers(db, "aws_cloudwatch_metric_alarm", "dimensions"); len(al) != 1 {
		t.Errorf("alarm → db edge through a module output: got %d referrers", len(al))
	}
	if ks := g.Targets(db, "kms_key_id"); len(ks) != 1 || ks[0].Address != "module.db.module.storage.aws_kms_key.k" {
		t.Errorf("db → key edge through a nested module output: %v", ks)
	}
	if comp.Unexpanded != 1 {
		t.Errorf("Unexpanded = %d, want 1 (module.remote)", comp.Unexpanded)
	}
	if rs["module.remote"] == nil || str(t, rs, "module.remote", "version") != "4.0.0" {
		t.Errorf("module call pseudo-resource missing")
	}
	// The module directories are graded only through their caller.
	l := Load([]string{dir, filepath.Join(dir, "modules", "db"), filepath.Join(dir, "modules", "storage")}, Options{})
	if len(l.Components) != 1 {
		t.Errorf("called modules must not be components of their own; got %d components", len(l.Components))
	}
}

func TestDownloadedModules(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "main"
}`,
		".terraform/modules/modules.json":     `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}`,
		".terraform/modules/vpc/main.tf":      `resource "aws_vpc" "this" { tags = { Name = var.name } }`,
		".terraform/modules/vpc/variables.tf": `variable "name" {}`,
	})
	rs, comp := loadOne(t, dir, Options{})
	if got := str(t, rs, "module.vpc.aws_vpc.this", "tags.Name"); got != "main" {
		t.Errorf("Name = %s", got)
	}
	if comp.Unexpanded != 0 {
		t.Errorf("Unexpanded = %d", comp.Unexpanded)
	}
}

func TestUnknownsSayWhy(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "retention" { type = number }
data "aws_ami" "ubuntu" { most_recent = true }
locals { r = var.retention * 2 }
resource "aws_db_instance" "a" {
  backup_retention_period = local.r
  snapshot_identifier     = data.aws_ami.ubuntu.id
  kms_key_id              = aws_kms_key.k.arn
  tags                    = { when = timestamp(), fn = nosuchfunction(1) }
}
resource "aws_kms_key" "k" {}
resource "aws_instance" "n" {
  count = var.retention
  ami   = "ami-1"
}`})
	rs, comp := loadOne(t, dir, Options{})
	a := rs["aws_db_instance.a"]
	for path, want := range map[string]string{
		"backup_retention_period": "var.retention has no value",
		"snapshot_identifier":     "data.aws_ami.ubuntu is read by Terraform at plan time",
		"kms_key_id":              "aws_kms_key.k.arn is known only after apply",
		"tags.fn":                 "unknown function",
	} {
		v := a.Attrs.Get(path)
		if v.IsKnown() || !strings.Contains(v.Why(), want) {
			t.Errorf("%s: want unknown because %q, got %s %q", path, want, v.Kind(), v.Why())
		}
	}
	if e := a.Attrs.Get("backup_retention_period").Expr(); e != "local.r" {
		t.Errorf("expression = %q, want local.r", e)
	}
	if rs["aws_instance.n"] == nil {
		t.Errorf("a resource with an unknown count is still graded once; have %v", keys(rs))
	}
	found := false
	for _, n := range comp.Notes {
		found = found || strings.Contains(n.Message, "aws_instance.n")
	}
	if !found {
		t.Errorf("an unknown count must be noted: %v", comp.Notes)
	}
}

func TestBadInputIsReportedNotFatal(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"good.tf": `resource "aws_s3_bucket" "b" { bucket = "ok" }`,
		"bad.tf":  "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \n}\n",
	})
	l := Load([]string{dir}, Options{Vars: []VarArg{{File: filepath.Join(dir, "missing.tfvars")}}})
	var errs []infra.Note
	for _, n := range l.Notes {
		if n.Kind == infra.NoteError {
			errs = append(errs, n)
		}
	}
	if len(errs) != 2 {
		t.Fatalf("want 2 error notes (bad.tf, missing var file), got %v", errs)
	}
	if !strings.HasSuffix(errs[0].File, "bad.tf") || errs[0].Line != 2 {
		t.Errorf("parse error location: %s:%d", errs[0].File, errs[0].Line)
	}
	if len(l.Components) != 1 || len(l.Components[0].Resources) < 1 {
		t.Errorf("the good file must still be graded")
	}
}

func TestSettingsPseudoResources(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
terraform {
  required_version = ">= 1.6"
  backend "s3" {
    bucket       = "state"
    encrypt      = true
    use_lockfile = true
  }
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.0" }
    random = "3.6.0"
  }
}
provider "aws" {
  alias = "us"
  default_tags { tags = { team = "core" } }
}`})
	rs, _ := loadOne(t, dir, Options{})
	checks := map[string]string{
		"required_version":                  "\u003e= 1.6",
		"backend.type":                      "s3",
		"backend.encrypt":                   "true",
		"required_providers.aws.version":    "~\u003e 5.0",
		"required_providers.random.version": "3.6.0",
	}
	for p, w := range checks {
		if got := str(t, rs, "terraform", p); got != w {
			t.Errorf("terraform %s = %q, want %q", p, got, w)
		}
	}
	if got := str(t, rs, "provider.aws.us", "default_tags.tags.team"); got != "core" {
		t.Errorf("default tags = %q", got)
	}
}

func TestForEachOverUnknownValuesExpands(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_s3_bucket" "logs" { bucket = "logs" }
resource "aws_s3_bucket" "assets" {}
locals { buckets = { logs = aws_s3_bucket.logs.id, assets = aws_s3_bucket.assets.id } }
resource "aws_s3_bucket_versioning" "v" {
  for_each = local.buckets
  bucket   = each.value
}
resource "aws_subnet" "s" {
  for_each = { a = "10.0.1.0/24" }
  cidr_block = each.value
}
resource "aws_route_table_association" "r" {
  for_each  = aws_subnet.s
  subnet_id = each.value.id
}`})
	rs, comp := loadOne(t, dir, Options{})
	g := infra.NewGraph(comp.Resources)
	for inst, bucket := range map[string]string{`aws_s3_bucket_versioning.v["logs"]`: "aws_s3_bucket.logs", `aws_s3_bucket_versioning.v["assets"]`: "aws_s3_bucket.assets"} {
		r := rs[inst]
		if r == nil {
			t.Fatalf("missing %s; have %v", inst, keys(rs))
		}
		if ts := g.Targets(r, "bucket"); len(ts) != 1 || ts[0].Address != bucket {
			t.Errorf("%s → %v, want %s", inst, ts, bucket)
		}
	}
	if rs[`aws_route_table_association.r["a"]`] == nil {
		t.Errorf("for_each over a resource with for_each must expand; have %v", keys(rs))
	}
	if len(comp.Notes) != 0 {
		t.Errorf("no coverage notes expected: %v", comp.Notes)
	}
}

func TestRepeatedBlocksInterleaved(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_security_group" "sg" {
  ingress { from_port = 1 }
  egress  { from_port = 2 }
  ingress { from_port = 3 }
}`})
	rs, _ := loadOne(t, dir, Options{})
	sg := rs["aws_security_group.sg"].Attrs
	if n := len(sg.Blocks("ingress")); n != 2 {
		t.Errorf("ingress blocks = %d, want 2", n)
	}
	if n := len(sg.Blocks("egress")); n != 1 {
		t.Errorf("egress blocks = %d, want 1", n)
	}
}

func TestMayCallModules(t *testing.T) {
	for src, want := range map[string]bool{
		"module \"a\" {}":                     true,
		"  module\t\"a\" {}":                  true,
		"x = 1\nmodule a {}":                  true,
		"x = path.module":                     false,
		"# module \"a\"":                      false,
		"resource \"a\" \"b\" { module = 1 }": false,
		"modules = 1\n":                       false,
		"module":                              false,
	} {
		if got := mayCallModules([]byte(src)); got != want {
			t.Errorf("mayCallModules(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestModuleResourceCycleResolves(t *testing.T) {
	// The module's input comes from a resource that reads one of the
	// module's outputs: a cycle between whole blocks, valid in Terraform.
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "bucket" {
  source = "./m"
  policy = data.aws_iam_policy_document.p.json
}
data "aws_iam_policy_document" "p" {
  statement { resources = [module.bucket.arn] }
}`,
		"m/main.tf": `
variable "policy" {}
resource "aws_s3_bucket" "b" { bucket = "fixed" }
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = var.policy
}
output "arn" { value = "arn:aws:s3:::${aws_s3_bucket.b.bucket}" }`,
	})
	rs, comp := loadOne(t, dir, Options{})
	if got := str(t, rs, "data.aws_iam_policy_document.p", "statement.resources.0"); got != "arn:aws:s3:::fixed" {
		t.Errorf("resources = %q", got)
	}
	n := 0
	for _, r := range comp.Resources {
		if r.Address == "module.bucket.aws_s3_bucket.b" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("module resources emitted %d times, want once", n)
	}
}

func TestComputedNestedAttributesAndTryKeepReferences(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "create" { type = bool }
resource "aws_eks_cluster" "this" {
  count = var.create ? 1 : 0
  vpc_config { subnet_ids = ["a"] }
}
resource "aws_security_group_rule" "r" {
  security_group_id = try(aws_eks_cluster.this[0].vpc_config[0].cluster_security_group_id, null)
  description       = pathexpand("~/x")
}`})
	rs, comp := loadOne(t, dir, Options{})
	r := rs["aws_security_group_rule.r"]
	v := r.Attrs.Get("security_group_id")
	if v.IsKnown() || !strings.Contains(v.Why(), "decided at plan time") {
		t.Errorf("security_group_id: want unknown because the count is not known, got %s %q", v.Kind(), v.Why())
	}
	g := infra.NewGraph(comp.Resources)
	if ts := g.Targets(r, "security_group_id"); len(ts) != 1 || ts[0].Address != "aws_eks_cluster.this" {
		t.Errorf("the edge through try() must survive: %v", ts)
	}
	if d := r.Attrs.Get("description"); d.IsKnown() || !strings.Contains(d.Why(), "pathexpand") {
		t.Errorf("description: %s %q", d.Kind(), d.Why())
	}
}

func TestProviderOfResources(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
provider "aws" { region = "eu-west-1" }
provider "aws" {
  alias  = "us"
  region = "us-east-1"
}
resource "aws_s3_bucket" "default" {}
resource "aws_s3_bucket" "aliased" { provider = aws.us }
module "passed" {
  source    = "./m"
  providers = { aws = aws.us }
}
module "inherited" { source = "./m" }`,
		"m/main.tf": `resource "aws_sqs_queue" "q" {}`,
	})
	rs, _ := loadOne(t, dir, Options{})
	for addr, want := range map[string]string{
		"aws_s3_bucket.default":            "provider.aws",
		"aws_s3_bucket.aliased":            "provider.aws.us",
		"module.passed.aws_sqs_queue.q":    "provider.aws.us",
		"module.inherited.aws_sqs_queue.q": "provider.aws",
	} {
		if got := rs[addr].Provider; got != want {
			t.Errorf("%s uses %q, want %q", addr, got, want)
		}
	}
}

func TestValuesPassedThroughPointAtWhereTheyWereWritten(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
variable "db_password" { type = string }
module "db" {
  source   = "./db"
  password = var.db_password
  encrypted = false
}`,
		"terraform.tfvars": "db_password = \"hunter2\"\n",
		"db/main.tf": `
variable "password" {}
variable "encrypted" {}
variable "engine" { default = "postgres" }
module "instance" {
  source    = "../instance"
  password  = var.password
  encrypted = var.encrypted
  engine    = var.engine
}`,
		"instance/main.tf": `
variable "password" {}
variable "encrypted" {}
variable "engine" {}
resource "aws_db_instance" "this" {
  password          = var.encrypted ? var.password : null
  storage_encrypted = var.encrypted
  engine            = var.engine
  username          = "admin"
}`,
	})
	rs, _ := loadOne(t, dir, Options{})
	r := rs["module.db.module.instance.aws_db_instance.this"]
	for path, want := range map[string]string{
		"password":          "terraform.tfvars:1",
		"storage_encrypted": "main.tf:6",
		"engine":            "instance/main.tf:8", // a default: found where it is used
		"username":          "instance/main.tf:9",
	} {
		got := r.AttrLoc(path)
		rel, _ := filepath.Rel(dir, got.File)
		if l := rel + ":" + strconv.Itoa(int(got.Line)); l != filepath.FromSlash(want) {
			t.Errorf("%s at %s, want %s", path, l, want)
		}
	}
}

// A value a module computes from what its caller gave it — through
// each.value, a conditional, a function, a dynamic block — is reported at
// the caller's argument, the outermost one, where the fix goes; a value the
// module sets on its own stays in the module.
func TestValuesComputedFromInputsPointAtTheCaller(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "dbs" {
  source = "./dbs"
  databases = {
    orders = {
      encrypted = false
      size      = 20
    }
  }
  logs = ["postgresql"]
}`,
		"dbs/main.tf": `
variable "databases" {}
variable "logs" {}
module "db" {
  source    = "../db"
  for_each  = var.databases
  encrypted = try(each.value.encrypted, true)
  storage   = each.value.size * 2
  exports   = var.logs
}`,
		"db/main.tf": `
variable "encrypted" {}
variable "storage" {}
variable "exports" {}
resource "aws_db_instance" "this" {
  storage_encrypted = var.encrypted ? true : false
  allocated_storage = max(var.storage, 10)
  engine            = "postgres"
  dynamic "restore_to_point_in_time" {
    for_each = var.exports
    content {
      source_db_instance_identifier = restore_to_point_in_time.value
    }
  }
}`,
	})
	rs, _ := loadOne(t, dir, Options{})
	r := rs[`module.dbs.module.db["orders"].aws_db_instance.this`]
	if r == nil {
		t.Fatalf("instance not loaded; have %v", keys(rs))
	}
	for path, want := range map[string]string{
		"storage_encrypted": "main.tf:4", // the argument it came from
		"allocated_storage": "main.tf:4",
		"restore_to_point_in_time.0.source_db_instance_identifier": "main.tf:10",
		"engine": "db/main.tf:8",
	} {
		got := r.AttrLoc(path)
		rel, _ := filepath.Rel(dir, got.File)
		if l := rel + ":" + strconv.Itoa(int(got.Line)); l != filepath.FromSlash(want) {
			t.Errorf("%s at %s, want %s", path, l, want)
		}
	}
}

func TestFileFunctionsFromARelativeScanPath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"stack/main.tf":       `resource "x_thing" "root" { content = file("${path.module}/hello.txt") }` + "\nmodule \"m\" { source = \"./mod\" }\n",
		"stack/hello.txt":     "root",
		"stack/mod/main.tf":   `resource "x_thing" "child" { content = file("${path.module}/hello.txt") }`,
		"stack/mod/hello.txt": "child",
	})
	t.Chdir(dir)
	rs, _ := loadOne(t, "stack", Options{})
	if got := str(t, rs, "x_thing.root", "content"); got != "root" {
		t.Errorf("root file() = %q", got)
	}
	if got := str(t, rs, "module.m.x_thing.child", "content"); got != "child" {
		t.Errorf("child file() = %q", got)
	}
}

func TestNullInputsStayNullUnlessNotNullable(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
module "m" {
  source    = "./m"
  nullable  = null
  not_null  = null
}`,
		"m/main.tf": `
variable "nullable" {
  type    = number
  default = 7
}
variable "not_null" {
  type     = number
  default  = 7
  nullable = false
}
resource "aws_db_instance" "db" {
  backup_retention_period = var.nullable
  allocated_storage       = var.not_null
}`,
	})
	rs, _ := loadOne(t, dir, Options{})
	db := rs["module.m.aws_db_instance.db"].Attrs
	if v := db.Get("backup_retention_period"); !v.IsNull() {
		t.Errorf("a null input stays null: %v", v.Kind())
	}
	if got := str(t, rs, "module.m.aws_db_instance.db", "allocated_storage"); got != "7" {
		t.Errorf("nullable = false takes the default: %q", got)
	}
}

func TestAttributesWrittenNullAreUnknownWhenRead(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "default_version" {
  type    = number
  default = null
}
resource "aws_launch_template" "this" {
  name_prefix     = "lt-"
  default_version = var.default_version
}
resource "aws_autoscaling_group" "a" {
  launch_template {
    id      = aws_launch_template.this.name_prefix
    version = coalesce(aws_launch_template.this.default_version, "$Default")
  }
}`})
	rs, _ := loadOne(t, dir, Options{})
	v := rs["aws_autoscaling_group.a"].Attrs.Get("launch_template.version")
	if v.IsKnown() || !strings.Contains(v.Why(), "provider decides") {
		t.Errorf("version: want unknown (the provider computes default_version), got %s %q", v.Kind(), v.Why())
	}
	if got := str(t, rs, "aws_autoscaling_group.a", "launch_template.id"); got != "lt-" {
		t.Errorf("written values still read back: %q", got)
	}
}

func TestFlattenOfAnUnknownIsUnknown(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "extra_subnets" {}
resource "aws_subnet" "s" {
  count      = length(flatten([var.extra_subnets, ["10.0.1.0/24"]]))
  vpc_id     = "vpc-1"
  cidr_block = flatten([var.extra_subnets, ["10.0.1.0/24"]])[count.index]
}`})
	rs, comp := loadOne(t, dir, Options{})
	if rs["aws_subnet.s"] == nil {
		t.Fatalf("the count is unknown, so one instance is graded as aws_subnet.s; have %v", keys(rs))
	}
	v := rs["aws_subnet.s"].Attrs.Get("cidr_block")
	if v.IsKnown() || !strings.Contains(v.Why(), "var.extra_subnets") {
		t.Errorf("cidr_block: %s %q", v.Kind(), v.Why())
	}
	if len(comp.Notes) == 0 {
		t.Errorf("the unknown count is noted")
	}
}

func TestForAndCanKeepTheReason(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "tags" {}
resource "aws_s3_bucket" "b" {
  bucket = "x"
  y      = [for s in var.tags : s]
  z      = { for k, v in var.tags : k => v if v != "" }
  c      = can(regex("^pl-", var.tags)) ? "a" : "b"
  bad    = var.undeclared
}`})
	l := Load([]string{dir}, Options{})
	if len(l.Notes) != 1 || l.Notes[0].Kind != infra.NoteCoverage || !strings.Contains(l.Notes[0].Message, "undeclared var.undeclared") || l.Notes[0].Line != 8 {
		t.Errorf("a reference to an undeclared variable is noted at its line: %v", l.Notes)
	}
	var b infra.Value
	for _, r := range l.Components[0].Resources {
		if r.Address == "aws_s3_bucket.b" {
			b = r.Attrs
		}
	}
	for _, p := range []string{"y", "z", "c"} {
		if v := b.Get(p); v.IsKnown() || !strings.Contains(v.Why(), "var.tags has no value") {
			t.Errorf("%s: %s %q", p, v.Kind(), v.Why())
		}
	}
	if v := b.Get("bad"); !strings.Contains(v.Why(), "Terraform would reject") {
		t.Errorf("an invalid reference says Terraform rejects it: %q", v.Why())
	}
}

func TestReasonsSurviveTypeConversion(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
resource "aws_instance" "other" {
  ami           = "ami-123"
  instance_type = "t3.micro"
}
module "m" {
  source = "./mod"
  att    = { one = { target_id = aws_instance.other.id } }
}`,
		"mod/main.tf": `
variable "att" {
  type = map(object({ target_id = string, port = optional(number) }))
}
resource "aws_lb_target_group_attachment" "a" {
  for_each         = var.att
  target_group_arn = "arn:x"
  target_id        = each.value.target_id
}`,
	})
	rs, comp := loadOne(t, dir, Options{})
	r := rs[`module.m.aws_lb_target_group_attachment.a["one"]`]
	if r == nil {
		t.Fatalf("have %v", keys(rs))
	}
	if v := r.Attrs.Get("target_id"); v.IsKnown() || !strings.Contains(v.Why(), "aws_instance.other.id is known only after apply") {
		t.Errorf("target_id: %s %q", v.Kind(), v.Why())
	}
	g := infra.NewGraph(comp.Resources)
	if ts := g.Targets(r, "target_id"); len(ts) != 1 || ts[0].Address != "aws_instance.other" {
		t.Errorf("edge through map(object) conversion: %v", ts)
	}
}

func TestNamespacedAndNewerFunctions(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "x_thing" "t" {
  upper  = core::upper("a")
  arn    = provider::aws::arn_parse("arn:aws:s3:::b").service
  keys   = join(",", matchkeys(["a", "b", "c"], ["x", "y", "z"], ["y"]))
  cmp    = timecmp("2024-01-01T00:00:00Z", "2023-01-01T00:00:00Z")
  tags   = { Name = "x", When = plantimestamp() }
}`})
	rs, _ := loadOne(t, dir, Options{})
	for path, want := range map[string]string{"upper": "A", "keys": "b", "cmp": "1", "tags.Name": "x"} {
		if got := str(t, rs, "x_thing.t", path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	if v := rs["x_thing.t"].Attrs.Get("arn"); v.IsKnown() || !strings.Contains(v.Why(), "provider::aws::arn_parse") {
		t.Errorf("a provider function is unknown, saying so: %q", v.Why())
	}
}

func TestOverrideFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": `
locals { size = 20 }
resource "aws_db_instance" "db" {
  allocated_storage = local.size
  multi_az          = false
  tags              = { a = "b" }
  timeouts { create = "1h" }
}`,
		"override.tf": `
resource "aws_db_instance" "db" {
  multi_az = true
  timeouts { delete = "2h" }
}`,
		"z_override.tf": `locals { size = 99 }`,
	})
	rs, _ := loadOne(t, dir, Options{})
	for path, want := range map[string]string{"allocated_storage": "99", "multi_az": "true", "tags.a": "b", "timeouts.delete": "2h"} {
		if got := str(t, rs, "aws_db_instance.db", path); got != want {
			t.Errorf("%s = %q, want %q", path, got, want)
		}
	}
	if v := rs["aws_db_instance.db"].Attrs.Get("timeouts.create"); !v.IsNull() {
		t.Errorf("an override's nested blocks replace the original's")
	}
	if l := rs["aws_db_instance.db"].AttrLoc("multi_az"); !strings.HasSuffix(l.File, "override.tf") || l.Line != 3 {
		t.Errorf("an overridden value points at the override: %s", l)
	}
}

// TestJSONConfiguration loads a .tf.json file (Terraform's JSON syntax, as
// CDK for Terraform writes it) through the same evaluator as .tf files.
func TestJSONConfiguration(t *testing.T) {
	rs, comp := loadOne(t, "testdata/json", Options{})
	for _, c := range []struct{ addr, path, want string }{
		{"aws_db_instance.main", "identifier", "shop-7-db"},
		{"aws_db_instance.main", "backup_retention_period", "7"},
		{"aws_db_instance.main", "tags.Name", `db "quoted"`},
		{"aws_db_instance.main", "lifecycle.prevent_destroy", "true"},
		{"aws_s3_bucket.b[1]", "bucket", "b"},
		{"aws_security_group.sg", "ingress.1.from_port", "22"},
		{"aws_security_group.sg", "egress.1.description", "b"},
		{"module.net.aws_vpc.v", "cidr_block", "10.0.0.0/16"},
		{"terraform", "backend.type", "s3"},
		{"terraform", "required_providers.aws.version", "~> 5.0"},
	} {
		if got := str(t, rs, c.addr, c.path); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.addr, c.path, got, c.want)
		}
	}
	if p := rs["aws_db_instance.main"].Provider; p != "provider.aws.us" {
		t.Errorf("provider = %q", p)
	}
	// Positions are the JSON file's lines.
	db := rs["aws_db_instance.main"]
	if db.Loc.File != filepath.Join("testdata", "json", "main.tf.json") || db.Loc.Line != 28 {
		t.Errorf("resource at %s, want main.tf.json:28", db.Loc)
	}
	if l := db.AttrLoc("multi_az"); l.Line != 34 {
		t.Errorf("multi_az at line %d, want 34", l.Line)
	}
	if len(comp.Notes) != 0 {
		t.Errorf("notes: %v", comp.Notes)
	}
}

func TestInvalidJSONConfigurationIsAnError(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf.json": `{"resource": [1, 2`, "ok.tf": `resource "aws_s3_bucket" "b" {}`})
	l := Load([]string{dir}, Options{})
	if len(l.Notes) != 1 || l.Notes[0].Kind != infra.NoteError || !strings.Contains(l.Notes[0].Message, "JSON") {
		t.Errorf("notes: %v", l.Notes)
	}
	if len(l.Components) != 1 || len(l.Components[0].Resources) < 1 {
		t.Errorf("the rest is still graded")
	}
}

func TestMergeWithAnUnknownKeepsItsKnownKeys(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
variable "extra_tags" { type = map(string) }
resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
  tags   = merge({ Name = "acme-data", team = "x" }, var.extra_tags)
}`})
	rs, _ := loadOne(t, dir, Options{})
	v := rs["aws_s3_bucket.b"].Attrs.Get("tags")
	if v.IsKnown() || v.MinLen() != 2 || !strings.Contains(v.Why(), "var.extra_tags") {
		t.Errorf("tags: %s, at least %d keys, %q", v.Kind(), v.MinLen(), v.Why())
	}
}

func TestReviewFixes(t *testing.T) {
	t.Run("a module calling itself is not expanded", func(t *testing.T) {
		dir := writeTree(t, map[string]string{
			"main.tf":   `module "a" { source = "./m" }`,
			"m/main.tf": "resource \"aws_s3_bucket\" \"b\" {}\nmodule \"x\" { source = \"./\" }\nmodule \"y\" { source = \"./\" }\n",
		})
		rs, comp := loadOne(t, dir, Options{})
		if rs["module.a.aws_s3_bucket.b"] == nil || len(rs) > 6 {
			t.Errorf("resources: %v", keys(rs))
		}
		if comp.Unexpanded != 2 {
			t.Errorf("Unexpanded = %d, want 2", comp.Unexpanded)
		}
	})
	t.Run("override.tf.json overrides", func(t *testing.T) {
		dir := writeTree(t, map[string]string{
			"main.tf":          `resource "aws_db_instance" "db" { backup_retention_period = 0 }`,
			"override.tf.json": "{\n\"resource\": {\"aws_db_instance\": {\"db\": {\n\"backup_retention_period\": 7}}}}\n",
		})
		rs, _ := loadOne(t, dir, Options{})
		if got := str(t, rs, "aws_db_instance.db", "backup_retention_period"); got != "7" {
			t.Errorf("backup_retention_period = %q", got)
		}
		if l := rs["aws_db_instance.db"].AttrLoc("backup_retention_period"); !strings.HasSuffix(l.File, "override.tf.json") || l.Line != 3 {
			t.Errorf("at %s, want override.tf.json:3", l)
		}
	})
	t.Run("untyped variables from --var are strings; typed ones are parsed", func(t *testing.T) {
		dir := writeTree(t, map[string]string{
			"main.tf": "variable \"untyped\" {}\nvariable \"anyv\" { type = any }\nvariable \"nn\" {\n  default  = \"dflt\"\n  nullable = false\n}\n" +
				"resource \"x_t\" \"t\" {\n  a = var.untyped\n  b = var.anyv + 1\n  c = var.nn\n}\n",
			"terraform.tfvars": "nn = null\n",
		})
		rs, _ := loadOne(t, dir, Options{Vars: []VarArg{{Assign: "untyped=[1,2]"}, {Assign: "anyv=41"}}})
		for path, want := range map[string]string{"a": "[1,2]", "b": "42", "c": "dflt"} {
			if got := str(t, rs, "x_t.t", path); got != want {
				t.Errorf("%s = %q, want %q", path, got, want)
			}
		}
	})
	t.Run("base64gzip matches Terraform", func(t *testing.T) {
		dir := writeTree(t, map[string]string{"main.tf": `resource "x_t" "t" { g = base64gzip("x") }`})
		rs, _ := loadOne(t, dir, Options{})
		if got := str(t, rs, "x_t.t", "g"); got != "H4sIAAAAAAAA/6oAAAAA//8BAAD//4MW3IwBAAAA" {
			t.Errorf("base64gzip = %q", got)
		}
	})
	t.Run("providers map in .tf.json", func(t *testing.T) {
		dir := writeTree(t, map[string]string{
			"main.tf.json": `{"provider": {"aws": [{}, {"alias": "eu"}]}, "module": {"m": {"source": "./m", "providers": {"aws": "aws.eu"}}}}`,
			"m/main.tf":    `resource "aws_sqs_queue" "q" {}`,
		})
		rs, _ := loadOne(t, dir, Options{})
		if p := rs["module.m.aws_sqs_queue.q"].Provider; p != "provider.aws.eu" {
			t.Errorf("provider = %q", p)
		}
	})
}

func TestMetaArgumentEdges(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_kms_key" "k" {
  for_each    = toset(["a", "b"])
  description = each.key
}
resource "aws_sns_topic" "t" {
  count = 2
  name  = "t${count.index}"
}
resource "aws_s3_bucket" "fe" {
  for_each = aws_kms_key.k
  bucket   = each.key
}
resource "aws_s3_bucket" "cnt" {
  count  = length(aws_sns_topic.t)
  bucket = "c${count.index}"
}
resource "aws_s3_bucket" "dep" {
  bucket     = "d"
  depends_on = [aws_sns_topic.t]
}`})
	rs, comp := loadOne(t, dir, Options{})
	g := infra.NewGraph(comp.Resources)
	for addr, want := range map[string]string{
		`aws_s3_bucket.fe["a"]`: "for_each",
		`aws_s3_bucket.cnt[0]`:  "count",
		`aws_s3_bucket.dep`:     "depends_on",
	} {
		if n := len(g.Targets(rs[addr], want)); n != 2 {
			t.Errorf("%s: %d targets through %s, want 2", addr, n, want)
		}
	}
}

func TestInstanceBudget(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_sqs_queue" "many" {
  count = 300000
  name  = "q${count.index}"
}`})
	rs, comp := loadOne(t, dir, Options{})
	if len(rs) > 3 || rs["aws_sqs_queue.many"] == nil {
		t.Errorf("want one speculative instance, got %d resources", len(rs))
	}
	if len(comp.Notes) != 1 || !strings.Contains(comp.Notes[0].Message, "more instances than prodgrade grades") {
		t.Errorf("notes: %v", comp.Notes)
	}
}

func TestForEachOverAListIsRejected(t *testing.T) {
	dir := writeTree(t, map[string]string{"main.tf": `
resource "aws_sqs_queue" "q" {
  for_each = ["a", "b"]
  name     = each.value
}`})
	rs, comp := loadOne(t, dir, Options{})
	if rs["aws_sqs_queue.q"] == nil || len(comp.Notes) != 1 || !strings.Contains(comp.Notes[0].Message, "Terraform rejects") {
		t.Errorf("resources %v, notes %v", keys(rs), comp.Notes)
	}
}

func TestCountMustBeAWholeNumber(t *testing.T) {
	for _, count := range []string{`"abc"`, "1.5", "-1"} {
		dir := writeTree(t, map[string]string{"main.tf": "resource \"aws_sqs_queue\" \"q\" {\n  count = " + count + "\n}\n"})
		rs, comp := loadOne(t, dir, Options{})
		if rs["aws_sqs_queue.q"] == nil || len(comp.Notes) != 1 || !strings.Contains(comp.Notes[0].Message, "whole number") {
			t.Errorf("count = %s: resources %v, notes %v", count, keys(rs), comp.Notes)
		}
	}
}
