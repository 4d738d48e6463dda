package packer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/shell"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type loaded struct {
	comp  *infra.Component
	refs  []shell.Ref
	notes []infra.Note
	by    map[string]*infra.Resource
}

func load(t *testing.T, files map[string]string, varFiles ...string) loaded {
	t.Helper()
	dir := writeTree(t, files)
	var vf []string
	for _, f := range varFiles {
		vf = append(vf, filepath.Join(dir, f))
	}
	c, refs, notes := Load(context.Background(), confine.New(dir), dir, nil, vf)
	by := map[string]*infra.Resource{}
	for _, r := range c.Resources {
		by[r.Address] = r
	}
	return loaded{c, refs, notes, by}
}

func (ld loaded) res(t *testing.T, addr string) *infra.Resource {
	t.Helper()
	r := ld.by[addr]
	if r == nil {
		var have []string
		for a := range ld.by {
			have = append(have, a)
		}
		t.Fatalf("no resource %s; have %v; notes %+v", addr, have, ld.notes)
	}
	return r
}

func str(t *testing.T, v infra.Value) string {
	t.Helper()
	s, ok := v.Str()
	if !ok || !v.IsKnown() {
		t.Fatalf("not a known string: %s %q (%s)", v.Kind(), v.Expr(), v.Why())
	}
	return s
}

const ebs = `
packer {
  required_version = ">= 1.9.0"
  required_plugins {
    amazon = {
      version = ">= 1.2.8"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "app_version" {
  type = string
}

variable "db_password" {
  type    = string
  default = "hunter2"
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = "t0k3n"
}

locals {
  name_prefix = "web-${var.region}"
  ami_name    = "${local.name_prefix}-${formatdate("YYYY", "2024-01-02T00:00:00Z")}"
  stamped     = "web-${timestamp()}"
  tags        = merge({ Team = "web" }, { Region = var.region })
}

local "secret_url" {
  expression = "https://user:${var.db_password}@example.com"
  sensitive  = true
}

data "amazon-ami" "ubuntu" {
  filters = {
    name = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
  }
  owners      = ["099720109477"]
  most_recent = true
  region      = var.region
}

source "amazon-ebs" "web" {
  ami_name      = local.ami_name
  instance_type = "t3.micro"
  region        = var.region
  source_ami    = data.amazon-ami.ubuntu.id
  ssh_username  = "ubuntu"
  encrypt_boot  = true
  ami_users     = ["123456789012"]
  tags          = local.tags
  snapshot_name = local.stamped
  version_tag   = var.app_version

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  launch_block_device_mappings {
    device_name = "/dev/sda1"
    volume_size = 20
  }
  launch_block_device_mappings {
    device_name = "/dev/sdb"
    volume_size = 50
  }
}

source "docker" "app" {
  image  = "ubuntu:22.04"
  commit = true
}
`

const ebsBuild = `
build {
  name    = "web"
  sources = ["source.amazon-ebs.web"]

  source "source.docker.app" {
    name    = "app-dev"
    image   = "ubuntu:24.04"
  }

  provisioner "shell" {
    inline = [
      "set -u",
      "apt-get update",
      "apt-get install -y nginx=1.18.0-6ubuntu14",
    ]
  }

  provisioner "shell" {
    environment_vars = ["REGION=${var.region}"]
    execute_command  = "sudo -E bash '{{ .Path }}'"
    scripts          = ["scripts/base.sh", "${path.root}/scripts/agent.sh"]
  }

  provisioner "shell" {
    inline_shebang = "/bin/bash"
    inline         = ["echo ${source.name}", "curl -fsSL https://example.com/install.sh | sh"]
  }

  provisioner "file" {
    source      = "files/app.conf"
    destination = "/tmp/app.conf"
  }

  provisioner "ansible" {
    playbook_file   = "./playbook.yml"
    extra_arguments = ["--extra-vars", "env=prod"]
    only            = ["amazon-ebs.web"]
  }

  provisioner "powershell" {
    inline = ["Write-Host hi"]
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
  }

  post-processors {
    post-processor "docker-tag" {
      repository = "example/app"
      tags       = ["1.0"]
    }
    post-processor "docker-push" {}
  }
}
`

