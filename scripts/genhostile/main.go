// Command genhostile writes the hostile inputs of scripts/hostile.sh: one
// directory per case, each holding the hostile file(s) and a good file
// beside them, so that a scan must show the good thing graded.
//
//	go run ./scripts/genhostile -out /tmp/prodgrade-hostile            every case
//	go run ./scripts/genhostile -out DIR -cases tf-fifo,k8s-10k-docs    some cases
//	go run ./scripts/genhostile -list                                   the case names
//
// Terraform cases put good.tf (one aws_s3_bucket named "good") in the case
// directory, beside the hostile file, or where the case says; YAML,
// Compose, Dockerfile, Kustomize and Helm cases put a good file of their
// format in the sibling directory good/. -scale multiplies the big sizes
// (file sizes and resource counts); nesting depths and the counts the
// issue names (100,000 RUN instructions, 10,000 documents) are fixed.
// A case that cannot be made here (a FIFO where mkfifo is refused) writes
// a SKIP file with the reason instead. Only the standard library is used,
// and the same flags always give the same files.
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"unicode/utf16"
)

type genCase struct {
	name string
	desc string
	gen  func(dir string) (string, error) // returns a short description of what was written
}

var scale float64 = 1

// scaled returns n × scale, at least 1.
func scaled(n int) int {
	v := int(float64(n) * scale)
	if v < 1 {
		v = 1
	}
	return v
}

const mb = 1 << 20

const goodTF = `resource "aws_s3_bucket" "good" {
  bucket = "good-bucket"
}
`

func main() {
	out := flag.String("out", "", "directory to write the cases into, one subdirectory per case (required unless -list)")
	flag.Float64Var(&scale, "scale", 1, "multiply the big sizes (file sizes, resource counts) by this")
	only := flag.String("cases", "", "comma- or space-separated case names to write (default: all)")
	list := flag.Bool("list", false, "print the case names and descriptions, and exit")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: genhostile -out DIR [-scale F] [-cases a,b] | genhostile -list\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 || scale <= 0 {
		flag.Usage()
		os.Exit(2)
	}
	all := cases()
	if *list {
		for _, c := range all {
			fmt.Printf("%-26s %s\n", c.name, c.desc)
		}
		return
	}
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	want := map[string]bool{}
	for _, n := range strings.FieldsFunc(*only, func(r rune) bool { return r == ',' || r == ' ' }) {
		want[n] = true
	}
	known := map[string]bool{}
	for _, c := range all {
		known[c.name] = true
	}
	var unknown []string
	for n := range want {
		if !known[n] {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		fmt.Fprintf(os.Stderr, "genhostile: unknown case(s) %s (try -list)\n", strings.Join(unknown, ", "))
		os.Exit(2)
	}
	failed := false
	for _, c := range all {
		if len(want) > 0 && !want[c.name] {
			continue
		}
		dir := filepath.Join(*out, c.name)
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "genhostile:", err)
			os.Exit(1)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "genhostile:", err)
			os.Exit(1)
		}
		what, err := c.gen(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "genhostile: %s: %v\n", c.name, err)
			failed = true
			continue
		}
		fmt.Printf("%-26s %s\n", c.name, what)
	}
	if failed {
		os.Exit(1)
	}
}

// write writes files (relative path -> content) under dir.
func write(dir string, files map[string]string) error {
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// stream writes a file through fill, buffered, and returns its size.
func stream(path string, fill func(w *bufio.Writer) error) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fill(w); err != nil {
		f.Close()
		return 0, err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, err
	}
	return st.Size(), f.Close()
}

