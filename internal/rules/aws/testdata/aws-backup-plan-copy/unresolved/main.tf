variable "dr_vault_arn" {
  type = string
}

variable "rules" {
  type = list(object({ name = string, schedule = string, copy_to = list(string) }))
}

resource "aws_backup_plan" "unknown_destination" {
  name = "dr"
  rule {
    rule_name         = "daily"
    target_vault_name = "Default"
    schedule          = "cron(0 5 * * ? *)"
    copy_action {
      destination_vault_arn = var.dr_vault_arn
    }
  }
}

resource "aws_backup_plan" "unknown_rules" {
  name = "dynamic"
  dynamic "rule" {
    for_each = var.rules
    content {
      rule_name         = rule.value.name
      target_vault_name = "Default"
      schedule          = rule.value.schedule
      dynamic "copy_action" {
        for_each = rule.value.copy_to
        content {
          destination_vault_arn = copy_action.value
        }
      }
    }
  }
}

# Rules from a variable, none of which has a copy_action.
resource "aws_backup_plan" "fail_dynamic_without_copy" {
  name = "dynamic-local"
  dynamic "rule" {
    for_each = var.rules
    content {
      rule_name         = rule.value.name
      target_vault_name = "Default"
      schedule          = rule.value.schedule
    }
  }
}
