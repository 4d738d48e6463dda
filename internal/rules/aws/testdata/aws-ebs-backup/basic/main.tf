resource "aws_backup_plan" "daily" {
  name = "daily"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
  }
}

resource "aws_ebs_volume" "pass_by_reference" {
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "pass_by_tag" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "daily" }
}

resource "aws_ebs_volume" "fail_other_tag" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "never" }
}

resource "aws_ebs_volume" "fail_untagged" {
  availability_zone = "eu-west-1a"
  size              = 10
}

locals {
  backup_tag = "daily"
}

resource "aws_backup_selection" "by_reference" {
  name         = "by-reference"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = [aws_ebs_volume.pass_by_reference.arn]
}

resource "aws_backup_selection" "by_tag" {
  name         = "by-tag"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = local.backup_tag
  }
}
