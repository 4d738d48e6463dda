variable "skip" {
  type = bool
}

resource "aws_db_instance" "fail_skipped" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  skip_final_snapshot = true
}

resource "aws_db_instance" "pass_default" {
  engine                    = "postgres"
  instance_class            = "db.t3.medium"
  allocated_storage         = 20
  final_snapshot_identifier = "orders-final"
}

resource "aws_db_instance" "unknown_from_variable" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  skip_final_snapshot = var.skip
}

resource "aws_rds_cluster" "fail_cluster_skipped" {
  engine              = "aurora-postgresql"
  skip_final_snapshot = true
}
