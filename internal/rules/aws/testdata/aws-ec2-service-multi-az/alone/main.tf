resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# The one instance open to the internet is the whole service, whatever
# zone EC2 picks for it.
resource "aws_instance" "fail_lone" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_instance" "fail_lone_eip" {
  ami               = "ami-0123456789abcdef0"
  instance_type     = "t3.micro"
  availability_zone = "eu-west-1a"
}

resource "aws_eip" "lone" {
  instance = aws_instance.fail_lone_eip.id
  domain   = "vpc"
}

# Not the service: no result.
resource "aws_instance" "skip_bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "bastion" }
}

resource "aws_eip" "bastion" {
  instance = aws_instance.skip_bastion.id
  domain   = "vpc"
}

resource "aws_instance" "skip_nat" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  source_dest_check      = false
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_instance" "skip_worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
