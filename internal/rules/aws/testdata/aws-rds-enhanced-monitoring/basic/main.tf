resource "aws_db_instance" "pass_monitored" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  monitoring_interval = 30
  monitoring_role_arn = "arn:aws:iam::123456789012:role/rds-monitoring"
}

resource "aws_db_instance" "fail_off" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}
