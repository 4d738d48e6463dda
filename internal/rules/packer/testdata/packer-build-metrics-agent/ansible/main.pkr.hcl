source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

# The playbook may install one: the template does not show it.
build {
  name    = "unknown_playbook"
  sources = ["source.amazon-ebs.app"]
  provisioner "ansible" {
    playbook_file = "./site.yml"
  }
}

# The role is named for it.
build {
  name    = "pass_playbook_named_for_agent"
  sources = ["source.amazon-ebs.app"]
  provisioner "ansible" {
    playbook_file = "./node_exporter.yml"
  }
}
