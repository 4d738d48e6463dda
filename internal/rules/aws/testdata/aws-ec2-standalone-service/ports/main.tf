# What the instance's security group opens to the internet says what it is for.
resource "aws_security_group" "app_8080" {
  name = "app-8080"
  ingress {
    protocol    = "tcp"
    from_port   = 8080
    to_port     = 8080
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "fail_web_on_8080" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.app_8080.id]
  user_data              = "#!/bin/bash\nbusybox httpd -f -p 8080 &\n"
}

resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "skip_ssh_only" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.ssh.id]
}

resource "aws_security_group" "everything" {
  name = "everything"
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Open on every port: a misconfiguration (aws-sg-open-ingress), not a sign of
# what the instance serves.
resource "aws_instance" "skip_all_ports" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.everything.id]
}

# No security group, address or record in this stack, but the user data starts
# a web server.
resource "aws_instance" "fail_user_data_server" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  user_data     = <<-EOT
    #!/bin/bash
    sudo service apache2 start
  EOT
}

resource "aws_instance" "skip_user_data_setup_only" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  user_data     = "#!/bin/bash\ndnf update -y\n"
}
