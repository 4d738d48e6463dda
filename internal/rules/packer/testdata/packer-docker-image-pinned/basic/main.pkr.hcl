variable "base" {
  type    = string
  default = "debian:bookworm-20240513-slim"
}

variable "base_unset" {
  type = string
}

source "docker" "pass_tag" {
  image  = "ubuntu:24.04"
  commit = true
}

source "docker" "pass_digest" {
  image  = "ubuntu@sha256:2e863c44b718727c860746568e1d54afd13b2fa71b160f5cd9058fc436217b30"
  commit = true
}

source "docker" "pass_registry_port" {
  image  = "registry.example.com:5000/base/python:3.12.4-slim"
  commit = true
}

source "docker" "pass_through_variable" {
  image  = var.base
  commit = true
}

source "docker" "fail_untagged" {
  image  = "ubuntu"
  commit = true
}

source "docker" "fail_registry_port_untagged" {
  image  = "registry.example.com:5000/base/python"
  commit = true
}

source "docker" "fail_latest" {
  image  = "amazonlinux:latest"
  commit = true
}

source "docker" "unknown_image" {
  image  = var.base_unset
  commit = true
}

source "amazon-ebs" "skip_ami" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

build {
  sources = [
    "source.docker.pass_tag", "source.docker.pass_digest", "source.docker.pass_registry_port",
    "source.docker.pass_through_variable", "source.docker.fail_untagged", "source.docker.fail_registry_port_untagged",
    "source.docker.fail_latest", "source.docker.unknown_image", "source.amazon-ebs.skip_ami",
  ]
}
