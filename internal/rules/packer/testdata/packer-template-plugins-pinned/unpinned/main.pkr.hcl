variable "docker_version" {
  type = string
}

packer {
  required_plugins {
    amazon = {
      source = "github.com/hashicorp/amazon"
    }
    docker = {
      source  = "github.com/hashicorp/docker"
      version = var.docker_version
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

source "docker" "app" {
  image  = "ubuntu:24.04"
  commit = true
}

build {
  name    = "fail_no_version"
  sources = ["source.amazon-ebs.app"]
}

build {
  name    = "unknown_version_variable"
  sources = ["source.docker.app"]
}
