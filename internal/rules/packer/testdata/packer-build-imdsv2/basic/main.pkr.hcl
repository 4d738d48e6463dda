variable "tokens" {
  type    = string
  default = "required"
}

source "amazon-ebs" "pass_required" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

source "amazon-ebs" "pass_through_variable" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_tokens = var.tokens
  }
}

# metadata_options.http_tokens defaults to "optional".
source "amazon-ebs" "fail_default" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "fail_optional" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

source "amazon-ebs" "fail_block_without_tokens" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_put_response_hop_limit = 2
  }
}

source "amazon-ebs" "pass_endpoint_disabled" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_endpoint = "disabled"
  }
}

source "amazon-ebs" "unknown_tokens" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  metadata_options {
    http_tokens = env("IMDS_TOKENS")
  }
}

source "docker" "skip_container" {
  image  = "ubuntu:24.04"
  commit = true
}

build {
  sources = [
    "source.amazon-ebs.pass_required", "source.amazon-ebs.pass_through_variable", "source.amazon-ebs.fail_default",
    "source.amazon-ebs.fail_optional", "source.amazon-ebs.fail_block_without_tokens",
    "source.amazon-ebs.pass_endpoint_disabled", "source.amazon-ebs.unknown_tokens", "source.docker.skip_container",
  ]
}
