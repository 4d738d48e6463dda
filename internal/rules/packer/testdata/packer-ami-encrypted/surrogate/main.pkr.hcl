source "amazon-ebssurrogate" "pass_surrogate_root" {
  instance_type = "t3.micro"
  region        = "eu-west-1"
  ami_name      = "surrogate-{{timestamp}}"
  ssh_username  = "ubuntu"
  source_ami_filter {
    filters = { name = "ubuntu/images/*ubuntu-noble-24.04-amd64-server-*" }
    owners      = ["099720109477"]
    most_recent = true
  }
  launch_block_device_mappings {
    device_name = "/dev/xvdf"
    volume_size = 10
    volume_type = "gp3"
    encrypted   = true
  }
  ami_root_device {
    source_device_name = "/dev/xvdf"
    device_name        = "/dev/xvda"
    volume_size        = 10
    volume_type        = "gp3"
  }
  ami_virtualization_type = "hvm"
}

source "amazon-ebssurrogate" "fail_surrogate_unencrypted" {
  instance_type = "t3.micro"
  region        = "eu-west-1"
  ami_name      = "surrogate-{{timestamp}}"
  ssh_username  = "ubuntu"
  source_ami_filter {
    filters = { name = "ubuntu/images/*ubuntu-noble-24.04-amd64-server-*" }
    owners      = ["099720109477"]
    most_recent = true
  }
  launch_block_device_mappings {
    device_name = "/dev/xvdf"
    volume_size = 10
  }
  ami_root_device {
    source_device_name = "/dev/xvdf"
    device_name        = "/dev/xvda"
    volume_size        = 10
  }
  ami_virtualization_type = "hvm"
}

build {
  sources = ["source.amazon-ebssurrogate.pass_surrogate_root", "source.amazon-ebssurrogate.fail_surrogate_unencrypted"]
}
