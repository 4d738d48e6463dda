# Module calls that are not on disk (never `terraform init`ed here). Only a
# call that is told about a database could create its alarm.

variable "reports_name" {
  type = string
}

resource "aws_db_instance" "unknown_given_to_module" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_db_instance" "unknown_named_in_module" {
  identifier        = "billing"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_db_instance" "unknown_same_variable" {
  identifier        = var.reports_name
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

resource "aws_db_instance" "fail_no_module_knows_it" {
  identifier        = "audit"
  engine            = "postgres"
  instance_class    = "db.m6g.large"
  allocated_storage = 20
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
  azs    = ["eu-west-1a", "eu-west-1b"]
}

module "orders_alarms" {
  source      = "git::https://example.com/rds-alarms.git?ref=v1.2.0"
  db_instance = aws_db_instance.unknown_given_to_module.id
}

module "billing_alarms" {
  source      = "git::https://example.com/rds-alarms.git?ref=v1.2.0"
  identifiers = ["billing"]
}

module "reports_alarms" {
  source = "git::https://example.com/rds-alarms.git?ref=v1.2.0"
  db     = var.reports_name
}
