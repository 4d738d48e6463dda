variable "db_password_default" {
  type      = string
  sensitive = true
  default   = "correct-horse-battery"
}

variable "db_password_tfvars" {
  type      = string
  sensitive = true
}

variable "db_password_runtime" {
  type      = string
  sensitive = true
}

data "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db"
}

resource "aws_db_instance" "fail_literal" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  username          = "admin"
  password          = "hunter2hunter2"
}

resource "aws_db_instance" "fail_variable_default" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  username          = "admin"
  password          = var.db_password_default
}

# terraform.tfvars is committed beside the code: still a literal.
resource "aws_db_instance" "fail_tfvars" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  username          = "admin"
  password          = var.db_password_tfvars
}

resource "aws_db_instance" "pass_data_source" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  username          = "admin"
  password          = data.aws_secretsmanager_secret_version.db.secret_string
}

resource "aws_db_instance" "pass_given_at_runtime" {
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  allocated_storage = 20
  username          = "admin"
  password          = var.db_password_runtime
}

resource "aws_db_instance" "pass_managed_by_rds" {
  engine                      = "postgres"
  instance_class              = "db.t3.medium"
  allocated_storage           = 20
  username                    = "admin"
  manage_master_user_password = true
}

resource "aws_db_instance" "skip_replica" {
  replicate_source_db = aws_db_instance.pass_managed_by_rds.identifier
  instance_class      = "db.t3.medium"
}

resource "aws_rds_cluster" "fail_cluster_literal" {
  engine          = "aurora-postgresql"
  master_username = "admin"
  master_password = "s3cr3t-s3cr3t"
}

resource "aws_elasticache_replication_group" "fail_auth_token" {
  replication_group_id       = "cache"
  description                = "cache"
  transit_encryption_enabled = true
  auth_token                 = "an-auth-token-of-16-chars"
}
