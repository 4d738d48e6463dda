# Every volume of the account, but those tagged Backup = never, and one excluded by reference.
resource "aws_backup_selection" "all_volumes" {
  name          = "all-volumes"
  plan_id       = "0123456789abcdef"
  iam_role_arn  = "arn:aws:iam::123456789012:role/backup"
  resources     = ["arn:aws:ec2:*:*:volume/*"]
  not_resources = [aws_ebs_volume.fail_excluded.arn]
  condition {
    string_not_equals {
      key   = "aws:ResourceTag/Backup"
      value = "never"
    }
  }
}

resource "aws_ebs_volume" "pass_any_volume" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "fail_opted_out" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "never" }
}

resource "aws_ebs_volume" "fail_excluded" {
  availability_zone = "eu-west-1a"
  size              = 10
}

# Instances only: volumes are not selected by this pattern.
resource "aws_backup_selection" "instances" {
  name         = "instances"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
}

# Wildcard with a condition on the tags.
resource "aws_backup_selection" "tagged" {
  name         = "tagged"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = ["*"]
  condition {
    string_equals {
      key   = "aws:ResourceTag/Tier"
      value = "data"
    }
  }
}

resource "aws_ebs_volume" "pass_condition" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Tier = "data", Backup = "never" }
}
