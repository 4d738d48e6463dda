variable "user_data" {
  type = string
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

# User data installs the CloudWatch agent.
resource "aws_instance" "pass_cw_installed" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data              = <<-EOT
    #!/bin/bash
    dnf install -y amazon-cloudwatch-agent
  EOT
}

# Base64 user data that installs Fluent Bit.
resource "aws_instance" "pass_base64" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data_base64       = base64encode("#!/bin/bash\ncurl https://raw.githubusercontent.com/fluent/fluent-bit/master/install.sh | sh\n")
}

# A web server started by user data, no agent, no instance profile.
resource "aws_instance" "fail_busybox" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data              = <<-EOT
    #!/bin/bash
    echo "Hello, World" > index.html
    nohup busybox httpd -f -p 8080 &
  EOT
}

# No user data, no instance profile.
resource "aws_instance" "fail_bare" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
}

resource "aws_instance" "unknown_user_data" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data              = var.user_data
}

# A profile named, but not in this stack: its role may allow an agent
# baked into the AMI to write logs.
resource "aws_instance" "unknown_outside_profile" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
  iam_instance_profile   = "shared-web-profile"
}

# Not the service: no result.
resource "aws_instance" "skip_bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Name = "bastion" }
}
