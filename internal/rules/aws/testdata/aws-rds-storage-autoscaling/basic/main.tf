resource "aws_db_instance" "pass_grows" {
  engine                = "postgres"
  instance_class        = "db.t3.medium"
  allocated_storage     = 100
  max_allocated_storage = 500
}

resource "aws_db_instance" "fail_fixed" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 100
}

resource "aws_db_instance" "fail_max_too_low" {
  engine                = "mysql"
  instance_class        = "db.t3.medium"
  allocated_storage     = 100
  max_allocated_storage = 100
}
