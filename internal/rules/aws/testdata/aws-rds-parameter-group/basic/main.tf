resource "aws_db_parameter_group" "main" {
  name   = "orders"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "pass_own_group" {
  engine               = "postgres"
  instance_class       = "db.t3.medium"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.main.name
}

resource "aws_db_instance" "fail_unset" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_default_group" {
  engine               = "mysql"
  instance_class       = "db.t3.medium"
  allocated_storage    = 20
  parameter_group_name = "default.mysql8.0"
}
