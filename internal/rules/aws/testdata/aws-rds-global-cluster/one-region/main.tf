provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "eu2"
  region = "eu-west-1"
}

locals {
  members = toset(["a", "b"])
}

# Two members through count-like for_each, same provider: one region.
resource "aws_rds_global_cluster" "fail_same_provider" {
  global_cluster_identifier = "events"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "events" {
  for_each                  = local.members
  cluster_identifier        = "events-${each.key}"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_same_provider.id
}

# Two provider configurations, but both in eu-west-1.
resource "aws_rds_global_cluster" "fail_same_region_two_providers" {
  global_cluster_identifier = "ledger"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "ledger_a" {
  cluster_identifier        = "ledger-a"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_same_region_two_providers.id
}

resource "aws_rds_cluster" "ledger_b" {
  provider                  = aws.eu2
  cluster_identifier        = "ledger-b"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.fail_same_region_two_providers.id
}