func TestVariablesAndPrecedence(t *testing.T) {
	ld := load(t, map[string]string{
		"main.pkr.hcl":          ebs,
		"build.pkr.hcl":         ebsBuild,
		"b.auto.pkrvars.hcl":    "region = \"us-east-2\"\n",
		"a.auto.pkrvars.hcl":    "region = \"us-east-1\"\napp_version = \"1.2.3\"\n",
		"prod.pkrvars.hcl":      "region = \"ap-south-1\"\n",
		"scripts/base.sh":       "#!/bin/sh\napt-get install -y curl\n",
		"scripts/agent.sh":      "#!/bin/sh\necho agent\n",
		"unrelated.pkrvars.hcl": "region = \"nope\"\n", // not auto: not loaded
	}, "prod.pkrvars.hcl")
	// -var-file beats auto files; b.auto beats a.auto (lexical order).
	region := ld.res(t, "var.region").Attrs.Get("value")
	if s, _ := region.Str(); s != "ap-south-1" || !region.IsExternal() || !region.IsSensitive() {
		t.Errorf("var.region value = %q external=%v hidden=%v; want the -var-file's, hidden and external", s, region.IsExternal(), region.IsSensitive())
	}
	if !strings.HasSuffix(region.Loc.File, "prod.pkrvars.hcl") || region.Loc.Line != 1 {
		t.Errorf("var.region located at %s; want the -var-file", region.Loc)
	}
	if s := str(t, ld.res(t, "var.region").Attrs.Get("default")); s != "eu-west-1" {
		t.Errorf("default = %q", s)
	}
	if s := str(t, ld.res(t, "var.app_version").Attrs.Get("value")); s != "1.2.3" {
		t.Errorf("app_version = %q; want the auto file's", s)
	}
	src := ld.res(t, "source.amazon-ebs.web")
	if s, _ := src.Attrs.Get("region").Str(); s != "ap-south-1" {
		t.Errorf("source region = %q", s)
	}
	if !src.Attrs.Get("region").IsSensitive() {
		t.Errorf("a value from a -var-file must stay hidden where it is used")
	}
	// Sensitive and secret-named variables are hidden.
	for _, name := range []string{"var.db_password", "var.api_token"} {
		r := ld.res(t, name)
		for _, a := range []string{"default", "value"} {
			if !r.Attrs.Get(a).IsSensitive() {
				t.Errorf("%s.%s is not hidden", name, a)
			}
		}
	}
	if v := ld.res(t, "var.api_token").Attrs.Get("sensitive"); v.Kind() != infra.Bool {
		t.Errorf("sensitive = %v", v.Kind())
	}
	if s := str(t, ld.res(t, "var.region").Attrs.Get("type")); s != "string" {
		t.Errorf("type = %q", s)
	}
}

func TestUnsetVariableIsUnknown(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": ebs, "build.pkr.hcl": ebsBuild})
	v := ld.res(t, "source.amazon-ebs.web").Attrs.Get("version_tag")
	if v.IsKnown() || !strings.Contains(v.Why(), "var.app_version has no value") || v.Expr() != "var.app_version" {
		t.Errorf("version_tag = %s %q (%s); want unknown, saying var.app_version has no value", v.Kind(), v.Expr(), v.Why())
	}
	if v.Loc.Line == 0 {
		t.Errorf("unknown value has no location")
	}
}

