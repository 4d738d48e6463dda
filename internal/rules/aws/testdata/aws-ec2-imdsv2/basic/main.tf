resource "aws_instance" "pass_required" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "pass_endpoint_disabled" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = "disabled"
  }
}

# http_tokens defaults to optional: IMDSv1 stays on.
resource "aws_instance" "fail_omitted" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_instance" "fail_optional" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}

resource "aws_launch_template" "pass_template" {
  name_prefix = "app"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "fail_template_without_metadata_options" {
  name_prefix = "legacy"
}

variable "tokens" {
  type = string
}

resource "aws_launch_template" "unknown_tokens" {
  name_prefix = "unknown"
  metadata_options {
    http_tokens = var.tokens
  }
}
