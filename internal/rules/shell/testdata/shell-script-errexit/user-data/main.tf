# User data that is a shell script is graded as one, located at the
# attribute; cloud-config is not a script.
resource "aws_instance" "fail_boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    apt-get update
    apt-get install -y nginx
    systemctl enable --now nginx
  EOT
}

resource "aws_instance" "pass_boot" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    set -euo pipefail
    apt-get update
    apt-get install -y nginx
  EOT
}

resource "aws_launch_template" "fail_template" {
  name_prefix = "web-"
  image_id    = "ami-0123456789abcdef0"
  user_data   = base64encode("#!/bin/sh\napt-get update\napt-get install -y nginx\n")
}

resource "aws_instance" "skip_cloud_config" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #cloud-config
    packages: [nginx]
  EOT
}
