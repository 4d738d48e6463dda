provider "aws" {
  region = "eu-west-1"
}

# The secondary comes from a registry module that cannot be expanded
# offline and is given the global cluster's id: it may well be there.
resource "aws_rds_global_cluster" "unknown_remote_secondary" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_remote_secondary.id
}

module "secondary" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "~> 9.0"

  name                      = "orders-dr"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_remote_secondary.id
}

# Nothing given to the module names this one.
resource "aws_rds_global_cluster" "fail_not_given_to_module" {
  global_cluster_identifier = "audit"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "audit" {
  cluster_identifier        = "audit-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_not_given_to_module.id
}
