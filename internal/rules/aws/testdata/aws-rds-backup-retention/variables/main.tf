variable "retention" {
  type    = number
  default = 3
}

variable "retention_from_pipeline" {
  type = number
}

locals {
  long_retention = 30
  dbs            = toset(["orders", "users"])
}

resource "aws_db_instance" "fail_via_variable_default" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = var.retention
}

resource "aws_db_instance" "pass_via_local" {
  count                   = 2
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = local.long_retention
}

resource "aws_db_instance" "pass_for_each" {
  for_each                = local.dbs
  identifier              = each.key
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = max(7, var.retention)
}

resource "aws_db_instance" "unknown_without_value" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = var.retention_from_pipeline
}
