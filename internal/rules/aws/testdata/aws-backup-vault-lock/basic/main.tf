resource "aws_backup_vault" "pass_locked" {
  name = "main"
}

resource "aws_backup_vault_lock_configuration" "main" {
  backup_vault_name   = aws_backup_vault.pass_locked.name
  min_retention_days  = 7
  changeable_for_days = 3
}

# Locked by name, in governance mode.
resource "aws_backup_vault" "pass_by_name" {
  name = "copies"
}

resource "aws_backup_vault_lock_configuration" "copies" {
  backup_vault_name  = "copies"
  min_retention_days = 7
}

resource "aws_backup_vault" "fail_unlocked" {
  name = "scratch"
}
