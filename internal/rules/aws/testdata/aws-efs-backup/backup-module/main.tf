# A backup module that is not on disk may select file systems by tag, without
# being given their ids: the verdict stays unknown. A module that has nothing to
# do with backups and is not told about a file system leaves the fail standing.

resource "aws_efs_file_system" "unknown_backup_module" {
  creation_token = "shared"
  encrypted      = true
  tags = {
    Backup = "daily"
  }
}

module "backup" {
  source = "git::https://example.com/aws-backup-plan.git?ref=v2.0.0"
  selection_tags = [
    { key = "Backup", value = "daily" },
  ]
}