func size(n int64) string {
	if n >= mb {
		return fmt.Sprintf("%.1f MiB", float64(n)/mb)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

// withGoodTF writes good.tf into dir and the other files.
func withGoodTF(dir string, files map[string]string) error {
	files["good.tf"] = goodTF
	return write(dir, files)
}

// Good files of the other formats, each in dir/good/.
func goodK8s(dir string) error {
	return write(dir, map[string]string{"good/deployment.yaml": k8sDeployment("good")})
}

func k8sDeployment(name string) string {
	return fmt.Sprintf(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[1]s
  labels: {app: %[1]s}
spec:
  replicas: 2
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      containers:
        - name: web
          image: nginx:1.27.0
          ports:
            - containerPort: 80
`, name)
}

func goodCompose(dir string) error {
	return write(dir, map[string]string{"good/compose.yaml": "services:\n  good:\n    image: nginx:1.27.0\n    ports: [\"8080:80\"]\n"})
}

func goodDockerfile(dir string) error {
	return write(dir, map[string]string{"good/Dockerfile": "FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"sleep\", \"infinity\"]\n"})
}

func goodKustomize(dir string) error {
	return write(dir, map[string]string{
		"good/kustomization.yaml": "resources: [deployment.yaml]\n",
		"good/deployment.yaml":    k8sDeployment("good"),
	})
}

func goodHelm(dir string) error {
	return write(dir, map[string]string{
		"good/Chart.yaml":                "apiVersion: v2\nname: good\nversion: 0.1.0\n",
		"good/values.yaml":               "replicas: 2\n",
		"good/templates/deployment.yaml": strings.Replace(k8sDeployment("good"), "replicas: 2", "replicas: {{ .Values.replicas }}", 1),
	})
}

func cases() []genCase {
	return []genCase{
		// Terraform: nesting.
		{"tf-nest-parens", "HCL: parentheses nested 100,000 levels", nestTF("(", "1", ")", 100_000)},
		{"tf-nest-unary", "HCL: 100,000 unary operators (!!!…true)", nestTF("!", "true", "", 100_000)},
		{"tf-nest-lists", "HCL: lists nested 100,000 levels", nestTF("[", "1", "]", 100_000)},
		{"tf-nest-objects", "HCL: objects nested 100,000 levels", nestTF("{a=", "1", "}", 100_000)},
		{"tf-nest-blocks", "HCL: 100,000 nested blocks in a resource", tfNestBlocks},
		// Terraform: size.
		{"tf-big-file", "one 10 MB .tf of ordinary resources (x scale; the issue's is 50 MB)", tfBigFile(0)},
		{"tf-big-file-split", "the same resources as tf-big-file, 100 to a file", tfBigFile(100)},
		{"tf-big-json", "one 20 MB .tf.json of ordinary resources (x scale)", tfBigJSON},
		{"tf-big-string", "a 50 MB string literal in a .tf (x scale)", tfBigString},
		{"tf-plan-30mb", "a 30 MB plan JSON (x scale), scanned as a PATH, good.tf beside", tfPlan},
		{"tf-resources-10k", "one directory of 10,000 aws_db_instance resources (x scale), 100 per file", tfResources(10_000)},
		{"tf-resources-40k", "one directory of 40,000 aws_db_instance resources (x scale), 100 per file", tfResources(40_000)},
		// Terraform: files that are not files.
		{"tf-fifo", "a FIFO named pipe.tf beside good.tf", tfFIFO},
		{"tf-zero-symlink", "zero.tf -> /dev/zero beside good.tf", tfSymlink("zero.tf")},
		{"tf-tfvars-zero", "terraform.tfvars -> /dev/zero", tfSymlink("terraform.tfvars")},
		{"tf-binary-main", "a 13 MB binary file named main.tf (x scale)", tfBinary},
		{"tf-plan-utf16-odd", "a UTF-16 plan of odd length, scanned as a PATH", tfPlanUTF16Odd},
		// Terraform: modules.
		{"tf-module-self", "a module calling itself (source = \"./\"), good.tf in it", tfModuleSelf},
		{"tf-module-mutual", "two modules calling each other, good.tf in the first", tfModuleMutual},
		{"tf-module-fanout", "20 directories each calling the next three times (3^19 instances)", tfModuleFanout},
		// Terraform: expansion through functions.
		{"tf-string-doubling", "a string doubled through 40 locals", tfLocals(`"xxxxxxxxxxxxxxxx"`, `"${local.v%d}${local.v%d}"`, 40, "tags = { v = local.v40 }")},
		{"tf-concat-doubling", "a list doubled with concat through 40 locals", tfLocals(`["x", "x"]`, `concat(local.v%d, local.v%d)`, 40, "tags = { n = length(local.v40) }")},
		{"tf-setproduct", "setproduct of three 1,024-element lists", tfExpr(`setproduct(range(1024), range(1024), range(1024))`, "length(local.v)")},
		{"tf-indent", "indent(2000000000, \"x\\ny\")", tfExpr(`indent(2000000000, "x\ny")`, "local.v")},
		{"tf-toset-join", "toset and join over a tuple of 100,000 strings", tfTosetJoin},
		{"tf-yamldecode-laughs", "yamldecode of a billion-laughs document", tfYAMLLaughs},
		{"tf-yamldecode-nested", "yamldecode of 100,000 nested [ (built with format/replace: no [ in the .tf)", tfExpr(
			`yamldecode("${replace(format("%0100000d", 0), "0", "[")}${replace(format("%0100000d", 0), "0", "]")}")`, "length(local.v)")},
		{"tf-tfvars-deep", "terraform.tfvars with a list nested 100,000 levels", tfTfvarsDeep},
		// YAML / Kubernetes.
		{"k8s-billion-laughs", "a ConfigMap with a billion-laughs alias bomb", k8sLaughs},
		{"k8s-10k-docs", "one file of 10,000 YAML documents", k8sManyDocs},
		{"k8s-nested-1m", "a ConfigMap with 1,000,000 nested [", k8sNested},
		{"k8s-scalar-50mb", "a ConfigMap with a 50 MB scalar (x scale)", k8sScalar},
		// Compose.
		{"compose-interp-loop", "interpolation referencing itself and a .env loop", composeInterp},
		{"compose-extends-cycle", "services extending each other (a cycle)", composeExtends},
		{"compose-nested-1m", "compose.yaml with 1,000,000 nested [", composeNested},
		// Dockerfile.
		{"dockerfile-100k-run", "a Dockerfile of 100,000 RUN instructions", dockerfileRuns},
		// Shell.
		{"shell-nested-1m", "a script nesting $( 1,000,000 levels deep", shellNested},
		{"shell-200k-lines", "a script of 200,000 commands (x scale)", shellLines},
		// Packer and Ansible.
		{"packer-nested-1m", "a Packer template nesting [ 1,000,000 levels deep", packerNested},
		{"ansible-laughs", "a playbook whose vars are a billion-laughs alias bomb", ansibleLaughs},
		{"ansible-include-loop", "task files including each other, and themselves, in a loop", ansibleIncludeLoop},
		// Kustomize.
		{"kustomize-cycle", "two kustomizations listing each other as resources", kustomizeCycle},
		// Helm.
		{"helm-include-recursion", "a template that includes itself", helmRecursion},
		{"helm-range-loop", "a template looping 10^10 times (range until 100000, nested)", helmLoop},
	}
}

// nestTF: one local nested n levels: open^n inner close^n.
func nestTF(open, inner, close string, n int) func(string) (string, error) {
	return func(dir string) (string, error) {
		sz, err := stream(filepath.Join(dir, "main.tf"), func(w *bufio.Writer) error {
			w.WriteString("locals {\n  deep = ")
			for range n {
				w.WriteString(open)
			}
			w.WriteString(inner)
			for range n {
				w.WriteString(close)
			}
			_, err := w.WriteString("\n}\n")
			return err
		})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("main.tf %s, %d levels", size(sz), n), withGoodTF(dir, map[string]string{})
	}
}

func tfNestBlocks(dir string) (string, error) {
	const n = 100_000
	sz, err := stream(filepath.Join(dir, "main.tf"), func(w *bufio.Writer) error {
		w.WriteString("resource \"aws_s3_bucket\" \"deep\" {\n")
		for range n {
			w.WriteString("a {\n")
		}
		for range n {
			w.WriteString("}\n")
		}
		_, err := w.WriteString("}\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("main.tf %s, %d nested blocks", size(sz), n), withGoodTF(dir, map[string]string{})
}

// ordinaryResource writes the i-th of a rotation of ordinary resources.
func ordinaryResource(w *bufio.Writer, i int) {
	switch i % 4 {
	case 0:
		fmt.Fprintf(w, `resource "aws_instance" "web_%[1]d" {
  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = ["sg-0123456789abcdef0"]
  monitoring             = true

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = {
    Name        = "web-%[1]d"
    Environment = "prod"
    Team        = "platform"
  }
}

`, i)
	case 1:
		fmt.Fprintf(w, `resource "aws_sqs_queue" "jobs_%[1]d" {
  name                       = "jobs-%[1]d"
  visibility_timeout_seconds = 60
  message_retention_seconds  = 1209600
  sqs_managed_sse_enabled    = true

  tags = {
    Environment = "prod"
    Team        = "platform"
  }
}

`, i)
	case 2:
		fmt.Fprintf(w, `resource "aws_s3_bucket" "data_%[1]d" {
  bucket = "data-%[1]d-example"

  tags = {
    Environment = "prod"
    Team        = "data"
  }
}

`, i)
	default:
		fmt.Fprintf(w, `resource "aws_security_group" "app_%[1]d" {
  name        = "app-%[1]d"
  description = "application %[1]d"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

`, i)
	}
}

// tfBigFile writes 10 MB (x scale) of ordinary resources: in one main.tf
// when perFile is 0, else the very same resources perFile to a file.
func tfBigFile(perFile int) func(string) (string, error) {
	return func(dir string) (string, error) {
		target := int64(scaled(10 * mb))
		n, files := 0, 0
		var total int64
		for total < target {
			name := "main.tf"
			if perFile > 0 {
				name = fmt.Sprintf("r_%05d.tf", files)
			}
			_, err := stream(filepath.Join(dir, name), func(w *bufio.Writer) error {
				for k := 0; total < target && (perFile == 0 || k < perFile); k++ {
					before := w.Buffered()
					ordinaryResource(w, n)
					n++
					total += int64(w.Buffered() - before)
					if w.Buffered() > 512<<10 {
						if err := w.Flush(); err != nil {
							return err
						}
					}
				}
				return nil
			})
			if err != nil {
				return "", err
			}
			files++
		}
		return fmt.Sprintf("%d resources in %d file(s), %s", n, files, size(total)), withGoodTF(dir, map[string]string{})
	}
}

func tfBigJSON(dir string) (string, error) {
	target := int64(scaled(20 * mb))
	n := 0
	sz, err := stream(filepath.Join(dir, "main.tf.json"), func(w *bufio.Writer) error {
		// As CDK for Terraform writes it: pretty-printed, resources by type then name.
		w.WriteString("{\n  \"resource\": {\n    \"aws_instance\": {\n")
		written := int64(0)
		for written < target {
			before := w.Buffered()
			if n > 0 {
				w.WriteString(",\n")
			}
			fmt.Fprintf(w, `      "web_%[1]d": {
        "ami": "ami-0c55b159cbfafe1f0",
        "instance_type": "t3.micro",
        "subnet_id": "subnet-0123456789abcdef0",
        "vpc_security_group_ids": ["sg-0123456789abcdef0"],
        "monitoring": true,
        "root_block_device": {
          "volume_size": 20,
          "encrypted": true
        },
        "tags": {
          "Name": "web-%[1]d",
          "Environment": "prod",
          "Team": "platform"
        }
      }`, n)
			n++
			written += int64(w.Buffered() - before)
			if w.Buffered() > 512<<10 {
				if err := w.Flush(); err != nil {
					return err
				}
			}
		}
		_, err := w.WriteString("\n    }\n  }\n}\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("main.tf.json %s, %d resources", size(sz), n), withGoodTF(dir, map[string]string{})
}

func tfBigString(dir string) (string, error) {
	n := scaled(50 * mb)
	sz, err := stream(filepath.Join(dir, "main.tf"), func(w *bufio.Writer) error {
		w.WriteString("resource \"aws_s3_bucket\" \"big\" {\n  bucket = \"big-bucket\"\n  tags = {\n    blob = \"")
		chunk := strings.Repeat("abcdefghijklmnopqrstuvwxyz012345", 1024)
		for left := n; left > 0; left -= len(chunk) {
			if left < len(chunk) {
				chunk = chunk[:left]
			}
			if _, err := w.WriteString(chunk); err != nil {
				return err
			}
		}
		_, err := w.WriteString("\"\n  }\n}\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("main.tf %s, one %d-byte string", size(sz), n), withGoodTF(dir, map[string]string{})
}

// dbValues is the values object of one aws_db_instance in a plan, as
// Terraform's AWS provider plans it.
func dbValues(i int) string {
	return fmt.Sprintf(`{"allocated_storage":20,"allow_major_version_upgrade":null,"apply_immediately":false,"auto_minor_version_upgrade":true,"backup_retention_period":7,"backup_window":"03:00-04:00","blue_green_update":[],"copy_tags_to_snapshot":true,"custom_iam_instance_profile":null,"customer_owned_ip_enabled":null,"db_name":"app","delete_automated_backups":true,"deletion_protection":true,"domain":null,"domain_iam_role_name":null,"enabled_cloudwatch_logs_exports":["postgresql","upgrade"],"engine":"postgres","engine_version":"16.3","final_snapshot_identifier":"db-%[1]d-final","iam_database_authentication_enabled":true,"identifier":"db-%[1]d","instance_class":"db.t3.micro","iops":null,"maintenance_window":"sun:05:00-sun:06:00","manage_master_user_password":true,"master_user_secret_kms_key_id":null,"max_allocated_storage":100,"monitoring_interval":60,"multi_az":true,"password":null,"performance_insights_enabled":true,"publicly_accessible":false,"restore_to_point_in_time":[],"s3_import":[],"skip_final_snapshot":false,"storage_encrypted":true,"storage_type":"gp3","tags":{"Environment":"prod","Team":"data"},"tags_all":{"Environment":"prod","Team":"data"},"timeouts":null,"username":"app"}`, i)
}

const dbSensitive = `{"blue_green_update":[],"enabled_cloudwatch_logs_exports":[false,false],"master_user_secret":[],"password":true,"restore_to_point_in_time":[],"s3_import":[],"tags":{},"tags_all":{}}`

const dbUnknown = `{"address":true,"arn":true,"availability_zone":true,"ca_cert_identifier":true,"character_set_name":true,"db_subnet_group_name":true,"endpoint":true,"hosted_zone_id":true,"id":true,"kms_key_id":true,"latest_restorable_time":true,"listener_endpoint":true,"master_user_secret":true,"monitoring_role_arn":true,"option_group_name":true,"parameter_group_name":true,"port":true,"replicas":true,"resource_id":true,"status":true,"vpc_security_group_ids":true}`

func tfPlan(dir string) (string, error) {
	target := int64(scaled(30 * mb))
	// One planned_values entry and one resource_changes entry per instance;
	// count them first from one instance's size.
	per := int64(2*len(dbValues(0)) + len(dbSensitive) + len(dbUnknown) + 600)
	n := int(target / per)
	if n < 1 {
		n = 1
	}
	sz, err := stream(filepath.Join(dir, "plan", "plan.json"), func(w *bufio.Writer) error {
		w.WriteString(`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"resources":[`)
		for i := range n {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, `{"address":"aws_db_instance.db[%[1]d]","mode":"managed","type":"aws_db_instance","name":"db","index":%[1]d,"provider_name":"registry.terraform.io/hashicorp/aws","schema_version":2,"values":%[2]s,"sensitive_values":%[3]s}`,
				i, dbValues(i), dbSensitive)
		}
		w.WriteString(`]}},"resource_changes":[`)
		for i := range n {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(w, `{"address":"aws_db_instance.db[%[1]d]","mode":"managed","type":"aws_db_instance","name":"db","index":%[1]d,"provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":%[2]s,"after_unknown":%[3]s,"before_sensitive":false,"after_sensitive":%[4]s}}`,
				i, dbValues(i), dbUnknown, dbSensitive)
			if w.Buffered() > 512<<10 {
				if err := w.Flush(); err != nil {
					return err
				}
			}
		}
		fmt.Fprintf(w, `],"configuration":{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws","expressions":{"region":{"constant_value":"eu-west-1"}}}},"root_module":{"resources":[{"address":"aws_db_instance.db","mode":"managed","type":"aws_db_instance","name":"db","provider_config_key":"aws","expressions":{"engine":{"constant_value":"postgres"},"instance_class":{"constant_value":"db.t3.micro"}},"schema_version":2,"count_expression":{"constant_value":%d}}]}},"timestamp":"2026-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}`, n)
		return w.WriteByte('\n')
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("plan/plan.json %s, %d aws_db_instance (planned_values + resource_changes)", size(sz), n), withGoodTF(dir, map[string]string{})
}

func tfResources(count int) func(string) (string, error) {
	return func(dir string) (string, error) {
		n := scaled(count)
		const perFile = 100
		var total int64
		for f := 0; f*perFile < n; f++ {
			sz, err := stream(filepath.Join(dir, fmt.Sprintf("db_%04d.tf", f)), func(w *bufio.Writer) error {
				for i := f * perFile; i < n && i < (f+1)*perFile; i++ {
					fmt.Fprintf(w, `resource "aws_db_instance" "db_%[1]d" {
  identifier                  = "db-%[1]d"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  multi_az                    = true
  storage_encrypted           = true
  backup_retention_period     = 7
  skip_final_snapshot         = false
  final_snapshot_identifier   = "db-%[1]d-final"

  tags = {
    Environment = "prod"
    Team        = "data"
  }
}

`, i)
				}
				return nil
			})
			if err != nil {
				return "", err
			}
			total += sz
		}
		return fmt.Sprintf("%d resources in %d files, %s", n, (n+perFile-1)/perFile, size(total)), withGoodTF(dir, map[string]string{})
	}
}

func tfFIFO(dir string) (string, error) {
	if err := withGoodTF(dir, map[string]string{}); err != nil {
		return "", err
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.tf"), 0o644); err != nil {
		return "skipped", os.WriteFile(filepath.Join(dir, "SKIP"), []byte("mkfifo: "+err.Error()+"\n"), 0o644)
	}
	return "pipe.tf (FIFO), good.tf", nil
}

func tfSymlink(name string) func(string) (string, error) {
	return func(dir string) (string, error) {
		files := map[string]string{}
		if strings.HasSuffix(name, ".tfvars") {
			files["variables.tf"] = "variable \"region\" {\n  type    = string\n  default = \"eu-west-1\"\n}\n"
		}
		if err := withGoodTF(dir, files); err != nil {
			return "", err
		}
		if err := os.Symlink("/dev/zero", filepath.Join(dir, name)); err != nil {
			return "skipped", os.WriteFile(filepath.Join(dir, "SKIP"), []byte("symlink: "+err.Error()+"\n"), 0o644)
		}
		return name + " -> /dev/zero, good.tf", nil
	}
}

func tfBinary(dir string) (string, error) {
	n := scaled(13 * mb)
	r := rand.New(rand.NewPCG(13, 13))
	sz, err := stream(filepath.Join(dir, "main.tf"), func(w *bufio.Writer) error {
		var b [8]byte
		for i := 0; i < n; i += 8 {
			binary.LittleEndian.PutUint64(b[:], r.Uint64())
			k := min(8, n-i)
			if _, err := w.Write(b[:k]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("main.tf %s of random bytes, good.tf", size(sz)), withGoodTF(dir, map[string]string{})
}

func tfPlanUTF16Odd(dir string) (string, error) {
	plan := `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.utf16","mode":"managed","type":"aws_s3_bucket","name":"utf16","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":{"bucket":"utf16-bucket","force_destroy":false,"tags":null},"sensitive_values":{}}]}},"resource_changes":[{"address":"aws_s3_bucket.utf16","mode":"managed","type":"aws_s3_bucket","name":"utf16","provider_name":"registry.terraform.io/hashicorp/aws","change":{"actions":["create"],"before":null,"after":{"bucket":"utf16-bucket","force_destroy":false,"tags":null},"after_unknown":{"id":true,"arn":true},"before_sensitive":false,"after_sensitive":{}}}],"errored":false}` + "\n"
	u := utf16.Encode([]rune(plan))
	b := []byte{0xff, 0xfe} // UTF-16LE byte order mark, as PowerShell writes it
	for _, c := range u {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	b = append(b, 'x') // odd length: half a code unit at the end
	if err := write(dir, map[string]string{"plan/plan.json": string(b)}); err != nil {
		return "", err
	}
	return fmt.Sprintf("plan/plan.json %d bytes (UTF-16LE with BOM, one trailing byte)", len(b)), withGoodTF(dir, map[string]string{})
}

func tfModuleSelf(dir string) (string, error) {
	return "main.tf calls \"./\", good.tf beside", withGoodTF(dir, map[string]string{
		"main.tf": "module \"self\" {\n  source = \"./\"\n}\n",
	})
}

func tfModuleMutual(dir string) (string, error) {
	return "a/main.tf calls ../b, b/main.tf calls ../a, good.tf in a/", write(dir, map[string]string{
		"a/main.tf": "module \"b\" {\n  source = \"../b\"\n}\n",
		"a/good.tf": goodTF,
		"b/main.tf": "module \"a\" {\n  source = \"../a\"\n}\n\nresource \"aws_sqs_queue\" \"b\" {\n  name = \"b\"\n}\n",
	})
}

func tfModuleFanout(dir string) (string, error) {
	const levels = 20
	files := map[string]string{"d00/good.tf": goodTF}
	var total int
	for i := range levels {
		var b strings.Builder
		if i+1 < levels {
			for k := range 3 {
				fmt.Fprintf(&b, "module \"next_%d\" {\n  source = \"../d%02d\"\n  name   = \"${var.name}-%d\"\n}\n\n", k, i+1, k)
			}
		}
		fmt.Fprintf(&b, "variable \"name\" {\n  type    = string\n  default = \"root\"\n}\n\n")
		fmt.Fprintf(&b, "resource \"aws_sqs_queue\" \"q\" {\n  name                    = \"q-${var.name}\"\n  sqs_managed_sse_enabled = true\n}\n")
		files[fmt.Sprintf("d%02d/main.tf", i)] = b.String()
		total += b.Len()
	}
	return fmt.Sprintf("d00..d%02d, %d bytes of .tf, good.tf in d00 (the root)", levels-1, total), write(dir, files)
}

// tfLocals: v0 = first, v(i) = step(v(i-1)) for i in 1..n, a resource using last.
func tfLocals(first, step string, n int, use string) func(string) (string, error) {
	return func(dir string) (string, error) {
		var b strings.Builder
		fmt.Fprintf(&b, "locals {\n  v0 = %s\n", first)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "  v%d = %s\n", i, strings.ReplaceAll(step, "%d", fmt.Sprint(i-1)))
		}
		fmt.Fprintf(&b, "}\n\nresource \"aws_s3_bucket\" \"bomb\" {\n  bucket = \"bomb-bucket\"\n  %s\n}\n", use)
		return fmt.Sprintf("main.tf, %d locals", n+1), withGoodTF(dir, map[string]string{"main.tf": b.String()})
	}
}

