provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Backup = "daily" }
  }
}

resource "aws_backup_selection" "by_tag" {
  name         = "by-tag"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = "daily"
  }
}

# Tagged through the provider's default_tags.
resource "aws_ebs_volume" "pass_default_tags" {
  availability_zone = "eu-west-1a"
  size              = 10
}

# Its own tag overrides the default.
resource "aws_ebs_volume" "fail_overridden" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "none" }
}
