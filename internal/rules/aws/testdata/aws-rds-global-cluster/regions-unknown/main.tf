variable "secondary_region" {
  type = string
}

variable "primary_region" {
  type = string
}

provider "aws" {
  region = var.primary_region
}

provider "aws" {
  alias  = "secondary"
  region = var.secondary_region
}

# The secondary's provider region has no value: it may be another region.
resource "aws_rds_global_cluster" "unknown_secondary_region" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-primary"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_secondary_region.id
}

resource "aws_rds_cluster" "secondary" {
  provider                  = aws.secondary
  cluster_identifier        = "orders-secondary"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_secondary_region.id
}

# Both members under the one provider configuration: whatever its region,
# it is the same one.
resource "aws_rds_global_cluster" "fail_one_provider_unknown_region" {
  global_cluster_identifier = "carts"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "carts_a" {
  cluster_identifier        = "carts-a"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_one_provider_unknown_region.id
}

resource "aws_rds_cluster" "carts_b" {
  cluster_identifier        = "carts-b"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_one_provider_unknown_region.id
}
