# One web server on a bare instance with an Elastic IP: the most common
# production gap. Its deploy, availability, scalability, metrics and logs
# must be judged, never n/a.
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  user_data     = "#!/bin/bash\nsystemctl start app\n"
}

resource "aws_eip" "web" {
  instance = aws_instance.web.id
  domain   = "vpc"
}