func TestLocalsAndFunctions(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": ebs, "build.pkr.hcl": ebsBuild})
	src := ld.res(t, "source.amazon-ebs.web")
	if s := str(t, src.Attrs.Get("ami_name")); s != "web-eu-west-1-2024" {
		t.Errorf("ami_name = %q", s)
	}
	if s := str(t, src.Attrs.Get("tags.Region")); s != "eu-west-1" {
		t.Errorf("tags.Region = %q", s)
	}
	snap := src.Attrs.Get("snapshot_name")
	if snap.IsKnown() || !strings.Contains(snap.Why(), "timestamp()") {
		t.Errorf("snapshot_name = %s (%s); want unknown because of timestamp()", snap.Kind(), snap.Why())
	}
	ami := src.Attrs.Get("source_ami")
	if ami.IsKnown() || !strings.Contains(ami.Why(), "data.amazon-ami.ubuntu.id") {
		t.Errorf("source_ami = %s (%s); want unknown, a data source", ami.Kind(), ami.Why())
	}
	found := false
	for _, r := range src.Refs {
		found = found || r.To == "data.amazon-ami.ubuntu" && r.Attr == "source_ami"
	}
	if !found {
		t.Errorf("no edge from source_ami to the data source: %+v", src.Refs)
	}
	d := ld.res(t, "data.amazon-ami.ubuntu")
	if s := str(t, d.Attrs.Get("owners").List()[0]); s != "099720109477" {
		t.Errorf("owners = %q", s)
	}
	if s := str(t, src.Attrs.Get("metadata_options.http_tokens")); s != "required" {
		t.Errorf("http_tokens = %q", s)
	}
	if n := len(src.Attrs.Blocks("launch_block_device_mappings")); n != 2 {
		t.Errorf("%d block device mappings, want 2", n)
	}
	if b, ok := src.Attrs.Get("encrypt_boot").Bool(); !ok || !b {
		t.Errorf("encrypt_boot not true")
	}
	if src.Attrs.Get("encrypt_boot").Loc.Line == 0 {
		t.Errorf("encrypt_boot has no line")
	}
	set := ld.res(t, "packer")
	if s := str(t, set.Attrs.Get("required_plugins.amazon.version")); s != ">= 1.2.8" {
		t.Errorf("required_plugins.amazon.version = %q", s)
	}
}

