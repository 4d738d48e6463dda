variable "volume_tags" {
  type = map(string)
}

variable "backup_value" {
  type = string
}

resource "aws_backup_selection" "by_tag" {
  name         = "by-tag"
  plan_id      = "0123456789abcdef"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = var.backup_value
  }
}

# Tags from a variable with no value: the selection may match.
resource "aws_ebs_volume" "unknown_tags" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = var.volume_tags
}

# The selection's tag value is a variable with no value.
resource "aws_ebs_volume" "unknown_selection_value" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags              = { Backup = "daily" }
}
