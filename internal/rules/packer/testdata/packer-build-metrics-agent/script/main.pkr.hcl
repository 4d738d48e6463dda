source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

build {
  name    = "pass_agent_in_script"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    scripts = ["scripts/base.sh", "scripts/monitoring.sh"]
  }
}

build {
  name    = "fail_script_without_agent"
  sources = ["source.amazon-ebs.app"]
  provisioner "shell" {
    script = "scripts/base.sh"
  }
}
