# Account-wide default: new instances require IMDSv2 unless they say otherwise.
resource "aws_ec2_instance_metadata_defaults" "this" {
  http_tokens = "required"
}

resource "aws_instance" "pass_account_default" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_instance" "fail_overrides_account_default" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = "optional"
  }
}
