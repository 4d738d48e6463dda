provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

variable "global_id" {
  type = string
}

# One member known; another cluster joins a global cluster named by a
# variable with no value, which may be this one.
resource "aws_rds_global_cluster" "unknown_candidate" {
  global_cluster_identifier = "orders"
  engine                    = "aurora-postgresql"
}

resource "aws_rds_cluster" "primary" {
  cluster_identifier        = "orders-eu"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.unknown_candidate.id
}

resource "aws_rds_cluster" "maybe_secondary" {
  provider                  = aws.us
  cluster_identifier        = "orders-us"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = var.global_id
}
