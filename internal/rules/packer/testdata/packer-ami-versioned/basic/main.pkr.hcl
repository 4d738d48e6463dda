variable "version" {
  type = string
}

variable "release" {
  type    = string
  default = "2.4.1"
}

locals {
  stamp = formatdate("YYYYMMDDhhmmss", timestamp())
}

source "amazon-ebs" "pass_timestamp" {
  ami_name      = "app-${local.stamp}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_legacy_timestamp" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_uuid" {
  ami_name      = "app-${uuidv4()}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_version_variable" {
  ami_name      = "app-${var.release}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_literal_version" {
  ami_name      = "app-1.4.0"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "fail_fixed_name" {
  ami_name      = "app-base"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "fail_force_deregister" {
  ami_name         = "app-golden"
  force_deregister = true
  instance_type    = "t3.micro"
  region           = "eu-west-1"
  source_ami       = "ami-0123456789abcdef0"
  ssh_username     = "ubuntu"
}

# A name from a variable without a value: it may or may not change per build.
source "amazon-ebs" "unknown_unset_variable" {
  ami_name      = var.version
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "docker" "skip_container" {
  image  = "ubuntu:24.04"
  commit = true
}

build {
  sources = [
    "source.amazon-ebs.pass_timestamp", "source.amazon-ebs.pass_legacy_timestamp", "source.amazon-ebs.pass_uuid",
    "source.amazon-ebs.pass_version_variable", "source.amazon-ebs.pass_literal_version",
    "source.amazon-ebs.fail_fixed_name", "source.amazon-ebs.fail_force_deregister",
    "source.amazon-ebs.unknown_unset_variable", "source.docker.skip_container",
  ]
}
