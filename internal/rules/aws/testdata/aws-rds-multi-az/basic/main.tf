variable "ha" {
  type    = bool
  default = true
}

variable "ha_unset" {
  type = bool
}

locals {
  environments = { prod = true, staging = true }
}

resource "aws_db_instance" "pass_multi_az" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  multi_az          = true
}

resource "aws_db_instance" "pass_via_variable" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  multi_az          = var.ha
}

resource "aws_db_instance" "pass_for_each" {
  for_each          = local.environments
  identifier        = "shop-${each.key}"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  multi_az          = each.value
}

# CreateDBInstance defaults MultiAZ to false.
resource "aws_db_instance" "fail_omitted" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_false" {
  engine            = "mysql"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  multi_az          = false
}

resource "aws_db_instance" "unknown_variable_without_value" {
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
  multi_az          = var.ha_unset
}

resource "aws_db_instance" "skip_aurora_member" {
  engine         = "aurora-mysql"
  instance_class = "db.r6g.large"
}
