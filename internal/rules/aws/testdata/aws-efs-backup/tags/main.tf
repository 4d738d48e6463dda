variable "fs_tags" {
  type = map(string)
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

resource "aws_efs_file_system" "pass_tagged" {
  creation_token = "shared"
  encrypted      = true
  tags           = { Backup = "daily" }
}

resource "aws_efs_file_system" "fail_untagged" {
  creation_token = "scratch"
  encrypted      = true
}

resource "aws_efs_file_system" "unknown_tags" {
  creation_token = "media"
  encrypted      = true
  tags           = var.fs_tags
}
