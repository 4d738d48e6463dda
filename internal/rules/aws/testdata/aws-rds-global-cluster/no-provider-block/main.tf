provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

# The primary uses the default provider, which has no block here, so its
# region comes from the environment: it may be us-east-1 too.
resource "aws_rds_global_cluster" "unknown_default_provider_region" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-primary"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_default_provider_region.id
}

resource "aws_rds_cluster" "secondary" {
  provider                  = aws.us
  cluster_identifier        = "orders-us"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_default_provider_region.id
}
