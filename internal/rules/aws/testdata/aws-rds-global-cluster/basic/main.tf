provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

variable "password" {
  type      = string
  sensitive = true
}

# Primary in eu-west-1 (default provider), secondary in us-east-1 (aws.us),
# both by reference.
resource "aws_rds_global_cluster" "pass_two_regions" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
  engine_version            = "15.4"
}

resource "aws_rds_cluster" "orders_primary" {
  cluster_identifier        = "orders-eu"
  engine                    = aws_rds_global_cluster.pass_two_regions.engine
  engine_version            = aws_rds_global_cluster.pass_two_regions.engine_version
  global_cluster_identifier = aws_rds_global_cluster.pass_two_regions.id
  master_username           = "app"
  master_password           = var.password
}

resource "aws_rds_cluster" "orders_secondary" {
  provider                  = aws.us
  cluster_identifier        = "orders-us"
  engine                    = aws_rds_global_cluster.pass_two_regions.engine
  engine_version            = aws_rds_global_cluster.pass_two_regions.engine_version
  global_cluster_identifier = aws_rds_global_cluster.pass_two_regions.id
  depends_on                = [aws_rds_cluster.orders_primary]
}

# The secondary joins by the global cluster's identifier, written as a literal.
resource "aws_rds_global_cluster" "pass_by_name" {
  global_cluster_identifier = "carts"
  engine                    = "aurora-mysql"
}

resource "aws_rds_cluster" "carts_primary" {
  cluster_identifier        = "carts-eu"
  engine                    = "aurora-mysql"
  global_cluster_identifier = "carts"
  master_username           = "app"
  master_password           = var.password
}

resource "aws_rds_cluster" "carts_secondary" {
  provider                  = aws.us
  cluster_identifier        = "carts-us"
  engine                    = "aurora-mysql"
  global_cluster_identifier = "carts"
}

# Created from an existing cluster, which becomes its primary.
resource "aws_rds_cluster" "billing" {
  cluster_identifier = "billing-eu"
  engine             = "aurora-postgresql"
  master_username    = "app"
  master_password    = var.password

  lifecycle {
    ignore_changes = [global_cluster_identifier]
  }
}

resource "aws_rds_global_cluster" "pass_from_existing" {
  global_cluster_identifier    = "billing"
  force_destroy                = true
  source_db_cluster_identifier = aws_rds_cluster.billing.arn
}

resource "aws_rds_cluster" "billing_secondary" {
  provider                  = aws.us
  cluster_identifier        = "billing-us"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.pass_from_existing.id
}

# Only the primary: the global cluster protects nothing.
resource "aws_rds_global_cluster" "fail_one_member" {
  global_cluster_identifier = "audit"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "audit_primary" {
  cluster_identifier        = "audit-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_one_member.id
  master_username           = "app"
  master_password           = var.password
}

# No member at all.
resource "aws_rds_global_cluster" "fail_no_members" {
  global_cluster_identifier = "empty"
  engine                    = "aurora-postgresql"
}

# An unrelated standalone cluster is not a member of anything.
resource "aws_rds_cluster" "standalone" {
  cluster_identifier = "standalone"
  engine             = "aurora-postgresql"
  master_username    = "app"
  master_password    = var.password
}
