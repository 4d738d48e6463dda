variable "encrypt" {
  type    = bool
  default = true
}

variable "encrypt_unset" {
  type = bool
}

source "amazon-ebs" "pass_through_variable" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  encrypt_boot  = var.encrypt
}

source "amazon-ebs" "unknown_variable_without_value" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
  encrypt_boot  = var.encrypt_unset
}

build {
  sources = ["source.amazon-ebs.pass_through_variable", "source.amazon-ebs.unknown_variable_without_value"]

  # A build-level variant: what Packer builds is the source with this merged over it.
  source "amazon-ebs.pass_through_variable" {
    name         = "fail_variant_turns_it_off"
    encrypt_boot = false
  }
}