// tfExpr: local v = expr, a resource tag = use.
func tfExpr(expr, use string) func(string) (string, error) {
	return func(dir string) (string, error) {
		src := fmt.Sprintf("locals {\n  v = %s\n}\n\nresource \"aws_s3_bucket\" \"bomb\" {\n  bucket = \"bomb-bucket\"\n  tags = {\n    v = %s\n  }\n}\n", expr, use)
		return "main.tf: " + expr, withGoodTF(dir, map[string]string{"main.tf": src})
	}
}

// hundredK is a list of 100,000 strings built without range(), which
// refuses more than 1,024 elements: format pads a number to 100,000 digits.
const hundredK = `split(",", replace(format("%099999d", 0), "0", "item,"))`

func tfTosetJoin(dir string) (string, error) {
	src := `locals {
  # a tuple of 100,000 strings (a for expression over a list makes a tuple)
  items  = [for i, s in ` + hundredK + ` : "${s}-${i}"]
  set    = toset(local.items)
  joined = join(",", local.items)
}

resource "aws_s3_bucket" "bomb" {
  bucket = "bomb-bucket"
  tags = {
    n = length(local.set)
    j = length(local.joined)
  }
}
`
	return "main.tf: toset/join over a 100,000-element tuple", withGoodTF(dir, map[string]string{"main.tf": src})
}