func TestLocalCycleAndUnknownFunction(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": `
locals {
  a = local.b
  b = local.a
  c = nosuchfunc("x")
  d = uuidv4()
  e = vault("/secret/data/x", "key")
}
source "docker" "x" {
  image   = local.a
  commit  = local.c
  changes = [local.d, local.e]
}
build { sources = ["source.docker.x"] }
`})
	s := ld.res(t, "source.docker.x")
	if v := s.Attrs.Get("image"); v.IsKnown() || !strings.Contains(v.Why(), "itself") {
		t.Errorf("image = %s (%s); want unknown, a cycle", v.Kind(), v.Why())
	}
	if v := s.Attrs.Get("commit"); v.IsKnown() || !strings.Contains(v.Why(), "nosuchfunc") {
		t.Errorf("commit = %s (%s); want unknown, an unknown function", v.Kind(), v.Why())
	}
	ch := s.Attrs.Get("changes")
	for _, want := range []string{"uuidv4()", "vault()"} {
		if ch.IsKnown() && ch.Kind() == infra.List {
			continue
		}
		if !strings.Contains(ch.Why(), want) {
			t.Errorf("changes (%s) does not say %s", ch.Why(), want)
		}
	}
}

func TestBuildSourcesProvisionersPostProcessors(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": ebs, "build.pkr.hcl": ebsBuild})
	b := ld.res(t, "build.web")
	var srcs []string
	for _, v := range b.Attrs.Get("sources").List() {
		srcs = append(srcs, str(t, v))
	}
	if strings.Join(srcs, ",") != "amazon-ebs.web,docker.app-dev" {
		t.Errorf("sources = %v", srcs)
	}
	v := ld.res(t, "build.web.source.docker.app-dev")
	if s := str(t, v.Attrs.Get("image")); s != "ubuntu:24.04" {
		t.Errorf("variant image = %q; want the override", s)
	}
	if b, ok := v.Attrs.Get("commit").Bool(); !ok || !b {
		t.Errorf("variant lost the base's commit = true")
	}
	if s := str(t, v.Attrs.Get("variant_of")); s != "docker.app" {
		t.Errorf("variant_of = %q", s)
	}
	edges := map[string]bool{}
	for _, r := range b.Refs {
		edges[r.Attr+">"+r.To] = true
	}
	for _, want := range []string{"sources>source.amazon-ebs.web", "sources>build.web.source.docker.app-dev", "provisioners>build.web.provisioner[0]", "provisioners>build.web.provisioner[2]"} {
		if !edges[want] {
			t.Errorf("missing edge %s; have %v", want, edges)
		}
	}
	var types []string
	for _, p := range b.Attrs.Get("provisioners").List() {
		types = append(types, str(t, p.Field("type")))
	}
	if strings.Join(types, ",") != "shell,shell,shell,file,ansible,powershell" {
		t.Errorf("provisioners = %v", types)
	}
	ans := b.Attrs.Get("provisioners").List()[4]
	if s := str(t, ans.Field("playbook_file")); s != "./playbook.yml" {
		t.Errorf("playbook_file = %q", s)
	}
	var posts []string
	for _, p := range b.Attrs.Get("post_processors").List() {
		n, _ := p.Field("sequence").Number()
		posts = append(posts, str(t, p.Field("type"))+"@"+strings.Repeat("|", int(n)))
	}
	if strings.Join(posts, ",") != "manifest@,docker-tag@|,docker-push@|" {
		t.Errorf("post_processors = %v", posts)
	}
}

func TestInlineShell(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": ebs, "build.pkr.hcl": ebsBuild})
	s := ld.res(t, "build.web.provisioner[0]")
	if s.Kind != shell.KindScript {
		t.Fatalf("kind %s", s.Kind)
	}
	if b, _ := s.Attrs.Get("errexit").Bool(); !b {
		t.Errorf("default inline shebang /bin/sh -e: errexit should be true")
	}
	if sh := str(t, s.Attrs.Get("shell")); sh != "sh" {
		t.Errorf("shell = %q", sh)
	}
	if r := str(t, s.Attrs.Get("runs_in")); r != "packer" {
		t.Errorf("runs_in = %q", r)
	}
	// build.pkr.hcl: the inline list starts at line 12; its elements are at 13, 14, 15.
	cmds := s.Attrs.Get("commands").List()
	if len(cmds) != 3 {
		t.Fatalf("%d commands", len(cmds))
	}
	for i, c := range cmds {
		if c.Loc.Line != int32(13+i) || !strings.HasSuffix(c.Loc.File, "build.pkr.hcl") {
			t.Errorf("command %d at %s, want build.pkr.hcl:%d", i, c.Loc, 13+i)
		}
	}
	if a := str(t, cmds[2].Get("argv").List()[3]); a != "nginx=1.18.0-6ubuntu14" {
		t.Errorf("argv[3] = %q", a)
	}
	// inline_shebang without -e: no errexit; source.name is unknown.
	s2 := ld.res(t, "build.web.provisioner[2]")
	if b, _ := s2.Attrs.Get("errexit").Bool(); b {
		t.Errorf("inline_shebang /bin/bash: errexit should be false")
	}
	if sh := str(t, s2.Attrs.Get("shell")); sh != "bash" {
		t.Errorf("shell = %q", sh)
	}
	c2 := s2.Attrs.Get("commands").List()
	if len(c2) != 2 { // curl | sh is two commands; the unknown echo is a comment, not a command
		t.Errorf("%d commands: %v", len(c2), c2)
	}
	if _, ok := ld.by["build.web.provisioner[5]"]; ok {
		t.Errorf("a powershell provisioner must not become a shell script")
	}
}

func TestScriptRefs(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": ebs, "build.pkr.hcl": ebsBuild,
		"outside.pkr.hcl": `build {
  name = "evil"
  sources = ["source.docker.app"]
  provisioner "shell" { script = "../../../etc/passwd.sh" }
}`})
	var got []string
	for _, r := range ld.refs {
		got = append(got, filepath.Base(r.Path)+"@"+r.From)
		if r.Options.RunsIn != "packer" {
			t.Errorf("RunsIn = %q", r.Options.RunsIn)
		}
		if r.From == "build.web" && (r.Options.Shell != "bash" || r.Options.Errexit) {
			t.Errorf("execute_command sudo -E bash '{{ .Path }}': shell %q errexit %v; want bash, no errexit", r.Options.Shell, r.Options.Errexit)
		}
	}
	want := "base.sh@build.web,agent.sh@build.web,passwd.sh@build.evil"
	if strings.Join(got, ",") != want {
		t.Errorf("refs = %v, want %s", got, want)
	}
	for _, r := range ld.refs {
		if filepath.Base(r.Path) == "passwd.sh" && !strings.HasSuffix(r.Path, "/etc/passwd.sh") {
			t.Errorf("outside path = %s", r.Path)
		}
	}
}

func TestHandedTo(t *testing.T) {
	for _, c := range []struct {
		cmd   string
		shell string
		e     bool
	}{
		{"chmod +x {{ .Path }}; {{ .Vars }} {{ .Path }}", "", false},
		{"sudo -E -S bash -e '{{ .Path }}'", "bash", true},
		{"{{ .Vars }} sudo -E sh -eux '{{.Path}}'", "sh", true},
		{"echo 'packer' | sudo -S sh -c '{{ .Vars }} {{ .Path }}'", "", false},
		{"sudo /bin/bash {{.Path}}", "bash", false},
	} {
		sh, e := handedTo(infra.StringValue(c.cmd))
		if sh != c.shell || e != c.e {
			t.Errorf("handedTo(%q) = %q, %v; want %q, %v", c.cmd, sh, e, c.shell, c.e)
		}
	}
}

func TestParseErrorAtLine(t *testing.T) {
	ld := load(t, map[string]string{"main.pkr.hcl": "source \"docker\" \"x\" {\n  image = \"a\"\n  commit = \n}\n"})
	found := false
	for _, n := range ld.notes {
		if n.Kind == infra.NoteError && strings.HasSuffix(n.File, "main.pkr.hcl") && n.Line == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("no error note at main.pkr.hcl:3: %+v", ld.notes)
	}
}

const legacyJSON = `{
  "variables": {
    "region": "eu-west-1",
    "aws_secret_key": "{{env ` + "`AWS_SECRET_ACCESS_KEY`" + `}}",
    "version": null,
    "db_password": "hunter2"
  },
  "sensitive-variables": ["db_password"],
  "builders": [
    {
      "type": "amazon-ebs",
      "region": "{{user ` + "`region`" + `}}",
      "source_ami": "ami-0123456789abcdef0",
      "instance_type": "t3.micro",
      "ssh_username": "ubuntu",
      "ami_name": "web-{{timestamp}}",
      "secret_key": "{{user ` + "`aws_secret_key`" + `}}",
      "encrypt_boot": true
    },
    {
      "type": "docker",
      "name": "app",
      "image": "ubuntu:{{user ` + "`version`" + `}}",
      "commit": true
    }
  ],
  "provisioners": [
    {
      "type": "shell",
      "inline": [
        "apt-get update",
        "apt-get install -y nginx"
      ]
    },
    {
      "type": "shell",
      "execute_command": "{{ .Vars }} sudo -E sh -eux '{{ .Path }}'",
      "scripts": ["scripts/a.sh", "{{template_dir}}/scripts/b.sh"]
    }
  ],
  "post-processors": [
    [
      {"type": "docker-tag", "repository": "example/app"},
      "docker-push"
    ],
    {"type": "manifest"}
  ]
}
`

func TestLegacyJSON(t *testing.T) {
	if !IsLegacyJSON([]byte(legacyJSON)) {
		t.Fatal("IsLegacyJSON = false")
	}
	if IsLegacyJSON([]byte(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"builders": 1}}`)) {
		t.Error("a nested builders key counts")
	}
	if !IsLegacyJSON([]byte(`{"variables": {"a": [1, {"b": 2}]}, "builders": [`)) {
		t.Error("the head of a template is not recognised")
	}
	dir := writeTree(t, map[string]string{"web.json": legacyJSON})
	file := filepath.Join(dir, "web.json")
	c, refs, notes := LoadLegacyJSON(context.Background(), confine.New(dir), file, []byte(legacyJSON))
	by := map[string]*infra.Resource{}
	for _, r := range c.Resources {
		by[r.Address] = r
	}
	ld := loaded{c, refs, notes, by}
	ebs := ld.res(t, "source.amazon-ebs")
	if s := str(t, ebs.Attrs.Get("region")); s != "eu-west-1" {
		t.Errorf("region = %q", s)
	}
	if v := ebs.Attrs.Get("region"); v.Loc.Line != 12 {
		t.Errorf("region at line %d, want 12", v.Loc.Line)
	}
	if v := ebs.Attrs.Get("ami_name"); v.IsKnown() || !strings.Contains(v.Why(), "timestamp") || v.Expr() != "web-{{timestamp}}" {
		t.Errorf("ami_name = %s %q (%s)", v.Kind(), v.Expr(), v.Why())
	}
	if v := ebs.Attrs.Get("secret_key"); v.IsKnown() || !v.IsSensitive() || !strings.Contains(v.Why(), "env") {
		t.Errorf("secret_key = %s hidden=%v (%s); want unknown (env) and hidden", v.Kind(), v.IsSensitive(), v.Why())
	}
	if v := ld.res(t, "source.app").Attrs.Get("image"); v.IsKnown() || !strings.Contains(v.Why(), "no default") {
		t.Errorf("image = %s (%s)", v.Kind(), v.Why())
	}
	if v := ld.res(t, "var.db_password").Attrs.Get("default"); !v.IsSensitive() {
		t.Errorf("db_password default is not hidden")
	}
	b := ld.res(t, "build")
	var posts []string
	for _, p := range b.Attrs.Get("post_processors").List() {
		n, _ := p.Field("sequence").Number()
		posts = append(posts, str(t, p.Field("type"))+"@"+strings.Repeat("|", int(n)))
	}
	if strings.Join(posts, ",") != "docker-tag@,docker-push@,manifest@|" {
		t.Errorf("post_processors = %v", posts)
	}
	s := ld.res(t, "build.provisioner[0]")
	cmds := s.Attrs.Get("commands").List()
	if len(cmds) != 2 || cmds[0].Loc.Line != 31 || cmds[1].Loc.Line != 32 {
		t.Errorf("inline commands at wrong lines: %v", cmds)
	}
	if len(refs) != 2 || refs[1].Path != filepath.Join(dir, "scripts/b.sh") || refs[0].Options.Shell != "sh" || !refs[0].Options.Errexit {
		t.Errorf("refs = %+v", refs)
	}
	if s, _ := b.Attrs.Get("provisioners").List()[1].Field("execute_command").Str(); !strings.Contains(s, "{{ .Path }}") {
		t.Errorf("execute_command lost its placeholders: %q", s)
	}
}

