resource "aws_efs_file_system" "pass_policy" {
  creation_token = "shared"
  encrypted      = true
}

resource "aws_efs_backup_policy" "shared" {
  file_system_id = aws_efs_file_system.pass_policy.id
  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_file_system" "fail_disabled" {
  creation_token = "media"
  encrypted      = true
}

resource "aws_efs_backup_policy" "media" {
  file_system_id = aws_efs_file_system.fail_disabled.id
  backup_policy {
    status = "DISABLED"
  }
}

resource "aws_efs_file_system" "pass_backup_plan" {
  creation_token = "uploads"
  encrypted      = true
}

resource "aws_backup_selection" "uploads" {
  name         = "uploads"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = [aws_efs_file_system.pass_backup_plan.arn]
}

resource "aws_efs_file_system" "fail_none" {
  creation_token = "scratch"
  encrypted      = true
}