// laughs is the classic billion-laughs document: 9 levels of 10 aliases.
func laughs(indent string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%sl0: &l0 \"lol\"\n", indent)
	for i := 1; i <= 9; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", ")
		fmt.Fprintf(&b, "%sl%d: &l%d [%s]\n", indent, i, i, refs)
	}
	return b.String()
}

func tfYAMLLaughs(dir string) (string, error) {
	src := "locals {\n  v = yamldecode(<<-EOT\n" + laughs("    ") + "    EOT\n  )\n}\n\nresource \"aws_s3_bucket\" \"bomb\" {\n  bucket = \"bomb-bucket\"\n  tags = {\n    v = length(local.v)\n  }\n}\n"
	return "main.tf: yamldecode of 9 levels x 10 aliases", withGoodTF(dir, map[string]string{"main.tf": src})
}

func tfTfvarsDeep(dir string) (string, error) {
	const n = 100_000
	src := "deep = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
	return fmt.Sprintf("terraform.tfvars %d levels, variables.tf, good.tf", n), withGoodTF(dir, map[string]string{
		"terraform.tfvars": src,
		"variables.tf":     "variable \"deep\" {\n  type    = any\n  default = null\n}\n",
	})
}

func k8sLaughs(dir string) (string, error) {
	src := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n  namespace: bomb\ndata:\n" + laughs("  ")
	if err := write(dir, map[string]string{"bomb/bomb.yaml": src}); err != nil {
		return "", err
	}
	return "bomb/bomb.yaml (9 levels x 10 aliases), good/deployment.yaml", goodK8s(dir)
}

