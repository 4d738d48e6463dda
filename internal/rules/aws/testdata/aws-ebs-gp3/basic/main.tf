resource "aws_ebs_volume" "pass_gp3" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
}

resource "aws_ebs_volume" "pass_io2" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "io2"
  iops              = 5000
}

# CreateVolume defaults to gp2.
resource "aws_ebs_volume" "fail_omitted" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "fail_gp2" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp2"
}

variable "volume_type" {
  type = string
}

resource "aws_ebs_volume" "unknown_type" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = var.volume_type
}

resource "aws_instance" "pass_root_gp3" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    volume_type = "gp3"
  }
}

resource "aws_instance" "fail_data_gp2" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  root_block_device {
    volume_type = "gp3"
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_type = "gp2"
  }
}

# Not written: the AMI's mapping decides.
resource "aws_instance" "skip_ami_default" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "fail_template_gp2" {
  name_prefix = "app"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 20
      volume_type = "gp2"
    }
  }
}

resource "aws_launch_template" "pass_template_gp3" {
  name_prefix = "app"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 20
      volume_type = "gp3"
    }
  }
}
