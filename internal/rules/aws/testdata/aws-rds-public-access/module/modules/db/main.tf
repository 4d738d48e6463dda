variable "public" {
  type    = bool
  default = true
}

resource "aws_db_instance" "pass_input_overrides_default" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  publicly_accessible = var.public
}

resource "aws_db_instance" "fail_negated_input" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  publicly_accessible = !var.public
}