func k8sManyDocs(dir string) (string, error) {
	const n = 10_000
	sz, err := stream(filepath.Join(dir, "many", "many.yaml"), func(w *bufio.Writer) error {
		for i := range n {
			fmt.Fprintf(w, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%d\n  namespace: many\ndata:\n  key: value-%d\n", i, i)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("many/many.yaml %s, %d documents, good/deployment.yaml", size(sz), n), goodK8s(dir)
}

// nestedYAML writes prefix, n [, n ], suffix.
func nestedYAML(path, prefix, suffix string, n int) (int64, error) {
	return stream(path, func(w *bufio.Writer) error {
		w.WriteString(prefix)
		for range n {
			w.WriteByte('[')
		}
		for range n {
			w.WriteByte(']')
		}
		_, err := w.WriteString(suffix)
		return err
	})
}

func k8sNested(dir string) (string, error) {
	const n = 1_000_000
	sz, err := nestedYAML(filepath.Join(dir, "deep", "deep.yaml"),
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  namespace: deep\ndata:\n  k: ", "\n", n)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("deep/deep.yaml %s, %d levels, good/deployment.yaml", size(sz), n), goodK8s(dir)
}

func k8sScalar(dir string) (string, error) {
	n := scaled(50 * mb)
	sz, err := stream(filepath.Join(dir, "huge", "huge.yaml"), func(w *bufio.Writer) error {
		w.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\n  namespace: huge\ndata:\n  k: \"")
		chunk := strings.Repeat("abcdefghijklmnopqrstuvwxyz012345", 1024)
		for left := n; left > 0; left -= len(chunk) {
			if left < len(chunk) {
				chunk = chunk[:left]
			}
			if _, err := w.WriteString(chunk); err != nil {
				return err
			}
		}
		_, err := w.WriteString("\"\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("huge/huge.yaml %s, good/deployment.yaml", size(sz)), goodK8s(dir)
}

func composeInterp(dir string) (string, error) {
	err := write(dir, map[string]string{
		"app/.env": "A=${B}\nB=${A}\nSELF=${SELF}\nTAG=${TAG:-${TAG:-${TAG}}}\n",
		"app/compose.yaml": `services:
  app:
    image: "nginx:${TAG}"
    environment:
      A: "${A}"
      B: "${B}"
      SELF: "${SELF:-${SELF:-${SELF}}}"
`,
	})
	if err != nil {
		return "", err
	}
	return "app/.env (A=${B}, B=${A}, SELF=${SELF}), app/compose.yaml, good/compose.yaml", goodCompose(dir)
}

func composeExtends(dir string) (string, error) {
	err := write(dir, map[string]string{
		"app/compose.yaml": `services:
  a:
    image: nginx:1.27.0
    extends:
      service: b
  b:
    image: nginx:1.27.0
    extends:
      service: a
  c:
    image: nginx:1.27.0
    extends:
      file: compose.yaml
      service: c
`,
	})
	if err != nil {
		return "", err
	}
	return "app/compose.yaml (a extends b extends a; c extends itself), good/compose.yaml", goodCompose(dir)
}

func composeNested(dir string) (string, error) {
	const n = 1_000_000
	sz, err := nestedYAML(filepath.Join(dir, "app", "compose.yaml"), "services:\n  app:\n    image: nginx:1.27.0\n    command: ", "\n", n)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("app/compose.yaml %s, %d levels, good/compose.yaml", size(sz), n), goodCompose(dir)
}

func dockerfileRuns(dir string) (string, error) {
	const n = 100_000
	sz, err := stream(filepath.Join(dir, "app", "Dockerfile"), func(w *bufio.Writer) error {
		w.WriteString("FROM alpine:3.20\n")
		for i := range n {
			fmt.Fprintf(w, "RUN echo step-%d >> /steps\n", i)
		}
		_, err := w.WriteString("CMD [\"cat\", \"/steps\"]\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("app/Dockerfile %s, %d RUN, good/Dockerfile", size(sz), n), goodDockerfile(dir)
}

// goodScript has gaps (no set -e), so it is graded with findings.
func goodScript(dir string) error {
	return write(dir, map[string]string{"good/setup.sh": "#!/bin/sh\napt-get update\napt-get install -y nginx\n"})
}

func shellNested(dir string) (string, error) {
	const n = 1_000_000
	sz, err := stream(filepath.Join(dir, "app", "deep.sh"), func(w *bufio.Writer) error {
		w.WriteString("echo ")
		for range n {
			w.WriteString("$(")
		}
		w.WriteString("x")
		for range n {
			w.WriteString(")")
		}
		_, err := w.WriteString("\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("app/deep.sh %s, %d levels, good/setup.sh", size(sz), n), goodScript(dir)
}

func shellLines(dir string) (string, error) {
	n := scaled(200_000)
	sz, err := stream(filepath.Join(dir, "app", "long.sh"), func(w *bufio.Writer) error {
		w.WriteString("#!/bin/bash\nset -euo pipefail\n")
		for i := range n {
			if _, err := fmt.Fprintf(w, "curl -fsSL https://example.com/part-%d | tar -xz -C /opt/p%d\n", i, i%100); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("app/long.sh %s, %d commands, good/setup.sh", size(sz), n), goodScript(dir)
}

func goodPlaybook(dir string) error {
	return write(dir, map[string]string{"good/site.yml": "- hosts: web\n  become: true\n  tasks:\n    - name: install nginx\n      apt:\n        name: nginx\n        state: latest\n"})
}

func packerNested(dir string) (string, error) {
	const n = 1_000_000
	sz, err := stream(filepath.Join(dir, "image", "main.pkr.hcl"), func(w *bufio.Writer) error {
		w.WriteString("locals {\n  deep = ")
		for range n {
			w.WriteByte('[')
		}
		for range n {
			w.WriteByte(']')
		}
		_, err := w.WriteString("\n}\n")
		return err
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("image/main.pkr.hcl %s, %d levels, good/site.yml", size(sz), n), goodPlaybook(dir)
}

func ansibleLaughs(dir string) (string, error) {
	src := "- hosts: web\n  vars:\n" + laughs("    ") + "  tasks:\n    - name: show\n      debug:\n        msg: \"{{ l9 }}\"\n"
	if err := write(dir, map[string]string{"bomb/site.yml": src}); err != nil {
		return "", err
	}
	return "bomb/site.yml (9 levels x 10 aliases), good/site.yml", goodPlaybook(dir)
}

func ansibleIncludeLoop(dir string) (string, error) {
	files := map[string]string{
		"loop/site.yml": "- hosts: web\n  tasks:\n    - include_tasks: a.yml\n",
		"loop/a.yml":    "- include_tasks: b.yml\n- include_tasks: a.yml\n- include_tasks: b.yml\n",
		"loop/b.yml":    "- include_tasks: a.yml\n- include_tasks: b.yml\n- include_tasks: a.yml\n",
	}
	if err := write(dir, files); err != nil {
		return "", err
	}
	return "loop/site.yml including a.yml and b.yml, which include each other and themselves, good/site.yml", goodPlaybook(dir)
}

func kustomizeCycle(dir string) (string, error) {
	err := write(dir, map[string]string{
		"a/kustomization.yaml": "resources:\n  - ../b\n  - deployment.yaml\n",
		"a/deployment.yaml":    k8sDeployment("a"),
		"b/kustomization.yaml": "resources:\n  - ../a\n",
	})
	if err != nil {
		return "", err
	}
	return "a/kustomization.yaml -> ../b -> ../a, good/ kustomization", goodKustomize(dir)
}

func helmRecursion(dir string) (string, error) {
	err := write(dir, map[string]string{
		"loop/Chart.yaml":             "apiVersion: v2\nname: loop\nversion: 0.1.0\n",
		"loop/values.yaml":            "{}\n",
		"loop/templates/_helpers.tpl": "{{- define \"loop.self\" -}}\nx{{ include \"loop.self\" . }}\n{{- end -}}\n",
		"loop/templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: loop
data:
  k: {{ include "loop.self" . | quote }}
`,
	})
	if err != nil {
		return "", err
	}
	return "loop/ chart whose helper includes itself, good/ chart", goodHelm(dir)
}

func helmLoop(dir string) (string, error) {
	err := write(dir, map[string]string{
		"loop/Chart.yaml":  "apiVersion: v2\nname: loop\nversion: 0.1.0\n",
		"loop/values.yaml": "size: 100000\n", // not n: YAML 1.1 reads n as false
		"loop/templates/configmap.yaml": `{{- range $i := until (int .Values.size) }}{{- range $j := until (int $.Values.size) }}{{- end }}{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: loop
data:
  k: v
`,
	})
	if err != nil {
		return "", err
	}
	return "loop/ chart ranging 100000 x 100000, good/ chart", goodHelm(dir)
}
