variable "protect" {
  type = bool
}

variable "env" {
  type    = string
  default = "prod"
}

resource "aws_db_instance" "pass_protected" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  deletion_protection = true
}

resource "aws_db_instance" "pass_conditional_on_env" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  deletion_protection = var.env == "prod"
}

resource "aws_db_instance" "fail_omitted" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
}

resource "aws_db_instance" "unknown_from_variable" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  allocated_storage   = 20
  deletion_protection = var.protect
}

resource "aws_rds_cluster" "fail_cluster_false" {
  engine              = "aurora-postgresql"
  deletion_protection = false
}

resource "aws_rds_cluster" "pass_cluster" {
  engine              = "aurora-postgresql"
  deletion_protection = true
}

resource "aws_db_instance" "skip_aurora_member" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}
