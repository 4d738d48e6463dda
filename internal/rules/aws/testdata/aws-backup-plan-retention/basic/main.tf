variable "days" {
  type = number
}

locals {
  keep_days = 35
}

resource "aws_backup_plan" "pass_forever" {
  name = "forever"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
  }
}

resource "aws_backup_plan" "pass_local" {
  name = "month"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
    lifecycle {
      delete_after = local.keep_days
    }
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"
      lifecycle {
        delete_after = 7
      }
    }
  }
}

resource "aws_backup_plan" "fail_short" {
  name = "short"
  rule {
    rule_name         = "hourly"
    target_vault_name = "Default"
    schedule          = "cron(0 * * * ? *)"
    lifecycle {
      delete_after = 1
    }
  }
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
    lifecycle {
      delete_after = 30
    }
  }
}

resource "aws_backup_plan" "fail_short_copy" {
  name = "short-copy"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"
      lifecycle {
        delete_after = 3
      }
    }
  }
}

resource "aws_backup_plan" "unknown_days" {
  name = "var"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
    lifecycle {
      delete_after = var.days
    }
  }
}
