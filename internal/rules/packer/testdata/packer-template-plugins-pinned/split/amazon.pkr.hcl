packer {
  required_plugins {
    amazon = {
      version = "~> 1.8"
      source  = "github.com/hashicorp/amazon"
    }
  }
}

source "amazon-ebs" "core" {
  ami_name      = "core-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}
