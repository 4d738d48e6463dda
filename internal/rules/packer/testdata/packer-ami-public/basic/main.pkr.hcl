variable "groups" {
  type    = list(string)
  default = ["all"]
}

variable "groups_unset" {
  type = list(string)
}

# ami_groups defaults to no group: the AMI is private to its account.
source "amazon-ebs" "pass_private_default" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_shared_with_accounts" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  ami_users     = ["123456789012", "210987654321"]
}

source "amazon-ebs" "fail_public" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  ami_groups    = ["all"]
}

source "amazon-ebs" "fail_public_through_variable" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  ami_groups    = var.groups
}

source "amazon-ebs" "fail_public_snapshots" {
  ami_name        = "app-{{timestamp}}"
  instance_type   = "t3.micro"
  region          = "eu-west-1"
  source_ami      = "ami-0123456789abcdef0"
  ssh_username    = "ubuntu"
  snapshot_groups = ["all"]
}

source "amazon-ebs" "unknown_groups" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  ami_groups    = var.groups_unset
}

source "docker" "skip_container" {
  image  = "ubuntu:24.04"
  commit = true
}

build {
  sources = [
    "source.amazon-ebs.pass_private_default", "source.amazon-ebs.pass_shared_with_accounts",
    "source.amazon-ebs.fail_public", "source.amazon-ebs.fail_public_through_variable",
    "source.amazon-ebs.fail_public_snapshots", "source.amazon-ebs.unknown_groups", "source.docker.skip_container",
  ]
}
