// Package corpus writes synthetic Terraform code for benchmarking prodgrade.
//
// A corpus is a set of root modules. Each root has a variables file, a locals
// file, a versions file, resource files and one local child module, and mixes the
// AWS resource kinds the rules look at (databases with alarms, buckets with their
// separate versioning and encryption resources, security groups, launch templates
// with auto scaling groups and load balancers, log groups, instances, volumes),
// written the way real code is: values through variables and locals, count and
// for_each, references between resources, good and bad settings side by side.
//
// Output is a pure function of Options: the same options always give byte-for-byte
// the same files, so benchmark runs compare like with like.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options says how big a corpus to write.
type Options struct {
	Roots            int    // root modules
	FilesPerRoot     int    // resource files per root, the child module's file included
	ResourcesPerFile int    // resource instances per resource file, after count/for_each
	Seed             uint64 // same seed, same corpus
}

// Stats describes a written corpus.
type Stats struct {
	Roots     int // root modules
	Files     int // .tf and .tfvars files
	TFFiles   int // .tf files
	Blocks    int // resource blocks as written
	Resources int // resource instances after count/for_each expansion
	Bytes     int64
}

// ForResources picks options for a corpus of about n resource instances spread
// over about n/20 files (20 resources a file, 20 files a root), the shape the
// benchmarks use: 100,000 resources give 250 roots and 5,000 resource files.
func ForResources(n int) Options {
	const perFile, perRoot = 20, 20
	roots := max(1, (n+perFile*perRoot-1)/(perFile*perRoot))
	return Options{Roots: roots, FilesPerRoot: perRoot, ResourcesPerFile: perFile, Seed: 1}
}

// Generate writes the corpus into dir (created if needed; existing files with the
// same names are overwritten) and returns what it wrote.
func Generate(dir string, opt Options) (Stats, error) {
	if opt.Roots < 1 || opt.FilesPerRoot < 1 || opt.ResourcesPerFile < 1 {
		return Stats{}, fmt.Errorf("corpus: roots, files per root and resources per file must be at least 1 (got %d, %d, %d)",
			opt.Roots, opt.FilesPerRoot, opt.ResourcesPerFile)
	}
	var total Stats
	for r := 0; r < opt.Roots; r++ {
		st, err := writeRoot(filepath.Join(dir, fmt.Sprintf("stack-%04d", r)), r, opt)
		if err != nil {
			return total, err
		}
		total.Roots++
		total.Files += st.Files
		total.TFFiles += st.TFFiles
		total.Blocks += st.Blocks
		total.Resources += st.Resources
		total.Bytes += st.Bytes
	}
	return total, nil
}

// services is the default of var.services; for_each over it makes len(services) instances.
var services = []string{"api", "worker", "web"}

const volumeCount = 2 // default of var.volume_count

type writer struct {
	dir string
	st  Stats
}

func (w *writer) file(rel, content string) error {
	p := filepath.Join(w.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		return err
	}
	w.st.Files++
	if strings.HasSuffix(rel, ".tf") {
		w.st.TFFiles++
	}
	w.st.Bytes += int64(len(content))
	return nil
}

