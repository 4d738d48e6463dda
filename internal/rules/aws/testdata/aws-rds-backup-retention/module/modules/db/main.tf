variable "retention" {
  type = number
}

# The expectation is in the name; the caller decides the value, so the two
# instances of this module are named by their module key in the checks below.
resource "aws_db_instance" "pass_good" {
  count                   = var.retention >= 7 ? 1 : 0
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = var.retention
}

resource "aws_db_instance" "fail_bad" {
  count                   = var.retention < 7 ? 1 : 0
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 20
  backup_retention_period = var.retention
}
