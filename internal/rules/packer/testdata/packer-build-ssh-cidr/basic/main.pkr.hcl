variable "office_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

variable "cidrs_unset" {
  type = list(string)
}

# Neither temporary_security_group_source_cidrs nor _public_ip: Packer's
# temporary security group opens port 22 to 0.0.0.0/0.
source "amazon-ebs" "fail_default_open" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  ssh_username  = "ubuntu"
}

source "amazon-ebs" "fail_world_cidr" {
  ami_name                              = "app-{{timestamp}}"
  instance_type                         = "t3.micro"
  region                                = "eu-west-1"
  source_ami                            = "ami-0123456789abcdef0"
  ssh_username                          = "ubuntu"
  temporary_security_group_source_cidrs = ["10.0.0.0/8", "0.0.0.0/0"]
}

source "amazon-ebs" "pass_office_cidrs" {
  ami_name                              = "app-{{timestamp}}"
  instance_type                         = "t3.micro"
  region                                = "eu-west-1"
  source_ami                            = "ami-0123456789abcdef0"
  ssh_username                          = "ubuntu"
  temporary_security_group_source_cidrs = var.office_cidrs
}

source "amazon-ebs" "pass_own_public_ip" {
  ami_name                                  = "app-{{timestamp}}"
  instance_type                             = "t3.micro"
  region                                    = "eu-west-1"
  source_ami                                = "ami-0123456789abcdef0"
  ssh_username                              = "ubuntu"
  temporary_security_group_source_public_ip = true
}

source "amazon-ebs" "pass_session_manager" {
  ami_name             = "app-{{timestamp}}"
  instance_type        = "t3.micro"
  region               = "eu-west-1"
  source_ami           = "ami-0123456789abcdef0"
  ssh_username         = "ubuntu"
  ssh_interface        = "session_manager"
  iam_instance_profile = "packer-ssm"
}

source "amazon-ebs" "pass_no_public_address" {
  ami_name                    = "app-{{timestamp}}"
  instance_type               = "t3.micro"
  region                      = "eu-west-1"
  source_ami                  = "ami-0123456789abcdef0"
  ssh_username                = "ubuntu"
  subnet_id                   = "subnet-0123456789abcdef0"
  associate_public_ip_address = false
  ssh_interface               = "private_ip"
}

source "amazon-ebs" "skip_own_security_group" {
  ami_name          = "app-{{timestamp}}"
  instance_type     = "t3.micro"
  region            = "eu-west-1"
  source_ami        = "ami-0123456789abcdef0"
  ssh_username      = "ubuntu"
  security_group_id = "sg-0123456789abcdef0"
}

source "amazon-ebs" "unknown_cidrs" {
  ami_name                              = "app-{{timestamp}}"
  instance_type                         = "t3.micro"
  region                                = "eu-west-1"
  source_ami                            = "ami-0123456789abcdef0"
  ssh_username                          = "ubuntu"
  temporary_security_group_source_cidrs = var.cidrs_unset
}

source "amazon-ebs" "skip_no_communicator" {
  ami_name      = "app-{{timestamp}}"
  instance_type = "t3.micro"
  region        = "eu-west-1"
  source_ami    = "ami-0123456789abcdef0"
  communicator  = "none"
}

build {
  sources = [
    "source.amazon-ebs.fail_default_open", "source.amazon-ebs.fail_world_cidr", "source.amazon-ebs.pass_office_cidrs",
    "source.amazon-ebs.pass_own_public_ip", "source.amazon-ebs.pass_session_manager",
    "source.amazon-ebs.pass_no_public_address", "source.amazon-ebs.skip_own_security_group",
    "source.amazon-ebs.unknown_cidrs", "source.amazon-ebs.skip_no_communicator",
  ]
}
