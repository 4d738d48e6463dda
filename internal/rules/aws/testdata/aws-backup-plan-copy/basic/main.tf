resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "second" {
  name = "second"
}

resource "aws_backup_plan" "fail_no_copy" {
  name = "no-copy"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
  }
}

# Copies only into a vault of the same provider configuration: same region and account.
resource "aws_backup_plan" "fail_same_region" {
  name = "same-region"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.second.arn
    }
  }
}

# A literal ARN in another account.
resource "aws_backup_plan" "pass_other_account" {
  name = "other-account"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
  }
  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 ? * SUN *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-central-1:210987654321:backup-vault:vault"
    }
  }
}
