resource "aws_db_instance" "pass_exported" {
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  allocated_storage               = 20
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "fail_none" {
  engine            = "mysql"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_rds_cluster" "fail_cluster_none" {
  engine = "aurora-postgresql"
}