func TestHostile(t *testing.T) {
	deep := "locals {\n  a = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n}\n"
	ld := load(t, map[string]string{"main.pkr.hcl": deep})
	if len(ld.notes) == 0 || ld.notes[0].Line != 2 {
		t.Errorf("deep nesting: notes %+v", ld.notes)
	}
	huge := `locals {
  big = [for a in range(1024) : [for b in range(1024) : [for c in range(1024) : "${a}${b}${c}"]]]
  r   = range(100000000)
  f   = format("%2000000000s", "x")
}
source "docker" "x" {
  image   = "ubuntu:22.04"
  changes = local.big
  labels  = { n = length(local.r), f = local.f }
}
build { sources = ["source.docker.x"] }
`
	ld = load(t, map[string]string{"main.pkr.hcl": huge})
	s := ld.res(t, "source.docker.x")
	if v := s.Attrs.Get("changes"); v.IsKnown() {
		t.Errorf("cubed for is known")
	}
	for _, a := range []string{"labels.n", "labels.f"} {
		if v := s.Attrs.Get(a); v.IsKnown() || !strings.Contains(v.Why(), "more than") {
			t.Errorf("%s = %s (%s); want unknown, over the bounds", a, v.Kind(), v.Why())
		}
	}
	if s := str(t, s.Attrs.Get("image")); s != "ubuntu:22.04" {
		t.Errorf("image = %q", s)
	}
	deepJSON := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	c, _, notes := LoadLegacyJSON(context.Background(), confine.New(t.TempDir()), "x.json", []byte(`{"builders": `+deepJSON+`}`))
	if len(notes) == 0 || len(c.Resources) != 0 {
		t.Errorf("deep legacy JSON: %d resources, notes %+v", len(c.Resources), notes)
	}
}