func writeRoot(dir string, idx int, opt Options) (Stats, error) {
	rng := rand.New(rand.NewPCG(opt.Seed, uint64(idx)))
	w := &writer{dir: dir}
	project := fmt.Sprintf("svc%04d", idx)
	env := []string{"prod", "staging", "dev"}[rng.IntN(3)]

	files := map[string]string{
		"versions.tf":      versionsTF(rng),
		"variables.tf":     variablesTF(),
		"locals.tf":        localsTF(),
		"terraform.tfvars": tfvars(project, env, rng),
	}
	rootFiles := opt.FilesPerRoot
	if opt.FilesPerRoot >= 2 {
		// One resource file lives in a local child module, called with every input
		// so that values flow from the root's tfvars into the module.
		rootFiles--
		g := &gen{rng: rng, file: 0, subnets: "var.subnet_ids"}
		files["modules/data/variables.tf"] = variablesTF()
		files["modules/data/locals.tf"] = localsTF()
		files["modules/data/main.tf"] = g.fill(opt.ResourcesPerFile)
		files["modules/data/outputs.tf"] = fmt.Sprintf("output \"bucket_id\" {\n  value = %s\n}\n", g.firstBucketRef())
		files["outputs.tf"] = "module \"data\" {\n  source = \"./modules/data\"\n\n" +
			"  project          = var.project\n  env              = var.env\n" +
			"  backup_retention = var.backup_retention\n  log_retention    = local.log_retention\n" +
			"  instance_type    = var.instance_type\n  db_class         = var.db_class\n" +
			"  subnet_ids       = var.subnet_ids\n  vpc_id           = var.vpc_id\n" +
			"  services         = var.services\n  volume_count     = var.volume_count\n" +
			"  ami_id           = var.ami_id\n}\n\n" +
			"output \"module_bucket\" {\n  value = module.data.bucket_id\n}\n"
		w.st.Resources += g.instances
		w.st.Blocks += g.blocks
	}
	for f := 0; f < rootFiles; f++ {
		g := &gen{rng: rng, file: f + 1, subnets: "var.subnet_ids"}
		files[fmt.Sprintf("res_%03d.tf", f+1)] = g.fill(opt.ResourcesPerFile)
		w.st.Resources += g.instances
		w.st.Blocks += g.blocks
	}
	for _, name := range sortedKeys(files) {
		if err := w.file(name, files[name]); err != nil {
			return w.st, err
		}
	}
	return w.st, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func versionsTF(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString("terraform {\n")
	if rng.IntN(3) > 0 {
		b.WriteString("  required_version = \">= 1.6.0\"\n\n")
	}
	b.WriteString("  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n")
	if rng.IntN(4) > 0 {
		b.WriteString("      version = \"~> 5.100\"\n")
	}
	b.WriteString("    }\n  }\n")
	if rng.IntN(2) == 0 {
		b.WriteString("\n  backend \"s3\" {\n    bucket       = \"corp-tf-state\"\n    key          = \"stacks/terraform.tfstate\"\n" +
			"    region       = \"us-east-1\"\n    encrypt      = true\n    use_lockfile = true\n  }\n")
	}
	b.WriteString("}\n\nprovider \"aws\" {\n  region = \"us-east-1\"\n\n  default_tags {\n    tags = local.tags\n  }\n}\n")
	return b.String()
}

func variablesTF() string {
	return `variable "project" {
  type = string
}

variable "env" {
  type    = string
  default = "dev"
}

variable "backup_retention" {
  type    = number
  default = 7
}

variable "log_retention" {
  type    = number
  default = 30
}

variable "instance_type" {
  type    = string
  default = "m6i.large"
}

variable "db_class" {
  type    = string
  default = "db.m6g.large"
}

variable "subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1", "subnet-0b2", "subnet-0c3"]
}

variable "vpc_id" {
  type    = string
  default = "vpc-0123456789"
}

variable "services" {
  type    = list(string)
  default = ["api", "worker", "web"]
}

variable "volume_count" {
  type    = number
  default = 2
}

variable "ami_id" {
  type    = string
  default = "ami-0123456789abcdef0"
}
`
}

func localsTF() string {
	return `locals {
  name          = "${var.project}-${var.env}"
  is_prod       = var.env == "prod"
  log_retention = local.is_prod ? 365 : var.log_retention
  log_groups    = { for s in var.services : s => "/${var.project}/${var.env}/${s}" }
  tags = {
    Project     = var.project
    Environment = var.env
    ManagedBy   = "terraform"
  }
}
`
}

func tfvars(project, env string, rng *rand.Rand) string {
	s := fmt.Sprintf("project = %q\nenv     = %q\n", project, env)
	if rng.IntN(2) == 0 {
		s += fmt.Sprintf("backup_retention = %d\n", []int{0, 1, 7, 14, 35}[rng.IntN(5)])
	}
	return s
}

// gen writes one resource file.
type gen struct {
	rng       *rand.Rand
	file      int
	unit      int
	subnets   string
	b         strings.Builder
	instances int
	blocks    int
	buckets   []string
}

func (g *gen) firstBucketRef() string {
	if len(g.buckets) == 0 {
		return "null"
	}
	return "aws_s3_bucket." + g.buckets[0] + ".id"
}

// unit kinds with the number of instances each produces.
type unitKind struct {
	size  int
	write func(g *gen, name string)
}

var units = []unitKind{
	{2, (*gen).database},   // aws_db_instance + alarm
	{3, (*gen).bucket},     // aws_s3_bucket + versioning + encryption
	{1, (*gen).bareBucket}, // aws_s3_bucket alone
	{1, (*gen).securityGroup},
	{4, (*gen).app},                   // launch template, ASG, scaling policy, LB
	{len(services), (*gen).logGroups}, // for_each
	{2, (*gen).ec2Instances},          // count = 2
	{volumeCount, (*gen).volumes},     // count = var.volume_count
}

// fill writes units until exactly n instances are declared.
func (g *gen) fill(n int) string {
	fmt.Fprintf(&g.b, "# Generated by prodgrade's corpus package (file %d).\n", g.file)
	for g.instances < n {
		left := n - g.instances
		var u unitKind
		for {
			u = units[g.rng.IntN(len(units))]
			if u.size <= left {
				break
			}
			if left < 2 {
				u = unitKind{1, (*gen).singleLogGroup}
				break
			}
		}
		g.unit++
		g.b.WriteString("\n")
		u.write(g, fmt.Sprintf("f%02d_u%02d", g.file, g.unit))
		g.instances += u.size
	}
	return g.b.String()
}

func (g *gen) coin() bool { return g.rng.IntN(2) == 0 }

func (g *gen) database(name string) {
	good := g.coin()
	engine := []string{"postgres", "mysql"}[g.rng.IntN(2)]
	fmt.Fprintf(&g.b, "resource \"aws_db_instance\" %q {\n", name)
	fmt.Fprintf(&g.b, "  identifier          = \"${local.name}-%s\"\n", strings.ReplaceAll(name, "_", "-"))
	fmt.Fprintf(&g.b, "  engine              = %q\n  instance_class      = var.db_class\n  allocated_storage   = 100\n", engine)
	fmt.Fprintf(&g.b, "  username            = \"admin\"\n")
	if good {
		g.b.WriteString("  manage_master_user_password = true\n  multi_az            = local.is_prod\n" +
			"  storage_encrypted   = true\n  storage_type        = \"gp3\"\n  deletion_protection = true\n" +
			"  backup_retention_period = var.backup_retention\n  performance_insights_enabled = true\n")
	} else {
		g.b.WriteString("  password            = \"changeme-123\"\n  publicly_accessible = true\n  skip_final_snapshot = true\n")
		if g.coin() {
			g.b.WriteString("  backup_retention_period = 0\n")
		}
	}
	g.b.WriteString("\n  tags = local.tags\n}\n\n")
	fmt.Fprintf(&g.b, "resource \"aws_cloudwatch_metric_alarm\" \"%s_cpu\" {\n", name)
	fmt.Fprintf(&g.b, "  alarm_name          = \"${local.name}-%s-cpu\"\n", name)
	g.b.WriteString("  namespace           = \"AWS/RDS\"\n  metric_name         = \"CPUUtilization\"\n" +
		"  statistic           = \"Average\"\n  period              = 300\n  evaluation_periods  = 3\n" +
		"  threshold           = 80\n  comparison_operator = \"GreaterThanThreshold\"\n")
	fmt.Fprintf(&g.b, "  dimensions = {\n    DBInstanceIdentifier = aws_db_instance.%s.identifier\n  }\n}\n", name)
	g.blocks += 2
}

func (g *gen) bucket(name string) {
	g.buckets = append(g.buckets, name)
	fmt.Fprintf(&g.b, "resource \"aws_s3_bucket\" %q {\n  bucket = \"${local.name}-%s\"\n}\n\n", name, strings.ReplaceAll(name, "_", "-"))
	status := "Enabled"
	if !g.coin() {
		status = "Suspended"
	}
	fmt.Fprintf(&g.b, "resource \"aws_s3_bucket_versioning\" %q {\n  bucket = aws_s3_bucket.%s.id\n\n"+
		"  versioning_configuration {\n    status = %q\n  }\n}\n\n", name, name, status)
	algo := "aws:kms"
	if g.coin() {
		algo = "AES256"
	}
	fmt.Fprintf(&g.b, "resource \"aws_s3_bucket_server_side_encryption_configuration\" %q {\n  bucket = aws_s3_bucket.%s.id\n\n"+
		"  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = %q\n    }\n  }\n}\n", name, name, algo)
	g.blocks += 3
}

func (g *gen) bareBucket(name string) {
	g.buckets = append(g.buckets, name)
	fmt.Fprintf(&g.b, "resource \"aws_s3_bucket\" %q {\n  bucket        = \"${local.name}-%s\"\n  force_destroy = true\n}\n",
		name, strings.ReplaceAll(name, "_", "-"))
	g.blocks++
}

func (g *gen) securityGroup(name string) {
	port, cidr := 443, "0.0.0.0/0"
	switch g.rng.IntN(3) {
	case 0:
		port = 22
	case 1:
		cidr = "10.0.0.0/8"
		port = 5432
	}
	fmt.Fprintf(&g.b, "resource \"aws_security_group\" %q {\n  name   = \"${local.name}-%s\"\n  vpc_id = var.vpc_id\n\n", name, name)
	fmt.Fprintf(&g.b, "  ingress {\n    from_port   = %d\n    to_port     = %d\n    protocol    = \"tcp\"\n    cidr_blocks = [%q]\n  }\n\n", port, port, cidr)
	g.b.WriteString("  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n")
	g.blocks++
}

func (g *gen) app(name string) {
	tokens := "required"
	if g.coin() {
		tokens = "optional"
	}
	fmt.Fprintf(&g.b, "resource \"aws_launch_template\" %q {\n  name_prefix   = \"${local.name}-%s-\"\n"+
		"  image_id      = var.ami_id\n  instance_type = var.instance_type\n\n"+
		"  metadata_options {\n    http_endpoint = \"enabled\"\n    http_tokens   = %q\n  }\n}\n\n", name, name, tokens)
	hc := "EC2"
	if g.coin() {
		hc = "ELB"
	}
	fmt.Fprintf(&g.b, "resource \"aws_autoscaling_group\" %q {\n  name                = \"${local.name}-%s\"\n"+
		"  min_size            = local.is_prod ? 3 : 1\n  max_size            = 10\n  vpc_zone_identifier = %s\n"+
		"  health_check_type   = %q\n\n  launch_template {\n    id      = aws_launch_template.%s.id\n    version = \"$Latest\"\n  }\n}\n\n",
		name, name, g.subnets, hc, name)
	fmt.Fprintf(&g.b, "resource \"aws_autoscaling_policy\" %q {\n  name                   = \"${local.name}-%s-cpu\"\n"+
		"  autoscaling_group_name = aws_autoscaling_group.%s.name\n  policy_type            = \"TargetTrackingScaling\"\n\n"+
		"  target_tracking_configuration {\n    predefined_metric_specification {\n      predefined_metric_type = \"ASGAverageCPUUtilization\"\n"+
		"    }\n    target_value = 50\n  }\n}\n\n", name, name, name)
	fmt.Fprintf(&g.b, "resource \"aws_lb\" %q {\n  name               = \"%s\"\n  load_balancer_type = \"application\"\n"+
		"  internal           = %t\n  subnets            = %s\n  drop_invalid_header_fields = %t\n}\n",
		name, strings.ReplaceAll(name, "_", "-"), g.coin(), g.subnets, g.coin())
	g.blocks += 4
}

func (g *gen) logGroups(name string) {
	fmt.Fprintf(&g.b, "resource \"aws_cloudwatch_log_group\" %q {\n  for_each = local.log_groups\n\n  name = each.value\n", name)
	if g.coin() {
		g.b.WriteString("  retention_in_days = local.log_retention\n")
	}
	g.b.WriteString("  tags = merge(local.tags, { Service = each.key })\n}\n")
	g.blocks++
}

func (g *gen) singleLogGroup(name string) {
	fmt.Fprintf(&g.b, "resource \"aws_cloudwatch_log_group\" %q {\n  name              = \"/${local.name}/%s\"\n  retention_in_days = %d\n}\n",
		name, name, []int{0, 7, 90, 365}[g.rng.IntN(4)])
	g.blocks++
}

func (g *gen) ec2Instances(name string) {
	fmt.Fprintf(&g.b, "resource \"aws_instance\" %q {\n  count = 2\n\n  ami           = var.ami_id\n  instance_type = var.instance_type\n"+
		"  subnet_id     = element(var.subnet_ids, count.index)\n  monitoring    = %t\n\n"+
		"  root_block_device {\n    encrypted   = %t\n    volume_type = \"gp3\"\n  }\n\n"+
		"  tags = merge(local.tags, { Name = \"${local.name}-%s-${count.index}\" })\n}\n", name, g.coin(), g.coin(), name)
	g.blocks++
}

func (g *gen) volumes(name string) {
	typ := "gp3"
	if g.coin() {
		typ = "gp2"
	}
	fmt.Fprintf(&g.b, "resource \"aws_ebs_volume\" %q {\n  count = var.volume_count\n\n"+
		"  availability_zone = \"us-east-1${substr(\"abc\", count.index %% 3, 1)}\"\n  size              = 100\n"+
		"  type              = %q\n  encrypted         = %t\n}\n", name, typ, g.coin())
	g.blocks++
}
