provider "aws" {
  region = "eu-west-1"
}

variable "dr_region" {
  type = string
}

# hashicorp/aws 6: one provider configuration, the secondary chooses its
# region with the resource's own region argument.
resource "aws_rds_global_cluster" "pass_region_argument" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.pass_region_argument.id
}

resource "aws_rds_cluster" "secondary" {
  region                    = "us-east-1"
  cluster_identifier        = "orders-us"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.pass_region_argument.id
}

resource "aws_rds_global_cluster" "unknown_region_argument" {
  global_cluster_identifier = "carts"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "carts_primary" {
  cluster_identifier        = "carts-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_region_argument.id
}

resource "aws_rds_cluster" "carts_secondary" {
  region                    = var.dr_region
  cluster_identifier        = "carts-dr"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_region_argument.id
}
