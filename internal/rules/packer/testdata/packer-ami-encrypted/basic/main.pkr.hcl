source "amazon-ebs" "pass_encrypt_boot" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  encrypt_boot  = true
  kms_key_id    = "alias/ami"
}

# encrypt_boot unset: the AMI keeps the encryption of Canonical's public
# image, which is unencrypted.
source "amazon-ebs" "fail_public_source" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami_filter {
    filters = {
      name                = "ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*"
      root-device-type    = "ebs"
      virtualization-type = "hvm"
    }
    most_recent = true
    owners      = ["099720109477"]
  }
  ssh_username = "ubuntu"
}

source "amazon-ebs" "fail_explicit_false" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  encrypt_boot  = false
}

# A private golden image may already be encrypted: the AMI keeps its
# encryption, which the template does not show.
source "amazon-ebs" "unknown_own_source" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami_filter {
    filters = {
      name = "golden-base-*"
    }
    most_recent = true
    owners      = ["self"]
  }
  ssh_username = "ubuntu"
}

source "amazon-ebs" "unknown_literal_source" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "pass_encrypted_root_volume" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami_filter {
    filters = {
      name = "al2023-ami-*-x86_64"
    }
    most_recent = true
    owners      = ["amazon"]
  }
  ssh_username = "ec2-user"
  launch_block_device_mappings {
    device_name           = "/dev/xvda"
    volume_size           = 20
    volume_type           = "gp3"
    encrypted             = true
    delete_on_termination = true
  }
}

# A data volume encrypted does not encrypt the root snapshot.
source "amazon-ebs" "fail_only_data_volume" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami_filter {
    filters = {
      name = "al2023-ami-*-x86_64"
    }
    most_recent = true
    owners      = ["amazon"]
  }
  ssh_username = "ec2-user"
  launch_block_device_mappings {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
  }
}

# Not an AMI: the docker builder has no EBS snapshots.
source "docker" "skip_docker" {
  image  = "ubuntu:24.04"
  commit = true
}

build {
  sources = [
    "source.amazon-ebs.pass_encrypt_boot", "source.amazon-ebs.fail_public_source",
    "source.amazon-ebs.fail_explicit_false", "source.amazon-ebs.unknown_own_source",
    "source.amazon-ebs.unknown_literal_source", "source.amazon-ebs.pass_encrypted_root_volume",
    "source.amazon-ebs.fail_only_data_volume", "source.docker.skip_docker",
  ]
}
