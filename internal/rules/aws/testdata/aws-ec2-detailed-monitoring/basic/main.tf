variable "detailed" {
  type    = bool
  default = true
}

variable "monitoring_unset" {
  type = bool
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Serving the internet on 443, monitoring omitted: defaults to false.
resource "aws_instance" "fail_web_default" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_instance" "fail_web_false" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
  monitoring             = false
}

resource "aws_instance" "pass_web_var" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
  monitoring             = var.detailed
}

resource "aws_instance" "unknown_web_var" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
  monitoring             = var.monitoring_unset
}

# A bastion is not the service: no result.
resource "aws_instance" "skip_bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "bastion" }
}

resource "aws_launch_template" "fail_no_block" {
  name_prefix   = "lt-a-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
}

resource "aws_launch_template" "fail_disabled" {
  name_prefix   = "lt-b-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  monitoring {
    enabled = false
  }
}

resource "aws_launch_template" "pass_enabled" {
  name_prefix   = "lt-c-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  monitoring {
    enabled = true
  }
}

# The module idiom: a dynamic block switched by a variable.
resource "aws_launch_template" "pass_dynamic" {
  name_prefix   = "lt-d-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  dynamic "monitoring" {
    for_each = var.detailed ? [1] : []
    content {
      enabled = var.detailed
    }
  }
}

resource "aws_launch_template" "unknown_enabled" {
  name_prefix   = "lt-e-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m7g.large"
  monitoring {
    enabled = var.monitoring_unset
  }
}
