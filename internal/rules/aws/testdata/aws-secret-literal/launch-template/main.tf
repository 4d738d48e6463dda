# A launch template's user_data is base64 text (provider docs); the rule
# decodes it before looking for credentials, and reads it as written when it
# is not base64. Finding no credential records nothing (no evidence either way).
resource "aws_launch_template" "fail_encoded_password" {
  name_prefix   = "worker-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    echo "DB_PASSWORD=hunter2hunter2" >> /etc/worker.env
  EOT
  )
}

resource "aws_launch_template" "fail_plain_key" {
  name_prefix   = "batch-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMBBB\n"
}

resource "aws_launch_template" "skip_role_at_boot" {
  name_prefix   = "api-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data = base64encode(<<-EOT
    #!/bin/bash
    aws ssm get-parameter --name /prod/api/db-password --with-decryption > /run/api.env
  EOT
  )
  iam_instance_profile {
    name = "api"
  }
}
