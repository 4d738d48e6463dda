packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
    ansible = {
      source  = "github.com/hashicorp/ansible"
      version = "~> 1"
    }
  }
}

source "amazon-ebs" "app" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

build {
  name    = "pass_all_declared"
  sources = ["source.amazon-ebs.app"]
  provisioner "ansible" {
    playbook_file = "./site.yml"
  }
  post-processor "manifest" {}
}

# Only Packer's own components: no plugin to declare.
source "null" "local" {
  communicator = "none"
}

build {
  name    = "skip_builtin_only"
  sources = ["source.null.local"]
  provisioner "shell-local" {
    inline = ["echo built"]
  }
}
