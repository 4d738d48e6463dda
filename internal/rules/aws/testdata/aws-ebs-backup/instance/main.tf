resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags          = { Snapshot = "yes" }
}

resource "aws_instance" "db" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_backup_selection" "db" {
  name         = "db"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = [aws_instance.db.arn]
}

resource "aws_dlm_lifecycle_policy" "instances" {
  description        = "instance snapshots"
  execution_role_arn = "arn:aws:iam::123456789012:role/dlm"
  policy_details {
    resource_types = ["INSTANCE"]
    target_tags    = { Snapshot = "yes" }
    schedule {
      name = "daily"
      create_rule {
        interval = 24
      }
      retain_rule {
        count = 7
      }
    }
  }
}

# Attached to an instance that AWS Backup backs up.
resource "aws_ebs_volume" "pass_attached_backed_up" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_volume_attachment" "db" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.pass_attached_backed_up.id
  instance_id = aws_instance.db.id
}

# Attached to an instance that a DLM INSTANCE policy snapshots.
resource "aws_ebs_volume" "pass_attached_dlm" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_volume_attachment" "app" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.pass_attached_dlm.id
  instance_id = aws_instance.app.id
}

# Tagged like the instances, but the policy targets instances, not volumes.
resource "aws_ebs_volume" "fail_detached" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Snapshot = "yes" }
}
