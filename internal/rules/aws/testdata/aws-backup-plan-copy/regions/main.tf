provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}

resource "aws_backup_vault" "main" {
  name = "main"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}

resource "aws_backup_plan" "pass_cross_region" {
  name = "cross-region"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

# A literal ARN in the plan's own region: another account or not, the code cannot tell.
resource "aws_backup_plan" "unknown_same_region_arn" {
  name = "same-region-arn"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:eu-west-1:210987654321:backup-vault:vault"
    }
  }
}

resource "aws_backup_plan" "pass_other_region_arn" {
  name = "other-region-arn"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"
    }
  }
}

resource "aws_backup_plan" "fail_no_copy" {
  name = "local"
  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 5 * * ? *)"
  }
}
