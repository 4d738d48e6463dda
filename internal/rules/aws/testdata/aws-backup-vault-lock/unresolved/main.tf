variable "locked_vault" {
  type = string
}

resource "aws_backup_vault" "unknown_maybe_locked" {
  name = "main"
}

# The lock names a vault from a variable with no value: it may be this one.
resource "aws_backup_vault_lock_configuration" "some" {
  backup_vault_name  = var.locked_vault
  min_retention_days = 7
}
