resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "pass_empty" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc" "legacy" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_default_security_group" "fail_open" {
  vpc_id = aws_vpc.legacy.id
  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}
